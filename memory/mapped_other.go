//go:build !linux

package memory

// ResidentFile is not known here: only Linux is asked (mapped_linux.go).
func ResidentFile() (bytes int64, ok bool) { return 0, false }

// DropMapped does nothing here: only Linux is told (mapped_linux.go).
func DropMapped(addr uintptr, size int) error { return nil }
