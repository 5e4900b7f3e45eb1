package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Version is the layout this package writes (doc.go); an index of another
// version is refused (ErrVersion). One of an earlier layout (ErrOldLayout)
// is rebuilt from the archive by Update and by a Feed.
const Version = "3"

// oldVersions are the layouts this package wrote before Version.
var oldVersions = []string{"1", "2"}

// ErrVersion is the refusal of an index file this package did not write.
var ErrVersion = errors.New("search: not a prov search index of version " + Version)

// ErrOldLayout is the refusal of an index this package wrote in an
// earlier layout (it is also an ErrVersion).
var ErrOldLayout = fmt.Errorf("%w: an earlier layout, to be rebuilt", ErrVersion)

var (
	bucketMeta     = []byte("meta")
	bucketDocs     = []byte("docs")
	bucketSHAs     = []byte("shas")
	bucketPostings = []byte("postings")
	keyVersion     = []byte("version")
	keyLast        = []byte("last")
	keySegments    = []byte("segments")
)

// PathFor is where the index of the archive at archivePath lives.
func PathFor(archivePath string) string { return archivePath + ".search" }

// Index is an open index file. Its methods are safe for concurrent use.
type Index struct {
	bolt      *bolt.DB
	path      string
	readOnly  bool
	mainReads atomic.Int64 // lookups that read shas's main level, for shaReadsPerDrop
}

// Open opens the index at path, creating it unless readOnly, and waits at
// most timeout for another process's lock on it. A file that is not an
// index of this Version is refused with ErrVersion, untouched.
//
// A new file takes bbolt's default page size (the system's, 4 KiB): on
// bench/crawl's 20,001 pages 8 and 16 KiB pages made the index 2% smaller
// and the crawl's CPU no lower (paired runs 0.98-1.015 of 4 KiB's).
func Open(path string, readOnly bool, timeout time.Duration) (*Index, error) {
	b, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: readOnly, Timeout: timeout})
	if err != nil {
		return nil, fmt.Errorf("search: open %s: %w", path, err)
	}
	defer closeOnPanic(b)
	ix := &Index{bolt: b, path: path, readOnly: readOnly}
	if err := ix.check(); err != nil {
		b.Close()
		return nil, err
	}
	return ix, nil
}

// check makes a new file an empty index, and refuses one of another kind.
func (ix *Index) check() error {
	var fresh bool
	err := ix.bolt.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil {
			k, _ := tx.Cursor().First()
			fresh = k == nil // no bucket at all: a new file
			if !fresh {
				return fmt.Errorf("%s: %w", ix.path, ErrVersion)
			}
			return nil
		}
		if v := m.Get(keyVersion); slices.Contains(oldVersions, string(v)) {
			return fmt.Errorf("%s: %w (it says %q)", ix.path, ErrOldLayout, v)
		} else if string(v) != Version {
			return fmt.Errorf("%s: %w (it says %q)", ix.path, ErrVersion, v)
		}
		return nil
	})
	if err != nil || !fresh || ix.readOnly {
		return err
	}
	return ix.bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketDocs, bucketSHAs, bucketSHATail, bucketPostings} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keyVersion, []byte(Version))
	})
}

// openForUpdate opens the index at path for writing, as Open does, and
// rebuilds one of an earlier layout: its file is removed (under its lock)
// and made again empty, to be filled from the archive; rebuilt is the old
// layout's version then, for the caller to log.
func openForUpdate(path string, timeout time.Duration) (ix *Index, rebuilt string, err error) {
	b, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: timeout})
	if err != nil {
		return nil, "", fmt.Errorf("search: open %s: %w", path, err)
	}
	ix = &Index{bolt: b, path: path}
	err = checkClosingOnPanic(ix)
	if err == nil {
		return ix, "", nil
	}
	if errors.Is(err, ErrOldLayout) {
		rebuilt = oldVersion(b)
		err = os.Remove(path)
	}
	b.Close()
	if err != nil {
		return nil, "", err
	}
	ix, err = Open(path, false, timeout)
	return ix, rebuilt, err
}

// checkClosingOnPanic is ix.check, closing ix when a damaged file makes
// bbolt panic (closeOnPanic).
func checkClosingOnPanic(ix *Index) error {
	defer closeOnPanic(ix.bolt)
	return ix.check()
}

// closeOnPanic, deferred by a function that opened b, closes b when that
// function panics (bbolt on a damaged page), and lets the panic go on: a
// handle left open keeps the file's lock for the life of the process, and
// prov serve goes on after a request's panic.
func closeOnPanic(b *bolt.DB) {
	if r := recover(); r != nil {
		b.Close()
		panic(r)
	}
}

// oldVersion is the version an index file says it is of.
func oldVersion(b *bolt.DB) string {
	var v string
	b.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bucketMeta).Get(keyVersion))
		return nil
	})
	return v
}

// Close closes the file.
func (ix *Index) Close() error { return ix.bolt.Close() }

// Last returns the ID of the last capture the index has read: the index
// holds every text the archive held up to that capture.
func (ix *Index) Last() (uint64, error) {
	var last uint64
	err := ix.bolt.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket(bucketMeta); m != nil {
			if v := m.Get(keyLast); len(v) == 8 {
				last = binary.BigEndian.Uint64(v)
			}
		}
		return nil
	})
	return last, err
}

// docRecord is what the index keeps of a document besides its postings.
type docRecord struct {
	SHA    string   `json:"sha"`
	Titles []string `json:"titles,omitempty"` // distinct, first seen first
	URLs   []string `json:"urls"`             // distinct canonical URLs, first seen first
}

func docKey(n uint32) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], n)
	return k[:]
}
