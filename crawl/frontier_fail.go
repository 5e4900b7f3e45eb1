package crawl

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FrontierOptions configure OpenFrontierWith; the zero value is what
// OpenFrontier uses.
type FrontierOptions struct {
	// FailWrite, when set, is called inside every write transaction of the
	// frontier, after its changes and before its commit; an error it returns
	// fails the writes the transaction made (the writes that arrived
	// together share one: see grouped), and the transaction is rolled
	// back, exactly as when the disk refuses the commit. For tests of
	// every write path (a full disk cannot be made everywhere).
	FailWrite func() error
	// OnReset, when set, is called when the file at the frontier's path
	// was damaged (FrontierReset): it was set aside, and the run starts
	// over from its seeds. A crawl should say so.
	OnReset func(FrontierReset)
	// Now names a damaged file set aside; default time.Now.
	Now func() time.Time
}

// FrontierReset is a frontier file that could not be used, set aside: a
// power cut can damage it (it is written without fsync), and a frontier
// is only a stopped run's state, so a run starts over from its seeds
// instead, fetching again (as revisits) what the stopped run stored.
type FrontierReset struct {
	Path     string // the frontier's path
	SetAside string // where the damaged file is now
	Err      error  // what is wrong with it
}

func (r FrontierReset) String() string {
	return fmt.Sprintf("frontier %s is %v; set aside as %s: this run starts over from its seeds, and fetches again what the stopped run stored",
		r.Path, r.Err, r.SetAside)
}

// broken is a frontier's first failed write. A frontier whose write failed
// no longer matches what the run did, so it refuses every later write with
// that error: the run must stop, and the next one resumes from the file
// (URLs taken and not done are queued again, or found stored).
type broken struct {
	mu  sync.Mutex
	err error
	ch  chan struct{} // closed at the first failure
}

func newBroken() *broken { return &broken{ch: make(chan struct{})} }

func (b *broken) get() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// set records err unless an earlier failure was, and returns the first.
func (b *broken) set(err error) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err == nil {
		b.err = err
		close(b.ch)
	}
	return b.err
}

// Err returns the frontier's first failed write, nil while none failed.
func (f *Frontier) Err() error { return f.fail.get() }

// Failed returns a channel closed at the frontier's first failed write.
func (f *Frontier) Failed() <-chan struct{} { return f.fail.ch }

// update runs fn in a write transaction, with the other writes that
// arrive meanwhile (grouped), and returns once it committed. Once a write
// failed, it fails at once with that first error; a failure names the
// file.
func (f *Frontier) update(fn func(tx *bolt.Tx) error) error {
	if err := f.fail.get(); err != nil {
		return err
	}
	if err := f.grouped(fn); err != nil {
		return f.fail.set(frontierWriteErr(f.path, err))
	}
	return nil
}

// frontierWriteErr wraps a failed write of the frontier at path, naming
// the path once: a file system's error (write PATH: no space left on
// device) names it already.
func frontierWriteErr(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return fmt.Errorf("crawl: frontier: %w", err)
	}
	return fmt.Errorf("crawl: frontier %s: %w", path, err)
}

// Taken returns how many URLs are taken and not done: at the end of a run
// that went well, none.
func (f *Frontier) Taken() (n int, err error) {
	err = f.db.View(func(tx *bolt.Tx) error {
		urls, err := takenURLs(tx)
		n = len(urls)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("crawl: frontier %s: %w", f.path, err)
	}
	return n, nil
}
