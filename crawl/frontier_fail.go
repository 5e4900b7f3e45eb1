package crawl

import (
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// FrontierOptions configure OpenFrontierWith; the zero value is what
// OpenFrontier uses.
type FrontierOptions struct {
	// FailWrite, when set, is called inside every write transaction of the
	// frontier, after its changes and before its commit; an error it returns
	// fails that write, and the transaction is rolled back, exactly as when
	// the disk refuses the commit. For tests of every write path (a full
	// disk cannot be made everywhere).
	FailWrite func() error
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

// update runs fn in one write transaction. Once a write failed, it fails
// at once with that first error; a failure names the file.
func (f *Frontier) update(fn func(tx *bolt.Tx) error) error {
	if err := f.fail.get(); err != nil {
		return err
	}
	err := f.db.Update(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		if f.opts.FailWrite != nil {
			return f.opts.FailWrite()
		}
		return nil
	})
	if err != nil {
		return f.fail.set(fmt.Errorf("crawl: frontier %s: %w", f.path, err))
	}
	return nil
}

// Taken returns how many URLs are taken and not done: at the end of a run
// that went well, none.
func (f *Frontier) Taken() (n int, err error) {
	err = f.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(fbSeen).ForEach(func(_, v []byte) error {
			if len(v) > 0 && v[0] == stTaken {
				n++
			}
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("crawl: frontier %s: %w", f.path, err)
	}
	return n, nil
}
