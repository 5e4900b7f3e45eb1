package clean

import (
	"net/http"
	"testing"
	"unicode/utf8"

	"github.com/prov-archive/prov/rules"
)

// fuzzSeeds are small pages with what the testdata pages exercise: a
// charset declaration, a title with a site name, date metadata, chrome, an
// article and a table. The fuzzer minimises every input that finds new
// coverage, trying to cut each byte range (quadratic in the input's length)
// for up to a minute: from the whole testdata pages (3–4 KB, a millisecond
// or so a call under coverage instrumentation) the workers did little else
// and -fuzz looked stalled at a dozen execs.
var fuzzSeeds = []string{
	"<html lang=en><head><meta charset=utf-8><title>A story | Site</title><meta property=article:published_time content=2022-11-07T03:05:00Z></head>" +
		"<body><nav><a href=/>Home</a></nav><article><h1>A story</h1><p class=byline>By Jane Doe</p><p>First, the news, with commas, long enough to count.</p></article><footer>© 2022</footer></body></html>",
	"<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"><title>\xb0\xd7\xc6\xa4\xca\xe9_\xd5\xfe\xb8\xae</title></head>" +
		"<body><div class=weizhi><a href=/>\xca\xd7\xd2\xb3</a></div><div class=info>2022-11-07 \xc0\xb4\xd4\xb4\xa3\xba\xd0\xc2\xbb\xaa\xc9\xe7</div>" +
		"<td class=zoom id=zoom>\xa1\xa1\xd6\xd0\xb9\xfa<br><br>\xb7\xa2\xb2\xbc</td><table><tr><td>1</td><td>2</td></tr></table></body></html>",
	"<div class=content><div class=time>2022年11月7日</div><p>新华社北京11月7日电 中国发布白皮书，全文。</p><div class=related><a href=a>相关</a></div></div>",
}

// FuzzClean feeds any bytes under any content type: Clean must not panic,
// must return a Document, and its Text must be valid UTF-8.
func FuzzClean(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), "text/html", false)
		f.Add([]byte(s), "text/html; charset=utf-8", true)
	}
	f.Add([]byte("<table><tr><td>一<br><br>二</td></tr></table>"), "text/html; charset=gbk", false)
	f.Add([]byte("\xef\xbb\xbf<p>\xff\xfe</p>"), "", false)
	f.Add([]byte("标题\r\n\r\n  正文 a < b <p>\n\n\u3000\u3000二"), "text/plain; charset=utf-8", false)
	f.Add([]byte(" <!doctype html><p>x"), "text/plain", true)
	site := &rules.Site{Name: "f", Content: "td, div > p", Drop: []string{"[class"}, Title: "h1", Date: "span", DateFormat: "2006-01-02"}
	f.Fuzz(func(t *testing.T, body []byte, ct string, withRule bool) {
		in := Input{URL: "http://example.cn/2022-11/07/c_1.htm", Header: http.Header{"Content-Type": {ct}, "Last-Modified": {ct}}, Body: body}
		if withRule {
			in.Site = site
		}
		doc, err := Clean(in)
		if err != nil {
			t.Fatalf("Clean: %v", err)
		}
		if !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Fatalf("invalid UTF-8: %q", doc.Text)
		}
		if doc.TextSHA256 != TextHash(doc.Text) {
			t.Fatal("hash mismatch")
		}
	})
}

// FuzzNormalize: Normalize is idempotent and returns valid UTF-8.
func FuzzNormalize(f *testing.F) {
	f.Add("你好，世界！\u200B\n\n第二段 ＡＢＣ")
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) || Normalize(n) != n {
			t.Fatalf("Normalize(%q) = %q, again %q", s, n, Normalize(n))
		}
	})
}
