package archive

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/bloom"
)

// A key filter is a Bloom filter over the keys of one index's main level
// (levels.go), stored in bucketFilters under the main bucket's name. It
// lets a lookup of a key main does not hold, which in a crawl is most of
// them (a new page's URL, payload and text), skip main: without it each
// such lookup reads a random leaf of main through the mapping, and at
// 100,000 pages a batch's lookups made about 45 MB of the file resident.
// A filter may say yes for a key main lacks (about 1% of such keys at its
// capacity), never no for a key main holds.
//
// The filter is derived data, written only by a fold once it has moved
// its keys (foldFilter), and stamped with main's sequence then (the keys
// folded into main, fold.go). A filter is used only while the stamp
// equals main's sequence: a fold cut short, or one by a prov that keeps
// no filters, moves the sequence on, and lookups read main until the next
// fold writes the filter again. So a filter that lags main is never
// believed. The stored form is package bloom's.
var bucketFilters = []byte("filters")

// storedFilter returns ix's filter in tx when one is there and current
// (its stamp is main's sequence); ok is false otherwise, and for an index
// that keeps none.
func storedFilter(tx *bolt.Tx, ix *index, main *bolt.Bucket) (f bloom.Filter, ok bool) {
	if ix.filterKey == nil || main == nil {
		return bloom.Filter{}, false
	}
	b := tx.Bucket(bucketFilters)
	if b == nil {
		return bloom.Filter{}, false
	}
	f, stamp, err := bloom.Decode(b.Get(ix.main))
	return f, err == nil && stamp == main.Sequence()
}

// foldFilter is ix's filter as a fold carries it (bloom.Carried).
type foldFilter struct {
	ix *index
	c  *bloom.Carried
}

// startFoldFilter readies ix's filter for a fold that moves up to want
// keys.
func startFoldFilter(tx *bolt.Tx, ix *index, want uint64) *foldFilter {
	main := tx.Bucket(ix.main)
	f, ok := storedFilter(tx, ix, main)
	return &foldFilter{ix: ix, c: bloom.Carry(f, ok, main.Sequence(), want)}
}

// moved adds a chunk's keys, now in main, whose sequence grew by their
// number.
func (ff *foldFilter) moved(keys [][]byte) {
	if ff.ix.filterKey != nil {
		ff.c.Add(keys, ff.ix.filterKey)
	}
}

// finish stores the filter in tx, stamped with main's sequence: the one
// carried through the fold, or, when that does not stand for main as it
// is now (none was current at the start, or main's sequence moved by
// other means), one built from every key of main, sized for twice as
// many. A current filter the fold added nothing to stays as stored.
func (ff *foldFilter) finish(tx *bolt.Tx) error {
	if ff.ix.filterKey == nil {
		return nil
	}
	main := tx.Bucket(ff.ix.main)
	f, store, err := ff.c.Final(main.Cursor(), main.Sequence(), ff.ix.filterKey,
		func() error { return dropMappedTx(tx, foldMappedLimit) })
	if err != nil || !store {
		return err
	}
	b, err := tx.CreateBucketIfNotExists(bucketFilters)
	if err == nil {
		err = b.Put(ff.ix.main, f.Encode(main.Sequence()))
	}
	if err != nil {
		return fmt.Errorf("archive: store %s filter: %w", ff.ix.name, err)
	}
	return nil
}

// Filter keys of the indexes that keep filters: what a lookup asks main
// for. payloads and documents are looked up by whole key; urls by a URL's
// prefix (urlCaptureIDs), so its filter holds the prefixes.
func wholeKey(k []byte) []byte { return k }

func urlKeyPrefix(k []byte) []byte {
	if len(k) < 9 {
		return k // not a urls key: verify reports it
	}
	return k[:len(k)-8]
}
