package search

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SetMaxBatchHits makes updates write the index every n postings, for
// the tests of search_test, and returns what puts the bound back.
func SetMaxBatchHits(n int) (restore func()) {
	old := maxBatchHits
	maxBatchHits = n
	return func() { maxBatchHits = old }
}

// SetMappedLimit makes the index drop its mapped pages at every check
// past n bytes of file-backed resident memory (0: at every check), for
// the tests of search_test, and returns what puts the limit back.
func SetMappedLimit(n int64) (restore func()) {
	old := mappedLimit
	mappedLimit = n
	return func() { mappedLimit = old }
}

// SetSHAFoldFloor makes updates fold the shas tail once it holds n keys
// (or main/8), for the tests of search_test, and returns what puts the
// floor back.
func SetSHAFoldFloor(n uint64) (restore func()) {
	old := shaFoldFloor
	shaFoldFloor = n
	return func() { shaFoldFloor = old }
}

// Contents is everything ix holds: every posting (token → document →
// count, summed over its segments), every document record (number → its
// JSON), every text sha's document number (from both levels: one in both
// is an error), the levels of its segments,
// oldest first, and the last capture read. A segment's bucket the list
// does not name is an error.
type Contents struct {
	Postings map[string]map[uint32]uint32
	Docs     map[uint32]string
	SHAs     map[string]uint32
	Folded   int  // of SHAs, those in the shas bucket, not its tail
	Filtered bool // the shas bucket has a current filter (shas.go)
	Levels   []uint8
	Last     uint64
}

func ReadContents(ix *Index) (Contents, error) {
	c := Contents{Postings: map[string]map[uint32]uint32{}, Docs: map[uint32]string{}, SHAs: map[string]uint32{}}
	err := ix.bolt.View(func(tx *bolt.Tx) error {
		segs, err := segments(tx.Bucket(bucketMeta))
		if err != nil {
			return err
		}
		listed := map[uint32]bool{}
		for _, s := range segs {
			listed[s.id] = true
			c.Levels = append(c.Levels, s.level)
		}
		err = tx.Bucket(bucketPostings).ForEachBucket(func(name []byte) error {
			if seg := binary.BigEndian.Uint32(name); !listed[seg] {
				return fmt.Errorf("bucket of segment %d, not in the list", seg)
			}
			return tx.Bucket(bucketPostings).Bucket(name).ForEach(func(k, v []byte) error {
				tok := string(k)
				if c.Postings[tok] == nil {
					c.Postings[tok] = map[uint32]uint32{}
				}
				return decodeChunk(v, func(doc, count uint32) { c.Postings[tok][doc] += count })
			})
		})
		if err != nil {
			return err
		}
		tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			c.Docs[binary.BigEndian.Uint32(k)] = string(v)
			return nil
		})
		_, c.Filtered = shaFilter(tx, tx.Bucket(bucketSHAs))
		for _, name := range [][]byte{bucketSHAs, bucketSHATail} {
			err := tx.Bucket(name).ForEach(func(k, v []byte) error {
				if _, twice := c.SHAs[string(k)]; twice {
					return fmt.Errorf("sha %s in both levels", k)
				}
				c.SHAs[string(k)] = binary.BigEndian.Uint32(v)
				if string(name) == string(bucketSHAs) {
					c.Folded++
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		c.Last, err = ix.Last()
	}
	return c, err
}
