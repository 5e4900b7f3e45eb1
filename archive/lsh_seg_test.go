package archive

import (
	"bytes"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func docRange(from, to uint64) []uint64 {
	var out []uint64
	for d := from; d <= to; d++ {
		out = append(out, d)
	}
	return out
}

// putOldLayout indexes docs in bucket lsh in place, as prov did before
// segments, and counts them in its sequence.
func putOldLayout(tb testing.TB, db *DB, docs []uint64) {
	tb.Helper()
	putSynth(tb, db, docs, 50)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLSH)
		return b.SetSequence(b.Sequence() + uint64(len(docs)))
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// TestSegmentsMatchOneIndex: an archive whose index is an old-layout
// bucket, three segments and a tail gives every query the candidates of an
// archive holding the same documents in one index filled in place.
func TestSegmentsMatchOneIndex(t *testing.T) {
	one := openTestDB(t)
	putOldLayout(t, one, docRange(1, 750))
	segs := openTestDB(t)
	putOldLayout(t, segs, docRange(1, 300))
	for _, batch := range [][2]uint64{{301, 420}, {421, 640}, {641, 700}} {
		putTailSynth(t, segs, docRange(batch[0], batch[1]), 40)
		if err := segs.FlushIndex(); err != nil {
			t.Fatal(err)
		}
	}
	putTailSynth(t, segs, docRange(701, 750), 40)
	if n := len(indexKeys(t, segs)); n != 700*LSHKeys {
		t.Fatalf("index holds %d keys, want %d", n, 700*LSHKeys)
	}
	for i := uint64(0); i < 200; i++ {
		d := i*37%760 + 1
		for _, q := range [][]uint32{synthSketch(d), perturb(synthSketch(d), 0.1, i), perturb(synthSketch(d), 0.75, i)} {
			want, err1 := one.Candidates(q)
			got, err2 := segs.Candidates(q)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("doc %d query %d: candidates %+v, one index gives %+v", d, i, got, want)
			}
		}
	}
}

// TestPostingAcrossSegments: a prefix shared by more than MaxPosting+1
// documents across the old bucket and segments yields the first
// MaxPosting+1 in key order, as one index would.
func TestPostingAcrossSegments(t *testing.T) {
	p := lshPrefix(lshBands, 42)
	keysOf := func(docs []uint64) [][]byte {
		var out [][]byte
		for _, d := range docs {
			out = append(out, lshKey(p, d))
		}
		slices.SortFunc(out, bytes.Compare)
		return out
	}
	one, segs := openTestDB(t), openTestDB(t)
	err := one.bolt.Update(func(tx *bolt.Tx) error { return putIndexKeys(tx, keysOf(docRange(1, 1500))) })
	if err != nil {
		t.Fatal(err)
	}
	err = segs.bolt.Update(func(tx *bolt.Tx) error {
		if err := putIndexKeys(tx, keysOf(docRange(1, 100))); err != nil {
			return err
		}
		for _, r := range [][2]uint64{{101, 900}, {901, 1500}} {
			name, err := startSegment(tx)
			if err == nil {
				err = putBlocks(tx, name, keysOf(docRange(r[0], r[1])))
			}
			if err == nil {
				err = finishSegment(tx, name, r[1])
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want, got []uint64
	one.bolt.View(func(tx *bolt.Tx) error { want = indexPosting(tx, p); return nil })
	segs.bolt.View(func(tx *bolt.Tx) error { got = indexPosting(tx, p); return nil })
	if len(want) != MaxPosting+1 || !slices.Equal(got, want) {
		t.Errorf("posting across segments: %d docs, first %v; one index: %d docs, first %v", len(got), got[:5], len(want), want[:5])
	}
	// A grouping reads such a heavy posting once, and what a reader
	// appends to it (union) is not kept.
	pc := postingCache{}
	segs.bolt.View(func(tx *bolt.Tx) error {
		first := pc.posting(tx, p)
		if grown := append(first, 7); &grown[0] == &first[0] {
			t.Error("an append to a cached posting writes into the cached array")
		}
		if again := pc.posting(tx, p); !slices.Equal(again, want) || len(pc) != 1 {
			t.Errorf("cached posting: %d docs (%d cached prefixes), want the %d read", len(again), len(pc), len(want))
		}
		return nil
	})
}

// synthKeys returns the index keys of docs, sorted.
func synthKeys(docs []uint64) [][]byte {
	var out [][]byte
	for _, d := range docs {
		for _, p := range lshPrefixes(synthSketch(d)) {
			out = append(out, lshKey(p, d))
		}
	}
	slices.SortFunc(out, bytes.Compare)
	return out
}

// TestSegmentCutShort: a segment whose flush was cut short is not read,
// and the next flush deletes it and indexes its documents again.
func TestSegmentCutShort(t *testing.T) {
	db := openTestDB(t)
	putTailSynth(t, db, docRange(1, 20), 5)
	before, _ := findDoc(db, 5)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		name, err := startSegment(tx)
		if err != nil {
			return err
		}
		return putBlocks(tx, name, synthKeys(docRange(1, 20)))
	})
	if err == nil {
		err = db.bolt.Update(func(tx *bolt.Tx) error {
			name, err := startSegment(tx) // drops nothing: it is not a flush's
			if err != nil {
				return err
			}
			return putBlocks(tx, name, synthKeys([]uint64{999}))
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := findDoc(db, 999); ok {
		t.Errorf("doc of a partial segment is a candidate: %+v", c)
	}
	if c, _ := findDoc(db, 5); c != before {
		t.Errorf("doc 5 beside a partial segment: %+v, before %+v", c, before)
	}
	if err := db.FlushIndex(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, k := range synthKeys(docRange(1, 20)) {
		want = append(want, string(k))
	}
	if got := indexKeys(t, db); !slices.Equal(got, want) {
		t.Errorf("index holds %d keys after the flush, want %d", len(got), len(want))
	}
	if c, _ := findDoc(db, 5); c != before {
		t.Errorf("doc 5 after the flush: %+v, before %+v", c, before)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		n := 0
		tx.Bucket(bucketLSHSeg).ForEachBucket(func([]byte) error { n++; return nil })
		if n != 1 {
			t.Errorf("%d segments after the flush, want 1", n)
		}
		return nil
	})
}
