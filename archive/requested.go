package archive

import (
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// bucketRequested indexes captures by the URL requested when it is not
// the URL they are filed under (a redirect's source: the 301 of a moved
// page is a fact about the URL that moved). Key: requested URL ‖ 0x00 ‖
// capture ID, as urls keys; created with the first such capture, so an
// archive of an earlier prov has none and finds a capture under its
// final URL alone, as it did.
var bucketRequested = []byte("requested")

// putRequestedIndex indexes c under its requested URL when that differs
// from its URL (write.go's putIndexes).
func putRequestedIndex(tx *bolt.Tx, c *Capture) error {
	if c.RequestedURL == "" || c.RequestedURL == c.URL {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketRequested)
	if err == nil {
		err = b.Put(urlKey(c.RequestedURL, c.ID), []byte{})
	}
	if err != nil {
		return fmt.Errorf("archive: put requested index: %w", err)
	}
	return nil
}

// historyIDs are the IDs of url's captures, oldest first: those filed
// under it, and those requested as it that ended elsewhere.
func historyIDs(tx *bolt.Tx, url string) []uint64 {
	ids := urlCaptureIDs(tx, url)
	b := tx.Bucket(bucketRequested)
	if b == nil {
		return ids
	}
	n := len(ids)
	if ids = appendIDs(ids, b.Cursor(), urlPrefix(url)); len(ids) > n {
		slices.Sort(ids)
		ids = slices.Compact(ids)
	}
	return ids
}
