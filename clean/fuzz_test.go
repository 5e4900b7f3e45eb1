package clean

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/prov-archive/prov/rules"
)

// FuzzClean feeds any bytes under any content type: Clean must not panic,
// must return a Document, and its Text must be valid UTF-8.
func FuzzClean(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "text/html", false)
			f.Add(b, "text/html; charset=utf-8", true)
		}
	}
	f.Add([]byte("<table><tr><td>一<br><br>二</td></tr></table>"), "text/html; charset=gbk", false)
	f.Add([]byte("\xef\xbb\xbf<p>\xff\xfe</p>"), "", false)
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
