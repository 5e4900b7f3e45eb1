package archive

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// writeFoldPages writes captures of pages from..to-1 of a small site, one
// batch: each page its own URL, payload and text.
func writeFoldPages(tb testing.TB, db *DB, from, to int) {
	tb.Helper()
	var batch []Entry
	for i := from; i < to; i++ {
		batch = append(batch, testEntry(fmt.Sprintf("http://fold.test/%03d", i),
			fmt.Sprintf("<p>page %d</p>", i), fmt.Sprintf("text of page %d", i)))
	}
	if _, err := db.Write(batch); err != nil {
		tb.Fatal(err)
	}
}

// levelKeys returns ix's keys as readers see them (the merged cursor),
// failing unless they come in strictly increasing order: each once.
func levelKeys(tb testing.TB, tx *bolt.Tx, ix *index) [][]byte {
	tb.Helper()
	var out [][]byte
	cur := ix.in(tx).cursor()
	for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
		if n := len(out); n > 0 && bytes.Compare(out[n-1], k) >= 0 {
			tb.Errorf("%s: key %q after %q", ix.name, k, out[n-1])
		}
		out = append(out, bytes.Clone(k))
	}
	return out
}

// allLevelKeys is levelKeys of every index, in one read transaction.
func allLevelKeys(tb testing.TB, db *DB) map[string][][]byte {
	tb.Helper()
	out := map[string][][]byte{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, ix := range twoLevel {
			out[ix.name] = levelKeys(tb, tx, ix)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// levelSizes returns how many keys main and tail of ix hold, and fails
// when a key is in both.
func levelSizes(tb testing.TB, db *DB, ix *index) (main, tail int) {
	tb.Helper()
	db.bolt.View(func(tx *bolt.Tx) error {
		l := ix.in(tx)
		main = l.main.Stats().KeyN
		l.tail.ForEach(func(k, _ []byte) error {
			tail++
			if l.main.Get(k) != nil {
				tb.Errorf("%s: key %q in both levels", ix.name, k)
			}
			return nil
		})
		return nil
	})
	return main, tail
}

func assertNoFindings(tb testing.TB, db *DB) {
	tb.Helper()
	if err := db.Verify(func(f Finding) error { tb.Error(f); return nil }); err != nil {
		tb.Fatal(err)
	}
}

// TestFoldMovesEveryKey: a fold in chunks of 7 moves the tails' keys into
// main, in key order, and every read sees the same keys before and after,
// with a URL's captures found in both levels at once (its first capture
// folded, its second in the tail).
func TestFoldMovesEveryKey(t *testing.T) {
	db := openTestDB(t)
	writeFoldPages(t, db, 0, 60)
	before := allLevelKeys(t, db)
	for _, ix := range twoLevel {
		if m, tl := levelSizes(t, db, ix); m != 0 || tl != 60 {
			t.Fatalf("%s before the fold: main %d, tail %d keys, want 0 and 60", ix.name, m, tl)
		}
		if err := db.fold(ix, 7); err != nil {
			t.Fatal(err)
		}
		if m, tl := levelSizes(t, db, ix); m != 60 || tl != 0 {
			t.Errorf("%s after the fold: main %d, tail %d keys, want 60 and 0", ix.name, m, tl)
		}
	}
	if after := allLevelKeys(t, db); !equalKeySets(before, after) {
		t.Errorf("keys changed in the fold")
	}
	again := testEntry("http://fold.test/007", "<p>page 7, changed</p>", "text of page 7")
	if _, err := db.Write([]Entry{again}); err != nil {
		t.Fatal(err)
	}
	hist, err := db.History("http://fold.test/007")
	if err != nil || len(hist) != 2 || hist[0].ID >= hist[1].ID || hist[1].Kind != KindResponse {
		t.Errorf("history across levels = %+v, %v", hist, err)
	}
	if ids, err := db.DocumentCaptures(again.Capture.TextSHA256); err != nil || len(ids) != 2 {
		t.Errorf("captures of a text across levels = %v, %v", ids, err)
	}
	if d, err := db.Document(again.Capture.TextSHA256); err != nil || d.FirstCapture != hist[0].ID {
		t.Errorf("document from main = %+v, %v", d, err)
	}
	if p, err := db.Payload(again.Capture.PayloadSHA256); err != nil || string(p) != "<p>page 7, changed</p>" {
		t.Errorf("payload from the tail = %q, %v", p, err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if seq := tx.Bucket(idxURLs.main).Sequence(); seq != 60 {
			t.Errorf("urls main counts %d keys folded, want 60", seq)
		}
		if seq := tx.Bucket(idxURLs.tail).Sequence(); seq != 1 {
			t.Errorf("urls tail counts %d keys, want 1", seq)
		}
		return nil
	})
	assertNoFindings(t, db)
}

func equalKeySets(a, b map[string][][]byte) bool {
	for name, keys := range a {
		if len(b[name]) != len(keys) {
			return false
		}
		for i := range keys {
			if !bytes.Equal(keys[i], b[name][i]) {
				return false
			}
		}
	}
	return len(a) == len(b)
}

// TestFoldCutShort: a fold that stops after k chunks (as a crash or a
// failed commit would) leaves every key readable exactly once, in one
// level or the other; the next fold moves the rest.
func TestFoldCutShort(t *testing.T) {
	stop := errors.New("stopped")
	for k := 1; k <= 4; k++ {
		t.Run(strconv.Itoa(k), func(t *testing.T) {
			db := openTestDB(t)
			writeFoldPages(t, db, 0, 40)
			before := allLevelKeys(t, db)
			foldHook = func(_ *index, chunk int) error {
				if chunk == k {
					return stop
				}
				return nil
			}
			defer func() { foldHook = nil }()
			if err := db.fold(idxURLs, 9); !errors.Is(err, stop) {
				t.Fatalf("fold: %v, want it stopped", err)
			}
			if m, tl := levelSizes(t, db, idxURLs); m != 9*k || tl != 40-9*k {
				t.Errorf("after %d chunks: main %d, tail %d keys", k, m, tl)
			}
			if !equalKeySets(before, allLevelKeys(t, db)) {
				t.Errorf("keys changed when the fold stopped")
			}
			assertNoFindings(t, db)
			foldHook = nil
			if err := db.fold(idxURLs, 9); err != nil {
				t.Fatal(err)
			}
			if m, tl := levelSizes(t, db, idxURLs); m != 40 || tl != 0 {
				t.Errorf("fold resumed: main %d, tail %d keys", m, tl)
			}
			if !equalKeySets(before, allLevelKeys(t, db)) {
				t.Errorf("keys changed when the fold resumed")
			}
		})
	}
}

// TestFoldWhileReading: readers that walk the indexes while chunks of a
// fold commit each see every key once. One reader starts after the first
// chunk and is slowed, so that later chunks commit while it walks.
func TestFoldWhileReading(t *testing.T) {
	db := openTestDB(t)
	writeFoldPages(t, db, 0, 50)
	want := allLevelKeys(t, db)
	results := make(chan error, 64)
	read := func(slow time.Duration, started chan<- struct{}) {
		got := map[string][][]byte{}
		err := db.bolt.View(func(tx *bolt.Tx) error {
			for _, ix := range twoLevel {
				cur := ix.in(tx).cursor()
				for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
					if started != nil {
						close(started)
						started = nil
					}
					got[ix.name] = append(got[ix.name], bytes.Clone(k))
					time.Sleep(slow)
				}
			}
			return nil
		})
		if err == nil && !equalKeySets(want, got) {
			err = errors.New("a reader saw other keys than were written")
		}
		results <- err
	}
	readers := 0
	foldHook = func(ix *index, chunk int) error {
		if ix == idxURLs && chunk == 1 {
			started := make(chan struct{})
			go read(time.Millisecond, started)
			<-started // the reader never waits for the writer: no deadlock
		} else {
			go read(0, nil)
		}
		readers++
		return nil
	}
	defer func() { foldHook = nil }()
	for _, ix := range twoLevel {
		if err := db.fold(ix, 4); err != nil {
			t.Fatal(err)
		}
	}
	for range readers {
		if err := <-results; err != nil {
			t.Error(err)
		}
	}
	if readers < 40 {
		t.Errorf("%d readers, want one per chunk", readers)
	}
}

// TestVerifyKeyInBothLevels: a key put back into main while it is in the
// tail is one finding of Verify, naming it; readers still see it once.
func TestVerifyKeyInBothLevels(t *testing.T) {
	db := openTestDB(t)
	writeFoldPages(t, db, 0, 3)
	key := urlKey("http://fold.test/001", 2)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(idxURLs.main).Put(key, []byte{})
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []Finding
	if err := db.Verify(func(f Finding) error { got = append(got, f); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Kind != FindIndexTwice || got[0].Bucket != "urlstail" || got[0].Key != fmt.Sprintf("%x", key) {
		t.Errorf("findings %v, want one %s naming %x", got, FindIndexTwice, key)
	}
	if hist, err := db.History("http://fold.test/001"); err != nil || len(hist) != 1 {
		t.Errorf("history = %+v, %v, want one capture", hist, err)
	}
}

// TestSchema4Archive: an archive laid out as schema 4 made it (no tails)
// opens read-only and reads as before; a writer takes it to schema 5,
// creating the tails, and what it writes then reads with what was there.
func TestSchema4Archive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v4.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeFoldPages(t, db, 0, 20)
	want := allLevelKeys(t, db)
	db.Close()
	RawUpdate(t, path, func(tx *bolt.Tx) error {
		return errors.Join(oldLayout(tx), tx.Bucket(bucketMeta).Put([]byte("schema"), []byte("4")))
	})

	db, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, db); v != 4 {
		t.Fatalf("schema %d, want the fixture's 4", v)
	}
	if !equalKeySets(want, allLevelKeys(t, db)) {
		t.Errorf("a schema 4 archive reads other keys")
	}
	old := testEntry("http://fold.test/003", "<p>page 3</p>", "text of page 3")
	if hist, err := db.History(old.Capture.URL); err != nil || len(hist) != 1 {
		t.Errorf("history = %+v, %v", hist, err)
	}
	if s, err := db.Stats(); err != nil || s.URLs != 20 || s.Payloads != 20 || s.Documents != 20 {
		t.Errorf("stats = %+v, %v", s, err)
	}
	assertNoFindings(t, db)
	db.Close()

	db = openUpgraded(t, path)
	writeFoldPages(t, db, 20, 25)
	if s, err := db.Stats(); err != nil || s.URLs != 25 || s.Payloads != 25 || s.Documents != 25 {
		t.Errorf("stats = %+v, %v", s, err)
	}
	if p, err := db.Payload(old.Capture.PayloadSHA256); err != nil || string(p) != "<p>page 3</p>" {
		t.Errorf("old payload = %q, %v", p, err)
	}
	assertNoFindings(t, db)
}

// TestFoldDue: a tail is due at foldMin keys, half of main's counted
// keys up to foldFloor, or main's counted keys over foldRatio once that
// is more.
func TestFoldDue(t *testing.T) {
	for _, c := range []struct{ main, want uint64 }{
		{0, foldMin},
		{foldMin, foldMin},
		{3 * foldMin, 3 * foldMin / 2},
		{2 * foldFloor, foldFloor},
		{foldFloor * foldRatio, foldFloor},
		{4 * foldFloor * foldRatio, 4 * foldFloor},
	} {
		if got := foldAt(c.main); got != c.want {
			t.Errorf("foldAt(%d) = %d, want %d", c.main, got, c.want)
		}
	}
}

// TestCopiesReadBothLevels: Salvage and Merge copy an archive whose
// index keys are half folded into main and half in the tails: every
// capture, payload and document comes across, and the copies verify.
func TestCopiesReadBothLevels(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	db, err := Open(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeFoldPages(t, db, 0, 30)
	for _, ix := range twoLevel {
		if err := db.fold(ix, 11); err != nil {
			t.Fatal(err)
		}
	}
	writeFoldPages(t, db, 30, 50)
	want, err := db.Stats()
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	salvaged := filepath.Join(dir, "salvaged.db")
	st, err := Salvage(src, salvaged, SalvageOptions{}, func(l Loss) { t.Errorf("lost %+v", l) })
	if err != nil || st.Copied["captures"] != 50 || st.Copied["payloads"] != 50 || st.Copied["documents"] != 50 {
		t.Fatalf("salvage: %+v, %v", st, err)
	}
	merged := filepath.Join(dir, "merged.db")
	if _, err := Merge([]string{src}, merged, MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{salvaged, merged} {
		db, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Stats()
		if err != nil || got.Captures != want.Captures || got.URLs != want.URLs || got.Payloads != want.Payloads || got.Documents != want.Documents {
			t.Errorf("%s: stats %+v, %v, want those of the source, %+v", filepath.Base(path), got, err, want)
		}
		assertNoFindings(t, db)
		db.Close()
	}
}
