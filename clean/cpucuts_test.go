package clean

import (
	"math/rand/v2"
	"mime"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"testing"
)

// containsFoldASCIIBytewise is containsFoldASCII as it was written first:
// every byte of s a place where sub may begin.
func containsFoldASCIIBytewise(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// TestContainsFoldASCIIAsBytewise: containsFoldASCII, which compares only
// where IndexByte finds sub's first byte, answers as the byte loop does on
// the test pages' lines and on random joins of near misses, for every word
// its callers ask about, "\r" for "-" (0x0D with its 0x20 bit set is '-')
// and the empty word included.
func TestContainsFoldASCIIAsBytewise(t *testing.T) {
	subs := []string{"", "updated", "modified", "publi", "date", "po", "ted", "source", "share-", "-", "d", "@x"}
	rng := rand.New(rand.NewPCG(16, 32))
	pieces := []string{"UPDATED", "upd", "ated", "Modi", "fied", "Po", "ted", "DaTe", "d", "D", "\r", "-", "share", "\rshare\r", "更新", "日期", " ", "ſource", "sou", "rce", "@X", "`x"}
	lines := append(prefilterLines(t), randomJoins(rng, pieces, 8, 20000)...)
	found := 0
	for _, l := range lines {
		for _, sub := range subs {
			got, want := containsFoldASCII(l, sub), containsFoldASCIIBytewise(l, sub)
			if got != want {
				t.Fatalf("containsFoldASCII(%q, %q) = %v, the byte loop says %v", l, sub, got, want)
			}
			if got && sub != "" {
				found++
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d lines hold a word: inputs missing?", found)
	}
}

// BenchmarkContainsFoldASCII asks for the words fromRuns's prefilters ask
// about in every run of BenchmarkClean's pages that holds a digit, one op
// per page, with containsFoldASCII (indexed) and the byte loop (bytewise).
func BenchmarkContainsFoldASCII(b *testing.B) {
	pages := benchDateLines(b)
	words := []string{"publi", "date", "po", "ted", "updated", "modified"}
	classes := []string{"", "top", "logo", "crumbs", "meta", "related", "search", "story-body", "article-content main", "nav-item active", "col-md-8 col-sm-12", "footer"}
	for _, c := range []struct {
		name string
		fn   func(s, sub string) bool
	}{{"indexed", containsFoldASCII}, {"bytewise", containsFoldASCIIBytewise}} {
		b.Run("lines/"+c.name, func(b *testing.B) {
			i, n := 0, 0
			for b.Loop() {
				for _, l := range pages[i%len(pages)] {
					for _, w := range words {
						if c.fn(l, w) {
							n++
						}
					}
				}
				i++
			}
		})
		b.Run("classes/"+c.name, func(b *testing.B) { // as bylineNames asks, a dozen class names a op
			for b.Loop() {
				for _, n := range classes {
					c.fn(n, "byline")
					c.fn(n, "author")
				}
			}
		})
	}
}

// lastTitleSepByLastIndex is lastTitleSep as stripSiteName first found it:
// strings.LastIndex of each separator, the largest winning.
func lastTitleSepByLastIndex(t string) (int, string) {
	best, sep := -1, ""
	for _, s := range titleSeps {
		if i := strings.LastIndex(t, s); i > best {
			best, sep = i, s
		}
	}
	return best, sep
}

// TestLastTitleSepAsLastIndex: lastTitleSep finds the separator the
// LastIndex of each finds, on the test pages' lines and on random joins of
// the separators and their pieces.
func TestLastTitleSepAsLastIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(64, 128))
	pieces := append([]string{" ", "-", "|", ":", "·", "–", "—", "｜", "\xef", "\xe2\x80", "a", "标题", "_"}, titleSeps...)
	lines := append(prefilterLines(t), randomJoins(rng, pieces, 8, 20000)...)
	found := 0
	for _, l := range lines {
		i, s := lastTitleSep(l)
		wi, ws := lastTitleSepByLastIndex(l)
		if i != wi || s != ws {
			t.Fatalf("lastTitleSep(%q) = %d %q, LastIndex says %d %q", l, i, s, wi, ws)
		}
		if i >= 0 {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("only %d lines hold a separator: inputs missing?", found)
	}
}

// BenchmarkLastTitleSep finds the last separator in the <title> of each
// of BenchmarkClean's pages, one op per page, with lastTitleSep (scan)
// and with LastIndex of each separator (lastindex).
func BenchmarkLastTitleSep(b *testing.B) {
	var titles []string
	for _, in := range utf8Pages(benchPages(b)) {
		root, err := html.Parse(strings.NewReader(string(in.Body)))
		if err != nil {
			b.Fatal(err)
		}
		titles = append(titles, collapse(collectMeta(root).title))
	}
	for _, c := range []struct {
		name string
		fn   func(string) (int, string)
	}{{"scan", lastTitleSep}, {"lastindex", lastTitleSepByLastIndex}} {
		b.Run(c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				c.fn(titles[i%len(titles)])
				i++
			}
		})
	}
}

