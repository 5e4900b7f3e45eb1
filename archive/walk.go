package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	bolt "go.etcd.io/bbolt"
)

// Damaged pages. bbolt trusts the file it maps: a page whose bytes were
// damaged makes it panic (index out of range, an invalid page type) or
// read through a wild pointer, which debug.SetPanicOnFault turns into a
// panic on the reading goroutine. The readers that must get past such a
// page (Verify, Salvage, and the lenient walks of Options.OnSkip) read
// through guarded and walk, and set SetPanicOnFault while they read.

// errUnreadable wraps the panic of a damaged page.
var errUnreadable = errors.New("unreadable")

// errBucketMissing is the error of a bucket every archive has, not found.
var errBucketMissing = errors.New("bucket missing")

// guarded runs fn and returns the panic it raised as an error wrapping
// errUnreadable. Only bbolt's reads belong in fn: a bug of the caller's
// would be reported as damage.
func guarded(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errUnreadable, r)
		}
	}()
	return fn()
}

// guardedGet returns b.Get(key), or the panic of a damaged page.
func guardedGet(b *bolt.Bucket, key []byte) (v []byte, err error) {
	err = guarded(func() error { v = b.Get(key); return nil })
	return v, err
}

// guardedBucket returns the top-level bucket name, errBucketMissing when
// it is not there, or the panic of a damaged root page.
func guardedBucket(tx *bolt.Tx, name []byte) (b *bolt.Bucket, err error) {
	err = guarded(func() error { b = tx.Bucket(name); return nil })
	if err == nil && b == nil {
		err = fmt.Errorf("%s: %w", name, errBucketMissing)
	}
	return b, err
}

// Damage is a part of a bucket walk could not read: the keys after After
// and before Until (hex; After "" from the bucket's start, Until "" to its
// end) are lost to the reader, and Err says why.
type Damage struct {
	After, Until []byte
	Err          error
}

func (d Damage) span() string { return d.where() + ": " + d.Err.Error() }

// error is span as an error that wraps Err.
func (d Damage) error() error { return fmt.Errorf("%s: %w", d.where(), d.Err) }

func (d Damage) where() string {
	from, to := "its start", "its end"
	if d.After != nil {
		from = fmt.Sprintf("key %x", d.After)
	}
	if d.Until != nil {
		to = fmt.Sprintf("key %x", d.Until)
	}
	return fmt.Sprintf("unreadable after %s up to %s", from, to)
}

// walk calls fn with each key and value of bucket name in key order, as
// ForEach does, but gets past damage: a bucket that cannot be opened, a
// page bbolt panics on, or keys out of order are reported to bad once
// each, and the walk resumes at the first key it can read past them (see
// resume). One key out of place between two in order (a damaged key) is
// passed to fn and the walk goes on after the key before it. k and v are valid for the transaction only. An error from fn
// or bad stops the walk and is returned.
func walk(tx *bolt.Tx, name []byte, fn func(k, v []byte) error, bad func(Damage) error) error {
	b, err := guardedBucket(tx, name)
	if err != nil {
		return bad(Damage{Err: err})
	}
	c := b.Cursor()
	var first, prev, last []byte
	k, v, err := step(c.First)
	for {
		if err == nil && k != nil && last != nil && bytes.Compare(k, last) <= 0 {
			if prev == nil || bytes.Compare(k, prev) > 0 {
				last = prev // last was a damaged key, out of place: k goes on from the key before it
			} else {
				err = fmt.Errorf("%w: key %x after %x, out of order", errUnreadable, k, last)
			}
		}
		if err != nil {
			last, k, v = resumeAfter(c, prev, last, first)
			if err := bad(Damage{After: last, Until: bytes.Clone(k), Err: err}); err != nil {
				return err
			}
		}
		if k == nil {
			return nil
		}
		if err := fn(k, v); err != nil {
			return err
		}
		prev, last = last, bytes.Clone(k)
		if first == nil {
			first = last
		}
		k, v, err = step(c.Next)
	}
}

// resumeAfter finds where a walk goes on after damage met past last, and
// the key the damage follows. last may itself be a damaged key, out of
// place and larger than the keys after it (prev is the key read before
// it): when a key lies between prev and last, the walk goes on there, so
// those keys are read, not lost; when nothing past last can be read,
// nothing shows last was in place, so the damage is named from prev.
func resumeAfter(c *bolt.Cursor, prev, last, first []byte) (after, k, v []byte) {
	if prev == nil || last == nil || bytes.Compare(last, prev) <= 0 {
		k, v = resume(c, last, first)
		return last, k, v
	}
	if k, v := resume(c, prev, first); k != nil && bytes.Compare(k, last) < 0 {
		return prev, k, v
	}
	if k, v = resume(c, last, first); k == nil {
		return prev, nil, nil
	}
	return last, k, v
}

// step runs one cursor move, guarded.
func step(move func() ([]byte, []byte)) (k, v []byte, err error) {
	err = guarded(func() error { k, v = move(); return nil })
	return k, v, err
}

// resume finds the first key past damaged pages after last (nil: at the
// bucket's start). Keys are taken as numbers in the eight bytes after the
// prefix last shares with first (the bucket's first key read), so that
// keys alike at the start (URLs) still spread, or in last's final eight
// bytes if that is sooner (IDs): it seeks further and
// further past last (1, 2, 4… in that window) until a seek reads a key
// greater than last or the bucket's end, then back by halves to the
// nearest point that does. Only keys on the damaged pages are lost, as
// long as the bucket's keys differ within the window. It returns nil, nil
// when nothing past last can be read.
func resume(c *bolt.Cursor, last, first []byte) (k, v []byte) {
	if k, v, ok := probe(c, append(bytes.Clone(last), 0), last); ok && last != nil {
		return k, v
	}
	at := max(0, min(commonPrefix(last, first), len(last)-8))
	prefix, base := last[:at], window(last[at:])
	lo, hi := uint64(0), uint64(1)
	for {
		if hi > math.MaxUint64-base {
			return nil, nil
		}
		if _, _, ok := probe(c, numKey(prefix, base+hi), last); ok {
			break
		}
		lo, hi = hi, hi*2
		if hi == 0 {
			return nil, nil
		}
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if _, _, ok := probe(c, numKey(prefix, base+mid), last); ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	k, v, _ = probe(c, numKey(prefix, base+hi), last)
	return k, v
}

// probe seeks to at: ok when the seek reads the end or a key past last.
func probe(c *bolt.Cursor, at, last []byte) (k, v []byte, ok bool) {
	k, v, err := step(func() ([]byte, []byte) { return c.Seek(at) })
	return k, v, err == nil && (k == nil || bytes.Compare(k, last) > 0)
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// window reads up to eight bytes as a big-endian number, zero-padded.
func window(b []byte) uint64 {
	var w [8]byte
	copy(w[:], b)
	return binary.BigEndian.Uint64(w[:])
}

func numKey(prefix []byte, n uint64) []byte {
	return binary.BigEndian.AppendUint64(bytes.Clone(prefix), n)
}
