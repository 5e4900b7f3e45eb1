package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// TestLinksAsBrowsersWriteThem: links with a raw non-ASCII query, dot
// segments or spaces are fetched once each, as a browser requests them,
// and the run ends done; it had ended "URLs taken and not accounted for",
// exit 1, its frontier kept.
func TestLinksAsBrowsersWriteThem(t *testing.T) {
	var mu sync.Mutex
	var requested []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" || r.URL.Path == "/sitemap.xml" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		requested = append(requested, r.URL.RequestURI())
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			w.Write([]byte(`<p>Home.</p><a href="/search?q=白皮书">s</a><a href="/a/../b/./page.htm">d</a>` +
				`<a href="/search?q=%E7%99%BD%E7%9A%AE%E4%B9%A6">the same, encoded</a><a href="/two words.htm">w</a>`))
			return
		}
		fmt.Fprintf(w, "<p>Page %s.</p>", r.URL.Path)
	}))
	t.Cleanup(srv.Close)
	db := filepath.Join(t.TempDir(), "prov.db")
	code, out, stderr := prov(t, "crawl", "--db", db, "--allow-private", "--delay", "1ms", "--max-depth", "1", srv.URL+"/")
	if code != exitOK || strings.Contains(stderr, "not accounted") {
		t.Fatalf("crawl exit %d:\n%s\n%s", code, out, stderr)
	}
	want := []string{"/", "/b/page.htm", "/search?q=%E7%99%BD%E7%9A%AE%E4%B9%A6", "/two%20words.htm"}
	slices.Sort(requested)
	if !slices.Equal(requested, want) {
		t.Errorf("requested %q, want %q", requested, want)
	}
	a, err := archive.Open(db, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	runs, err := a.Runs()
	if err != nil || len(runs) != 1 || runs[0].Status != "done" || runs[0].Fetched != 4 {
		t.Fatalf("runs %+v, %v", runs, err)
	}
}
