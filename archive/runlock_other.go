//go:build !unix

package archive

import (
	"os"
	"time"
)

// RunLock is a no-op where flock is missing: only bbolt's lock applies.
type RunLock struct{}

// LockRun always succeeds here.
func LockRun(path, holder string, start time.Time) (*RunLock, error) { return &RunLock{}, nil }

// SetRun does nothing here.
func (l *RunLock) SetRun(id uint64) error { return nil }

// Release does nothing here.
func (l *RunLock) Release() error { return nil }

func runLockHolder(path string) *LockNote {
	_ = os.Getpid
	return nil
}
