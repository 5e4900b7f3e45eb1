package charset

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// metaLabelsEveryTag is metaLabels as it was first written: every tag of
// the prescanned body read, not only those up to its last "charset".
func metaLabelsEveryTag(body []byte) []string {
	b := body
	if len(b) > prescanLimit {
		b = b[:prescanLimit]
	}
	var labels []string
	if l := xmlDeclLabel(b); l != "" {
		labels = append(labels, l)
	}
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if bytes.HasPrefix(b[i:], []byte("<!--")) {
			end := bytes.Index(b[i+4:], []byte("-->"))
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			break
		}
		tag := b[i : i+end]
		i += end + 1
		if len(tag) > 5 && asciiFoldHasPrefix(tag[1:], "meta") && isSpaceOrSlash(tag[5]) && asciiFoldContains(tag[5:], "charset") {
			if l := metaTagLabel(tag[5:]); l != "" {
				labels = append(labels, l)
			}
		}
	}
	return labels
}

// lastFoldIndexBytewise is lastFoldIndex a byte at a time.
func lastFoldIndexBytewise(b []byte, p string) int {
	for k := len(b) - len(p); k >= 0; k-- {
		if asciiFoldHasPrefix(b[k:], p) {
			return k
		}
	}
	return -1
}

// newsPage is a page as the generated site of bench/crawl serves: its
// charset in its first tag, then some hundred tags of prose and links.
func newsPage(i int) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page</title><link rel="stylesheet" href="/s.css"></head><body><header><nav>`)
	for j := range 12 {
		fmt.Fprintf(&b, `<a href="/section/%d">Section %d</a>`, j, j)
	}
	b.WriteString(`</nav></header><main><article><h1>A headline</h1><p class="meta">Source: Bench Daily 2024-01-02</p>`)
	for j := range 5 + i%3 {
		fmt.Fprintf(&b, "<p>Paragraph %d of a story, with clauses, commas and a few words that carry no meta tag at all; it goes on for a while. Another sentence of it.</p>\n", j)
	}
	b.WriteString(`</article><aside class="related"><ul>`)
	for j := range 20 {
		fmt.Fprintf(&b, `<li><a href="/news/%d.html">Related story %d</a></li>`, j, j)
	}
	b.WriteString(`</ul></aside></main><footer><p>© 2024 Bench Daily. Contact, copyright and policies.</p></footer></body></html>`)
	return []byte(b.String())
}

// prescanBodies returns the test bodies, pages as newsPage makes them, and
// random joins of tags, comments and pieces of them, with charset labels
// in every place.
func prescanBodies(t testing.TB) [][]byte {
	files, _ := filepath.Glob("testdata/*")
	var bodies [][]byte
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			bodies = append(bodies, b)
		}
	}
	if len(bodies) < 10 {
		t.Fatalf("only %d test bodies: testdata missing?", len(bodies))
	}
	for i := range 3 {
		bodies = append(bodies, newsPage(i))
	}
	pieces := []string{"<meta charset=gbk>", "<META CHARSET=big5>", "<meta\tcontent='text/html; ChArSeT=koi8-r'>", "<meta ", "charset", "CHARSET=",
		"=utf-8", "<!--", "-->", "<", ">", "<p>", "text ", "<a title='x<y'>", "<a title=\"<meta charset=x>\">", "<?xml version=\"1.0\" encoding=\"EUC-JP\"?>",
		"<meta name=x content=y>", "chars", "et", "\x80", " ", "c", "C", "cccccccc", "\xe3", "Charse"}
	rng := rand.New(rand.NewPCG(7, 11))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		bodies = append(bodies, []byte(b.String()))
	}
	big := bytes.Repeat([]byte("<p>x</p>"), prescanLimit/8)
	bodies = append(bodies, slices.Concat(big, []byte("<meta charset=gbk>")), slices.Concat([]byte("<meta charset=big5>"), big))
	return bodies
}

// TestMetaLabelsAsEveryTag: metaLabels, which reads tags only up to the
// last "charset", finds the labels reading every tag finds, and
// lastFoldIndex the "charset" a byte loop finds.
func TestMetaLabelsAsEveryTag(t *testing.T) {
	found := 0
	for _, b := range prescanBodies(t) {
		if got, want := lastFoldIndex(b, "charset"), lastFoldIndexBytewise(b, "charset"); got != want {
			t.Fatalf("lastFoldIndex(%q) = %d, a byte loop says %d", b, got, want)
		}
		got, want := metaLabels(b), metaLabelsEveryTag(b)
		if !slices.Equal(got, want) {
			t.Fatalf("metaLabels(%q) = %q, reading every tag gives %q", b, got, want)
		}
		found += len(got)
	}
	if found < 1000 {
		t.Errorf("only %d labels found: inputs missing?", found)
	}
}

// BenchmarkMetaLabels prescans pages as newsPage makes them, one op per
// page, reading tags up to the last "charset" (metaLabels) and every tag
// (everytag).
func BenchmarkMetaLabels(b *testing.B) {
	pages := [][]byte{newsPage(0), newsPage(1), newsPage(2)}
	for _, c := range []struct {
		name string
		fn   func([]byte) []string
	}{{"metaLabels", metaLabels}, {"everytag", metaLabelsEveryTag}} {
		b.Run(c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				c.fn(pages[i%len(pages)])
				i++
			}
		})
	}
}
