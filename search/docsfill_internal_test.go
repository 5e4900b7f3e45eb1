package search

import (
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A write appends its new documents' records to the docs bucket in
// filled pages (docsFill), not half-filled ones, write after write.
func TestDocsPagesFilled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "docs.search")
	var log postingLog
	const writes, perWrite = 3, 400
	for w := range writes {
		ix, err := Open(path, false, 0)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ix.newBatch(uint64(w*perWrite), newDict(), &log)
		if err != nil {
			t.Fatal(err)
		}
		err = ix.viewSHAs(b, func() error {
			for k := range perWrite {
				c := benchCapture(w, k)
				c.ID = uint64(w*perWrite + k + 1)
				text := []byte(fmt.Sprintf("document %d of write %d", k, w))
				if err := ix.note(b, c, func() ([]byte, error) { return text, nil }); err != nil {
					return err
				}
				b.captures++
				b.last = c.ID
			}
			return nil
		})
		if err == nil {
			err = ix.write(b)
		}
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatalf("write %d: %v", w, err)
		}
	}
	b, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.View(func(tx *bolt.Tx) error {
		st := tx.Bucket(bucketDocs).Stats()
		if st.KeyN != writes*perWrite {
			t.Errorf("docs holds %d records, want %d", st.KeyN, writes*perWrite)
		}
		if fill := float64(st.LeafInuse) / float64(st.LeafAlloc); fill < 0.8 {
			t.Errorf("docs' leaf pages are %.0f%% filled (%d bytes in %d pages), want 80%% or more",
				100*fill, st.LeafInuse, st.LeafPageN)
		}
		return nil
	})
}
