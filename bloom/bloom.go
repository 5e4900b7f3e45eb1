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
// gives it (nil: the whole key), sized for twice their number. It keeps the keys' hashes (8
// bytes a key) until it knows how many there are, and calls pause every
// ScanEvery keys (the caller drops the pages read; an error stops it).
func Scan(c *bolt.Cursor, key func(k []byte) []byte, pause func() error) (*Filter, error) {
	var hashes []uint64
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if key != nil {
			k = key(k)
		}
		if hashes = append(hashes, Hash(k)); len(hashes)%ScanEvery == 0 {
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
	for i := uint64(0); i < Probes; i++ {
		at, mask := f.bit(h, h2, i)
		f.Bits[at] |= mask
	}
}

// MayHold reports whether key may have been added: false means it was
// not.
func (f *Filter) MayHold(key []byte) bool { return f.MayHoldHash(Hash(key)) }

// MayHoldHash is MayHold for the key of hash h, as AddHash took it.
func (f *Filter) MayHoldHash(h uint64) bool {
	h2 := mix64(h) | 1
	for i := uint64(0); i < Probes; i++ {
		if at, mask := f.bit(h, h2, i); f.Bits[at]&mask == 0 {
			return false
		}
	}
	return true
}

// bit returns the byte and the bit in it of a key's probe i, from its
// hashes h and h2: h + i·h2 scaled to the array's bits.
func (f *Filter) bit(h, h2, i uint64) (at uint64, mask byte) {
	b, _ := bits.Mul64(h+i*h2, uint64(len(f.Bits))*8)
	return b / 8, 1 << (b % 8)
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

// Carried is a filter carried through a fold: the moving of keys into
// the level it stands for, whose sequence counts the keys folded in and
// stamps the stored filter. A fold starts from the stored filter when it
// is current, adds each chunk's keys as they move, and at its end stores
// the result, or builds one from the level (Scan) when nothing could be
// carried: so a filter that lags its level is never stored as current.
type Carried struct {
	f     *Filter // nil: nothing carried
	stamp uint64  // the level's sequence f stands for
	added bool    // keys were added since the start
}

// Carry starts a fold of up to want keys into a level of sequence seq,
// whose stored filter is stored (current: its stamp is seq). It carries a
// copy of the filter, or nothing when that is not current or want more
// keys would take it past its capacity.
func Carry(stored Filter, current bool, seq, want uint64) *Carried {
	if !current || seq+want > stored.Capacity {
		return &Carried{}
	}
	return &Carried{f: stored.Clone(), stamp: seq}
}

// Add adds keys now moved into the level, whose sequence grew by their
// number, as key(k) gives each (nil: the whole key).
func (c *Carried) Add(keys [][]byte, key func(k []byte) []byte) {
	if c.f == nil {
		return
	}
	for _, k := range keys {
		if key != nil {
			k = key(k)
		}
		c.f.Add(k)
	}
	c.stamp += uint64(len(keys))
	c.added = c.added || len(keys) > 0
}

// result returns the filter to store for the level, now of sequence seq:
// the carried one when it stands for seq, nil when one must be built
// (Scan); store is false when the stored filter stands as it was.
func (c *Carried) result(seq uint64) (f *Filter, store bool) {
	if c.f == nil || c.stamp != seq {
		return nil, true
	}
	return c.f, c.added
}

// Final returns the filter to store for the level, now walked by cur and
// of sequence seq: the carried one when it stands for seq, else one Scan
// builds from the level (key and pause as Scan takes them); store is
// false when the stored filter stands as it was.
func (c *Carried) Final(cur *bolt.Cursor, seq uint64, key func(k []byte) []byte, pause func() error) (f *Filter, store bool, err error) {
	if f, store = c.result(seq); !store || f != nil {
		return f, store, nil
	}
	if f, err = Scan(cur, key, pause); err != nil {
		return nil, false, err
	}
	return f, true, nil
}
