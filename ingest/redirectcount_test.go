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

// movedSite serves two pages, /a and /b, and /old, which answers 301 to
// the page target names (both pages are seeds too: the redirect leads to
// a page already in the crawl).
func movedSite(t *testing.T, target *atomic.Value) crawl.Config {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/old":
			http.Redirect(w, r, target.Load().(string), http.StatusMovedPermanently)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><head><title>Page</title></head><body><article><p>` +
				strings.Repeat("A paragraph of "+r.URL.Path+" long enough to be kept as the text. ", 5) + `</p></article></body></html>`))
		}
	}))
	t.Cleanup(srv.Close)
	ct, err := crawl.ParseConnectTo("site.example.org:80:" + strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	return crawl.Config{Seeds: []string{"http://site.example.org/a", "http://site.example.org/b", "http://site.example.org/old"},
		AllowPrivate: true, MaxDepth: -1, Delay: -1, NoDiscovery: true, ConnectTo: []crawl.ConnectTo{ct}}
}

// A run's counts follow the kinds of its captures: a permanent redirect
// answered the same way again is unchanged, as its revisit-identical
// capture says (it has no 200 to compare with), and one whose target
// moved is changed.
func TestRedirectCountsFollowKind(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var target atomic.Value
	target.Store("/a")
	cfg := movedSite(t, &target)
	old := "http://site.example.org/old"
	for _, tc := range []struct {
		target                   string
		kind                     string
		news, changed, unchanged int
	}{
		{"/a", archive.KindResponse, 3, 0, 0},
		{"/a", archive.KindRevisit, 0, 0, 3},
		{"/b", archive.KindResponse, 0, 1, 2},
	} {
		target.Store(tc.target)
		tl, err := Crawl(context.Background(), DBStore(db), cfg, Options{})
		if err != nil {
			t.Fatal(err)
		}
		hist, err := db.History(old)
		if err != nil || len(hist) == 0 {
			t.Fatalf("captures of %s: %d, %v", old, len(hist), err)
		}
		last := hist[len(hist)-1]
		if last.Status != http.StatusMovedPermanently || last.Kind != tc.kind {
			t.Fatalf("run %d: %s captured %d %s, want 301 %s", tl.Run().ID, old, last.Status, last.Kind, tc.kind)
		}
		r := tl.Run()
		if r.New != tc.news || r.Changed != tc.changed || r.Unchanged != tc.unchanged || r.Fetched != 3 {
			t.Errorf("run %d (to %s): %d new, %d changed, %d unchanged of %d, want %d, %d, %d of 3",
				r.ID, tc.target, r.New, r.Changed, r.Unchanged, r.Fetched, tc.news, tc.changed, tc.unchanged)
		}
		stored, err := db.Runs()
		if err != nil {
			t.Fatal(err)
		}
		if s := stored[len(stored)-1]; s.New != r.New || s.Changed != r.Changed || s.Unchanged != r.Unchanged {
			t.Errorf("run %d: run record %+v, tally %+v", r.ID, s, r)
		}
	}
}
