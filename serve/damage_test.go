package serve

import (
	"bytes"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
	"github.com/prov-archive/prov/search"
)

// TestHandlerPanicAnsweredAsDamage: a page whose handler panics (bbolt on
// a damaged page) is answered with the UI's 500 page saying the archive
// is damaged, logged on one line; before, the panic reached net/http,
// which closed the connection and logged a stack trace.
func TestHandlerPanicAnsweredAsDamage(t *testing.T) {
	var logged bytes.Buffer
	srv, err := New(Config{DB: "prov.db", Log: log.New(&logged, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.handle(func(http.ResponseWriter, *http.Request) error {
		panic("assertion failed: Page expected to be: 4, but self identifies as 0")
	})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/", nil))
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError || !strings.Contains(body, "archive damaged: prov.db") || !strings.Contains(body, "self identifies as 0") {
		t.Errorf("%d %.600s; want the UI's 500 page saying the archive is damaged", rec.Code, body)
	}
	if n := strings.Count(logged.String(), "\n"); n != 1 || !strings.Contains(logged.String(), ": 500 archive damaged: prov.db") {
		t.Errorf("logged %q, want one line", logged.String())
	}
}

// TestDamagedSearchIndex zeroes a page of the search index beside the
// archive: a search is answered with the 500 page, and the index is left
// closed, so an update can take its lock at once.
func TestDamagedSearchIndex(t *testing.T) {
	var entries []archive.Entry
	for i := range 400 {
		text := fmt.Sprintf("Page %d says word%d and common words.", i, i)
		url := fmt.Sprintf("http://site.test/%d", i)
		entries = append(entries, archive.Entry{
			Capture: archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
				FetchStart: t0, FetchEnd: t0, ToolVersion: "test", TextSHA256: archive.Sum([]byte(text)).String()},
			Payload: []byte("<p>" + text + "</p>"), Text: text,
		})
	}
	ts, path := serveArchive(t, entries)
	if resp, body := fetch(t, ts.URL+"/search?q=common"); resp.StatusCode != 200 {
		t.Fatalf("search before the damage: %s %.400s", resp.Status, body)
	}
	index := search.PathFor(path)
	archivetest.ZeroPage(t, index, archivetest.LeafPage(t, index, "postings", false))

	resp, body := fetch(t, ts.URL+"/search?q=common")
	if resp.StatusCode != http.StatusInternalServerError || !strings.Contains(body, "archive damaged") {
		t.Errorf("search of a damaged index: %s %.600s; want the 500 page", resp.Status, body)
	}
	b, err := bolt.Open(index, 0o644, &bolt.Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("the index is still held after the request: %v", err)
	}
	b.Close()
}

// TestDamagedSearchIndexRoot zeroes the root page of the search index, so
// that opening it panics: the search is answered with the 500 page, and
// the handle that open made is closed, so an update can take its lock.
// Before, it was left open, holding the lock for the life of the server.
func TestDamagedSearchIndexRoot(t *testing.T) {
	ts, path := newTestServer(t)
	if resp, body := fetch(t, ts.URL+"/search?q=shared"); resp.StatusCode != 200 {
		t.Fatalf("search before the damage: %s %.400s", resp.Status, body)
	}
	index := search.PathFor(path)
	archivetest.ZeroPage(t, index, archivetest.RootPage(t, index))
	if resp, body := fetch(t, ts.URL+"/search?q=shared"); resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("search of a damaged index: %s %.600s; want the 500 page", resp.Status, body)
	}
	b, err := bolt.Open(index, 0o644, &bolt.Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("the index is still held after the request: %v", err)
	}
	b.Close()
}
