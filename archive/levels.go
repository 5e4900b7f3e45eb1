package archive

import (
	"bytes"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/bloom"
)

// The four indexes keyed by random keys (URLs, text and payload hashes)
// are kept in two levels: a main bucket and a small tail bucket beside it,
// with the same keys and values. A write puts a new key into the tail, so
// a batch dirties the few pages of the tail, not a page of the main bucket
// per key (at 100,000 pages, over 2,000 pages a batch, read through the
// mapping and rewritten whole for a 60-byte entry). Once the tail passes
// foldAt, the writer folds it into main in key order (fold.go), so main's
// pages are read and rewritten once per fold.
//
// Every key is in exactly one level: a put goes to the tail only when the
// key is in neither (callers check with get, or use keys that are new by
// construction: a capture ID in the key), and a fold moves a key from
// tail to main in one transaction. Readers see main ∪ tail and cannot
// tell which holds a key.
//
// A tail's sequence counts its keys; a main bucket's counts the keys
// folded into it (an archive from schema 4 or older holds more in main,
// uncounted: its tails fold sooner until folds have counted as many).
//
// Three indexes keep a filter of main's keys (filter.go), through which a
// lookup of a key main lacks skips main.
type index struct {
	name string // the main bucket's name, used in findings and errors
	main []byte
	tail []byte
	// filterKey is the part of a key that lookups ask main for, kept in
	// the index's filter; nil for an index without one (doccaps, read
	// only by walks).
	filterKey func(k []byte) []byte
}

var (
	idxPayloads  = &index{"payloads", bucketPayloads, []byte("payloadstail"), wholeKey}
	idxDocuments = &index{"documents", bucketDocuments, []byte("documentstail"), wholeKey}
	idxDocCaps   = &index{"doccaps", bucketDocCaps, []byte("doccapstail"), nil}
	idxURLs      = &index{"urls", bucketURLs, []byte("urlstail"), urlKeyPrefix}

	twoLevel = []*index{idxPayloads, idxDocuments, idxDocCaps, idxURLs}
)

// levels is an index in one transaction. tail is nil in an archive of
// schema 4 or older opened read-only, which has no tails: it reads as
// empty.
type levels struct {
	ix   *index
	main *bolt.Bucket
	tail *bolt.Bucket

	filter   bloom.Filter // main's filter, when filtered
	filtered bool         // a current filter is stored (storedFilter)
}

// in opens ix in tx. The main bucket is in every archive (init creates it).
func (ix *index) in(tx *bolt.Tx) levels {
	l := levels{ix: ix, main: tx.Bucket(ix.main), tail: tx.Bucket(ix.tail)}
	l.filter, l.filtered = storedFilter(tx, ix, l.main)
	return l
}

// inWhole opens ix in tx trusting no filter: every lookup reads main.
// Salvage reads a damaged archive so, whose filter may be damaged too.
func (ix *index) inWhole(tx *bolt.Tx) levels {
	return levels{ix: ix, main: tx.Bucket(ix.main), tail: tx.Bucket(ix.tail)}
}

// mainMayHold reports whether main may hold keys whose filter key is fk;
// false means it holds none.
func (l levels) mainMayHold(fk []byte) bool {
	return !l.filtered || l.filter.MayHold(fk)
}

// get returns the value of key from whichever level holds it, nil when
// neither does.
func (l levels) get(key []byte) []byte {
	if l.tail != nil {
		if v := l.tail.Get(key); v != nil {
			return v
		}
	}
	if l.ix.filterKey != nil && !l.mainMayHold(l.ix.filterKey(key)) {
		return nil
	}
	return l.main.Get(key)
}

// put stores a key that is in neither level (see index) in the tail.
func (l levels) put(key, value []byte) error {
	if l.tail == nil {
		return fmt.Errorf("archive: put %s: %w", l.ix.tail, errBucketMissing)
	}
	if err := l.tail.Put(key, value); err != nil {
		return err
	}
	_, err := l.tail.NextSequence() // cannot fail in a writable transaction
	return err
}

// keyN is how many keys both levels hold, read from their pages' headers
// (bolt's Stats).
func (l levels) keyN() int {
	n := l.main.Stats().KeyN
	if l.tail != nil {
		n += l.tail.Stats().KeyN
	}
	return n
}

// cursor returns a cursor over both levels in key order.
func (l levels) cursor() *mergedCursor {
	c := &mergedCursor{main: l.main.Cursor()}
	if l.tail != nil {
		c.tail = l.tail.Cursor()
	}
	return c
}

// prefixCursor returns a cursor over both levels for a walk of the keys
// whose filter key is fk (urls: one URL's captures), which leaves main out
// when its filter says it holds none of them.
func (l levels) prefixCursor(fk []byte) *mergedCursor {
	c := l.cursor()
	if !l.mainMayHold(fk) {
		c.main = nil
	}
	return c
}

// mergedCursor walks the keys of both levels of an index in key order,
// as a bolt.Cursor walks one bucket: First or Seek, then Next. A key
// found in both levels (damage: Verify reports it) is returned once, with
// the tail's value. Keys and values are valid for the transaction only.
type mergedCursor struct {
	main, tail *bolt.Cursor // tail nil when the index has none; main nil when left out (prefixCursor)

	mk, mv, tk, tv []byte // each level's current key and value; nil key at its end
	fromMain       bool   // the last key returned was main's current one
	fromTail       bool   // … the tail's
}

// First moves to the first key of either level.
func (c *mergedCursor) First() (k, v []byte) {
	if c.main != nil {
		c.mk, c.mv = c.main.First()
	}
	if c.tail != nil {
		c.tk, c.tv = c.tail.First()
	}
	return c.pick()
}

// Seek moves to the first key ≥ seek in either level.
func (c *mergedCursor) Seek(seek []byte) (k, v []byte) {
	if c.main != nil {
		c.mk, c.mv = c.main.Seek(seek)
	}
	if c.tail != nil {
		c.tk, c.tv = c.tail.Seek(seek)
	}
	return c.pick()
}

// Next moves past the key last returned.
func (c *mergedCursor) Next() (k, v []byte) {
	if c.fromMain {
		c.mk, c.mv = c.main.Next()
	}
	if c.fromTail {
		c.tk, c.tv = c.tail.Next()
	}
	return c.pick()
}

// pick returns the smaller of the two current keys and notes whose it is.
func (c *mergedCursor) pick() (k, v []byte) {
	switch {
	case c.tk == nil:
		c.fromMain, c.fromTail = c.mk != nil, false
		return c.mk, c.mv
	case c.mk == nil:
		c.fromMain, c.fromTail = false, true
		return c.tk, c.tv
	}
	switch cmp := bytes.Compare(c.mk, c.tk); {
	case cmp < 0:
		c.fromMain, c.fromTail = true, false
		return c.mk, c.mv
	case cmp > 0:
		c.fromMain, c.fromTail = false, true
	default:
		c.fromMain, c.fromTail = true, true
	}
	return c.tk, c.tv
}

// walkLevels walks ix's main bucket, then its tail, each in key order and
// past damage (walk); bad(name) takes the damage of the bucket name. An
// archive without tails (schema 4 or older) walks main alone.
func walkLevels(tx *bolt.Tx, ix *index, fn func(k, v []byte) error, bad func(bucket []byte) func(Damage) error) error {
	if err := walk(tx, ix.main, fn, bad(ix.main)); err != nil {
		return err
	}
	if _, err := guardedBucket(tx, ix.tail); errors.Is(err, errBucketMissing) {
		return nil
	}
	return walk(tx, ix.tail, fn, bad(ix.tail))
}
