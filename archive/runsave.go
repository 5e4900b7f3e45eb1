package archive

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SaveRun stores r's counters as they stand, leaving it running: a crawl
// saves them as it goes, so a run that is killed still tells how far it got.
func (db *DB) SaveRun(r Run) error {
	if db.readOnly {
		return ErrReadOnly
	}
	r.Status = RunRunning
	if err := db.updateRun(r); err != nil {
		return fmt.Errorf("archive: save run: %w", err)
	}
	return nil
}

// updateRun replaces the record of run r.ID, which must exist.
func (db *DB) updateRun(r Run) error {
	return db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		if b.Get(idKey(r.ID)) == nil {
			return fmt.Errorf("run %d: %w", r.ID, ErrNotFound)
		}
		return putRun(b, r)
	})
}
