package clean

import (
	"strings"
	"testing"
)

// A notice typed with a <br> at the end of every line: each paragraph's
// lines join into one paragraph; an address and a list of short lines
// below it keep their lines.
func TestHardWrappedLinesJoin(t *testing.T) {
	page := `<html><head><title>Notices</title></head><body><table><tr><td><font face=Arial size=2>
The committee met on Thursday in the town hall to consider the plans<br>
for the new footbridge, which were sent to every household in March and<br>
have been on show in the library since then.<br>
<br>
Members heard that the work will take about six weeks and that the old<br>
bridge will stay open until the new one is ready, so that nobody has to<br>
walk the long way round by the main road.<br>
<br>
Town Clerk<br>
The Town Hall<br>
Market Street<br>
<br>
Monday: the library opens at nine in the morning<br>
Tuesday: the library is closed all day for stocktaking<br>
Wednesday: the library opens at ten in the morning<br>
</font></td></tr></table></body></html>`
	doc, err := Clean(Input{URL: "http://town.example.org/notices/footbridge.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(doc.Text, "\n\n")
	want := []string{
		"The committee met on Thursday in the town hall to consider the plans for the new footbridge, which were sent to every household in March and have been on show in the library since then.",
		"Members heard that the work will take about six weeks and that the old bridge will stay open until the new one is ready, so that nobody has to walk the long way round by the main road.",
		"Town Clerk", "The Town Hall", "Market Street",
		"Monday: the library opens at nine in the morning",
		"Tuesday: the library is closed all day for stocktaking",
		"Wednesday: the library opens at ten in the morning",
	}
	if len(paras) != len(want) {
		t.Fatalf("got %d paragraphs, want %d:\n%s", len(paras), len(want), doc.Text)
	}
	for i := range want {
		if paras[i] != want[i] {
			t.Errorf("paragraph %d = %q, want %q", i, paras[i], want[i])
		}
	}
}

// A synopsis of a command's forms, one a line, keeps its lines though
// they are long and open in lower case.
func TestSynopsisLinesStay(t *testing.T) {
	page := `<html><head><title>tally(1)</title></head><body><h1>tally</h1><h2>SYNOPSIS</h2>
<p><code>tally count</code> [<em>options</em>] <em>file</em>[@<em>version</em>]…<br><code>tally count</code> [<em>options</em>] <code>--dir</code> <em>path</em><br><code>tally count</code> [<em>options</em>] <code>--url</code> <em>url</em> [<em>file</em>…]<br><code>tally count</code> [<em>options</em>] <code>--list</code></p>
<h2>DESCRIPTION</h2><p>This command counts the lines of the files it is given and writes one total for each of them, then a grand total for all of them together.</p>
<p>Files that cannot be read are named on the standard error, and the command exits with a status that says so once the others are counted.</p></body></html>`
	doc, err := Clean(Input{URL: "http://docs.example.org/tally/count.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "tally count [options] --dir path\n\ntally count [options] --url") {
		t.Errorf("the synopsis lost its lines:\n%s", doc.Text)
	}
}

// A grammar's rules, one a line, keep their lines.
func TestGrammarLinesStay(t *testing.T) {
	page := `<html><head><title>Record format</title></head><body><h1>Record format</h1>
<p>A record is written as a name, an optional tag and its bytes, in that order, with nothing between them; the rules below give its grammar in full.</p>
<p>record → <em>tag-prefix</em><sub>opt</sub> <em>undecorated-record-body</em><br>undecorated-record-body → <code>r</code><sub>opt</sub> <em>decimal-number</em> <code>_</code><sub>opt</sub> <em>bytes</em><br>bytes → {<em>UTF-8 bytes</em>}</p>
<p>A reader that meets a tag it does not know skips the record whole, and goes on with the next one as if the unknown record had not been there.</p></body></html>`
	doc, err := Clean(Input{URL: "http://docs.example.org/format/records.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "undecorated-record-body\n\nundecorated-record-body →") {
		t.Errorf("the grammar lost its lines:\n%s", doc.Text)
	}
}

// A stack trace's frames, one a line, keep their lines.
func TestTraceLinesStay(t *testing.T) {
	page := `<html><head><title>Reading reports</title></head><body><h1>Reading reports</h1>
<p>When the checker finds a block freed the wrong way it prints where the block was freed and where it was allocated, one frame of the stack a line, as below.</p>
<p>Mismatched free() / delete / delete [] at 0x40043249: free (alloc.c:171)<br>by 0x4102BB4E: Table::~Table(void) (tools/table.cpp:149)<br>by 0x4C261C41: Report::~Report(void) (include/report.h:60)<br>by 0x4C261F0E: Writer::~Writer(void) (writer.cc:44)</p>
<p>The first frame names the function that freed the block; the frames below it name the callers, innermost first, with the file and line of each call.</p></body></html>`
	doc, err := Clean(Input{URL: "http://docs.example.org/checker/reports.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "(tools/table.cpp:149)\n\nby 0x4C261C41") {
		t.Errorf("the trace lost its lines:\n%s", doc.Text)
	}
}

// An address line amid wrapped prose, long and with no full stop, ends
// in a code, not a word in lower case: the sentence after it stays a
// paragraph of its own.
func TestAddressLineEndsParagraph(t *testing.T) {
	page := `<html><head><title>Terms</title></head><body><h1>Terms of use</h1><p>
Copyright (C) 2004 The Example Users Association of Greater Riverton.<br>
14 Market Street, Second Floor, Riverton, RV 04512-2201 UK<br>
Everyone may copy and hand on exact copies of these terms, but no one<br>
may change them without the written consent of the association and of<br>
the members who wrote them in the first place, as the rules require.</p></body></html>`
	doc, err := Clean(Input{URL: "http://assoc.example.org/terms.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "RV 04512-2201 UK\n\nEveryone may copy") {
		t.Errorf("the address line took the sentence after it:\n%s", doc.Text)
	}
	if !strings.Contains(doc.Text, "but no one may change them") {
		t.Errorf("the wrapped sentence stayed split:\n%s", doc.Text)
	}
}

// A wrapped line that opens a quotation goes on in lower case past its
// mark: it joins the line before, though that line is short because the
// quoted word would not fit on it.
func TestQuoteOpeningLineJoins(t *testing.T) {
	page := `<html><head><title>Notice</title></head><body><p>
The parish wrote to the county about the drainage works and the<br>
“flood-defence-and-watercourse-maintenance” scheme that the board<br>
agreed last year, and asked when the work on the brook will start.<br>
<br>
Le maire a rappelé que la commune avait signé la<br>
« convention-cadre-intercommunale-de-développement » avec les<br>
communes voisines au printemps de l'année dernière, après un vote.</p></body></html>`
	doc, err := Clean(Input{URL: "http://parish.example.org/notices/drainage.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	want := "The parish wrote to the county about the drainage works and the “flood-defence-and-watercourse-maintenance” scheme that the board agreed last year, and asked when the work on the brook will start.\n\n" +
		"Le maire a rappelé que la commune avait signé la « convention-cadre-intercommunale-de-développement » avec les communes voisines au printemps de l'année dernière, après un vote."
	if doc.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", doc.Text, want)
	}
}

// A paragraph of exactly two wrapped lines joins when the first stops
// mid-sentence at a word and the second could not have begun on it; a
// signature and an address of two lines keep their lines.
func TestTwoLineParagraphJoins(t *testing.T) {
	page := `<html><head><title>Notice</title></head><body>
<p>The footbridge over the brook will be closed from Monday while the<br>
contractor replaces the rotten boards and paints the railings.</p>
<p>Die Brücke über den Bach bleibt ab Montag gesperrt, solange die<br>
Firma die morschen Bretter ersetzt und das Geländer streicht.</p>
<p>With kind regards from everybody working at the parish office<br>
Margaret Holloway, Clerk to the Parish Council of Northfield</p>
<p>Department of Roads and Bridges, County Hall, Northfield<br>
Market Street 12, Northfield NF1 2AB, United Kingdom</p></body></html>`
	doc, err := Clean(Input{URL: "http://parish.example.org/notices/bridge.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"The footbridge over the brook will be closed from Monday while the contractor replaces the rotten boards and paints the railings.",
		"Die Brücke über den Bach bleibt ab Montag gesperrt, solange die Firma die morschen Bretter ersetzt und das Geländer streicht.",
		"With kind regards from everybody working at the parish office",
		"Margaret Holloway, Clerk to the Parish Council of Northfield",
		"Department of Roads and Bridges, County Hall, Northfield",
		"Market Street 12, Northfield NF1 2AB, United Kingdom",
	}
	if got := strings.Split(doc.Text, "\n\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs:\n%q\nwant:\n%q", got, want)
	}
}

// A list whose items open with a label ("Monday: …") keeps its lines,
// though they are long and the chain is nothing else.
func TestLabelledLinesStay(t *testing.T) {
	page := `<html><head><title>Library</title></head><body>
<p>The library has changed its opening hours for the summer, while the reading room is being painted and the heating replaced.</p>
<p>Monday: the library opens at nine in the morning and closes at six<br>
Tuesday: the library is closed all day for the stocktaking of books<br>
Wednesday: the library opens at ten in the morning and closes at four</p></body></html>`
	doc, err := Clean(Input{URL: "http://library.example.org/hours.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n\nMonday: the library opens at nine in the morning and closes at six\n\n",
		"\n\nTuesday: the library is closed all day for the stocktaking of books\n\n",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("no paragraph %q; text:\n%s", want, doc.Text)
		}
	}
}
