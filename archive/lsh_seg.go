package archive

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The sketch index's segments (bucket "lshseg") hold the documents a
// flush moved out of the tail (FlushIndex), one bucket per flush, named by
// its number (8 bytes big-endian, from lshseg's sequence):
//
//	first key of the block → block
//
// A block is index keys (lshKey's form: prefix ‖ uvarint doc ID) in key
// order, written back to back, lshBlockBytes or a key more; the blocks of
// a segment follow one another in key order, so its keys are a sorted run
// split in blocks. A flush writes its segment by appending, a block a
// Put, and touches no page written before: its cost is the tail's size
// whatever the index's (putting the tail's keys into one index in place
// dirtied a page of it for nearly every key, several seconds of a crawl
// of 100,000 pages). A segment's sequence is the last doc ID moved into
// it, set in the transaction that drops those documents from the tail; a
// segment whose sequence is 0 was cut short, is not read, and is deleted
// by the next flush. The tail doubles with the index, so a crawl makes a
// segment per doubling (lshMaxTailDocs documents each past that); a query
// reads one or two blocks per key and segment.
//
// Bucket "lsh" itself holds the index keys of archives written before
// segments (one key each, filled in place); it is read as one more sorted
// run, and its sequence still counts the documents indexed.
var bucketLSHSeg = []byte("lshseg")

// lshBlockBytes is about the size of a segment's block: a query decodes
// one or two per key and segment; larger blocks mean fewer Puts a flush.
const lshBlockBytes = 1024

// lshAppendKeys is how many index keys one flush transaction appends to
// its segment: it bounds what a flush holds in memory (~10 bytes a key).
const lshAppendKeys = 1 << 17

// startSegment deletes segments a flush cut short and creates an empty
// one; it returns its name.
func startSegment(tx *bolt.Tx) ([]byte, error) {
	segs, err := tx.CreateBucketIfNotExists(bucketLSHSeg)
	if err != nil {
		return nil, err
	}
	var partial [][]byte
	err = segs.ForEachBucket(func(k []byte) error {
		if segs.Bucket(k).Sequence() == 0 {
			partial = append(partial, bytes.Clone(k))
		}
		return nil
	})
	for _, k := range partial {
		if err == nil {
			err = segs.DeleteBucket(k)
		}
	}
	if err != nil {
		return nil, err
	}
	n, err := segs.NextSequence()
	if err != nil {
		return nil, err
	}
	name := idKey(n)
	seg, err := segs.CreateBucket(name)
	if err != nil {
		return nil, err
	}
	seg.FillPercent = 1
	return name, nil
}

// appendSegment appends sorted keys, all past the segment's last, to
// segment name, lshAppendKeys a transaction, dropping the pages read from
// the resident set between transactions (dropMappedOver).
func (db *DB) appendSegment(name []byte, keys [][]byte) error {
	for len(keys) > 0 {
		n := min(len(keys), lshAppendKeys)
		err := db.update(func(tx *bolt.Tx) error { return putBlocks(tx, name, keys[:n]) })
		if err == nil {
			err = db.dropMappedOver(writerMappedLimit)
		}
		if err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// putBlocks puts keys into segment name as blocks of about lshBlockBytes.
func putBlocks(tx *bolt.Tx, name []byte, keys [][]byte) error {
	segs := tx.Bucket(bucketLSHSeg)
	if segs == nil || segs.Bucket(name) == nil {
		return fmt.Errorf("segment %x is missing", name)
	}
	seg := segs.Bucket(name)
	seg.FillPercent = 1 // blocks are appended in key order
	for len(keys) > 0 {
		var block []byte
		n := 0
		for n < len(keys) && len(block) < lshBlockBytes {
			block = append(block, keys[n]...)
			n++
		}
		if err := seg.Put(keys[0], block); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// finishSegment marks segment name complete with the last doc ID moved
// into it.
func finishSegment(tx *bolt.Tx, name []byte, last uint64) error {
	segs := tx.Bucket(bucketLSHSeg)
	if segs == nil || segs.Bucket(name) == nil {
		return fmt.Errorf("segment %x is missing", name)
	}
	return segs.Bucket(name).SetSequence(last)
}

// indexPosting returns the doc IDs under prefix p in the index (bucket
// "lsh" and every complete segment), at most MaxPosting+1: the first in
// key order, as one index holding them all would give.
func indexPosting(tx *bolt.Tx, p [5]byte) []uint64 {
	var docs []uint64
	runs := 0
	if b := tx.Bucket(bucketLSH); b != nil {
		docs = posting(b.Cursor(), p)
		runs++
	}
	if segs := tx.Bucket(bucketLSHSeg); segs != nil {
		segs.ForEachBucket(func(k []byte) error {
			if seg := segs.Bucket(k); seg.Sequence() != 0 {
				docs = append(docs, segPosting(seg.Cursor(), p)...)
				runs++
			}
			return nil
		})
	}
	if runs > 1 && len(docs) > MaxPosting+1 {
		docs = firstInKeyOrder(docs, MaxPosting+1)
	}
	return docs
}

// firstInKeyOrder returns the first n of docs in the order of their keys
// in the index (their uvarints' bytes), each key encoded once.
func firstInKeyOrder(docs []uint64, n int) []uint64 {
	type keyed struct {
		key [binary.MaxVarintLen64]byte
		len int
		doc uint64
	}
	ks := make([]keyed, len(docs))
	for i, d := range docs {
		ks[i].doc, ks[i].len = d, binary.PutUvarint(ks[i].key[:], d)
	}
	slices.SortFunc(ks, func(a, b keyed) int { return bytes.Compare(a.key[:a.len], b.key[:b.len]) })
	for i := range n {
		docs[i] = ks[i].doc
	}
	return docs[:n]
}

// segPosting returns the doc IDs under prefix p in a segment, stopping
// after MaxPosting+1. Its keys start in the last block whose first key is
// before p, or in the first block.
func segPosting(cur *bolt.Cursor, p [5]byte) []uint64 {
	k, v := cur.Seek(p[:])
	if k == nil {
		k, v = cur.Last()
	} else if pk, pv := cur.Prev(); pk != nil {
		k, v = pk, pv
	} else {
		k, v = cur.First()
	}
	var docs []uint64
	for ; k != nil; k, v = cur.Next() {
		for len(v) > 5 {
			d, n := binary.Uvarint(v[5:])
			if n <= 0 {
				break // a damaged block: read what precedes
			}
			switch c := bytes.Compare(v[:5], p[:]); {
			case c > 0:
				return docs
			case c == 0:
				docs = append(docs, d)
				if len(docs) > MaxPosting {
					return docs
				}
			}
			v = v[5+n:]
		}
	}
	return docs
}
