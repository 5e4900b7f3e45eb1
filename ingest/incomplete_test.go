package ingest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// A body the connection ends early fails its fetch (cut short), and the
// bytes that came are kept as the failed capture's payload, marked
// incomplete, with no text; the URL's whole copy from before stays its
// newest payload.
func TestIncompleteBodyKept(t *testing.T) {
	page := "<html><head><title>Paper</title></head><body><p>" + strings.Repeat("The white paper's text, whole. ", 20) + "</p></body></html>"
	part := page[:200]
	var cut atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if !cut.Load() {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
			return
		}
		answerRaw(w, fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(page), part))
	}))
	t.Cleanup(srv.Close)
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	url := srv.URL + "/paper"
	cfg := crawl.Config{Seeds: []string{url}, AllowPrivate: true, MaxDepth: -1, Delay: -1, Retries: -1, NoDiscovery: true}
	if _, err := Crawl(context.Background(), DBStore(db), cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	cut.Store(true)
	tl, err := Crawl(context.Background(), DBStore(db), cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := tl.Run(); r.Fetched != 1 || r.Failed[string(crawl.FailCutShort)] != 1 || r.Bytes != int64(len(part)) {
		t.Errorf("second run %+v, want 1 fetched, failed as cut short, %d bytes", r, len(part))
	}
	hist, err := db.History(url)
	if err != nil || len(hist) != 2 {
		t.Fatalf("captures: %d, %v", len(hist), err)
	}
	c := hist[1]
	if c.Kind != archive.KindFailed || c.Incomplete != "disconnect" || c.Status != 200 || c.TextSHA256 != "" ||
		c.PayloadLength != int64(len(part)) || c.PayloadSHA256 != archive.Sum([]byte(part)).String() ||
		!strings.Contains(c.Error, "connection closed before the body was whole") {
		t.Errorf("capture of the cut body: kind %s, incomplete %q, status %d, text %q, payload %d bytes %s, error %q",
			c.Kind, c.Incomplete, c.Status, c.TextSHA256, c.PayloadLength, c.PayloadSHA256, c.Error)
	}
	if got, err := db.Payload(c.PayloadSHA256); err != nil || string(got) != part {
		t.Errorf("stored payload %q, %v; want the %d bytes that came", got, err, len(part))
	}
	if newest, ok, err := db.NewestPayload(url); err != nil || !ok || newest.ID != hist[0].ID {
		t.Errorf("newest payload: capture %d (%v, %v), want the whole one, %d", newest.ID, ok, err, hist[0].ID)
	}
}
