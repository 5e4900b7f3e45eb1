//go:build linux

package archive

import (
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
