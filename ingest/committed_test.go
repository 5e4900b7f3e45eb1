package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// etagSite serves two pages with an ETag, answering 304 to a matching
// If-None-Match, and records the If-None-Match of each page request.
func etagSite(t *testing.T) (cfg crawl.Config, conditional func() []string) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		got = append(got, r.Header.Get("If-None-Match"))
		mu.Unlock()
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>Page</title></head><body><article><p>` +
			strings.Repeat("A paragraph of "+r.URL.Path+" long enough to be kept as the text. ", 5) + `</p></article></body></html>`))
	}))
	t.Cleanup(srv.Close)
	ct, err := crawl.ParseConnectTo("site.example.org:80:" + strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = crawl.Config{Seeds: []string{"http://site.example.org/a", "http://site.example.org/b"}, AllowPrivate: true,
		MaxDepth: -1, Delay: -1, NoDiscovery: true, ConnectTo: []crawl.ConnectTo{ct}}
	return cfg, func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := got
		got = nil
		return out
	}
}

// Options.Committed sees every page once, after its capture committed,
// with the entry made of it and the capture as the archive holds it; with
// Unconditional no validator is sent, so an unchanged page comes whole.
func TestCommittedSeesStoredCaptures(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg, conditional := etagSite(t)
	if _, err := Crawl(context.Background(), DBStore(db), cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := conditional(); len(got) != 2 || got[0] != "" || got[1] != "" {
		t.Fatalf("first crawl sent validators %q, want none", got)
	}

	type seen struct {
		p crawl.Page
		e archive.Entry
		c archive.Capture
	}
	var mu sync.Mutex
	var all []seen
	opt := Options{Unconditional: true, Committed: func(p crawl.Page, e archive.Entry, c archive.Capture) {
		mu.Lock()
		all = append(all, seen{p, e, c})
		mu.Unlock()
	}}
	tl, err := Crawl(context.Background(), DBStore(db), cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := conditional(); len(got) != 2 || got[0] != "" || got[1] != "" {
		t.Errorf("unconditional crawl sent validators %q, want none", got)
	}
	if len(all) != 2 {
		t.Fatalf("Committed called %d times, want once per page (2)", len(all))
	}
	for _, s := range all {
		stored, err := db.Capture(s.c.ID)
		if err != nil {
			t.Fatalf("capture %d handed to Committed: %v", s.c.ID, err)
		}
		if stored.RunID != tl.Run().ID || stored.RequestedURL != s.p.RequestedURL || s.e.Capture.RequestedURL != s.p.RequestedURL {
			t.Errorf("page %s, entry %s, stored capture %+v: not the same fetch of this run", s.p.RequestedURL, s.e.Capture.RequestedURL, stored)
		}
		if s.p.Status != 200 || stored.Kind != archive.KindRevisit || s.c.PayloadSHA256 == "" || s.c.PayloadSHA256 != stored.PayloadSHA256 {
			t.Errorf("%s: status %d, kind %v, hash %q (stored %q); want a 200 revisit with its payload hash", s.p.RequestedURL, s.p.Status, stored.Kind, s.c.PayloadSHA256, stored.PayloadSHA256)
		}
		if s.e.Text == "" || s.e.Capture.TextSHA256 != stored.TextSHA256 {
			t.Errorf("%s: entry text %d bytes, hash %q; stored %q", s.p.RequestedURL, len(s.e.Text), s.e.Capture.TextSHA256, stored.TextSHA256)
		}
	}

	// Without Unconditional a re-crawl asks with the validators.
	if _, err := Crawl(context.Background(), DBStore(db), cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := conditional(); len(got) != 2 || got[0] != `"v1"` || got[1] != `"v1"` {
		t.Errorf("conditional crawl sent validators %q, want the ETag twice", got)
	}
}
