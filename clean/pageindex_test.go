package clean

import (
	"strings"
	"testing"
)

// TestClosingIndex: a manual page closed by an index of its own sections
// (jumps within the page, each the words of a heading above) loses the
// index and its label; a table of contents above the sections it names
// goes as well (openingIndex), and a list of jumps that names no heading
// stays.
func TestClosingIndex(t *testing.T) {
	sect := func(name, body string) string {
		return `<a name="` + name + `"></a><h2>` + name + `</h2>` + "\n" + body + "\n<p>\n"
	}
	body := sect("NAME", "tally - count the lines of a file and print the count on standard output") +
		sect("SYNOPSIS", "tally [-v] [file ...] reads each file named, or standard input when none is named.") +
		sect("DESCRIPTION", "tally reads its input to the end and prints how many newline characters it saw, one count per file, in the order the files were named.")
	index := `<hr><a name="index"></a><h2>Index</h2><dl><dt><a href="#NAME">NAME</a><dd><dt><a href="#SYNOPSIS">SYNOPSIS</a><dd><dt><a href="#DESCRIPTION">DESCRIPTION</a><dd></dl><hr>`
	for _, c := range []struct {
		name, page string
		must, not  []string
	}{
		{"closing index", `<html><head><title>Man page of TALLY</title></head><body><h1>TALLY</h1>` + body + index + `</body></html>`,
			[]string{"NAME", "SYNOPSIS", "prints how many newline"}, []string{"Index", "DESCRIPTION\n\nNAME"}},
		{"table of contents above", `<html><head><title>Man page of TALLY</title></head><body><h1>TALLY</h1>` +
			`<dl><dt><a href="#NAME">NAME</a><dd><dt><a href="#SYNOPSIS">SYNOPSIS</a><dd><dt><a href="#DESCRIPTION">DESCRIPTION</a><dd></dl>` + body + `</body></html>`,
			[]string{"NAME\n\ntally - count", "prints how many newline"}, []string{"NAME\n\nSYNOPSIS\n\nDESCRIPTION"}},
	} {
		d, err := Clean(Input{URL: "https://docs.example/man1/tally.1.html", Body: []byte(c.page)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, w := range c.must {
			if !strings.Contains(d.Text, w) {
				t.Errorf("%s: lost %q:\n%s", c.name, w, d.Text)
			}
		}
		for _, w := range c.not {
			if strings.Contains(d.Text, w) {
				t.Errorf("%s: kept %q:\n%s", c.name, w, d.Text)
			}
		}
	}
}

// TestClosingTOC: a texinfo manual's table of contents set after its
// sections, a list of chapters each with a nested list of its sections,
// goes whole, its label too: the chapters' entries, whose items hold the
// nested lists, as well as the sections'.
func TestClosingTOC(t *testing.T) {
	var body, toc strings.Builder
	for c, chapter := range []string{"Basic Elements", "Expressions", "Functions"} {
		num := string(rune('1' + c))
		body.WriteString(`<h2>` + num + ` ` + chapter + `</h2><p>This chapter tells how the calculator reads ` + chapter + ` and what it does with each of them once read.</p>`)
		toc.WriteString(`<li><a href="#c` + num + `">` + num + ` ` + chapter + `</a><ul>`)
		for s := range 2 {
			sec := num + "." + string(rune('1'+s)) + " Part " + string(rune('A'+s))
			body.WriteString(`<h3>` + sec + `</h3><p>This section of ` + chapter + ` gives the rules of its part in full, with an example of each rule.</p>`)
			toc.WriteString(`<li><a href="#s` + num + string(rune('1'+s)) + `">` + sec + `</a></li>`)
		}
		toc.WriteString(`</ul></li>`)
	}
	page := `<html><head><title>calc manual</title></head><body><h1>calc</h1>` + body.String() +
		`<div class="contents"><h2>Table of Contents</h2><ul>` + toc.String() + `</ul></div></body></html>`
	d, err := Clean(Input{URL: "https://docs.example/calc.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "with an example of each rule.") {
		t.Fatalf("lost the text:\n%s", d.Text)
	}
	if i := strings.Index(d.Text, "Functions\n\nThis chapter"); i < 0 || strings.Contains(d.Text[i:], "Table of Contents") || strings.Contains(d.Text[i:], "1 Basic Elements") || strings.Contains(d.Text[i:], "2.1 Part A") {
		t.Errorf("kept the closing table of contents:\n%s", d.Text)
	}
}

// TestOpeningIndex: an official document's contents list at its top, a
// list of jumps each naming a section heading below it, goes with its
// label whether a heading or a bold line of its box labels it, its
// nested entries too; the headings it names stay, and so do the
// headline (Title) above a contents list with no label, and a list of
// jumps that names no heading (a list of the page's figures).
func TestOpeningIndex(t *testing.T) {
	secs := []string{"1. Introduction", "2. Scope of the strategy", "3. Funding and delivery", "4. Next steps"}
	var body strings.Builder
	for i, s := range secs {
		body.WriteString(`<h2 id="s` + string(rune('0'+i)) + `">` + s + `</h2><p>The government will support local councils in ` + s + ` and will see that funding reaches the coastal places most exposed to erosion.</p>`)
	}
	entries := func(nested bool) string {
		var b strings.Builder
		for i, s := range secs {
			b.WriteString(`<li><a href="#s` + string(rune('0'+i)) + `">` + s + `</a>`)
			if nested && i == 0 {
				b.WriteString(`<ol><li><a href="#s1">Scope of the strategy</a></li></ol>`)
			}
			b.WriteString(`</li>`)
		}
		return b.String()
	}
	page := func(toc string) string {
		return `<html><head><title>Coastal strategy</title></head><body><div id="page"><div class="content"><h1>National strategy for coastal resilience</h1>` +
			toc + body.String() + `</div><div class="side"><a href="/x">Marine planning</a></div></div></body></html>`
	}
	for _, c := range []struct {
		name, toc string
		must, not []string
	}{
		{"heading label", `<div class="toc"><h2>Contents</h2><ol>` + entries(false) + `</ol></div>`, nil, []string{"Contents", "Introduction\n\n2. Scope"}},
		{"bold label nested", `<div class="toc"><p><strong>Inhalt</strong></p><ol>` + entries(true) + `</ol></div>`, nil, []string{"Inhalt", "Introduction\n\nScope", "Introduction\n\n2. Scope"}},
		{"no label", `<ol>` + entries(false) + `</ol>`, nil, []string{"Introduction\n\n2. Scope"}},
		{"section's own list", `<div class="section"><h2>Parts of the strategy</h2><ol>` + entries(false) + `</ol>` + body.String() + `</div>`, []string{"Parts of the strategy"}, []string{"Introduction\n\n2. Scope"}},
		{"long entries", `<div class="toc"><h2>Contents</h2><ol>` + entries(false) + `<li><a href="#s8">4.1 Funding of <abbr>RNLI</abbr> stations</a></li><li><a href="#s9">5. Annex A: how the figures of the funding tables were gathered from all the councils and checked by the office</a></li>` + entries(false) + `</ol></div>`, nil, []string{"Contents", "Introduction\n\n2. Scope", "Annex A", "RNLI"}},
		{"figures", `<p>Figures</p><ol><li><a href="#f1">Figure 1: Funding by region</a></li><li><a href="#f2">Figure 2: Erosion rates</a></li><li><a href="#f3">Figure 3: Homes at risk</a></li></ol>`, []string{"Figures", "Figure 1: Funding by region", "Figure 3: Homes at risk"}, nil},
	} {
		d, err := Clean(Input{URL: "https://www.gov.example/coast.html", Body: []byte(page(c.toc))})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.Title != "National strategy for coastal resilience" {
			t.Errorf("%s: Title %q", c.name, d.Title)
		}
		for _, w := range append(c.must, secs[0]+"\n\nThe government", secs[3]+"\n\nThe government") {
			if !strings.Contains(d.Text, w) {
				t.Errorf("%s: lost %q:\n%s", c.name, w, d.Text)
			}
		}
		for _, w := range c.not {
			if strings.Contains(d.Text, w) {
				t.Errorf("%s: kept %q:\n%s", c.name, w, d.Text)
			}
		}
	}
}

// TestClosingIndexOfTwo: a short manual page of two sections closes with
// an index of two jumps, each the words of a heading above; the index and
// its label go, the sections stay.
func TestClosingIndexOfTwo(t *testing.T) {
	page := `<html><head><title>quux(1)</title></head><body><h1>quux</h1>` +
		`<a name="NAME"></a><h2>NAME</h2><p>quux - print the quux of each file named on the command line, one per line</p>` +
		`<a name="DESCRIPTION"></a><h2>DESCRIPTION</h2><p>quux reads every file named and prints a digest of its quuxes, in the order the files were named.</p>` +
		`<hr><h2>Index</h2><dl><dt><a href="#NAME">NAME</a><dd><dt><a href="#DESCRIPTION">DESCRIPTION</a><dd></dl></body></html>`
	d, err := Clean(Input{URL: "https://docs.example/man1/quux.1.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "NAME\n\nquux - print") || !strings.Contains(d.Text, "in the order the files were named.") {
		t.Fatalf("lost the sections:\n%s", d.Text)
	}
	if strings.Contains(d.Text, "Index") || strings.HasSuffix(d.Text, "DESCRIPTION") {
		t.Errorf("kept the closing index of two entries:\n%s", d.Text)
	}
}

// TestOpeningLinkBar: a manual page whose metadata lines ("Section: …")
// stand above a bar of two links ("Index Return to Main Contents") loses
// the bar, above its first heading; a line of links under a heading, in
// the text, stays, and so does a line with words outside its links.
func TestOpeningLinkBar(t *testing.T) {
	page := `<HTML><HEAD><TITLE>Man page of FROB</TITLE></HEAD><BODY><H1>FROB</H1>
Section: User Commands (1)<BR>Updated: 2024-03-02<BR><A HREF="#index">Index</A>
<A HREF="../index.html">Return to Main Contents</A><HR>
<A NAME="lbNAME">&nbsp;</A><H2>NAME</H2>frob - turn the knobs of a running daemon from the shell
<A NAME="lbDESC">&nbsp;</A><H2>DESCRIPTION</H2><P>frob sends one message to the daemon named in its configuration and waits for the answer, which it prints before it exits.</P>
<H2>FILES</H2><P><A HREF="knob.5.html">knob(5)</A> <A HREF="frobd.8.html">frobd(8)</A></P>
<P>Read <A HREF="knob.5.html">knob(5)</A> first.</P></BODY></HTML>`
	d, err := Clean(Input{URL: "https://docs.example/man1/frob.1.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Text, "Return to Main Contents") {
		t.Errorf("kept the bar of links above the text:\n%s", d.Text)
	}
	for _, w := range []string{"turn the knobs", "which it prints before it exits.", "Read knob(5) first."} {
		if !strings.Contains(d.Text, w) {
			t.Errorf("lost %q:\n%s", w, d.Text)
		}
	}
}
