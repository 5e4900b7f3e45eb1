package archive

import (
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// LockNote is what a writer leaves in <archive>.lock while it holds the
// archive, so that a refused process can say who holds it. bbolt's flock is
// the lock; the note only explains it, and a stale note is overwritten.
type LockNote struct {
	PID    int       `json:"pid"`
	Start  time.Time `json:"start"`
	Holder string    `json:"holder"`
	RunID  uint64    `json:"run_id,omitempty"` // the run a crawl's run lock is writing
}

func lockNotePath(path string) string { return path + ".lock" }

// writeLockNote writes the note atomically (temporary file, then rename).
func writeLockNote(path, holder string, start time.Time) error {
	if holder == "" {
		holder = "prov"
	}
	b, err := json.Marshal(LockNote{PID: os.Getpid(), Start: start.UTC(), Holder: holder})
	if err != nil {
		return fmt.Errorf("archive: write lock note: %w", err)
	}
	tmp := lockNotePath(path) + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("archive: write lock note: %w", err)
	}
	if err := os.Rename(tmp, lockNotePath(path)); err != nil {
		return fmt.Errorf("archive: write lock note: %w", err)
	}
	return nil
}

// readLockNote returns the note, or nil when there is none to read.
func readLockNote(path string) *LockNote {
	b, err := os.ReadFile(lockNotePath(path))
	if err != nil {
		return nil
	}
	var n LockNote
	if json.Unmarshal(b, &n) != nil || n.PID == 0 {
		return nil
	}
	return &n
}

// removeLockNote removes the note if it is ours.
func removeLockNote(path string) {
	if n := readLockNote(path); n != nil && n.PID == os.Getpid() {
		os.Remove(lockNotePath(path))
	}
}
