package archive_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// MustOpen opens a fresh archive in tb's temporary folder and closes it at
// the end of the test.
func MustOpen(tb testing.TB) *archive.DB {
	tb.Helper()
	return MustOpenPath(tb, filepath.Join(tb.TempDir(), "prov.db"), archive.Options{})
}

// MustOpenPath opens path with opts (Now fixed at t0 unless set).
func MustOpenPath(tb testing.TB, path string, opts archive.Options) *archive.DB {
	tb.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return t0 }
	}
	db, err := archive.Open(path, opts)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return db
}

// MustWrite writes entries in one transaction.
func MustWrite(tb testing.TB, db *archive.DB, entries ...archive.Entry) []uint64 {
	tb.Helper()
	ids, err := db.Write(entries)
	if err != nil {
		tb.Fatalf("write: %v", err)
	}
	return ids
}

// page builds a 200 entry for url with payload and text.
func page(url, payload, text string) archive.Entry {
	e := archive.Entry{
		Capture: archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET",
			Status: 200, FetchStart: t0, FetchEnd: t0.Add(time.Second), ToolVersion: "test"},
		Payload: []byte(payload),
		Text:    text,
	}
	if text != "" {
		e.Capture.TextSHA256 = archive.Sum([]byte(text)).String()
	}
	return e
}

func htmlOf(body string) string {
	return fmt.Sprintf("<html><body><p>%s</p><p>%s</p></body></html>", body, body)
}

// indexBucket returns the level of the index name (payloads, documents,
// doccaps, urls) that holds key: its tail (name+"tail") when that holds
// it, else its main bucket.
func indexBucket(tx *bolt.Tx, name string, key []byte) *bolt.Bucket {
	if tail := tx.Bucket([]byte(name + "tail")); tail != nil && tail.Get(key) != nil {
		return tail
	}
	return tx.Bucket([]byte(name))
}
