package crawl

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// failingSeeds reach every kind of frontier write: pages and their links,
// robots.txt refusals, a refused redirect (a failed page), a redirect
// chain, rel=canonical claims, sitemaps and feeds, and a sitemap entry
// unchanged since its last capture.
func failingSeeds() []string {
	return []string{"/", "/r1", "/canon/src", "/canon/art"}
}

// storeSim stands in for the archive: it keeps the pages the crawl sent,
// then marks them done in the frontier, as prov's writer does after its
// commit, and returns the first error of Done: the last Done may fail
// after Run has returned.
type storeSim struct {
	mu     sync.Mutex
	stored map[string]int
}

func (s *storeSim) consume(f *Frontier, ch <-chan Page) (first error) {
	for p := range ch {
		key, _ := Canonicalize(p.RequestedURL)
		s.mu.Lock()
		s.stored[key]++
		s.mu.Unlock()
		if err := f.Done(key); first == nil {
			first = err
		}
	}
	return first
}

func (s *storeSim) captured(u string, _ time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stored[u] > 0
}

func (ts *testServer) reset() {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.hits = map[string]int{}
}

func (ts *testServer) total() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	n := 0
	for _, v := range ts.hits {
		n += v
	}
	return n
}

// runOnce crawls failingSeeds into the frontier at path (failing its
// write number failAt, when > 0) and returns Run's error and how many
// frontier writes were attempted.
func runOnce(t *testing.T, ts *testServer, path string, failAt int64, s *storeSim) (error, int64) {
	t.Helper()
	var writes atomic.Int64
	opts := FrontierOptions{FailWrite: func() error {
		if writes.Add(1) == failAt {
			return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
		}
		return nil
	}}
	f, err := OpenFrontierWith(path, opts)
	if err != nil {
		return err, writes.Load()
	}
	defer f.Close()
	cfg := ts.config(failingSeeds()...)
	cfg.Seeds = append(cfg.Seeds, mapsURL("/m/home"))
	cfg.Frontier, cfg.Captured = f, s.captured
	cfg.LastCaptured = func(u string) time.Time {
		if u == mapsURL("/m/p3") {
			return time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
		}
		return time.Time{}
	}
	cfg.Stored = func(u string) ([]byte, http.Header) {
		if u != mapsURL("/m/p3") {
			return nil, nil
		}
		return []byte(linkPage("/m/stored-child")), http.Header{"Content-Type": {"text/html"}}
	}
	ch := make(chan Page)
	done := make(chan error, 1)
	go func() { done <- s.consume(f, ch) }()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = Run(ctx, cfg, ch)
	if doneErr := <-done; err == nil {
		err = doneErr
	}
	if ctx.Err() != nil {
		t.Fatalf("the crawl did not end in 20s (a loop?): %v", err)
	}
	return err, writes.Load()
}

// TestFrontierWriteFailure fails each frontier write of a crawl in turn,
// as a full disk would: the run stops with that error (a path and
// ENOSPC), having sent no more requests than a whole crawl; the next run,
// with the disk writable, ends well, and between them every page of a
// whole crawl was sent, none twice.
func TestFrontierWriteFailure(t *testing.T) {
	ts := newTestServer(t)
	ref := &storeSim{stored: map[string]int{}}
	if err, _ := runOnce(t, ts, filepath.Join(t.TempDir(), "ref"), 0, ref); err != nil {
		t.Fatal(err)
	}
	refHits := ts.total()
	_, writes := runOnce(t, ts, filepath.Join(t.TempDir(), "count"), 0, &storeSim{stored: map[string]int{}})
	t.Logf("a whole crawl: %d pages, %d requests, %d frontier writes", len(ref.stored), refHits, writes)
	if ref.stored[mapsURL("/m/stored-child")] == 0 {
		t.Fatalf("the stored links of an unchanged page were not followed: %v", ref.stored)
	}
	for n := int64(1); n <= writes; n++ {
		ts.reset()
		path := filepath.Join(t.TempDir(), "frontier")
		s := &storeSim{stored: map[string]int{}}
		err, made := runOnce(t, ts, path, n, s)
		if made < n { // this crawl made fewer writes: its workers raced otherwise
			continue
		}
		if !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("write %d failed: Run returned %v, want the ENOSPC", n, err)
		}
		failedHits := ts.total()
		if err, _ := runOnce(t, ts, path, 0, s); err != nil {
			t.Errorf("write %d failed: the resumed run: %v", n, err)
		}
		if failedHits > refHits || ts.total() > 2*refHits {
			t.Errorf("write %d failed: %d requests, then %d in all; a whole crawl makes %d", n, failedHits, ts.total(), refHits)
		}
		for u := range ref.stored {
			if s.stored[u] == 0 {
				t.Errorf("write %d failed: %s never sent", n, u)
			}
		}
		for u, c := range s.stored {
			if c > 1 {
				t.Errorf("write %d failed: %s sent %d times", n, u, c)
			}
		}
	}
}

// TestFrontierCutShort: a frontier file cut short (the first pages of a
// file whose creation ran out of space, or a power cut) is started
// afresh, not read past its end.
func TestFrontierCutShort(t *testing.T) {
	var keys []string
	for i := 0; i < 500; i++ {
		keys = append(keys, "http://x.test/"+strings.Repeat("p", 100)+strconv.Itoa(i))
	}
	for _, size := range []int64{12288, 20480, 65536} {
		path := filepath.Join(t.TempDir(), "frontier")
		f, err := OpenFrontier(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.add(keys, 0, kindPage, budget{}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
		if f, err = OpenFrontier(path); err != nil {
			t.Fatalf("cut to %d bytes: %v", size, err)
		}
		if n := f.Queued(); n != 0 {
			t.Errorf("cut to %d bytes: %d queued, want a fresh frontier", size, n)
		}
		f.Close()
	}
}
