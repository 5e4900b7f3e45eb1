package archive

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// putRunning stores r, running, in tx; its record must exist.
func putRunning(tx *bolt.Tx, r Run) error {
	b := tx.Bucket(bucketRuns)
	if b.Get(idKey(r.ID)) == nil {
		return notFound("run %d", r.ID)
	}
	r.Status = RunRunning
	return putRun(b, r)
}

// updateRun replaces the record of run r.ID, which must exist.
func (db *DB) updateRun(r Run) error {
	return db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		if b.Get(idKey(r.ID)) == nil {
			return fmt.Errorf("run %d: %w", r.ID, ErrNotFound)
		}
		return putRun(b, r)
	})
}
