package archive

import (
	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/memory"
)

// DropMapped tells the kernel that this process is done with the pages of
// the archive file it has read so far (memory.DropMapped on bbolt's
// read-only shared mapping). bbolt reads through a memory map, and every
// page read stays counted in the process's resident memory until the
// kernel needs it back, so a reader that streams a whole archive (an
// export) would grow with the archive; after DropMapped the pages are
// still in the page cache and a later read maps them again. It runs in a
// read transaction, during which bbolt cannot remap the file. Where the
// platform has no such call it does nothing.
func (db *DB) DropMapped() error {
	return db.view(func(tx *bolt.Tx) error {
		return memory.DropMapped(db.bolt.Info().Data, int(tx.Size()))
	})
}

// dropMappedOver is DropMapped once the process's file-backed resident
// memory passes limit: a writer calls it between transactions that read
// pages all over the file (random keys), and pays for re-reading a page
// only when many have piled up.
func (db *DB) dropMappedOver(limit int64) error {
	if n, ok := memory.ResidentFile(); ok && n < limit {
		return nil
	}
	return db.DropMapped()
}

// dropMappedTx is dropMappedOver within tx, which may be the write
// transaction that read the pages: bbolt writes with pwrite at commit and
// remaps the file only then, so the mapping stays put, and a dropped page
// reads back from the page cache as it was (its nodes point into it).
func dropMappedTx(tx *bolt.Tx, limit int64) error {
	return memory.DropMappedOver(limit, tx.DB().Info().Data, int(tx.Size()))
}