// readsByParse is Reads as it was first written: every type parsed.
func readsByParse(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err != nil || mt == "text/html" || mt == "application/xhtml+xml" || mt == "text/plain"
}

// TestReadsAsParsed: Reads, which reads the type before any parameter
// first, says what parsing every Content-Type says, on types in every
// case, with broken and repeated parameters, and on random joins of their
// pieces.
func TestReadsAsParsed(t *testing.T) {
	types := []string{"", "text/html", "TEXT/HTML; charset=utf-8", " text/html ;charset=gbk", "text/html; charset", "text/html;;",
		"application/xhtml+xml", "Application/XHTML+XML; q=1", "text/plain; charset=\"x", "text/plain; a=1; a=2",
		"application/pdf", "application/pdf; charset=utf-8", "image/png;", "text/htm", "text/htmlx", "text / html",
		"te\u212at/html", "text/\u017ftml", "text/html\u0130", "application/rss+xml", "text/xml; charset=utf-8", "bad", "/", ";"}
	rng := rand.New(rand.NewPCG(5, 9))
	pieces := []string{"text", "TEXT", "/", "html", "HTML", "plain", "application", "xhtml+xml", "pdf", ";", " ", "charset", "=", "utf-8", "\"", "K", "\u212a", "ſ", "\t", "q=1"}
	types = append(types, randomJoins(rng, pieces, 8, 20000)...)
	yes := 0
	for _, ct := range types {
		got, want := Reads(ct), readsByParse(ct)
		if got != want {
			t.Fatalf("Reads(%q) = %v, parsing says %v", ct, got, want)
		}
		if got {
			yes++
		}
	}
	if yes < 100 || yes == len(types) {
		t.Errorf("Reads said yes to %d of %d types: inputs missing?", yes, len(types))
	}
}

// BenchmarkReads asks about the Content-Type the generated site of
// bench/crawl serves, one op per ask, with Reads (fast) and by parsing it
// (parsed).
func BenchmarkReads(b *testing.B) {
	for _, c := range []struct {
		name string
		fn   func(string) bool
	}{{"fast", Reads}, {"parsed", readsByParse}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.fn("text/html; charset=utf-8")
			}
		})
	}
}

