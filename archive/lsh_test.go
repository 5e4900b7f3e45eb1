package archive

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// synthSketch is document doc's synthetic sketch: independent random
// values, as unrelated texts' MinHash values are.
func synthSketch(doc uint64) []uint32 {
	s := make([]uint32, SketchSize)
	for i := range s {
		s[i] = synthValue(doc, i)
	}
	return s
}

func synthValue(doc uint64, i int) uint32 {
	x := doc*0x9E3779B97F4A7C15 + uint64(i)*0xBF58476D1CE4E5B9
	x = (x ^ (x >> 31)) * 0x94D049BB133111EB
	return uint32(x >> 32)
}

// synthPrefix is the index prefix of doc's synthetic sketch in one slot.
func synthPrefix(doc uint64, slot int) [5]byte {
	if slot >= lshBands {
		return lshPrefix(slot, synthValue(doc, slot-lshBands))
	}
	var band [lshRows]uint32
	for r := range band {
		band[r] = synthValue(doc, slot*lshRows+r)
	}
	return lshPrefix(slot, bandHash(band[:]))
}

// perturb returns a copy of s with a share of its values replaced, as a
// near copy's sketch would be.
func perturb(s []uint32, share float64, seed uint64) []uint32 {
	out := slices.Clone(s)
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range out {
		if r.Float64() < share {
			out[i] = r.Uint32()
		}
	}
	return out
}

func openTestDB(tb testing.TB) *DB {
	tb.Helper()
	db, err := Open(filepath.Join(tb.TempDir(), "lsh.db"), Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// putSynth indexes docs first..last-1 in one transaction each batch.
func putSynth(tb testing.TB, db *DB, docs []uint64, batch int) {
	tb.Helper()
	for i := 0; i < len(docs); i += batch {
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists(bucketLSH)
			if err != nil {
				return err
			}
			for _, d := range docs[i:min(i+batch, len(docs))] {
				if err := putLSH(b, synthSketch(d), d); err != nil {
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

func TestCandidates(t *testing.T) {
	db := openTestDB(t)
	docs := make([]uint64, 2000)
	for i := range docs {
		docs[i] = uint64(i + 1)
	}
	putSynth(t, db, docs, 500)
	near, _ := db.Candidates(perturb(synthSketch(77), 0.1, 1))
	if !slices.ContainsFunc(near, func(c Candidate) bool { return c.DocID == 77 && c.Bands > 0 }) {
		t.Errorf("near copy: candidates %+v lack doc 77 by band", near)
	}
	// An excerpt of a quarter: each value kept with probability 1/4.
	ex, _ := db.Candidates(perturb(synthSketch(1234), 0.75, 2))
	if !slices.ContainsFunc(ex, func(c Candidate) bool { return c.DocID == 1234 && c.Probes > 0 }) {
		t.Errorf("excerpt: candidates %+v lack doc 1234 by probe", ex)
	}
	if other, _ := db.Candidates(synthSketch(99999)); len(other) != 0 {
		t.Errorf("unrelated sketch has candidates %+v", other)
	}
	t.Logf("index bytes per document, 2,000 documents in random order: %.0f", indexBytesPerDoc(t, db, len(docs)))
}

// TestIndexSizeIncremental measures the index as a crawl grows it: 20,000
// documents in shuffled order, 100 per transaction, default fill.
func TestIndexSizeIncremental(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	db := openTestDB(t)
	docs := make([]uint64, 5000)
	for i := range docs {
		docs[i] = uint64(i + 1)
	}
	rand.New(rand.NewPCG(3, 3)).Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
	putSynth(t, db, docs, 100)
	per := indexBytesPerDoc(t, db, len(docs))
	t.Logf("index bytes per document, 5,000 documents written 100 per transaction: %.0f", per)
	if per > 1024 {
		t.Errorf("index takes %.0f bytes per document, budget 1024", per)
	}
}

func indexBytesPerDoc(tb testing.TB, db *DB, docs int) float64 {
	var n int
	db.bolt.View(func(tx *bolt.Tx) error {
		st := tx.Bucket(bucketLSH).Stats()
		n = st.BranchAlloc + st.LeafAlloc
		return nil
	})
	return float64(n) / float64(docs)
}

// BenchmarkCandidates looks up near copies among $PROV_BENCH_DOCS
// (default 1,000,000) indexed synthetic sketches. The index is built once
// per run, slot by slot in key order, in big transactions.
func BenchmarkCandidates(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("PROV_BENCH_DOCS")); err == nil && v > 0 {
		n = v
	}
	db := openTestDB(b)
	start := time.Now()
	bulkIndex(b, db, n)
	b.Logf("built index of %d documents in %s: %.0f bytes per document", n, time.Since(start).Round(time.Second), indexBytesPerDoc(b, db, n))
	queries := make([][]uint32, 1000)
	for i := range queries {
		queries[i] = perturb(synthSketch(uint64(i*997%n+1)), 0.1, uint64(i))
	}
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		t0 := time.Now()
		c, err := db.Candidates(q)
		took = append(took, time.Since(t0))
		if err != nil || len(c) == 0 {
			b.Fatalf("no candidates: %v", err)
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds()), "µs/median-lookup")
}

// bulkIndex writes the index keys of documents 1..n slot by slot, each
// slot's keys sorted, so bbolt appends.
func bulkIndex(tb testing.TB, db *DB, n int) {
	keys := make([][]byte, n)
	for slot := 0; slot < LSHKeys; slot++ {
		for d := 1; d <= n; d++ {
			keys[d-1] = lshKey(synthPrefix(uint64(d), slot), uint64(d))
		}
		sort.Slice(keys, func(i, j int) bool { return string(keys[i]) < string(keys[j]) })
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucketIfNotExists(bucketLSH)
			if err != nil {
				return err
			}
			b.FillPercent = 0.95
			for _, k := range keys {
				if err := b.Put(k, []byte{}); err != nil {
					return fmt.Errorf("slot %d: %w", slot, err)
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}
