package serve

import (
	"bytes"
	"errors"
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

// TestHandlerPanicOfABug: a handler that panics in prov's own code (a
// bug, not damage: a nil dereference, a failed check) is answered with
// the UI's 500 page saying it is an internal error, and logged on a line
// with the stack after it. Before, every panic was answered as damage to
// the archive, which sent an archivist to restore an intact file. Damage
// itself (a panic of bbolt's) is TestDamagedSearchIndex's.
func TestHandlerPanicOfABug(t *testing.T) {
	var nilCapture *archive.Capture
	for name, h := range map[string]handler{
		"panic":  func(http.ResponseWriter, *http.Request) error { panic("unexpected state") },
		"nil":    func(http.ResponseWriter, *http.Request) error { return errors.New(nilCapture.URL) },
		"bounds": func(w http.ResponseWriter, r *http.Request) error { return errors.New(strings.Fields(r.URL.Path)[3]) },
	} {
		var logged bytes.Buffer
		srv, err := New(Config{DB: "prov.db", Log: log.New(&logged, "", 0)})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		srv.handle(h).ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/", nil))
		body := rec.Body.String()
		if rec.Code != http.StatusInternalServerError || !strings.Contains(body, "internal error") || strings.Contains(body, "damaged") {
			t.Errorf("%s: %d %.600s; want the UI's 500 page saying it is an internal error", name, rec.Code, body)
		}
		first, rest, _ := strings.Cut(logged.String(), "\n")
		if !strings.Contains(first, ": 500 internal error") || !strings.Contains(rest, "serve.TestHandlerPanicOfABug") {
			t.Errorf("%s: logged %q, want a line and the stack", name, logged.String())
		}
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
