//go:build !linux

package archive

// DropMapped does nothing here: only Linux is told (dropmapped_linux.go).
func (db *DB) DropMapped() error { return nil }

// dropMappedOver does nothing here, as DropMapped.
func (db *DB) dropMappedOver(int64) error { return nil }