// TestRunIsFieldText: every run runIsFieldText says yes to has the text
// fieldText makes of its owner, on the test pages and on blocks that hold
// white space fieldText folds and the run keeps (a <pre>, runes
// unicode.IsSpace counts that the walk's writer keeps), and it says yes
// to most one-line blocks.
func TestRunIsFieldText(t *testing.T) {
	crafted := `<html><body><p>来源：新华社 2022-11-07</p><p>Source: Xinhua  2022</p><pre>Source: a  b</pre><pre> Source: x</pre>` +
		`<pre>来源：人民网` + "\n" + `记者 张三</pre><div><pre>a b</pre></div><p>来源：新华社` + "\u2000" + `编辑</p><p>来源：` + "\u2000" + `新华社</p>` +
		`<p>` + "\u2001" + `来源：新华社</p><p>来源：新华社` + "\u00a0\u00a0" + `x</p><p>来源：新` + "\n" + `华社</p><p>Source:` + "\t" + `AP</p>` +
		`<table><tr><td>来源：新华社</td><td>2022</td></tr></table><p>来源：<a href="/x">新华网</a> 原文</p><p>a<br>b</p></body></html>`
	var roots []*html.Node
	roots = append(roots, parseTestPage(t, crafted))
	for _, in := range utf8Pages(benchPages(t)) {
		roots = append(roots, parseTestPage(t, string(in.Body)))
	}
	yes, no := 0, 0
	for _, root := range roots {
		bw := walkBlocks(root)
		for _, r := range bw.runs {
			if !runIsFieldText(r) {
				no++
				continue
			}
			yes++
			if f := fieldText(r.owner); f != r.text {
				t.Errorf("runIsFieldText: run %q, but fieldText of its <%s> is %q", r.text, r.owner.Data, f)
			}
		}
		bw.release()
	}
	if yes < 300 || no < 300 {
		t.Errorf("runIsFieldText said yes to %d runs and no to %d: inputs missing?", yes, no)
	}
}

// sourceLineAsBefore is attribution's first step as it was first written:
// fieldText of a source line's block made and read again whatever it is.
func sourceLineAsBefore(runs []run) string {
	for _, r := range runs {
		if len(r.text) > 400 {
			continue
		}
		if s := sourceFromLine(r.text); s != "" {
			if f := sourceFromLine(fieldText(r.owner)); f != "" && strings.HasPrefix(s, f) {
				return f
			}
			return s
		}
	}
	return ""
}

// BenchmarkSourceLine finds the source line of BenchmarkClean's pages,
// walked beforehand, one op per page: as attribution does (skip) and
// with fieldText made again for every source line (before).
func BenchmarkSourceLine(b *testing.B) {
	pages := benchPageRuns(b)
	pm := &pageMeta{}
	for _, c := range []struct {
		name string
		fn   func([]run) string
	}{{"skip", func(rs []run) string { return attribution(pm, rs, nil) }}, {"before", sourceLineAsBefore}} {
		b.Run(c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				c.fn(pages[i%len(pages)])
				i++
			}
		})
	}
}

// TestUpdLabelAsExpression: findUpdLabel finds what
// updLabelRe.FindStringIndex finds, on every short test line, folded, and
// on random joins of the labels' pieces and near misses, in either case.
func TestUpdLabelAsExpression(t *testing.T) {
	pieces := []string{"更新时间", "更新日期", "修改时间", "更新", "修改", "时间", "日期", "last updated", "LAST UPDATED", "laſt updated", "Last", "updated",
		"UPDATED on", "Updated On", " on", "modified", "MODIFIED", "mod", "ified", "up", "dated", "l", "a", "u", "p", "m", "o", " ", "\t", ":", "：", "2022", "\xe6", "\xe4\xbf"}
	rng := rand.New(rand.NewPCG(21, 22))
	texts := shortLines(folded(prefilterLines(t)))
	texts = append(texts, randomJoins(rng, pieces, 10, 20000)...)
	found := 0
	for _, s := range texts {
		got, want := findUpdLabel(s), updLabelRe.FindStringIndex(s)
		if !slices.Equal(got, want) {
			t.Fatalf("findUpdLabel(%q) = %v, FindStringIndex %v", s, got, want)
		}
		if want != nil {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("only %d texts hold a label: samples missing?", found)
	}
}

// findUpdLabelSearched is findUpdLabel as it was first written: the
// expression searched for from every byte once the prefilter lets a line
// through.
func findUpdLabelSearched(t string) []int {
	if !strings.Contains(t, "更新") && !strings.Contains(t, "修改") &&
		!containsFoldASCII(t, "updated") && !containsFoldASCII(t, "modified") {
		return nil
	}
	return updLabelRe.FindStringIndex(t)
}

// BenchmarkFindUpdLabel asks for an update label on the lines fromRuns
// asks about (at most 300 bytes, with a digit, folded) of BenchmarkClean's
// pages and on a line of Chinese prose that names 城市更新, one op per
// page or line, with findUpdLabel (anchored) and the expression searched
// for (searched).
func BenchmarkFindUpdLabel(b *testing.B) {
	pages := benchDateLines(b)
	prose := "调研组成员表示，交通运输厅将加快落实城市更新试点工作，推动2024年重点项目尽快开工，确保各项任务按期完成。"
	for _, c := range []struct {
		name string
		fn   func(string) []int
	}{{"anchored", findUpdLabel}, {"searched", findUpdLabelSearched}} {
		b.Run("pages/"+c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				for _, l := range pages[i%len(pages)] {
					c.fn(l)
				}
				i++
			}
		})
		b.Run("prose/"+c.name, func(b *testing.B) {
			for b.Loop() {
				c.fn(prose)
			}
		})
	}
}

