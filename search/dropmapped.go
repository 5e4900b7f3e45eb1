package search

import (
	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/memory"
)

// dropMapped tells the kernel that this process is done with the pages
// of the index file it has read so far (memory.DropMapped on bbolt's
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
	return memory.DropMappedOver(limit, tx.DB().Info().Data, int(tx.Size()))
}
