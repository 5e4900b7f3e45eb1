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
// allocation first, and the bytes of free pages in the file.
func bucketUses(path string) (uses []bucketUse, free int, err error) {
	db, err := bolt.Open(path, 0o444, &bolt.Options{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("open archive for its bucket sizes: %w", err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			s := b.Stats()
			uses = append(uses, bucketUse{name: string(name), keys: s.KeyN,
				alloc: s.BranchAlloc + s.LeafAlloc, inuse: s.BranchInuse + s.LeafInuse + s.InlineBucketInuse})
			return nil
		})
	})
	st := db.Stats()
	free = (st.FreePageN + st.PendingPageN) * os.Getpagesize()
	sort.Slice(uses, func(i, j int) bool { return uses[i].alloc > uses[j].alloc })
	return uses, free, err
}

// reportBuckets prints each bucket's bytes per page: allocated pages and
// the bytes in use on them.
func reportBuckets(w io.Writer, path string, pages int) error {
	uses, free, err := bucketUses(path)
	if err != nil {
		return err
	}
	per := func(n int) float64 { return float64(n) / float64(max(pages, 1)) }
	fmt.Fprintf(w, "\n%-10s %8s %12s %14s %12s %14s\n", "bucket", "keys", "alloc bytes", "alloc B/page", "inuse bytes", "inuse B/page")
	for _, u := range uses {
		fmt.Fprintf(w, "%-10s %8d %12d %14.1f %12d %14.1f\n", u.name, u.keys, u.alloc, per(u.alloc), u.inuse, per(u.inuse))
	}
	fmt.Fprintf(w, "%-10s %8s %12d %14.1f\n", "(free)", "", free, per(free))
	return nil
}
