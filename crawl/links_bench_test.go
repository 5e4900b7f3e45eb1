package crawl

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkInspect reads the links of a news page of a few hundred tags,
// forty of them links: the link scan every fetched page gets.
func BenchmarkInspect(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>T</title>` +
		`<link rel="stylesheet" href="/s.css"><link rel="canonical" href="/news/1.html"></head><body>` +
		`<header><nav><ul>`)
	for i := range 20 {
		fmt.Fprintf(&sb, `<li class="nav"><a href="/section/%d/">Section %d</a></li>`, i, i)
	}
	sb.WriteString(`</ul></nav></header><main><article><h1>Title</h1>`)
	for i := range 12 {
		fmt.Fprintf(&sb, `<p>Paragraph %d with <b>bold</b> and <i>italic</i> words, <span class="x">a span</span>.</p>`, i)
	}
	sb.WriteString(`</article><aside><ul>`)
	for i := range 20 {
		fmt.Fprintf(&sb, `<li><a href="/news/%04d/%05d.html">Related %d</a></li>`, 2000+i, i*37, i)
	}
	sb.WriteString(`</ul></aside></main><footer><p>© 2024</p></footer></body></html>`)
	base := "http://" + testHost + "/news/1.html"
	content := []byte(sb.String())
	h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	b.ReportAllocs()
	for b.Loop() {
		p := &Page{FinalURL: base, CanonicalURL: base, Status: 200, Header: h, Content: content}
		if len(inspect(p)) != 40 {
			b.Fatal("want 40 links")
		}
	}
}
