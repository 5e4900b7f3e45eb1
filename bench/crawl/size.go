package main

import (
	"fmt"
	"io"
	"os"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// archiveBytes is the size of the archive file after the crawl: what
// issue #20's bar divides by the pages.
func archiveBytes(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, fmt.Errorf("archive size: %w", err)
	}
	return fi.Size(), nil
}

// bucketUse is what one top-level bucket of the archive takes.
type bucketUse struct {
	name  string
	keys  int
	alloc int // bytes of the pages it holds (overflow pages included)
	inuse int // bytes of those used by its keys, values and page headers
}

// bucketUses reads every top-level bucket's bbolt statistics, largest
// allocation first, and the bytes of the file bbolt has used (its
// high-water mark: the file beyond it is growth not yet used).
func bucketUses(path string) (uses []bucketUse, used int64, err error) {
	db, err := bolt.Open(path, 0o444, &bolt.Options{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("open archive for its bucket sizes: %w", err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		used = tx.Size()
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			s := b.Stats()
			uses = append(uses, bucketUse{name: string(name), keys: s.KeyN,
				alloc: s.BranchAlloc + s.LeafAlloc, inuse: s.BranchInuse + s.LeafInuse + s.InlineBucketInuse})
			return nil
		})
	})
	sort.Slice(uses, func(i, j int) bool { return uses[i].alloc > uses[j].alloc })
	return uses, used, err
}

// reportBuckets prints each bucket's bytes per page: allocated pages and
// the bytes in use on them; then their sum, and the rest of the file
// bbolt has used (free pages, the freelist, meta and root pages).
func reportBuckets(w io.Writer, path string, pages int) error {
	uses, used, err := bucketUses(path)
	if err != nil {
		return err
	}
	per := func(n int) float64 { return float64(n) / float64(max(pages, 1)) }
	fmt.Fprintf(w, "\n%-10s %8s %12s %14s %12s %14s\n", "bucket", "keys", "alloc bytes", "alloc B/page", "inuse bytes", "inuse B/page")
	var total bucketUse
	for _, u := range uses {
		fmt.Fprintf(w, "%-10s %8d %12d %14.1f %12d %14.1f\n", u.name, u.keys, u.alloc, per(u.alloc), u.inuse, per(u.inuse))
		total.keys, total.alloc, total.inuse = total.keys+u.keys, total.alloc+u.alloc, total.inuse+u.inuse
	}
	fmt.Fprintf(w, "%-10s %8d %12d %14.1f %12d %14.1f\n", "(buckets)", total.keys, total.alloc, per(total.alloc), total.inuse, per(total.inuse))
	other := int(used) - total.alloc
	fmt.Fprintf(w, "%-10s %8s %12d %14.1f\n", "(other)", "", other, per(other))
	fmt.Fprintf(w, "bbolt has used %d bytes of the file, %.2f KB per page (the file grows ahead of use, up to 16 MB at a time)\n",
		used, float64(used)/1e3/float64(max(pages, 1)))
	return nil
}
