package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// A sitemap's <lastmod> older than a URL's last capture skips the URL
// only when that capture brought the page: a page that answered 500
// last night is fetched again, old lastmod or not; one that came whole
// is not.
func TestSitemapLastmodSkipsOnlyGoodCaptures(t *testing.T) {
	var failing atomic.Bool
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			w.Write([]byte("User-agent: *\nAllow: /\nSitemap: http://site.example.org/sitemap.xml\n"))
		case "/sitemap.xml":
			w.Write([]byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
				`<url><loc>http://site.example.org/s/1</loc><lastmod>2020-01-01</lastmod></url></urlset>`))
		case "/s/1":
			hits.Add(1)
			if failing.Load() {
				http.Error(w, "down", http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><body><article><p>` + strings.Repeat("A page listed by the sitemap. ", 10) + `</p></article></body></html>`))
		default:
			w.Write([]byte(`<html><body>home</body></html>`))
		}
	}))
	t.Cleanup(srv.Close)
	ct, err := crawl.ParseConnectTo("site.example.org:80:" + strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := crawl.Config{Seeds: []string{"http://site.example.org/"}, AllowPrivate: true, Delay: -1, ConnectTo: []crawl.ConnectTo{ct}}
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run := func(want int32, why string) archive.Run {
		t.Helper()
		hits.Store(0)
		tl, err := Crawl(context.Background(), DBStore(db), cfg, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := hits.Load(); got != want {
			t.Errorf("%s: /s/1 requested %d times, want %d", why, got, want)
		}
		return tl.Run()
	}
	failing.Store(true)
	run(1, "first run, failing")
	failing.Store(false)
	run(1, "after a 500, lastmod older")
	r := run(0, "after a 200, lastmod older")
	// the run record says what was not fetched, and why
	if n := r.Skipped[crawl.SkipUnchanged]; n != 1 {
		t.Errorf("run skipped %v, want 1 %q", r.Skipped, crawl.SkipUnchanged)
	}
	runs, err := db.Runs()
	if err != nil || len(runs) != 3 || runs[2].Skipped[crawl.SkipUnchanged] != 1 {
		t.Errorf("stored runs %+v, %v; want the last to count its lastmod skip", runs, err)
	}
}
