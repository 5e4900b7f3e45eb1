package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// chunkedSite serves pages of many sizes with no Content-Length
// (chunked), so the crawl reads them into its pooled scratch buffers
// (crawl/memory.go); some are gzip-coded (a payload stored raw), some
// outgrow a scratch buffer, some change from one run to the next and the
// rest do not (a revisit: the writer keeps the raw payload to the
// commit). It notes the bytes it sent for each page, run by run.
type chunkedSite struct {
	run  int
	mu   sync.Mutex
	sent map[string][]byte // path → the payload of this run's answer
}

func (s *chunkedSite) body(n, run int) []byte {
	rng := rand.New(rand.NewPCG(uint64(n), uint64(run*(n%3)))) // every third page changes
	size := []int{300, 3000, 9000, 40000, 70000, 150000}[n%6] + rng.IntN(500)
	var b strings.Builder
	fmt.Fprintf(&b, "<html><head><title>Page %d</title></head><body><article><h1>Page %d</h1>", n, n)
	for b.Len() < size {
		b.WriteString("<p>")
		for range 12 {
			fmt.Fprintf(&b, "word%x ", rng.Uint32())
		}
		b.WriteString("</p>")
	}
	b.WriteString("</article></body></html>")
	return []byte(b.String())
}

func (s *chunkedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	var n int
	if _, err := fmt.Sscanf(r.URL.Path, "/p/%d", &n); err != nil {
		http.NotFound(w, r)
		return
	}
	payload := s.body(n, s.run)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if n%4 == 1 {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(payload)
		zw.Close()
		payload = z.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
	}
	s.mu.Lock()
	s.sent[r.URL.Path] = payload
	s.mu.Unlock()
	w.WriteHeader(200)
	w.(http.Flusher).Flush() // no Content-Length: chunked
	for len(payload) > 0 {
		k := min(len(payload), 1000+n%7*900)
		w.Write(payload[:k])
		w.(http.Flusher).Flush()
		payload = payload[k:]
	}
}

// Every payload of two crawls of many chunked pages, fetched and cleaned
// in parallel, reads back from the archive byte for byte as the server
// sent it, and hashes to the capture's sha256: a pooled buffer (a scratch
// buffer, a coding buffer) reused while a page's bytes are still in it
// would show here as another page's bytes. Run it with -race too.
func TestChunkedPayloadsStoredWhole(t *testing.T) {
	const pages = 240
	site := &chunkedSite{sent: map[string][]byte{}}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var seeds []string
	for n := range pages {
		seeds = append(seeds, fmt.Sprintf("%s/p/%d", srv.URL, n))
	}
	cfg := crawl.Config{Seeds: seeds, AllowPrivate: true, MaxDepth: -1, Delay: -1, Retries: -1, NoDiscovery: true,
		Parallel: 8, Workers: 8}
	for run := range 2 {
		site.run = run
		clear(site.sent)
		tl, err := Crawl(context.Background(), DBStore(db), cfg, Options{Workers: 4})
		if err != nil {
			t.Fatal(err)
		}
		if r := tl.Run(); r.Fetched != pages {
			t.Fatalf("run %d: %d pages fetched, want %d", run, r.Fetched, pages)
		}
		for n, url := range seeds {
			want := site.sent[fmt.Sprintf("/p/%d", n)]
			hist, err := db.History(url)
			if err != nil || len(hist) != run+1 {
				t.Fatalf("run %d: %s: %d captures, %v", run, url, len(hist), err)
			}
			c := hist[run]
			sum := sha256.Sum256(want)
			if c.PayloadSHA256 != hex.EncodeToString(sum[:]) || c.PayloadLength != int64(len(want)) {
				t.Errorf("run %d: %s: capture says %d bytes %s, the server sent %d bytes %x",
					run, url, c.PayloadLength, c.PayloadSHA256, len(want), sum)
				continue
			}
			got, err := db.Payload(c.PayloadSHA256)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("run %d: %s: stored payload (%d bytes, %v) is not the %d bytes sent", run, url, len(got), err, len(want))
			}
		}
	}
}
