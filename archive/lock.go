package archive

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

// lockNotePath is the note and run-lock file of the archive at path. It
// names the archive's real file, not the path as typed: two crawls that
// reach one archive through a symbolic link lock one file.
func lockNotePath(path string) string { return RealPath(path) + ".lock" }

// RealPath is path with every symbolic link resolved, absolute: the name
// of the file itself, for what is keyed by the archive (its lock, the
// crawl frontier beside it). For a file not yet made (a new archive, or a
// link to one), the links to it are followed and its folder resolved; a
// path that cannot be resolved is returned absolute, as typed.
func RealPath(path string) string {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		path = p
	} else {
		path = followLinks(path)
		if dir, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
			path = filepath.Join(dir, filepath.Base(path))
		}
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// followLinks follows path while it is a symbolic link, to the name it
// finally points at, which need not exist; it gives up after 40 links.
func followLinks(path string) string {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return path
		}
		target, err := os.Readlink(path)
		if err != nil {
			return path
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return path
}

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
