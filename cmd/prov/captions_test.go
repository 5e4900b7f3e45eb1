package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
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

// TestStitchedCaptions: an article stitched from its pages carries their
// captions in page order, and the first page's capture is left as it was.
func TestStitchedCaptions(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := make([]string, 1, 4) // room to grow: an append must not write into it
	first[0] = "Page one's photo"
	pages := []archive.Capture{
		{URL: "http://a.test/p1", Captions: first},
		{URL: "http://a.test/p2"},
		{URL: "http://a.test/p3", Captions: []string{"Photo: Jane Roe", "Getty Images"}},
	}
	var entries []archive.Entry
	for i := range pages {
		text := fmt.Sprintf("Text of page %d.", i+1)
		pages[i].FinalURL, pages[i].Status, pages[i].TextSHA256 = pages[i].URL, 200, archive.Sum([]byte(text)).String()
		entries = append(entries, archive.Entry{Capture: pages[i], Payload: []byte(text), Text: text})
	}
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
	e, err := stitchedEntry(db, archive.Series{First: pages[0].URL, Pages: pages, Complete: true}, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Page one's photo", "Photo: Jane Roe", "Getty Images"}
	if !reflect.DeepEqual(e.Capture.Captions, want) {
		t.Errorf("stitched captions = %q, want %q", e.Capture.Captions, want)
	}
	if !reflect.DeepEqual(pages[0].Captions, []string{"Page one's photo"}) || first[:2][1] != "" {
		t.Errorf("the first page's captions changed: %q", first[:2])
	}
}
