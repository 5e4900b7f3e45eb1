package search

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
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
var bucketSHATail = []byte("shastail")

// Folds: a tail is folded once it holds max(shaFoldFloor, main/8) keys
// (main's sequence counts the keys folded into it), shaFoldChunk keys a
// transaction, as the archive's are (its foldChunk says why so few).
const (
	shaFoldRatio = 8
	shaFoldChunk = 1 << 11
)

var shaFoldFloor uint64 = 1 << 14 // a variable for tests only

// getSHA returns the document number stored for sha in either level, nil
// when neither holds it.
func getSHA(tx *bolt.Tx, sha []byte) []byte {
	if v := tx.Bucket(bucketSHATail).Get(sha); v != nil {
		return v
	}
	return tx.Bucket(bucketSHAs).Get(sha)
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
func (ix *Index) foldSHAs(chunk int) error {
	due := false
	if err := ix.bolt.View(func(tx *bolt.Tx) error { due = shaFoldDue(tx); return nil }); err != nil || !due {
		return err
	}
	for moved := -1; moved != 0; {
		err := ix.bolt.Update(func(tx *bolt.Tx) (err error) {
			if moved, err = foldSHAChunk(tx, chunk); err != nil {
				return err
			}
			return dropMappedTx(tx, mappedLimit)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// foldSHAChunk moves the tail's first n keys into main and returns how
// many it moved.
func foldSHAChunk(tx *bolt.Tx, n int) (int, error) {
	main, tail := tx.Bucket(bucketSHAs), tx.Bucket(bucketSHATail)
	var keys, vals [][]byte
	cur := tail.Cursor()
	for k, v := cur.First(); k != nil && len(keys) < n; k, v = cur.Next() {
		keys, vals = append(keys, bytes.Clone(k)), append(vals, bytes.Clone(v))
	}
	for i, k := range keys {
		if err := main.Put(k, vals[i]); err != nil {
			return 0, err
		}
		if err := tail.Delete(k); err != nil {
			return 0, err
		}
	}
	if err := main.SetSequence(main.Sequence() + uint64(len(keys))); err != nil {
		return 0, err
	}
	return len(keys), tail.SetSequence(tail.Sequence() - min(tail.Sequence(), uint64(len(keys))))
}
