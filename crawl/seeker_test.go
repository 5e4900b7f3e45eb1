package crawl

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestSeekerReadsAsGet holds seeker.get to Bucket.Get on a bucket of
// several leaves: keys held, keys between them (at a leaf's end too),
// before the first and past the last, a nested bucket's name, and keys
// put and deleted between two reads of the same seeker.
func TestSeekerReadsAsGet(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "f"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := func(i int) []byte { return fmt.Appendf(nil, "http://bench.test/news/%05d.html", i) }
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("b"))
		if err != nil {
			return err
		}
		for i := 0; i < 2000; i += 2 { // many leaves; the odd keys fall between
			if err := b.Put(key(i), []byte{byte(i)}); err != nil {
				return err
			}
		}
		_, err = b.CreateBucket(key(1001))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("b"))
		s := newSeeker(b)
		probes := [][]byte{[]byte("a"), []byte("z"), key(1001)}
		for i := -1; i <= 2001; i++ {
			probes = append(probes, key(i))
		}
		check := func(when string) {
			for _, k := range probes {
				if got, want := s.get(k), b.Get(k); !bytes.Equal(got, want) || (got == nil) != (want == nil) {
					t.Errorf("%s: get(%s) = %v, Get says %v", when, k, got, want)
				}
			}
		}
		check("read")
		for i := 3; i < 2000; i += 100 { // odd keys put, never the nested bucket's
			if err := b.Put(key(i), []byte("new")); err != nil {
				return err
			}
			if err := b.Delete(key(i + 1)); err != nil {
				return err
			}
		}
		check("after writes")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
