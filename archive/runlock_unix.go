//go:build unix

package archive

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// RunLock is a crawl's claim on an archive for its whole run: an exclusive
// flock on <archive>.lock, whose content is the holder's LockNote. It is not
// the bbolt lock: readers never take it, so they only wait for a commit,
// while a second crawl is refused at once.
type RunLock struct {
	f    *os.File
	note LockNote
}

// LockRun takes the run lock of the archive at path without waiting. When
// another process holds it, it fails with a *LockedError naming that
// process from its note.
func LockRun(path, holder string, start time.Time) (*RunLock, error) {
	f, err := os.OpenFile(lockNotePath(path), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("archive: run lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{Path: path, Holder: readLockNote(path)}
		}
		return nil, fmt.Errorf("archive: run lock %s: %w", path, err)
	}
	if n := readLockNote(path); n != nil && n.PID != os.Getpid() && pidAlive(n.PID) && fileHeld(path) {
		f.Close() // another writer (archive.Open) holds the archive itself
		return nil, &LockedError{Path: path, Holder: n}
	}
	l := &RunLock{f: f, note: LockNote{PID: os.Getpid(), Start: start.UTC(), Holder: holder}}
	if err := l.write(); err != nil {
		l.Release()
		return nil, err
	}
	return l, nil
}

// fileHeld reports whether a process holds the archive file at path
// itself (bbolt's flock): a note whose writer was killed names a pid that
// another process may have taken since (after a reboot, in a container),
// and that process holds nothing.
func fileHeld(path string) bool {
	f, err := os.Open(RealPath(path))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return errors.Is(err, syscall.EWOULDBLOCK)
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// SetRun names the run the holder is writing in its note.
func (l *RunLock) SetRun(id uint64) error {
	l.note.RunID = id
	return l.write()
}

// write rewrites the note in place: the locked file must stay the same
// file, so it is not replaced by a rename.
func (l *RunLock) write() error {
	b, err := json.Marshal(l.note)
	if err != nil {
		return fmt.Errorf("archive: run lock note: %w", err)
	}
	if err := l.f.Truncate(0); err != nil {
		return fmt.Errorf("archive: run lock note: %w", err)
	}
	if _, err := l.f.WriteAt(append(b, '\n'), 0); err != nil {
		return fmt.Errorf("archive: run lock note: %w", err)
	}
	return nil
}

// Release empties the note and drops the lock. The file stays: removing a
// locked file would let two later crawls lock two different files.
func (l *RunLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := l.f.Close() // closing the last descriptor releases the flock
	l.f = nil
	return err
}

// runLockHolder returns the note of the process holding the run lock of the
// archive at path, or nil when nobody holds it.
func runLockHolder(path string) *LockNote {
	f, err := os.Open(lockNotePath(path))
	if err != nil {
		return nil
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err == nil {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return nil
	}
	return readLockNote(path)
}
