package archive

import (
	"fmt"
	"os"
	"time"
)

// Running is an archive held for one run that writes to it (a crawl, a
// refetch): its run lock, taken without waiting, and the archive opened
// shared, only to commit, so read commands get in between.
type Running struct {
	Lock   *RunLock
	Shared *Shared
}

// OpenRunning checks the archive file at path (when it exists), takes its
// run lock for holder (the pid is added to the name) and opens it shared.
// A held lock fails at once with a *LockedError naming the holder.
func OpenRunning(path, holder string) (*Running, error) {
	if err := Check(path); err != nil {
		return nil, err
	}
	lock, err := LockRun(path, fmt.Sprintf("%s (pid %d)", holder, os.Getpid()), time.Now())
	if err != nil {
		return nil, err
	}
	s, err := OpenShared(path, SharedOptions{})
	if err != nil {
		lock.Release()
		return nil, err
	}
	return &Running{Lock: lock, Shared: s}, nil
}

// Close closes the archive and releases the run lock.
func (r *Running) Close() error {
	err := r.Shared.Close()
	r.Lock.Release()
	return err
}
