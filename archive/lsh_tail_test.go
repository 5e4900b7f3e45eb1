package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// putTailSynth adds docs to the index through its tail, batch per
// transaction, as putSketch does.
func putTailSynth(tb testing.TB, db *DB, docs []uint64, batch int) {
	tb.Helper()
	for i := 0; i < len(docs); i += batch {
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			for _, d := range docs[i:min(i+batch, len(docs))] {
				if err := putTail(tx, synthSketch(d), d); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

func tailLen(db *DB) int {
	n := 0
	db.bolt.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketLSHTail); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n
}

func findDoc(db *DB, d uint64) (Candidate, bool) {
	got, _ := db.Candidates(perturb(synthSketch(d), 0.1, d))
	i := slices.IndexFunc(got, func(c Candidate) bool { return c.DocID == d })
	if i < 0 {
		return Candidate{}, false
	}
	return got[i], true
}

// TestTailFindsEveryDocument: documents are candidates whether they are
// still in the tail or already in the index, and FlushIndex empties the
// tail.
func TestTailFindsEveryDocument(t *testing.T) {
	db := openTestDB(t)
	docs := make([]uint64, lshFlushDocs+300)
	for i := range docs {
		docs[i] = uint64(i + 1)
	}
	putTailSynth(t, db, docs, 100)
	if n := tailLen(db); n != len(docs) {
		t.Fatalf("tail holds %d documents, want %d", n, len(docs))
	}
	check := func(when string) map[uint64]Candidate {
		found := map[uint64]Candidate{}
		for _, d := range []uint64{5, uint64(len(docs) - 3)} {
			c, ok := findDoc(db, d)
			if !ok || c.Bands == 0 {
				t.Errorf("%s: doc %d not a candidate (%+v)", when, d, c)
			}
			found[d] = c
		}
		return found
	}
	before := check("with a tail")
	if err := db.FlushIndex(); err != nil {
		t.Fatal(err)
	}
	if n := tailLen(db); n != 0 {
		t.Errorf("after FlushIndex the tail holds %d documents", n)
	}
	if after := check("flushed"); !maps.Equal(before, after) {
		t.Errorf("candidates changed with the flush: %v, then %v", before, after)
	}
}

// TestTailFlushCutShort: a flush killed after putting keys into the index
// but before emptying the tail leaves documents in both; each counts once.
func TestTailFlushCutShort(t *testing.T) {
	db := openTestDB(t)
	docs := []uint64{1, 2, 3}
	putTailSynth(t, db, docs, 3)
	want, _ := findDoc(db, 2)
	keys, err := db.tailKeys(slotRange{0, LSHKeys}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error { return putIndexKeys(tx, keys) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := findDoc(db, 2); got != want {
		t.Errorf("doc in both index and tail: candidate %+v, want %+v", got, want)
	}
}

// TestWritesFlushFullTail: writes move the tail into the index once it is
// full, so the tail a query scans stays under lshFlushDocs documents.
func TestWritesFlushFullTail(t *testing.T) {
	db := openTestDB(t)
	var entries []Entry
	for i := range lshFlushDocs + 10 {
		text := fmt.Sprintf("document %d of the flush test, with words enough", i)
		e := Entry{Capture: Capture{URL: fmt.Sprintf("http://tail.test/%d", i), Status: 200,
			TextSHA256: fmt.Sprintf("%064x", i+1), Sketch: synthSketch(uint64(i + 1)), Shingles: 10}, Payload: []byte(text), Text: text}
		entries = append(entries, e)
	}
	for i := 0; i < len(entries); i += 100 {
		if _, err := db.Write(entries[i:min(i+100, len(entries))]); err != nil {
			t.Fatal(err)
		}
	}
	n := tailLen(db)
	if n >= lshFlushDocs {
		t.Errorf("tail holds %d documents after %d written, want under %d", n, len(entries), lshFlushDocs)
	}
	indexed := len(indexKeys(t, db))
	if want := (len(entries) - n) * LSHKeys; indexed != want {
		t.Errorf("index holds %d keys, want %d (%d documents)", indexed, want, len(entries)-n)
	}
}

// TestTailGrowsWithIndex: the tail is flushed once it holds as many
// documents as the index (lshFlushDocs at least, lshMaxTailDocs at most),
// and the index's sequence counts the documents flushed into it.
func TestTailGrowsWithIndex(t *testing.T) {
	for _, c := range []struct {
		indexed, tail uint64
		full          bool
	}{
		{0, lshFlushDocs - 1, false},
		{0, lshFlushDocs, true},
		{lshFlushDocs, lshFlushDocs, true},
		{3 * lshFlushDocs, 2 * lshFlushDocs, false},
		{3 * lshFlushDocs, 3 * lshFlushDocs, true},
		{4 * lshMaxTailDocs, lshMaxTailDocs - 1, false},
		{4 * lshMaxTailDocs, lshMaxTailDocs, true},
	} {
		db := openTestDB(t)
		var full bool
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			idx, err := tx.CreateBucketIfNotExists(bucketLSH)
			if err != nil {
				return err
			}
			tail, err := tx.CreateBucketIfNotExists(bucketLSHTail)
			if err != nil {
				return err
			}
			if err := errors.Join(idx.SetSequence(c.indexed), tail.SetSequence(c.tail)); err != nil {
				return err
			}
			full = tailFull(tx)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if full != c.full {
			t.Errorf("index %d documents, tail %d: full %v, want %v", c.indexed, c.tail, full, c.full)
		}
	}
	db := openTestDB(t)
	docs := []uint64{1, 2, 3, 4, 5}
	putTailSynth(t, db, docs, 2)
	if err := db.FlushIndex(); err != nil {
		t.Fatal(err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if n := tx.Bucket(bucketLSH).Sequence(); n != uint64(len(docs)) {
			t.Errorf("index counts %d documents after a flush of %d", n, len(docs))
		}
		if n := tx.Bucket(bucketLSHTail).Sequence(); n != 0 {
			t.Errorf("tail counts %d documents after a flush", n)
		}
		return nil
	})
}

// TestTailPasses: a flush read a few slots at a time puts the same keys
// as one that reads them all, and leaves documents after last in the tail.
func TestTailPasses(t *testing.T) {
	for _, docs := range []int{1, lshPassKeys / LSHKeys, lshPassKeys / 3, lshPassKeys, 4 * lshPassKeys} {
		passes := tailPasses(docs)
		next := 0
		for _, p := range passes {
			if p.from != next || p.to <= p.from {
				t.Fatalf("%d documents: passes %v do not cover the slots in order", docs, passes)
			}
			next = p.to
		}
		if next != LSHKeys {
			t.Fatalf("%d documents: passes %v end at slot %d", docs, passes, next)
		}
	}
	db := openTestDB(t)
	ids := make([]uint64, 40)
	for i := range ids {
		ids[i] = uint64(i + 1)
	}
	putTailSynth(t, db, ids, 7)
	whole, err := db.tailKeys(slotRange{0, LSHKeys}, 30)
	if err != nil {
		t.Fatal(err)
	}
	var parts [][]byte
	for _, r := range []slotRange{{0, 5}, {5, 6}, {6, LSHKeys}} {
		keys, err := db.tailKeys(r, 30)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, keys...)
	}
	slices.SortFunc(parts, bytes.Compare)
	if len(whole) != 30*LSHKeys || !slices.EqualFunc(whole, parts, bytes.Equal) {
		t.Fatalf("keys read in passes differ from keys read at once: %d and %d keys", len(parts), len(whole))
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error { return dropTail(tx, 30) }); err != nil {
		t.Fatal(err)
	}
	if n := tailLen(db); n != 10 {
		t.Errorf("tail holds %d documents after dropping 30 of 40", n)
	}
}

// appendTailKeys makes lshKey's keys, each its own, whether or not its
// buffer had room: a key cut before the buffer moved keeps its bytes.
func TestAppendTailKeys(t *testing.T) {
	var v []byte
	var want [][]byte
	for slot := range LSHKeys {
		p := lshPrefix(slot, uint32(slot*7919))
		v = append(v, p[:]...)
		want = append(want, lshKey(p, 1<<40+3))
	}
	for _, room := range []int{0, 7, len(want) * 16} {
		keys, buf := appendTailKeys(nil, make([]byte, 0, room), 1<<40+3, v)
		if len(keys) != len(want) {
			t.Fatalf("room %d: %d keys, want %d", room, len(keys), len(want))
		}
		for i := range want {
			if !bytes.Equal(keys[i], want[i]) {
				t.Errorf("room %d: key %d = %x, want %x", room, i, keys[i], want[i])
			}
		}
		if keys2, _ := appendTailKeys(keys[:1], buf, 9, v[:5]); !bytes.Equal(keys2[0], want[0]) {
			t.Errorf("room %d: a later append changed the first key", room)
		}
	}
}

// BenchmarkTailKeys reads a full tail's index keys, sorted: the first
// half of every flush.
func BenchmarkTailKeys(b *testing.B) {
	db := openTestDB(b)
	docs := make([]uint64, lshFlushDocs)
	for i := range docs {
		docs[i] = uint64(i + 1)
	}
	putTailSynth(b, db, docs, 512)
	b.ReportAllocs()
	for b.Loop() {
		if keys, err := db.tailKeys(slotRange{0, LSHKeys}, lshFlushDocs); err != nil || len(keys) != lshFlushDocs*LSHKeys {
			b.Fatalf("%d keys, %v", len(keys), err)
		}
	}
}

// putIndexKeys puts keys into bucket lsh in place, as prov's flush did
// before segments: the old layout's index.
func putIndexKeys(tx *bolt.Tx, keys [][]byte) error {
	idx, err := tx.CreateBucketIfNotExists(bucketLSH)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := idx.Put(k, []byte{}); err != nil {
			return err
		}
	}
	return nil
}

// indexKeys returns the index's keys, bucket lsh's then each complete
// segment's, decoded from its blocks.
func indexKeys(tb testing.TB, db *DB) []string {
	tb.Helper()
	var keys []string
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketLSH); b != nil {
			b.ForEach(func(k, _ []byte) error { keys = append(keys, string(k)); return nil })
		}
		segs := tx.Bucket(bucketLSHSeg)
		if segs == nil {
			return nil
		}
		return segs.ForEachBucket(func(name []byte) error {
			seg := segs.Bucket(name)
			if seg.Sequence() == 0 {
				return nil
			}
			return seg.ForEach(func(_, v []byte) error {
				for len(v) > 5 {
					_, n := binary.Uvarint(v[5:])
					if n <= 0 {
						return fmt.Errorf("segment %x: damaged block", name)
					}
					keys = append(keys, string(v[:5+n]))
					v = v[5+n:]
				}
				return nil
			})
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return keys
}

// TestSortIndexKeys: sortIndexKeys orders keys as bytes.Compare does,
// keys whose prefixes are equal included (their doc IDs in uvarint form,
// whose bytes do not sort as the numbers do past 127), and duplicates.
func TestSortIndexKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	prefixes := [][]byte{{0, 0, 0, 0, 0}, {0xff, 0xff, 0xff, 0xff, 0xff}, {1, 2, 3, 4, 5}, {1, 2, 3, 4, 6}, {2, 2, 3, 4, 5}}
	for _, n := range []int{0, 1, 2, 3, 10, 1000, 20000} {
		var keys [][]byte
		for range n {
			var p []byte
			if r.IntN(2) == 0 {
				p = prefixes[r.IntN(len(prefixes))]
			} else {
				p = binary.BigEndian.AppendUint64(nil, r.Uint64())[:5]
			}
			doc := []uint64{r.Uint64N(300), r.Uint64N(1 << 20), r.Uint64()}[r.IntN(3)]
			keys = append(keys, binary.AppendUvarint(bytes.Clone(p), doc))
		}
		want := slices.Clone(keys)
		slices.SortFunc(want, bytes.Compare)
		sortIndexKeys(keys)
		if !slices.EqualFunc(keys, want, bytes.Equal) {
			t.Fatalf("%d keys: sorted otherwise than bytes.Compare sorts them", n)
		}
	}
}

// TestSortPrefixes: sortPrefixes sorts packed keys as slices.Sort does,
// below and above the size where it sorts by radix, with prefixes that
// differ in one byte only and prefixes many keys share.
func TestSortPrefixes(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 255, 256, 257, 5000, 70000} {
		packed := make([]uint64, n)
		for i := range packed {
			var prefix uint64
			switch r.IntN(3) {
			case 0:
				prefix = r.Uint64N(1 << 40)
			case 1:
				prefix = uint64(r.IntN(4)) << (8 * uint(r.IntN(5))) // one byte set, any of the five
			default:
				prefix = 0xab_cdef_0123 // shared
			}
			packed[i] = prefix<<packPosBits | uint64(i)
		}
		want := slices.Clone(packed)
		slices.Sort(want)
		sortPrefixes(packed)
		if !slices.Equal(packed, want) {
			t.Fatalf("%d keys: sorted otherwise than slices.Sort sorts them", n)
		}
	}
}
