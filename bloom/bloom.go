// Package bloom is a Bloom filter stored as bytes: a set of keys that
// answers "maybe" for every key added and "no" for most others, probed in
// place in its stored form (a bbolt value, valid for its transaction), so
// a reader decodes nothing. The archive and the search index keep one over
// the main level of each index looked up by random keys (hashes, URLs),
// so that a lookup of a key that is not there, which in a crawl is most,
// skips the index's pages.
//
// Stored form: version (1 byte), probes (1 byte), a stamp (8 bytes, the
// caller's: what the filter stands for), the capacity in keys (8 bytes),
// then the bit array, BitsPerKey bits per key of capacity. With Probes
// probes a key, a full filter says "maybe" for about 0.8% of keys never
// added.
package bloom

import (
	"encoding/binary"
	"errors"
	"math/bits"

	bolt "go.etcd.io/bbolt"
)

const (
	version    = 1
	header     = 18
	Probes     = 7  // bits set per key
	BitsPerKey = 10 // bits of the array per key of capacity
	MinKeys    = 1 << 16
)

// ErrNotFilter is the refusal of bytes that are not a filter of this
// format.
var ErrNotFilter = errors.New("bloom: not a filter of this format")

// Filter is a filter sized for Capacity keys. Bits may alias a stored
// value (Decode).
type Filter struct {
	Capacity uint64
	Bits     []byte
}

// New returns an empty filter sized for capacity keys, at least MinKeys.
func New(capacity uint64) *Filter {
	capacity = max(capacity, MinKeys)
	return &Filter{Capacity: capacity, Bits: make([]byte, (capacity*BitsPerKey+7)/8)}
}

// Decode reads a stored filter and its stamp; the filter's bits alias v.
func Decode(v []byte) (f Filter, stamp uint64, err error) {
	if len(v) < header+1 || v[0] != version || v[1] != Probes {
		return Filter{}, 0, ErrNotFilter
	}
	return Filter{Capacity: binary.BigEndian.Uint64(v[10:]), Bits: v[header:]}, binary.BigEndian.Uint64(v[2:]), nil
}

// Encode returns f as stored, stamped with stamp.
func (f *Filter) Encode(stamp uint64) []byte {
	v := make([]byte, header, header+len(f.Bits))
	v[0], v[1] = version, Probes
	binary.BigEndian.PutUint64(v[2:], stamp)
	binary.BigEndian.PutUint64(v[10:], f.Capacity)
	return append(v, f.Bits...)
}

// ScanEvery is how many keys Scan reads between calls of its pause.
const ScanEvery = 4096

// Scan builds a filter over every key of the bucket c walks, as key(k)
// gives it, sized for twice their number. It keeps the keys' hashes (8
// bytes a key) until it knows how many there are, and calls pause every
// ScanEvery keys (the caller drops the pages read; an error stops it).
func Scan(c *bolt.Cursor, key func(k []byte) []byte, pause func() error) (*Filter, error) {
	var hashes []uint64
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if hashes = append(hashes, Hash(key(k))); len(hashes)%ScanEvery == 0 {
			if err := pause(); err != nil {
				return nil, err
			}
		}
	}
	f := New(2 * uint64(len(hashes)))
	for _, h := range hashes {
		f.AddHash(h)
	}
	return f, nil
}

// Clone returns a copy of f whose bits are its own.
func (f Filter) Clone() *Filter {
	return &Filter{Capacity: f.Capacity, Bits: append([]byte(nil), f.Bits...)}
}

// Add puts key into f.
func (f *Filter) Add(key []byte) { f.AddHash(Hash(key)) }

// AddHash puts the key of hash h (Hash) into f.
func (f *Filter) AddHash(h uint64) {
	h2 := mix64(h) | 1
	n := uint64(len(f.Bits)) * 8
	for i := uint64(0); i < Probes; i++ {
		b, _ := bits.Mul64(h+i*h2, n)
		f.Bits[b/8] |= 1 << (b % 8)
	}
}

// MayHold reports whether key may have been added: false means it was
// not.
func (f *Filter) MayHold(key []byte) bool {
	h := Hash(key)
	h2 := mix64(h) | 1
	n := uint64(len(f.Bits)) * 8
	for i := uint64(0); i < Probes; i++ {
		b, _ := bits.Mul64(h+i*h2, n)
		if f.Bits[b/8]&(1<<(b%8)) == 0 {
			return false
		}
	}
	return true
}

// Hash is the first of the two hashes of key whose combinations h1 + i·h2
// pick its bits (double hashing): 64-bit FNV-1a spread by the splitmix64
// finaliser; h2 is h1 spread again, made odd. Both are part of the stored
// format.
func Hash(key []byte) uint64 {
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
