package archive

import (
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
	if n := tailLen(db); n == 0 || n >= lshFlushDocs {
		t.Fatalf("tail holds %d documents, want 1..%d", n, lshFlushDocs-1)
	}
	check := func(when string) {
		for _, d := range []uint64{5, uint64(len(docs) - 3)} {
			got, _ := db.Candidates(perturb(synthSketch(d), 0.1, d))
			if !slices.ContainsFunc(got, func(c Candidate) bool { return c.DocID == d && c.Bands > 0 }) {
				t.Errorf("%s: candidates %+v lack doc %d", when, got, d)
			}
		}
	}
	check("with a tail")
	if err := db.FlushIndex(); err != nil {
		t.Fatal(err)
	}
	if n := tailLen(db); n != 0 {
		t.Errorf("after FlushIndex the tail holds %d documents", n)
	}
	check("flushed")
}
