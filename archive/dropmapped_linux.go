//go:build linux

package archive

import (
	"os"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// DropMapped tells the kernel that this process is done with the pages of
// the archive file it has read so far (madvise MADV_DONTNEED on bbolt's
// read-only shared mapping). bbolt reads through a memory map, and every
// page read stays counted in the process's resident memory until the
// kernel needs it back, so a reader that streams a whole archive (an
// export) would grow with the archive; after DropMapped the pages are
// still in the page cache and a later read maps them again. It runs in a
// read transaction, during which bbolt cannot remap the file.
func (db *DB) DropMapped() error {
	return db.bolt.View(func(tx *bolt.Tx) error {
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, db.bolt.Info().Data, uintptr(tx.Size()), unix.MADV_DONTNEED)
		if errno != 0 {
			return errno
		}
		return nil
	})
}

// dropMappedOver is DropMapped once the process's file-backed resident
// memory passes limit: a writer calls it between transactions that read
// pages all over the file (random keys), and pays for re-reading a page
// only when many have piled up.
func (db *DB) dropMappedOver(limit int64) error {
	if n, ok := residentShared(); ok && n < limit {
		return nil
	}
	return db.DropMapped()
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
