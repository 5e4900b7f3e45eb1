package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
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
// as many documents as the index (lshFlushDocs at least, lshMaxTailDocs
// at most), the write that filled it moves them into the index
// (FlushIndex): their keys sorted, appended as a new segment of the index
// (lsh_seg.go), a bounded number a transaction. A tail that grows with
// the index keeps the segments to one per doubling. The tail is emptied
// in the transaction that marks the segment complete; a flush cut short
// leaves a partial segment, which is not read. Candidates reads the tail
// as well, so a document is found from the commit that brings it. The
// tail's sequence counts its documents, the index's the documents
// flushed into it.
var bucketLSHTail = []byte("lshtail")

// lshFlushDocs is the fewest documents the tail holds before they are put
// into the index: larger batches rewrite the index less often; a query
// reads the whole tail (~140 bytes per document).
const lshFlushDocs = 4096

// lshMaxTailDocs is the most documents the tail holds before a flush
// however large the index: it bounds what a query reads of the tail (18
// MB).
const lshMaxTailDocs = 1 << 17

// lshPassKeys is about how many index keys a flush reads from the tail
// and sorts at a time (a pass takes whole slots): it bounds a flush's own
// memory (~32 bytes a key).
const lshPassKeys = 1 << 18

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

// tailFull reports whether the tail is due for a flush: it holds
// lshFlushDocs documents or more, and as many as the index or
// lshMaxTailDocs.
func tailFull(tx *bolt.Tx) bool {
	b := tx.Bucket(bucketLSHTail)
	if b == nil {
		return false
	}
	var indexed uint64
	if idx := tx.Bucket(bucketLSH); idx != nil {
		indexed = idx.Sequence()
	}
	return b.Sequence() >= max(lshFlushDocs, min(indexed, lshMaxTailDocs))
}

// FlushIndex moves the index's tail into the index, so that readers after
// a crawl read the index alone. Writes call it when they fill the tail, and
// a Writer when it closes. Concurrent calls on one DB flush once. It reads
// the tail a few slots at a time (tailPasses), so its memory is bounded
// whatever the tail holds.
func (db *DB) FlushIndex() error {
	if db.readOnly {
		return ErrReadOnly
	}
	if !db.flushing.TryLock() {
		return nil
	}
	defer db.flushing.Unlock()
	docs, last, err := db.tailSize()
	if err != nil || docs == 0 {
		return err
	}
	var name []byte
	err = db.update(func(tx *bolt.Tx) (err error) { name, err = startSegment(tx); return err })
	if err != nil {
		return fmt.Errorf("archive: index sketches: %w", err)
	}
	for _, slots := range tailPasses(docs) {
		keys, err := db.tailKeys(slots, last)
		if err == nil {
			err = db.appendSegment(name, keys)
		}
		if err != nil {
			return fmt.Errorf("archive: index sketches: %w", err)
		}
	}
	err = db.update(func(tx *bolt.Tx) error {
		return errors.Join(finishSegment(tx, name, last), dropTail(tx, last))
	})
	if err != nil {
		return fmt.Errorf("archive: index sketches: %w", err)
	}
	return nil
}

// tailSize returns how many documents the tail holds and the last doc ID
// in it: a flush moves those, and leaves any written meanwhile.
func (db *DB) tailSize() (docs int, last uint64, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		tail := tx.Bucket(bucketLSHTail)
		if tail == nil {
			return nil
		}
		if k, _ := tail.Cursor().Last(); k != nil {
			docs, last = int(tail.Sequence()), keyID(k)
		}
		return nil
	})
	return docs, last, err
}

// slotRange is the index slots [from, to) one pass of a flush reads.
type slotRange struct{ from, to int }

// tailPasses splits the slots into passes of about lshPassKeys keys for
// a tail of docs documents (each document has one key per slot).
func tailPasses(docs int) []slotRange {
	per := max(1, lshPassKeys/max(docs, 1))
	var out []slotRange
	for s := 0; s < LSHKeys; s += per {
		out = append(out, slotRange{s, min(s+per, LSHKeys)})
	}
	return out
}

// tailKeys returns the index keys in slots of every document in the tail
// up to doc ID last, sorted.
func (db *DB) tailKeys(slots slotRange, last uint64) (keys [][]byte, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		tail := tx.Bucket(bucketLSHTail)
		if tail == nil {
			return nil
		}
		// Room for every key at once, their bytes in one buffer: a full
		// tail is over a hundred thousand keys, which two allocations
		// each and a growing slice made a third of a flush's work.
		n := int(tail.Sequence()) * (slots.to - slots.from)
		keys = make([][]byte, 0, n)
		buf := make([]byte, 0, n*(5+binary.MaxVarintLen64/2))
		cur := tail.Cursor()
		for k, v := cur.First(); k != nil && keyID(k) <= last; k, v = cur.Next() {
			keys, buf = appendTailKeys(keys, buf, keyID(k), slotsOf(v, slots))
		}
		return nil
	})
	sortIndexKeys(keys)
	return keys, err
}

