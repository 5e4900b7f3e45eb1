package bloom

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestFilter: every key added is held, through encoding; few of the keys
// never added are (about 0.2% at this load).
func TestFilter(t *testing.T) {
	f := New(0)
	const n = 50000
	for i := 0; i < n; i++ {
		f.Add([]byte(fmt.Sprintf("http://a.test/%d\x00", i)))
	}
	back, stamp, err := Decode(f.Encode(42))
	if err != nil || stamp != 42 || back.Capacity != MinKeys {
		t.Fatalf("decoded stamp %d, capacity %d, %v", stamp, back.Capacity, err)
	}
	falseYes := 0
	for i := 0; i < n; i++ {
		if !back.MayHold([]byte(fmt.Sprintf("http://a.test/%d\x00", i))) {
			t.Fatalf("key %d added but not held", i)
		}
		if back.MayHold([]byte(fmt.Sprintf("http://b.test/%d\x00", i))) {
			falseYes++
		}
	}
	if falseYes > n/100 {
		t.Errorf("%d of %d keys never added are held, want under 1%%", falseYes, n)
	}
	if c := back.Clone(); &c.Bits[0] == &back.Bits[0] || !c.MayHold([]byte("http://a.test/7\x00")) {
		t.Error("a clone shares its bits or lost a key")
	}
	for _, bad := range [][]byte{nil, []byte("short"), append([]byte{9, Probes}, make([]byte, 20)...)} {
		if _, _, err := Decode(bad); err != ErrNotFilter {
			t.Errorf("Decode(%q) = %v, want ErrNotFilter", bad, err)
		}
	}
}

// TestScan: a filter built from a bucket holds every key as the key
// function gives it, pause is called every ScanEvery keys, and its error
// stops the scan.
func TestScan(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "scan.db"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const n = 10000
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("b"))
		for i := 0; err == nil && i < n; i++ {
			err = b.Put([]byte(fmt.Sprintf("key %05d tail", i)), nil)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	head := func(k []byte) []byte { return k[:9] }
	db.View(func(tx *bolt.Tx) error {
		pauses := 0
		f, err := Scan(tx.Bucket([]byte("b")).Cursor(), head, func() error { pauses++; return nil })
		if err != nil || pauses != n/ScanEvery || f.Capacity != MinKeys {
			t.Fatalf("scan: %v, %d pauses, capacity %d", err, pauses, f.Capacity)
		}
		for i := 0; i < n; i++ {
			if !f.MayHold([]byte(fmt.Sprintf("key %05d", i))) {
				t.Fatalf("key %d not held", i)
			}
		}
		stop := errors.New("stop")
		if _, err := Scan(tx.Bucket([]byte("b")).Cursor(), head, func() error { return stop }); err != stop {
			t.Errorf("scan with a failing pause: %v", err)
		}
		return nil
	})
}

// A carried filter comes out of a fold with the moved keys added and
// stamped for the level's new sequence; one that was not current, that
// the fold would overfill, or that the level moved past is built anew
// (nil), and one the fold added nothing to need not be stored again.
func TestCarried(t *testing.T) {
	stored := New(0)
	stored.Add([]byte("a"))
	c := Carry(*stored, true, 10, 2)
	c.Add([][]byte{[]byte("xb"), []byte("xc")}, func(k []byte) []byte { return k[1:] })
	f, store := c.result(12)
	if f == nil || !store || !f.MayHold([]byte("a")) || !f.MayHold([]byte("b")) || !f.MayHold([]byte("c")) {
		t.Fatalf("carried: filter %v, store %v; want a, b and c held, stored", f != nil, store)
	}
	if stored.MayHold([]byte("b")) {
		t.Error("carrying changed the stored filter's bits")
	}
	if f, store := Carry(*stored, true, 10, 0).result(10); f == nil || store {
		t.Errorf("nothing moved: filter %v, store %v; want the stored one, not stored again", f != nil, store)
	}
	for name, c := range map[string]*Carried{
		"not current":    Carry(*stored, false, 10, 2),
		"past capacity":  Carry(*stored, true, MinKeys-1, 2),
		"level moved on": Carry(*stored, true, 10, 2),
	} {
		c.Add([][]byte{[]byte("xd")}, nil)
		if f, store := c.result(13); f != nil || !store {
			t.Errorf("%s: filter %v, store %v; want one built and stored", name, f != nil, store)
		}
	}
}
