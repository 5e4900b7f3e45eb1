package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// captionPage is a story with a photo, its caption and its credit.
func captionPage() string {
	var b strings.Builder
	b.WriteString("<html><head><title>Flood in the square</title></head><body><article><h1>Flood in the square</h1>")
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, "<p>Paragraph %d of the story, where the reporter tells, at some length, how the water rose in the square overnight.</p>", i)
		if i == 1 {
			b.WriteString(`<figure><img src="/f.jpg"><figcaption>The square at dawn</figcaption></figure><p>Photo: Jane Roe</p>`)
		}
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// TestCaptionsCrawledAndExported: a crawled page's captions reach the
// archive and the JSONL export, out of its text, and prov inspect shows
// them and the extractor.
func TestCaptionsCrawledAndExported(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/story" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, captionPage())
	}))
	t.Cleanup(srv.Close)
	db := filepath.Join(t.TempDir(), "prov.db")
	if code, _, stderr := prov(t, "crawl", "--db", db, "--allow-private", "--quiet", srv.URL+"/story"); code != 0 {
		t.Fatalf("crawl exit %d: %s", code, stderr)
	}
	rows := exported(t, db)
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	want := []any{"The square at dawn", "Photo: Jane Roe"}
	if got := rows[0]["captions"]; !reflect.DeepEqual(got, want) {
		t.Errorf("captions = %v, want %v", got, want)
	}
	text := rows[0]["text"].(string)
	if strings.Contains(text, "dawn") || strings.Contains(text, "Jane Roe") || !strings.Contains(text, "Paragraph 3") {
		t.Errorf("text:\n%s", text)
	}
	code, out, stderr := prov(t, "inspect", "--allow-private", srv.URL+"/story")
	if code != 0 {
		t.Fatalf("inspect exit %d: %s", code, stderr)
	}
	for _, w := range []string{"caption:     The square at dawn\n", "caption:     Photo: Jane Roe\n", "extractor:   generic\n"} {
		if !strings.Contains(out, w) {
			t.Errorf("inspect lacks %q:\n%s", w, out)
		}
	}
}
