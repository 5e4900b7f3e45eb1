package archive

import (
	"errors"
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/bloom"
)

// filterOf returns ix's stored filter and whether it is current.
func filterOf(tb testing.TB, db *DB, ix *index) (f *bloom.Filter, current bool) {
	tb.Helper()
	db.bolt.View(func(tx *bolt.Tx) error {
		var stored bloom.Filter
		stored, current = storedFilter(tx, ix, tx.Bucket(ix.main))
		f = stored.Clone()
		return nil
	})
	return f, current
}

// assertFilterHoldsMain fails unless ix's filter is current and holds
// every key of main.
func assertFilterHoldsMain(tb testing.TB, db *DB, ix *index) {
	tb.Helper()
	f, ok := filterOf(tb, db, ix)
	if !ok {
		tb.Fatalf("%s: no current filter", ix.name)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(ix.main).ForEach(func(k, _ []byte) error {
			if !f.MayHold(ix.filterKey(k)) {
				tb.Errorf("%s: main key %q not in the filter", ix.name, k)
			}
			return nil
		})
	})
}

// TestFoldWritesFilter: a fold leaves a current filter over main for the
// indexes that keep one, and none for doccaps; a later fold adds its
// keys to the filter it finds.
func TestFoldWritesFilter(t *testing.T) {
	db := openTestDB(t)
	writeFoldPages(t, db, 0, 30)
	foldAll(t, db)
	writeFoldPages(t, db, 30, 60)
	foldAll(t, db)
	for _, ix := range twoLevel {
		if ix.filterKey == nil {
			if _, ok := filterOf(t, db, ix); ok {
				t.Errorf("%s has a filter", ix.name)
			}
			continue
		}
		assertFilterHoldsMain(t, db, ix)
	}
	// Lookups through the filters find what main holds.
	for i := 0; i < 60; i += 7 {
		e := testEntry(fmt.Sprintf("http://fold.test/%03d", i), fmt.Sprintf("<p>page %d</p>", i), fmt.Sprintf("text of page %d", i))
		if hist, err := db.History(e.Capture.URL); err != nil || len(hist) != 1 {
			t.Errorf("history of %s = %v, %v", e.Capture.URL, hist, err)
		}
		if _, err := db.Payload(e.Capture.PayloadSHA256); err != nil {
			t.Errorf("payload of %s: %v", e.Capture.URL, err)
		}
		if _, err := db.Document(e.Capture.TextSHA256); err != nil {
			t.Errorf("document of %s: %v", e.Capture.URL, err)
		}
	}
	assertNoFindings(t, db)
}

// foldedTestDB is a test archive of pages 0..n-1, every index folded.
func foldedTestDB(tb testing.TB, n int) *DB {
	tb.Helper()
	db := openTestDB(tb)
	writeFoldPages(tb, db, 0, n)
	foldAll(tb, db)
	return db
}

func foldAll(tb testing.TB, db *DB) {
	tb.Helper()
	for _, ix := range twoLevel {
		if err := db.fold(ix, 7); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestFilterNotCurrentIsIgnored: a key put into main by a fold that kept
// no filter (an older prov's) moves main's sequence on, so lookups stop
// trusting the filter and find the key; the next fold builds the filter
// anew from main, the key with it. A fold cut short leaves the filter
// behind main in the same way.
func TestFilterNotCurrentIsIgnored(t *testing.T) {
	db := foldedTestDB(t, 20)
	old := testEntry("http://fold.test/old", "<p>old</p>", "old text")
	h, _ := ParseHash(old.Capture.PayloadSHA256)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		main := tx.Bucket(bucketPayloads)
		if err := main.Put(h[:], []byte("a value")); err != nil {
			return err
		}
		return main.SetSequence(main.Sequence() + 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := filterOf(t, db, idxPayloads); ok {
		t.Fatal("filter still current after main's sequence moved")
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if idxPayloads.in(tx).get(h[:]) == nil {
			t.Error("a key folded without the filter is not found")
		}
		return nil
	})

	writeFoldPages(t, db, 20, 40)
	stop := errors.New("stopped")
	foldHook = func(*index, int) error { return stop }
	defer func() { foldHook = nil }()
	if err := db.fold(idxPayloads, 7); !errors.Is(err, stop) {
		t.Fatalf("fold: %v, want it stopped", err)
	}
	if _, ok := filterOf(t, db, idxPayloads); ok {
		t.Error("filter current after a fold cut short")
	}
	foldHook = nil
	if err := db.fold(idxPayloads, 7); err != nil {
		t.Fatal(err)
	}
	assertFilterHoldsMain(t, db, idxPayloads)
	if f, _ := filterOf(t, db, idxPayloads); !f.MayHold(h[:]) {
		t.Error("the rebuilt filter lacks the key folded without it")
	}
}

// TestFilterOutgrown: a fold that would take a filter past its capacity
// builds a larger one from main.
func TestFilterOutgrown(t *testing.T) {
	db := foldedTestDB(t, 10)
	small := &bloom.Filter{Capacity: 10, Bits: make([]byte, 13)}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		main := tx.Bucket(bucketURLs)
		main.ForEach(func(k, _ []byte) error { small.Add(urlKeyPrefix(k)); return nil })
		return tx.Bucket(bucketFilters).Put(bucketURLs, small.Encode(main.Sequence()))
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFoldPages(t, db, 10, 40)
	if err := db.fold(idxURLs, 7); err != nil {
		t.Fatal(err)
	}
	assertFilterHoldsMain(t, db, idxURLs)
	if f, _ := filterOf(t, db, idxURLs); f.Capacity != bloom.MinKeys {
		t.Errorf("capacity %d after outgrowing 10, want %d", f.Capacity, bloom.MinKeys)
	}
}

// TestVerifyFilterMiss: a main key the current filter lacks is a finding,
// and lookups through the filter indeed miss it.
func TestVerifyFilterMiss(t *testing.T) {
	db := foldedTestDB(t, 20)
	stray := testEntry("http://fold.test/stray", "<p>stray</p>", "stray text")
	h, _ := ParseHash(stray.Capture.TextSHA256)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocuments).Put(h[:], []byte("a value")) // sequence unchanged: the filter stays current
	})
	if err != nil {
		t.Fatal(err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if idxDocuments.in(tx).get(h[:]) != nil {
			t.Error("a key the filter lacks was looked up in main")
		}
		return nil
	})
	var misses []Finding
	err = db.Verify(func(f Finding) error {
		if f.Kind == FindFilterMiss {
			misses = append(misses, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(misses) != 1 || misses[0].Key != fmt.Sprintf("%x", h[:]) {
		t.Errorf("filter-miss findings = %v, want one for the stray key", misses)
	}
}
