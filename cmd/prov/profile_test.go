package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// prov crawl --cpuprofile and --memprofile write a gzipped pprof profile
// once the crawl ends; a profile that cannot be created fails the command
// before it crawls anything.
func TestCrawlProfiles(t *testing.T) {
	for _, flag := range []string{"--cpuprofile", "--memprofile"} {
		t.Run(flag, func(t *testing.T) { testCrawlProfile(t, flag) })
	}
}

func testCrawlProfile(t *testing.T, flag string) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>" + strings.Repeat("A page to profile. ", 20) + "</p></body></html>"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	prof := filepath.Join(dir, "crawl.prof")
	db := filepath.Join(dir, "prov.db")
	code, _, stderr := prov(t, "crawl", "--db", db, "--allow-private", "--max-depth", "0", "--quiet", flag, prof, srv.URL+"/")
	if code != 0 {
		t.Fatalf("crawl exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(prof)
	if err != nil || !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		t.Fatalf("profile %s: %d bytes, %v; want a gzipped pprof profile", prof, len(b), err)
	}
	before := hits.Load()
	code, _, stderr = prov(t, "crawl", "--db", db, "--allow-private", "--quiet", flag, filepath.Join(dir, "no-such-dir", "crawl.prof"), srv.URL+"/")
	if code == 0 || !strings.Contains(stderr, flag) || hits.Load() != before {
		t.Errorf("unwritable profile: exit %d, %d requests, stderr %q", code, hits.Load()-before, stderr)
	}
}
