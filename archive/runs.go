package archive

import (
	"encoding/json"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Run statuses.
const (
	RunRunning     = "running"
	RunDone        = "done"
	RunInterrupted = "interrupted" // left running by a process that is gone
)

// BeginRun records the start of a run of this process, of kind (Run.Kind:
// "" for a crawl), and returns it with its ID. Only runs begun through this DB are live: bbolt lets one
// writer in at a time, so any other run still marked running was left by a
// process that stopped without FinishRun.
func (db *DB) BeginRun(seeds []string, kind string) (Run, error) {
	r := Run{Start: db.now().UTC(), Seeds: seeds, PID: os.Getpid(), Status: RunRunning, Kind: kind}
	if db.readOnly {
		return r, ErrReadOnly
	}
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		r.ID = id
		return putRun(b, r)
	})
	if err != nil {
		return r, fmt.Errorf("archive: begin run: %w", err)
	}
	db.mu.Lock()
	db.owned[r.ID] = true
	db.mu.Unlock()
	return r, nil
}

// FinishRun stores r's counters and marks it ended: End defaults to now
// and a Status left empty or running becomes done.
func (db *DB) FinishRun(r Run) error {
	if db.readOnly {
		return ErrReadOnly
	}
	if r.End.IsZero() {
		r.End = db.now()
	}
	r.End = r.End.UTC()
	if r.Status == "" || r.Status == RunRunning {
		r.Status = RunDone
	}
	if err := db.updateRun(r); err != nil {
		return fmt.Errorf("archive: finish run: %w", err)
	}
	db.mu.Lock()
	delete(db.owned, r.ID)
	db.mu.Unlock()
	return nil
}

// Runs returns every run, oldest first. A run stored as running shows as
// interrupted unless this DB began it and its process is alive.
func (db *DB) Runs() ([]Run, error) {
	var runs []Run
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRuns).ForEach(func(_, v []byte) error {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("archive: decode run: %w", err)
			}
			runs = append(runs, db.judgeRun(r))
			return nil
		})
	})
	return runs, err
}

func (db *DB) judgeRun(r Run) Run {
	if r.Status != RunRunning {
		return r
	}
	db.mu.Lock()
	live := db.owned[r.ID]
	db.mu.Unlock()
	if live && pidAlive(r.PID) {
		return r
	}
	if n := runLockHolder(db.path); n != nil && n.RunID == r.ID && n.PID == r.PID && pidAlive(r.PID) {
		return r // a crawl in another process, holding the run lock
	}
	r.Status = RunInterrupted
	return r
}

func putRun(b *bolt.Bucket, r Run) error {
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return b.Put(idKey(r.ID), v)
}
