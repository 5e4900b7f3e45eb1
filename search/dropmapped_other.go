//go:build !linux

package search

import bolt "go.etcd.io/bbolt"

// dropMapped does nothing here: only Linux is told (dropmapped_linux.go).
func dropMapped(*bolt.DB, int64) error { return nil }

// dropMappedTx does nothing here, as dropMapped.
func dropMappedTx(*bolt.Tx, int64) error { return nil }
