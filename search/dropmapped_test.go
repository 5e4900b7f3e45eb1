//go:build linux

package search

import (
	"bytes"
	"fmt"
	"math/rand"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/memory"
)

// TestDropMapped: after dropMapped the index's pages leave the resident
// set, and reads still see the same bytes; under its limit it leaves
// them.
func TestDropMapped(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "x.search"), false, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	rng := rand.New(rand.NewSource(1))
	want := map[string][]byte{}
	err = ix.bolt.Update(func(tx *bolt.Tx) error {
		for i := range 128 {
			v := make([]byte, 32<<10) // 4 MB in all
			rng.Read(v)
			k := fmt.Sprintf("token%04d", i)
			want[k] = v
			if err := tx.Bucket(bucketPostings).Put([]byte(k), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	readAll := func() {
		ix.bolt.View(func(tx *bolt.Tx) error {
			for k, v := range want {
				if got := tx.Bucket(bucketPostings).Get([]byte(k)); !bytes.Equal(got, v) {
					t.Fatalf("%s reads back different bytes", k)
				}
			}
			return nil
		})
	}
	readAll()
	before, ok := memory.ResidentFile()
	if !ok {
		t.Skip("no /proc/self/statm")
	}
	if err := dropMapped(ix.bolt, before+1<<30); err != nil {
		t.Fatal(err)
	}
	if n, _ := memory.ResidentFile(); n < before-2<<20 {
		t.Errorf("under the limit: resident file pages went from %d to %d bytes", before, n)
	}
	if err := dropMapped(ix.bolt, 0); err != nil {
		t.Fatal(err)
	}
	if after, _ := memory.ResidentFile(); after > before-2<<20 {
		t.Errorf("resident file pages %d bytes before dropMapped, %d after: want 2 MB or more less", before, after)
	}
	readAll()
}
