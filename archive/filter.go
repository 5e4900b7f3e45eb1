package archive

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"

	bolt "go.etcd.io/bbolt"
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
// believed.
//
// Encoding: version (1 byte), probes (1 byte), the stamp (8 bytes), the
// capacity in keys (8 bytes), then the bit array (filterBitsPerKey bits
// per key of capacity).
var bucketFilters = []byte("filters")

const (
	filterVersion    = 1
	filterHeader     = 18
	filterProbes     = 7  // with 10 bits a key: about 0.8% false yes at capacity
	filterBitsPerKey = 10 // bits of the array per key of capacity
	filterMinKeys    = 1 << 16
)

// keyFilter is a decoded filter. bits may be the stored value itself,
// valid for its transaction only (readers), or a copy (a fold's).
type keyFilter struct {
	stamp    uint64 // main's sequence the filter was written at
	capacity uint64 // keys the array was sized for
	bits     []byte
}

// newKeyFilter returns an empty filter sized for capacity keys (at least
// filterMinKeys).
func newKeyFilter(capacity uint64) *keyFilter {
	capacity = max(capacity, filterMinKeys)
	return &keyFilter{capacity: capacity, bits: make([]byte, (capacity*filterBitsPerKey+7)/8)}
}

// decodeKeyFilter reads a stored filter; bits alias v.
func decodeKeyFilter(v []byte) (keyFilter, error) {
	if len(v) < filterHeader+1 || v[0] != filterVersion || v[1] != filterProbes {
		return keyFilter{}, errors.New("not a key filter of this prov")
	}
	return keyFilter{
		stamp:    binary.BigEndian.Uint64(v[2:]),
		capacity: binary.BigEndian.Uint64(v[10:]),
		bits:     v[filterHeader:],
	}, nil
}

// encode returns the filter as stored, stamped with stamp.
func (f *keyFilter) encode(stamp uint64) []byte {
	v := make([]byte, filterHeader, filterHeader+len(f.bits))
	v[0], v[1] = filterVersion, filterProbes
	binary.BigEndian.PutUint64(v[2:], stamp)
	binary.BigEndian.PutUint64(v[10:], f.capacity)
	return append(v, f.bits...)
}

// add puts key into the filter.
func (f *keyFilter) add(key []byte) { f.addHash(filterHash(key)) }

// addHash puts the key of hash h1 (filterHash) into the filter.
func (f *keyFilter) addHash(h1 uint64) {
	h2 := mix64(h1) | 1
	n := uint64(len(f.bits)) * 8
	for i := uint64(0); i < filterProbes; i++ {
		b, _ := bits.Mul64(h1+i*h2, n)
		f.bits[b/8] |= 1 << (b % 8)
	}
}

// mayHold reports whether key may be among the keys added: false means
// it is not.
func (f *keyFilter) mayHold(key []byte) bool {
	h1 := filterHash(key)
	h2 := mix64(h1) | 1
	n := uint64(len(f.bits)) * 8
	for i := uint64(0); i < filterProbes; i++ {
		b, _ := bits.Mul64(h1+i*h2, n)
		if f.bits[b/8]&(1<<(b%8)) == 0 {
			return false
		}
	}
	return true
}

// filterHash is the first of the two hashes of key whose combinations
// h1 + i·h2 pick its bits (double hashing): 64-bit FNV-1a spread by the
// splitmix64 finaliser; h2 is h1 spread again, made odd. Both are part of
// the stored format.
func filterHash(key []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range key {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return mix64(h)
}

func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// storedFilter returns ix's filter in tx when one is there and current
// (its stamp is main's sequence); ok is false otherwise, and for an index
// that keeps none.
func storedFilter(tx *bolt.Tx, ix *index, main *bolt.Bucket) (f keyFilter, ok bool) {
	if ix.filterKey == nil || main == nil {
		return keyFilter{}, false
	}
	b := tx.Bucket(bucketFilters)
	if b == nil {
		return keyFilter{}, false
	}
	f, err := decodeKeyFilter(b.Get(ix.main))
	return f, err == nil && f.stamp == main.Sequence()
}

// foldFilter is ix's filter as a fold carries it: a copy of the current
// stored one, to which each chunk adds the keys it moves, or nil when
// there is none that can take the fold's keys (none stored, not current,
// or too small), and the fold's end builds one from main (finish).
type foldFilter struct {
	ix    *index
	f     *keyFilter
	stamp uint64 // main's sequence f stands for, with the keys added
	added bool   // keys were added to f since it was read
}

// startFoldFilter readies ix's filter for a fold that moves up to want
// keys.
func startFoldFilter(tx *bolt.Tx, ix *index, want uint64) *foldFilter {
	ff := &foldFilter{ix: ix}
	main := tx.Bucket(ix.main)
	f, ok := storedFilter(tx, ix, main)
	if !ok || f.stamp+want > f.capacity {
		return ff
	}
	ff.f = &keyFilter{capacity: f.capacity, bits: append([]byte(nil), f.bits...)}
	ff.stamp = f.stamp
	return ff
}

// moved adds a chunk's keys, now in main, whose sequence grew by their
// number.
func (ff *foldFilter) moved(keys [][]byte) {
	if ff.f == nil || ff.ix.filterKey == nil {
		return
	}
	for _, k := range keys {
		ff.f.add(ff.ix.filterKey(k))
	}
	ff.stamp += uint64(len(keys))
	ff.added = ff.added || len(keys) > 0
}

// finish stores the filter in tx, stamped with main's sequence. When the
// filter carried through the fold does not stand for main as it is now
// (none was current at the start, or main's sequence moved by other
// means), it builds one from every key of main, sized for twice as many.
// A current filter the fold added nothing to stays as stored.
func (ff *foldFilter) finish(tx *bolt.Tx) error {
	if ff.ix.filterKey == nil {
		return nil
	}
	main := tx.Bucket(ff.ix.main)
	f := ff.f
	if f != nil && !ff.added && ff.stamp == main.Sequence() {
		return nil
	}
	if f == nil || ff.stamp != main.Sequence() {
		var err error
		if f, err = buildFilter(tx, ff.ix, main); err != nil {
			return err
		}
	}
	b, err := tx.CreateBucketIfNotExists(bucketFilters)
	if err == nil {
		err = b.Put(ff.ix.main, f.encode(main.Sequence()))
	}
	if err != nil {
		return fmt.Errorf("archive: store %s filter: %w", ff.ix.name, err)
	}
	return nil
}

// filterScanDrop is how many keys buildFilter reads between checks of the
// mapped memory (dropMappedTx).
const filterScanDrop = 4096

// buildFilter reads every key of main, in one pass, into a new filter
// sized for twice their number: it keeps their hashes (8 bytes a key)
// until it knows how many there are.
func buildFilter(tx *bolt.Tx, ix *index, main *bolt.Bucket) (*keyFilter, error) {
	var hashes []uint64
	cur := main.Cursor()
	for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
		hashes = append(hashes, filterHash(ix.filterKey(k)))
		if len(hashes)%filterScanDrop == 0 {
			if err := dropMappedTx(tx, foldMappedLimit); err != nil {
				return nil, err
			}
		}
	}
	f := newKeyFilter(2 * uint64(len(hashes)))
	for _, h := range hashes {
		f.addHash(h)
	}
	return f, nil
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
