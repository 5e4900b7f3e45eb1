package archive

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A damaged page of a bucket no record check walks (here the near-copy
// index, which prov works and the exports read) is a finding: Verify
// names the bucket, where before it reported nothing.
func TestVerifyReadsEveryBucket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var entries []Entry
	for i := range 400 {
		e := testEntry(fmt.Sprintf("http://site.test/%04d", i), fmt.Sprintf("<p>page %d</p>", i), fmt.Sprintf("Text number %d of the archive.", i))
		e.Capture.Sketch, e.Capture.Shingles = synthSketch(uint64(i)), 40
		entries = append(entries, e)
	}
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	clean, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := clean.Verify(func(f Finding) error { return f }); err != nil {
		t.Fatalf("before the damage: %v", err)
	}
	clean.Close()

	name := breakRoot(t, path, bucketLSH, bucketLSHTail, bucketLSHSeg)
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var found []Finding
	if err := ro.Verify(func(f Finding) error { found = append(found, f); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(found) == 0 || found[0].Kind != FindUnreadable || !strings.HasPrefix(found[0].Bucket, name) {
		t.Errorf("findings %v, want %s unreadable", found, name)
	}
}

// breakRoot gives the root page of the first of names that has a page of
// its own an invalid page type, and returns that bucket's name.
func breakRoot(t *testing.T, path string, names ...[]byte) string {
	t.Helper()
	bdb, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	var root int
	var name string
	bdb.View(func(tx *bolt.Tx) error {
		for _, n := range names {
			if b := tx.Bucket(n); b != nil && b.Root() != 0 {
				root, name = int(b.Root()), string(n)
				return nil
			}
		}
		return nil
	})
	ps := bdb.Info().PageSize
	bdb.Close()
	if root == 0 {
		t.Fatal("no near-copy index bucket has a page of its own")
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	binary.LittleEndian.PutUint16(file[root*ps+8:], 0x80) // no page type bbolt knows
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}
