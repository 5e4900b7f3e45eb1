package archive

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The index's tail (bucket "lshtail") holds the documents not yet in the
// sketch index, one key each, in doc ID order:
//
//	doc ID (8 bytes big-endian) → its LSHKeys index prefixes, 5 bytes each
//
// Index keys are random, so every transaction that put a few thousand of
// them rewrote most of the index's pages. New documents go to the tail
// instead, which is appended to, and once it holds lshFlushDocs documents
// their keys are sorted and put into the index in one sweep, in the same
// transaction, and the tail is emptied. Candidates reads the tail as well,
// so a document is found from the commit that brings it. The tail's
// sequence counts its documents.
var bucketLSHTail = []byte("lshtail")

// lshFlushDocs is how many documents the tail holds before they are put
// into the index: larger batches rewrite the index less often; a query
// reads the whole tail (~140 bytes per document).
const lshFlushDocs = 1024

const tailEntrySize = LSHKeys * 5

// putTail appends doc's index prefixes to the tail and moves the tail into
// the index once it is full.
func putTail(tx *bolt.Tx, sketch []uint32, doc uint64) error {
	b, err := tx.CreateBucketIfNotExists(bucketLSHTail)
	if err != nil {
		return fmt.Errorf("archive: put sketch: %w", err)
	}
	b.FillPercent = 1 // keys only ever grow
	v := make([]byte, 0, tailEntrySize)
	for _, p := range lshPrefixes(sketch) {
		v = append(v, p[:]...)
	}
	if err := b.Put(idKey(doc), v); err != nil {
		return fmt.Errorf("archive: put sketch of %d: %w", doc, err)
	}
	n, _ := b.NextSequence() // cannot fail in a writable transaction
	if n < lshFlushDocs {
		return nil
	}
	return flushTail(tx)
}

// flushTail puts every document of the tail into the index, keys sorted,
// and empties the tail.
func flushTail(tx *bolt.Tx) error {
	tail := tx.Bucket(bucketLSHTail)
	if tail == nil {
		return nil
	}
	var keys [][]byte
	tail.ForEach(func(k, v []byte) error {
		keys = appendTailKeys(keys, keyID(k), v)
		return nil
	})
	slices.SortFunc(keys, bytes.Compare)
	idx, err := tx.CreateBucketIfNotExists(bucketLSH)
	if err != nil {
		return fmt.Errorf("archive: index sketches: %w", err)
	}
	for _, k := range keys {
		if err := idx.Put(k, []byte{}); err != nil {
			return fmt.Errorf("archive: index sketches: %w", err)
		}
	}
	if err := tx.DeleteBucket(bucketLSHTail); err != nil {
		return fmt.Errorf("archive: index sketches: %w", err)
	}
	return nil
}

func appendTailKeys(keys [][]byte, doc uint64, v []byte) [][]byte {
	for i := 0; i+5 <= len(v); i += 5 {
		keys = append(keys, lshKey([5]byte(v[i:i+5]), doc))
	}
	return keys
}

// FlushIndex moves the index's tail into the index, so that readers after
// a crawl read the index alone. A Writer calls it when it closes.
func (db *DB) FlushIndex() error {
	if db.readOnly {
		return ErrReadOnly
	}
	return db.bolt.Update(flushTail)
}

// tailPostings returns, for each slot, the tail's documents whose prefix
// in that slot is the query's.
func tailPostings(tx *bolt.Tx, prefixes [][5]byte) [LSHKeys][]uint64 {
	var out [LSHKeys][]uint64
	tail := tx.Bucket(bucketLSHTail)
	if tail == nil {
		return out
	}
	tail.ForEach(func(k, v []byte) error {
		for slot, p := range prefixes {
			if off := slot * 5; off+5 <= len(v) && [5]byte(v[off:off+5]) == p {
				out[slot] = append(out[slot], keyID(k))
			}
		}
		return nil
	})
	return out
}