// TestFormMatchEveryMonth: formMatch, which tries a form only at a byte
// formMayBegin lets through, finds what the unanchored forms find on a
// date of every month, in each case and spelled out, at the start of a
// line and after a word, and on the test pages' short lines.
func TestFormMatchEveryMonth(t *testing.T) {
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	var lines []string
	for _, m := range months {
		for _, w := range []string{m, m[:3], strings.ToUpper(m[:3]), strings.ToLower(m), m[:3] + "."} {
			lines = append(lines, w+" 3, 2024", "Updated "+w+" 12 2021 at 9:30 pm", "3 "+w+" 2024", "x"+w+" 3 2020", "On 21st "+w+" 1999, 10.05")
		}
	}
	lines = append(lines, shortLines(prefilterLines(t))...)
	found := 0
	for _, s := range lines {
		found += checkFormMatch(t, s)
	}
	if found < 200 {
		t.Errorf("only %d dates found: inputs missing?", found)
	}
}

// benchDateLines returns, page by page, the lines of BenchmarkClean's
// pages that fromRuns's prefilters read: runs of at most 300 bytes that
// hold a digit, folded.
func benchDateLines(b *testing.B) [][]string {
	var pages [][]string
	for _, runs := range benchPageRuns(b) {
		var lines []string
		for _, r := range runs {
			if len(r.text) <= 300 && strings.ContainsAny(r.text, "0123456789") {
				lines = append(lines, foldTrad(r.text))
			}
		}
		pages = append(pages, lines)
	}
	return pages
}

// metaAttrs reads what attr reads of itemprop, class and id: the first
// attribute of each key, empty or not, on every element of the test pages
// and on elements that repeat a key.
func TestMetaAttrsAsAttr(t *testing.T) {
	nodes := []*html.Node{
		{Type: html.ElementNode, Attr: []html.Attribute{{Key: "class", Val: ""}, {Key: "class", Val: "byline"}}},
		{Type: html.ElementNode, Attr: []html.Attribute{{Key: "id", Val: "a"}, {Key: "itemprop", Val: "author"}, {Key: "id", Val: "b"}, {Key: "itemprop", Val: ""}}},
		{Type: html.ElementNode},
	}
	eachTestElement(t, func(n *html.Node) { nodes = append(nodes, n) })
	withAll := 0
	for _, n := range nodes {
		ip, class, id := metaAttrs(n)
		if ip != attr(n, "itemprop") || class != attr(n, "class") || id != attr(n, "id") {
			t.Errorf("metaAttrs(%v) = %q %q %q, attr says %q %q %q", n.Attr, ip, class, id, attr(n, "itemprop"), attr(n, "class"), attr(n, "id"))
		}
		if ip != "" || class != "" || id != "" {
			withAll++
		}
	}
	if withAll < 100 {
		t.Fatalf("only %d elements with an itemprop, class or id: test pages missing?", withAll)
	}
}
