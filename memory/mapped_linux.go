//go:build linux

package memory

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// ResidentFile is the process's resident memory backed by files, in bytes
// (the third field of /proc/self/statm, in pages); ok is false where it
// cannot be read.
func ResidentFile() (bytes int64, ok bool) {
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

// DropMapped tells the kernel that the process is done, for now, with the
// pages of a shared read-only file mapping from addr for size bytes
// (madvise MADV_DONTNEED): they leave its resident set, stay in the page
// cache, and a later read maps them again with the same bytes. The caller
// guarantees the mapping stays put for the call (a bbolt transaction
// holds its file's mapping).
func DropMapped(addr uintptr, size int) error {
	if size <= 0 {
		return nil
	}
	if _, _, errno := unix.Syscall(unix.SYS_MADVISE, addr, uintptr(size), unix.MADV_DONTNEED); errno != 0 {
		return fmt.Errorf("madvise DONTNEED on %d mapped bytes: %w", size, errno)
	}
	return nil
}
