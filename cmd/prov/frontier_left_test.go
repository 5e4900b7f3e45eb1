package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// A crawl killed after its run was recorded done and before its frontier
// was removed leaves a frontier with nothing to do: the next night's
// crawl starts afresh from its seeds, and does not end at once having
// fetched nothing.
func TestFinishedFrontierLeftBehind(t *testing.T) {
	var hits atomic.Int64
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><title>Notice</title><p>%s</p></html>", strings.Repeat("A notice of the ministry. ", 20))
	}))
	defer site.Close()
	db := filepath.Join(t.TempDir(), "prov.db")
	seed := "http://notice.test/notice.html"
	connect := "notice.test:80:" + strings.TrimPrefix(site.URL, "http://")
	crawlOnce := func() {
		t.Helper()
		if code, _, stderr := prov(t, "crawl", "--db", db, "--delay", "1ms", "--max-depth", "0", "--quiet", "--connect-to", connect, seed); code != 0 {
			t.Fatalf("crawl exit %d: %s", code, stderr)
		}
	}
	crawlOnce()
	// What the kill leaves: the seed done, nothing queued or taken.
	f, err := crawl.OpenFrontierWith(archive.RealPath(db)+".frontier", crawl.FrontierOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Done(seed); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := hits.Load()
	crawlOnce()
	if hits.Load() == before {
		t.Errorf("the crawl after a finished frontier was left behind fetched nothing")
	}
	if _, err := os.Stat(db + ".frontier"); !os.IsNotExist(err) {
		t.Errorf("the finished crawl left its frontier: %v", err)
	}
}
