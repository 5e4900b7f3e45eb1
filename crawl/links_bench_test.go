package crawl

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkInspect reads the links of a news page of a few hundred tags,
// forty of them links: the link scan every fetched page gets.
func BenchmarkInspect(b *testing.B) {
	base := "http://" + testHost + "/news/1.html"
	content := newsPage()
	h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	b.ReportAllocs()
	for b.Loop() {
		p := &Page{FinalURL: base, CanonicalURL: base, Status: 200, Header: h, Content: content}
		if len(inspect(p)) != 40 {
			b.Fatal("want 40 links")
		}
	}
}

// BenchmarkInspectZh is BenchmarkInspect on the page with its paragraphs
// in Chinese, as two pages in three of the bench site are: text that
// checking for valid UTF-8 reads rune by rune.
func BenchmarkInspectZh(b *testing.B) {
	base := "http://" + testHost + "/news/1.html"
	para := strings.Repeat("本站记者报道，今日多地举行活动，市民踊跃参加。", 4)
	content := bytes.ReplaceAll(newsPage(), []byte("words, "), []byte(para))
	h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	b.SetBytes(int64(len(content)))
	b.ReportAllocs()
	for b.Loop() {
		p := &Page{FinalURL: base, CanonicalURL: base, Status: 200, Header: h, Content: content}
		if len(inspect(p)) != 40 {
			b.Fatal("want 40 links")
		}
	}
}

// BenchmarkScanTags reads the tags of the news page of BenchmarkInspect,
// and of the eval pages when they are there, by scanTags and by the
// Tokenizer (scanTagsRef).
func BenchmarkScanTags(b *testing.B) {
	pages := map[string][][]byte{"news": {newsPage()}}
	if files, _ := filepath.Glob("../../shared/eval/extraction/*/*.html"); len(files) > 0 {
		for _, f := range files {
			if c, err := os.ReadFile(f); err == nil {
				pages["eval"] = append(pages["eval"], c)
			}
		}
	}
	for _, set := range []string{"news", "eval"} {
		if pages[set] == nil {
			continue
		}
		b.Run(set+"/scan", func(b *testing.B) {
			benchScan(b, pages[set], scanTags)
		})
		b.Run(set+"/tokenizer", func(b *testing.B) {
			benchScan(b, pages[set], func(c []byte) pageTags { return scanTagsRef(bytes.NewReader(c)) })
		})
	}
}

// benchScan reads pages by scan, one page an op, and reports MB/s.
func benchScan(b *testing.B, pages [][]byte, scan func([]byte) pageTags) {
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		scan(pages[i%len(pages)])
		i++
	}
}

// newsPage is a news page of a few hundred tags, forty of them links.
func newsPage() []byte {
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
	return []byte(sb.String())
}
