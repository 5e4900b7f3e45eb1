package crawl

import (
	"hash/maphash"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

// seenFilter is a Bloom filter of the keys in a frontier's seen set: a key
// it does not hold is certainly not in the set, so unseen passes it on to
// add without reading the file for it. The seen cache answers for the
// links seen before, most of a page's; this answers for the new ones. It
// holds every key of the file's seen set when the frontier opens (load),
// and every key written since, noted inside the transaction that writes
// it. It is a hint, never the answer: add's transaction reads the seen set
// for every key it is given, so a seen key the filter lacks is still found
// there, never queued twice, and a key it holds wrongly (a failed
// transaction, dropQueued, a false positive) costs a read, as before.
//
// Its size is fixed, so memory stays flat however far the crawl goes: with
// seenFilterBits and seenProbes, a key never seen is taken for one that may
// be (and read from the file, as before) about once in 200,000 at 100,000
// keys, once in 50 at a million.
type seenFilter struct {
	seed  maphash.Seed
	words []atomic.Uint64 // seenFilterBits bits
}

// seenFilterBits is the filter's size: 1 MB. seenProbes is how many bits
// a key sets.
const (
	seenFilterBits = 1 << 23
	seenProbes     = 4
)

func newSeenFilter() *seenFilter {
	return &seenFilter{seed: maphash.MakeSeed(), words: make([]atomic.Uint64, seenFilterBits/64)}
}

// probe returns the word and the mask of bit i of the key whose hash is
// h (double hashing: the hash's two halves make every probe).
func probe(h uint64, i uint32) (word int, mask uint64) {
	b := (uint32(h) + i*(uint32(h>>32)|1)) % seenFilterBits
	return int(b / 64), 1 << (b % 64)
}

// note adds key; it is called in the transaction that writes key to the
// seen set.
func (s *seenFilter) note(key string) { s.noteHash(maphash.String(s.seed, key)) }

func (s *seenFilter) noteHash(h uint64) {
	for i := range uint32(seenProbes) {
		if w, mask := probe(h, i); s.words[w].Load()&mask == 0 {
			s.words[w].Or(mask)
		}
	}
}

// mayHold reports whether key may be in the seen set; false is certain.
func (s *seenFilter) mayHold(key string) bool {
	h := maphash.String(s.seed, key)
	for i := range uint32(seenProbes) {
		if w, mask := probe(h, i); s.words[w].Load()&mask == 0 {
			return false
		}
	}
	return true
}

// load adds every key of the seen set in tx, both levels.
func (s *seenFilter) load(tx *bolt.Tx) error {
	err := tx.Bucket(fbSeen).ForEach(func(k, _ []byte) error {
		s.noteHash(maphash.Bytes(s.seed, k))
		return nil
	})
	if err != nil {
		return err
	}
	return tx.Bucket(fbSeenTail).ForEach(func(_, e []byte) error {
		if k, _, err := splitTailEntry(e); err == nil {
			s.noteHash(maphash.Bytes(s.seed, k))
		}
		return nil
	})
}
