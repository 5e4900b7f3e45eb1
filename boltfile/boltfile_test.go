package boltfile

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A file bbolt wrote checks; one whose tree page is zeroed does not, and
// one whose meta page is flipped complains of its checksum.
func TestCheckWhatBboltWrote(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("b"))
		for i := 0; err == nil && i < 2000; i++ {
			err = b.Put(fmt.Appendf(nil, "key-%05d", i), make([]byte, 40))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	m0 := ReadMeta(f, 0)
	m1 := SecondMeta(f, m0, int64(len(b)))
	if m0.Complaint != "" || m1.Complaint != "" {
		t.Fatalf("meta pages of a sound file: %q, %q", m0.Complaint, m1.Complaint)
	}
	newest := m0
	if m1.TxID > m0.TxID {
		newest = m1
	}
	if err := CheckTree(f, newest); err != nil {
		t.Fatalf("a sound file: %v", err)
	}

	zeroed := filepath.Join(t.TempDir(), "zeroed.db")
	z := append([]byte(nil), b...)
	ps := int(newest.PageSize)
	clear(z[int(newest.Root)*ps : int(newest.Root+1)*ps])
	os.WriteFile(zeroed, z, 0o644)
	zf, _ := os.Open(zeroed)
	defer zf.Close()
	if err := CheckTree(zf, newest); err == nil {
		t.Error("a file whose root page is zeroed checks")
	}

	flipped := append([]byte(nil), b...)
	flipped[pageHeader+20] ^= 1 // in meta page 0's root page number
	ff := filepath.Join(t.TempDir(), "flipped.db")
	os.WriteFile(ff, flipped, 0o644)
	fl, _ := os.Open(ff)
	defer fl.Close()
	if m := ReadMeta(fl, 0); m.Complaint != "checksum mismatch" {
		t.Errorf("a flipped meta page: complaint %q, want checksum mismatch", m.Complaint)
	}
}
