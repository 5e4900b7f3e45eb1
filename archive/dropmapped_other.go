//go:build !linux

package archive

import bolt "go.etcd.io/bbolt"

// DropMapped does nothing here: only Linux is told (dropmapped_linux.go).
func (db *DB) DropMapped() error { return nil }

// dropMappedOver does nothing here, as DropMapped.
func (db *DB) dropMappedOver(int64) error { return nil }

// dropMappedOverTx does nothing here, as DropMapped.
func dropMappedOverTx(*bolt.Tx, int64) error { return nil }
