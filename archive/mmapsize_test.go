//go:build !windows

package archive

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestWriterMapsAhead checks that a writable opening maps the file ahead
// of its growth: a write that grows a fresh archive from a few kilobytes
// to megabytes leaves bbolt's mapping where it was, where a mapping the
// size of the file was replaced at each power of two it passed.
func TestWriterMapsAhead(t *testing.T) {
	if writerMmapSize == 0 {
		t.Skip("no mapping ahead on this platform")
	}
	db, err := Open(filepath.Join(t.TempDir(), "prov.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	before := db.bolt.Info().Data
	var entries []Entry
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200; i++ {
		url := fmt.Sprintf("https://example.test/%d", i)
		payload := make([]byte, 20000) // random: stored raw
		for j := range payload {
			payload[j] = byte(r.Uint32())
		}
		entries = append(entries, Entry{Capture: Capture{URL: url, Method: "GET", Status: 200,
			FetchStart: time.Unix(0, 0).UTC(), FetchEnd: time.Unix(1, 0).UTC()}, Payload: payload})
	}
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
	err = db.bolt.View(func(tx *bolt.Tx) error {
		if tx.Size() < 1<<20 {
			return fmt.Errorf("the archive grew to %d bytes only: the test writes too little", tx.Size())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if after := db.bolt.Info().Data; after != before {
		t.Errorf("the write mapped the file again (%#x, then %#x)", before, after)
	}
}
