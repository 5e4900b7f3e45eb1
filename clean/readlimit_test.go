package clean

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

func TestReadPrefix(t *testing.T) {
	long := strings.Repeat("a", 100)
	cases := []struct {
		name, body string
		limit      int
		want       string
		cut        bool
	}{
		{"shorter than the limit", "<p>abc</p>", 100, "<p>abc</p>", false},
		{"exactly the limit", "<p>abc</p>", 10, "<p>abc</p>", false},
		{"ends after the last tag", "<p>abc</p><p>def</p>", 15, "<p>abc</p><p>", true},
		{"ends after the last newline", "<p>abc\ndef ghi</p>", 12, "<p>abc\n", true},
		{"no tag end in reach: the limit", long, 40, long[:40], true},
		{"tags past maxMarkup", strings.Repeat("<i>a</i>", maxMarkup), 1 << 30, strings.Repeat("<i>a</i>", maxMarkup/2), true},
		{"maxMarkup tags: whole", strings.Repeat("<i>a</i>", maxMarkup/2) + "tail", 1 << 30, strings.Repeat("<i>a</i>", maxMarkup/2) + "tail", false},
		{"plain: lines past maxMarkup/2", strings.Repeat("a\n\n", maxMarkup), 1 << 30, strings.Repeat("a\n\n", maxMarkup/4), true},
		{"plain: maxMarkup/2 lines, whole", strings.Repeat("a\n", maxMarkup/2) + "tail", 1 << 30, strings.Repeat("a\n", maxMarkup/2) + "tail", false},
		{"plain: tags count too", strings.Repeat("<i>a</i>", maxMarkup), 1 << 30, strings.Repeat("<i>a</i>", maxMarkup/2), true},
		{"HTML: newlines do not count", strings.Repeat("a\n", 2*maxMarkup), 1 << 30, strings.Repeat("a\n", 2*maxMarkup), false},
	}
	for _, c := range cases {
		got, cut := readPrefix([]byte(c.body), c.limit, strings.HasPrefix(c.name, "plain"))
		if string(got) != c.want || cut != c.cut {
			t.Errorf("%s: %q, %v; want %q, %v", c.name, got, cut, c.want, c.cut)
		}
	}
}

// articlePage is an article whose text is known, followed by tail.
func articlePage(tail string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour budget</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour budget</h1>
<p>The council met on Tuesday to review the harbour budget and the plans for the new ferry terminal, which is due to open in the spring.</p>
<p>Members heard from residents who asked for longer opening hours at the library and for safer crossings near the two primary schools.</p>
<p>A final vote on the budget is expected next month, after a public consultation that will run for six weeks.</p>
</article>
<footer>Copyright Harbour Gazette</footer>` + tail + `</body></html>`
}

// TestCleanReadsAPrefix: an article in its first kilobytes, then 10 MiB
// of inline script data (as pages that carry their state or images
// inline do): Clean reads the first DefaultReadLimit bytes, finds the
// same text and metadata as in the page without the junk, and says it
// read a prefix. A page under the limit is read whole.
func TestCleanReadsAPrefix(t *testing.T) {
	junk := "<script>var state = \"" + strings.Repeat("0123456789abcdef", 10<<20/16) + "\";</script>" +
		strings.Repeat("<p>junk after the script junk after the script</p>\n", 1000)
	h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	plain, err := Clean(Input{URL: "http://news.test/a.html", Header: h, Body: []byte(articlePage(""))})
	if err != nil {
		t.Fatal(err)
	}
	if plain.TextTruncated || plain.TextLimit != 0 {
		t.Errorf("page under the limit: TextTruncated %v, TextLimit %d", plain.TextTruncated, plain.TextLimit)
	}
	if !strings.Contains(plain.Text, "ferry terminal") {
		t.Fatalf("the article's text was not found: %q", plain.Text)
	}
	body := []byte(articlePage(junk))
	doc, err := Clean(Input{URL: "http://news.test/a.html", Header: h, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != plain.Text || doc.Title != plain.Title || doc.Lang != plain.Lang {
		t.Errorf("text %q, title %q, lang %q; want %q, %q, %q", doc.Text, doc.Title, doc.Lang, plain.Text, plain.Title, plain.Lang)
	}
	// The limit falls inside the script's data, with no tag end near it.
	if !doc.TextTruncated || doc.TextLimit != DefaultReadLimit {
		t.Errorf("TextTruncated %v, TextLimit %d; want true, %d", doc.TextTruncated, doc.TextLimit, DefaultReadLimit)
	}
	if string(body) != articlePage(junk) {
		t.Error("Clean changed the body it was given")
	}
}

// TestCleanBoundsMarkup: a page of nothing but tiny paragraphs (a gzip
// bomb's content) is read up to maxMarkup tags, not 4 MiB of them.
func TestCleanBoundsMarkup(t *testing.T) {
	body := []byte(strings.Repeat("<p>boom</p>", 1<<20))
	doc, err := Clean(Input{URL: "http://news.test/b.html", Header: http.Header{"Content-Type": {"text/html"}}, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	read := body[:doc.TextLimit]
	if !doc.TextTruncated || bytes.Count(read, []byte("<")) != maxMarkup || !bytes.HasSuffix(read, []byte("</p>")) {
		t.Errorf("TextTruncated %v, TextLimit %d, %d tags read; want true, %d tags ending a paragraph",
			doc.TextTruncated, doc.TextLimit, bytes.Count(read, []byte("<")), maxMarkup)
	}
}

func TestMemory(t *testing.T) {
	cases := []struct {
		n     int64
		limit int
		want  int64
	}{
		{0, 0, 0},
		{-5, 0, 0},
		{1000, 0, treeFactor * 1000},
		{64 << 20, 0, treeFactor * DefaultReadLimit},
		{64 << 20, 1 << 20, treeFactor << 20},
	}
	for _, c := range cases {
		if got := Memory(c.n, c.limit); got != c.want {
			t.Errorf("Memory(%d, %d) = %d, want %d", c.n, c.limit, got, c.want)
		}
	}
}
