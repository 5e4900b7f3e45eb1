//go:build linux

package search

import (
	"os"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// dropMapped tells the kernel that this process is done with the pages
// of the index file it has read so far (madvise MADV_DONTNEED on bbolt's
// shared read-only mapping), once the process's file-backed resident
// memory passes limit (mappedLimit in an update). Postings keys are
// spread over the whole file, so an update touches most of its pages,
// and every page touched stays counted in resident memory until the file
// is closed. The pages stay in the page cache; a later read maps them
// again. It runs in a read transaction, during which bbolt cannot remap
// the file.
func dropMapped(db *bolt.DB, limit int64) error {
	return db.View(func(tx *bolt.Tx) error { return dropMappedTx(tx, limit) })
}

// dropMappedTx is dropMapped within tx, which may be the write
// transaction reading the pages: bbolt writes with pwrite at commit and
// only remaps the file then, so the mapping stays put, and a dropped
// page reads back from the page cache as it was.
func dropMappedTx(tx *bolt.Tx, limit int64) error {
	if n, ok := residentShared(); ok && n < limit {
		return nil
	}
	_, _, errno := unix.Syscall(unix.SYS_MADVISE, tx.DB().Info().Data, uintptr(tx.Size()), unix.MADV_DONTNEED)
	if errno != 0 {
		return errno
	}
	return nil
}

// residentShared is the process's resident memory backed by files (the
// third field of /proc/self/statm, in pages); ok is false where it
// cannot be read.
func residentShared() (bytes int64, ok bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return 0, false
	}
	pages, err := strconv.ParseInt(f[2], 10, 64)
	return pages * int64(os.Getpagesize()), err == nil
}
