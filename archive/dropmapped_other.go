//go:build !linux

package archive

// DropMapped does nothing here: only Linux is told (dropmapped_linux.go).
func (db *DB) DropMapped() error { return nil }
