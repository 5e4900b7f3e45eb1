package archive

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The index's tail (bucket "lshtail") holds the documents not yet in the
// sketch index, one key each, in doc ID order:
//
//	doc ID (8 bytes big-endian) → its LSHKeys index prefixes, 5 bytes each
//
// Index keys are random, so a transaction that puts a few thousand of them
// rewrites most of the index's pages and holds them all in memory. New
// documents go to the tail instead, which is appended to; once it holds
// lshFlushDocs documents, the write that filled it moves them into the
// index (FlushIndex): their keys sorted, lshChunkKeys keys a transaction,
// so a flush holds a bounded part of the index in memory however large the
// index is. The tail is emptied in the last transaction; a flush cut short
// leaves keys in both, which Candidates counts once. Candidates reads the
// tail as well, so a document is found from the commit that brings it.
// The tail's sequence counts its documents.
var bucketLSHTail = []byte("lshtail")

// lshFlushDocs is how many documents the tail holds before they are put
// into the index: larger batches rewrite the index less often; a query
// reads the whole tail (~140 bytes per document).
const lshFlushDocs = 4096

// lshChunkKeys is how many index keys one flush transaction puts: it
// bounds the index pages a flush holds in memory (one per key at most).
const lshChunkKeys = 2048

const tailEntrySize = LSHKeys * 5

// putTail appends doc's index prefixes to the tail.
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
	_, err = b.NextSequence() // cannot fail in a writable transaction
	return err
}

// tailFull reports whether the tail holds lshFlushDocs documents or more.
func tailFull(tx *bolt.Tx) bool {
	b := tx.Bucket(bucketLSHTail)
	return b != nil && b.Sequence() >= lshFlushDocs
}

// FlushIndex moves the index's tail into the index, so that readers after
// a crawl read the index alone. Writes call it when they fill the tail, and
// a Writer when it closes. Concurrent calls on one DB flush once.
func (db *DB) FlushIndex() error {
	if db.readOnly {
		return ErrReadOnly
	}
	if !db.flushing.TryLock() {
		return nil
	}
	defer db.flushing.Unlock()
	keys, last, err := db.tailKeys()
	if err != nil || len(keys) == 0 {
		return err
	}
	for len(keys) > 0 {
		n := min(len(keys), lshChunkKeys)
		if err := db.bolt.Update(func(tx *bolt.Tx) error { return putIndexKeys(tx, keys[:n]) }); err != nil {
			return fmt.Errorf("archive: index sketches: %w", err)
		}
		keys = keys[n:]
	}
	if err := db.bolt.Update(func(tx *bolt.Tx) error { return dropTail(tx, last) }); err != nil {
		return fmt.Errorf("archive: index sketches: %w", err)
	}
	return nil
}

// tailKeys returns the index keys of every document in the tail, sorted,
// and the last doc ID read.
func (db *DB) tailKeys() (keys [][]byte, last uint64, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		tail := tx.Bucket(bucketLSHTail)
		if tail == nil {
			return nil
		}
		// Room for every key at once, their bytes in one buffer: a full
		// tail is over a hundred thousand keys, which two allocations
		// each and a growing slice made a third of a flush's work.
		n := int(tail.Sequence()) * LSHKeys
		keys = make([][]byte, 0, n)
		buf := make([]byte, 0, n*(5+binary.MaxVarintLen64/2))
		return tail.ForEach(func(k, v []byte) error {
			last = keyID(k)
			keys, buf = appendTailKeys(keys, buf, last, v)
			return nil
		})
	})
	slices.SortFunc(keys, bytes.Compare)
	return keys, last, err
}

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

// dropTail removes the tail's documents up to doc ID last: those a flush
// put into the index. Later documents (written during the flush) stay.
func dropTail(tx *bolt.Tx, last uint64) error {
	tail := tx.Bucket(bucketLSHTail)
	if tail == nil {
		return nil
	}
	var dropped uint64
	cur := tail.Cursor()
	for k, _ := cur.First(); k != nil && keyID(k) <= last; k, _ = cur.First() {
		if err := cur.Delete(); err != nil {
			return err
		}
		dropped++
	}
	return tail.SetSequence(tail.Sequence() - min(dropped, tail.Sequence()))
}

// appendTailKeys appends the index keys of tail entry v of document doc
// to keys, their bytes to buf (lshKey's form). A key stays valid when a
// later append moves buf: it keeps the array it was cut from.
func appendTailKeys(keys [][]byte, buf []byte, doc uint64, v []byte) ([][]byte, []byte) {
	for i := 0; i+5 <= len(v); i += 5 {
		start := len(buf)
		buf = binary.AppendUvarint(append(buf, v[i:i+5]...), doc)
		keys = append(keys, buf[start:len(buf):len(buf)])
	}
	return keys, buf
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
