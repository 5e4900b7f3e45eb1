package clean

import (
	"net/http"
	"strings"
	"testing"
)

// TestUTF8Strays: an article declared UTF-8 whose body has a few stray
// windows-1252 bytes keeps its curly quotes through Clean (issue #14: the
// page was decoded as windows-1250). The text was written for this test.
func TestUTF8Strays(t *testing.T) {
	para := "<p>“Don’t worry,” the owner told us — “it’s always late in May.” She wasn’t wrong: the ferry came at noon, and we waited at the café by the quay.</p>\n"
	body := `<!doctype html><html><head><meta charset="utf-8"><title>“Notes from the harbour”</title></head><body><article>
<h1>“Notes from the harbour” — a week by the sea</h1>
` + para + strings.Replace(para, "May", "M\x92ay", 1) + strings.Replace(para, "noon", "no\xa0on", 1) + strings.Replace(para, "quay", "qu\x96ay", 1) +
		strings.Replace(para, "café", "caf\xe9", 1) + `</article></body></html>`
	doc, err := Clean(Input{
		URL:    "https://harbour.example/notes",
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		Body:   []byte(body),
	})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Charset.Name != "utf-8" || !strings.Contains(doc.Charset.Note, "4 invalid bytes") {
		t.Errorf("Charset = %+v, want utf-8 noting 4 invalid bytes", doc.Charset)
	}
	if want := "“Don’t worry,” the owner told us — “it’s always late in May.”"; !strings.Contains(doc.Text, want) {
		t.Errorf("Text lacks %q:\n%s", want, doc.Text)
	}
	if n := strings.Count(doc.Text, "\uFFFD"); n != 4 {
		t.Errorf("Text has %d U+FFFD, want 4 (one per stray byte):\n%s", n, doc.Text)
	}
}
