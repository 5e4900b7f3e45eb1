package search

import (
	"bytes"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/bloom"
)

// The shas index (text sha256 → document number) is in two levels, as
// the archive's random-keyed indexes are: a write puts its new hashes
// into the small shastail bucket, and once that holds foldAt keys they
// are moved into shas in key order (foldSHAs). A hash is a random key, so
// a write putting 200 of them straight into shas dirtied 200 leaves of
// it, each read through the mapping and, at the commit, again to free its
// old page: at 100,000 documents about 20 MB of the file resident for a
// write of 300 KB. A key is in one level only: put into the tail when in
// neither, moved to main and deleted from the tail in one transaction.
//
// A Bloom filter over main's keys (package bloom), stored in meta under
// keySHAFilter and stamped with main's sequence by each fold, lets a
// lookup of a hash main lacks (a new document: most lookups of a crawl)
// skip main; a filter whose stamp is not main's sequence (a fold cut
// short) is not used, and the next fold builds it anew.
var (
	bucketSHATail = []byte("shastail")
	keySHAFilter  = []byte("shasfilter")
)

// Folds: a tail is folded once it holds max(shaFoldFloor, main/8) keys
// (main's sequence counts the keys folded into it), shaFoldChunk keys a
// transaction, as the archive's are (its foldChunk says why so few).
const (
	shaFoldRatio = 8
	shaFoldChunk = 1 << 11
)

// shaFoldFloor is 4,096 keys, not 16,384 as it was: a write's new hashes
// are random keys, so each write dirties, and its lookups map, nearly
// every leaf of the tail, a cost per write that grows with the tail,
// while a fold's grows with main, once per max(floor, main/8) new
// documents. At 20,000 documents (39 writes of about 520 new hashes
// each) the tail grew to 16,384 keys before its first fold, and each
// write rewrote most of its leaves. The floor only matters while main
// holds fewer than 8 × floor keys (main/8 decides above). In a
// benchmark of 80 writes of 250 new documents, 4,096 took less CPU
// than 16,384, 8,192 and 2,048 (figures in the commit that set it).
var shaFoldFloor uint64 = 1 << 12 // a variable for tests only

// shaReader reads the shas index, both levels and main's filter, and the
// docs bucket, in one read transaction of the index: found once for all
// the lookups a write makes in it (a bucket of a read transaction is
// found anew, by a search of the file's root, each time it is asked for).
type shaReader struct {
	tx               *bolt.Tx
	tail, main, docs *bolt.Bucket
	filter           bloom.Filter
	filtered         bool // filter is main's, current
	mainEmpty        bool // main holds no key: nothing folded yet
}

func newSHAReader(tx *bolt.Tx) *shaReader {
	r := &shaReader{tx: tx, tail: tx.Bucket(bucketSHATail), main: tx.Bucket(bucketSHAs), docs: tx.Bucket(bucketDocs)}
	r.filter, r.filtered = shaFilter(tx, r.main)
	first, _ := r.main.Cursor().First()
	r.mainEmpty = first == nil
	return r
}

// get returns the document number stored for sha in either level, nil
// when neither holds it; readMain says it read main's pages for it (an
// empty main, before the first fold, has none to read).
func (r *shaReader) get(sha []byte) (v []byte, readMain bool) {
	if v := r.tail.Get(sha); v != nil {
		return v, false
	}
	if r.mainEmpty || r.filtered && !r.filter.MayHold(sha) {
		return nil, false
	}
	return r.main.Get(sha), true
}

// shaFilter returns main's filter when one is stored and current.
func shaFilter(tx *bolt.Tx, main *bolt.Bucket) (bloom.Filter, bool) {
	f, stamp, err := bloom.Decode(tx.Bucket(bucketMeta).Get(keySHAFilter))
	return f, err == nil && stamp == main.Sequence()
}

// putSHA stores a hash that neither level holds, in the tail.
func putSHA(tx *bolt.Tx, sha, n []byte) error {
	tail := tx.Bucket(bucketSHATail)
	if err := tail.Put(sha, n); err != nil {
		return err
	}
	_, err := tail.NextSequence()
	return err
}

// shaFoldDue reports whether the tail is due for a fold.
func shaFoldDue(tx *bolt.Tx) bool {
	return tx.Bucket(bucketSHATail).Sequence() >= max(shaFoldFloor, tx.Bucket(bucketSHAs).Sequence()/shaFoldRatio)
}

// foldSHAs moves the tail into main when due, chunk keys a transaction,
// dropping the pages it read past mappedLimit after each. A fold cut
// short leaves every key in one level; the next write's fold goes on.
//
// The filter is carried through the fold: the current one, copied, with
// each chunk's keys added, stored by a last transaction; when none is
// current, or the fold would take it past its capacity, that transaction
// builds one from main, sized for twice its keys.
func (ix *Index) foldSHAs(chunk int) error {
	var carried *bloom.Carried // nil: no fold due
	err := ix.bolt.View(func(tx *bolt.Tx) error {
		if shaFoldDue(tx) {
			main := tx.Bucket(bucketSHAs)
			stored, ok := shaFilter(tx, main)
			carried = bloom.Carry(stored, ok, main.Sequence(), tx.Bucket(bucketSHATail).Sequence())
		}
		return nil
	})
	if err != nil || carried == nil {
		return err
	}
	for {
		var moved [][]byte
		err := ix.bolt.Update(func(tx *bolt.Tx) (err error) {
			if moved, err = foldSHAChunk(tx, chunk); err != nil {
				return err
			}
			return dropMappedTx(tx, mappedLimit)
		})
		if err != nil {
			return err
		}
		carried.Add(moved, nil)
		if len(moved) < chunk {
			break // the tail is empty: nothing else writes the index during a write
		}
	}
	return ix.bolt.Update(func(tx *bolt.Tx) error {
		main := tx.Bucket(bucketSHAs)
		f, store, err := carried.Final(main.Cursor(), main.Sequence(), nil,
			func() error { return dropMappedTx(tx, mappedLimit) })
		if err != nil || !store {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySHAFilter, f.Encode(main.Sequence()))
	})
}

// foldSHAChunk moves the tail's first n keys into main and returns them.
func foldSHAChunk(tx *bolt.Tx, n int) ([][]byte, error) {
	main, tail := tx.Bucket(bucketSHAs), tx.Bucket(bucketSHATail)
	var keys, vals [][]byte
	cur := tail.Cursor()
	for k, v := cur.First(); k != nil && len(keys) < n; k, v = cur.Next() {
		keys, vals = append(keys, bytes.Clone(k)), append(vals, bytes.Clone(v))
	}
	for i, k := range keys {
		if err := main.Put(k, vals[i]); err != nil {
			return nil, err
		}
		if err := tail.Delete(k); err != nil {
			return nil, err
		}
	}
	if err := main.SetSequence(main.Sequence() + uint64(len(keys))); err != nil {
		return nil, err
	}
	return keys, tail.SetSequence(tail.Sequence() - min(tail.Sequence(), uint64(len(keys))))
}