// sortIndexKeys sorts index keys (a 5-byte prefix, then a uvarint doc
// ID) as bytes.Compare orders them. It sorts numbers, not slices through
// a comparison function, which cost three times as much: each key's
// prefix with its position below it (sortPrefixes), then moves the keys
// into that order, and sorts with bytes.Compare only the runs of keys
// whose prefixes are equal (few: prefixes are hashes). It holds 16 bytes
// a key meanwhile.
func sortIndexKeys(keys [][]byte) {
	if len(keys) > packPosMask {
		slices.SortFunc(keys, bytes.Compare)
		return
	}
	packed := make([]uint64, len(keys))
	for i, k := range keys {
		packed[i] = prefix40(k)<<packPosBits | uint64(i)
	}
	sortPrefixes(packed)
	permute(keys, packed)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && packed[j]>>packPosBits == packed[i]>>packPosBits {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keys[i:j], bytes.Compare)
		}
		i = j
	}
}

// sortPrefixes sorts packed keys (a prefix above packPosBits, the
// key's position below: i in packed[i]) as slices.Sort does, by a radix
// sort of the prefix's five bytes, lowest first. Each pass is stable and
// the positions start in order, so keys of one prefix stay in position
// order, as the numbers sort: the position bits need no pass. With the
// moves that follow, sorting the 114,688 keys of a flush of 4,096
// documents took half the CPU time it took with slices.Sort.
func sortPrefixes(packed []uint64) {
	if len(packed) < 256 {
		slices.Sort(packed)
		return
	}
	from, to := packed, make([]uint64, len(packed))
	var count [256]int
	for shift := uint(packPosBits); shift < 64; shift += 8 {
		clear(count[:])
		for _, p := range from {
			count[byte(p>>shift)]++
		}
		at := 0
		for d, n := range count {
			count[d] = at
			at += n
		}
		for _, p := range from {
			d := byte(p >> shift)
			to[count[d]] = p
			count[d]++
		}
		from, to = to, from
	}
	if &from[0] != &packed[0] {
		copy(packed, from)
	}
}

// packPosBits is how many low bits of a packed key hold its position:
// the 5-byte prefix takes the 40 above them.
const (
	packPosBits = 24
	packPosMask = 1<<packPosBits - 1
)

// prefix40 is the first 5 bytes of index key k, big-endian.
func prefix40(k []byte) uint64 {
	return uint64(k[0])<<32 | uint64(binary.BigEndian.Uint32(k[1:5]))
}

// permute puts in keys[d] the key at position packed[d]&packPosMask,
// for every d, in place: it follows each cycle of moves, and marks a
// position done by making its packed position its own.
func permute(keys [][]byte, packed []uint64) {
	at := func(d int) int { return int(packed[d] & packPosMask) }
	done := func(d int) { packed[d] = packed[d]&^packPosMask | uint64(d) }
	for i := range keys {
		if at(i) == i {
			continue
		}
		first, d := keys[i], i
		for s := at(d); s != i; s = at(d) {
			keys[d] = keys[s]
			done(d)
			d = s
		}
		keys[d] = first
		done(d)
	}
}

// slotsOf is the part of tail entry v that holds the prefixes of slots.
func slotsOf(v []byte, slots slotRange) []byte {
	from, to := min(slots.from*5, len(v)), min(slots.to*5, len(v))
	return v[from:to]
}

// dropTail removes the tail's documents up to doc ID last: those a flush
// put into the index, which it counts in the index's sequence. Later
// documents (written during the flush) stay. A tail holding nothing later
// is dropped whole, its pages freed without their entries being loaded.
func dropTail(tx *bolt.Tx, last uint64) error {
	tail := tx.Bucket(bucketLSHTail)
	if tail == nil {
		return nil
	}
	idx, err := tx.CreateBucketIfNotExists(bucketLSH)
	if err != nil {
		return err
	}
	var dropped uint64
	if k, _ := tail.Cursor().Last(); k != nil && keyID(k) <= last {
		dropped = tail.Sequence()
		if err := tx.DeleteBucket(bucketLSHTail); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketLSHTail)
		return errors.Join(err, idx.SetSequence(idx.Sequence()+dropped))
	}
	cur := tail.Cursor()
	for k, _ := cur.First(); k != nil && keyID(k) <= last; k, _ = cur.First() {
		if err := cur.Delete(); err != nil {
			return err
		}
		dropped++
	}
	if err := idx.SetSequence(idx.Sequence() + dropped); err != nil {
		return err
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
