package archive

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Shared defaults. Readers' bbolt lock polls every 50ms, so a release of
// SharedGap always lets a waiting reader in.
const (
	DefaultSharedHold    = 500 * time.Millisecond
	DefaultSharedGap     = 80 * time.Millisecond
	DefaultSharedTimeout = 10 * time.Minute
)

// SharedOptions configure OpenShared; zero fields take the defaults.
type SharedOptions struct {
	Hold    time.Duration    // longest the file stays open at a stretch; default DefaultSharedHold
	Gap     time.Duration    // how long it stays closed between stretches; default DefaultSharedGap
	Timeout time.Duration    // wait for readers to let go; default DefaultSharedTimeout
	Now     func() time.Time // default time.Now
}

// Shared is the handle of a long-running writer (a crawl) that opens the
// archive only while it works: the file is opened on demand by Do, and
// closed again at least every Hold for at least Gap, so that readers
// (prov stats, works, export) get in between commits. It takes no lock
// note; the writer holds a RunLock for that.
type Shared struct {
	path string
	opts SharedOptions

	mu       sync.Mutex
	cond     *sync.Cond
	db       *DB
	users    int
	opening  bool
	draining bool
	closedAt time.Time
	closed   bool
	stop     chan struct{}
	done     chan struct{}
	prev     *prevCache
	blocks   *blockCache // the capture blocks Previous read last
	meta     *MetaDamage // of the file as OpenShared found it
}

// OpenShared creates (or checks) the archive at path with Open and returns
// a Shared handle on it, closed until its first Do.
func OpenShared(path string, opts SharedOptions) (*Shared, error) {
	if opts.Hold <= 0 {
		opts.Hold = DefaultSharedHold
	}
	if opts.Gap <= 0 {
		opts.Gap = DefaultSharedGap
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultSharedTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	meta, err := createQuietly(path, opts)
	if err != nil {
		return nil, err
	}
	s := &Shared{path: path, opts: opts, stop: make(chan struct{}), done: make(chan struct{}), prev: newPrevCache(), blocks: &blockCache{}, meta: meta}
	s.cond = sync.NewCond(&s.mu)
	go s.releaser()
	return s, nil
}

// Do runs fn with the archive open for writing. Calls may run at once;
// fn must not keep db after it returns.
func (s *Shared) Do(fn func(db *DB) error) error {
	db, err := s.acquire()
	if err != nil {
		return err
	}
	defer s.release()
	return fn(db)
}

func (s *Shared) acquire() (*DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		switch {
		case s.closed:
			return nil, ErrClosed
		case s.db != nil && !s.draining:
			s.users++
			return s.db, nil
		case s.db == nil && !s.opening:
			if err := s.open(); err != nil {
				return nil, err
			}
			continue
		}
		s.cond.Wait()
	}
}

// open opens the file, with s.mu held on entry and exit; it waits out the
// gap and the open itself without the mutex.
func (s *Shared) open() error {
	s.opening = true
	wait := s.opts.Gap - s.opts.Now().Sub(s.closedAt)
	s.mu.Unlock()
	if wait > 0 {
		time.Sleep(wait)
	}
	bdb, err := openBolt(s.path, false, s.opts.Timeout)
	s.mu.Lock()
	s.opening = false
	s.cond.Broadcast()
	if err != nil {
		return fmt.Errorf("archive: shared open: %w", err)
	}
	s.db = &DB{bolt: bdb, path: s.path, now: s.opts.Now, owned: map[uint64]bool{}, onWrite: s.prev.noteWritten}
	return nil
}

func (s *Shared) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users--
	if s.users == 0 && s.draining {
		s.closeDB()
	}
}

// closeDB closes the file, with s.mu held. Only bbolt is closed: no lock
// note was written.
func (s *Shared) closeDB() error {
	if s.db == nil {
		return nil
	}
	err := s.db.bolt.Close()
	s.db, s.draining, s.closedAt = nil, false, s.opts.Now()
	s.cond.Broadcast()
	return err
}

// releaser closes the file every Hold, letting current users finish first.
func (s *Shared) releaser() {
	defer close(s.done)
	tick := time.NewTicker(s.opts.Hold)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		s.mu.Lock()
		if s.db != nil {
			s.draining = true
			if s.users == 0 {
				s.closeDB()
			}
		}
		s.mu.Unlock()
	}
}

// Close waits for current users and closes the file; later Do calls fail.
func (s *Shared) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed, s.draining = true, true
	for s.users > 0 || s.opening {
		s.cond.Wait()
	}
	err := s.closeDB()
	s.mu.Unlock()
	close(s.stop)
	<-s.done
	return err
}

// Path returns the archive's file.
func (s *Shared) Path() string { return s.path }

// MetaDamage is the meta page of the archive file that did not check when
// OpenShared opened it, before anything was written (the first commit
// rewrites the page), nil when both did. A writer that goes on should
// say so: the commit it lost, if any, is lost for good once it commits.
func (s *Shared) MetaDamage() *MetaDamage { return s.meta }

// Check refuses, untouched, a file at path that is not a prov archive of a
// schema this prov reads; a missing or empty file passes.
func Check(path string) error {
	_, err := checkExisting(path, Options{Timeout: DefaultSharedCheckTimeout})
	return err
}

// DefaultSharedCheckTimeout is how long Check waits to read the file.
const DefaultSharedCheckTimeout = 2 * time.Second

// createQuietly creates or checks the archive like Open, without a lock
// note: the caller's RunLock file must stay the file it locked. A new
// file whose creation failed (a full disk) is removed: it holds nothing,
// and its first pages alone would be refused as damaged by the next run.
// It returns the file's MetaDamage as found before init's commit.
func createQuietly(path string, opts SharedOptions) (*MetaDamage, error) {
	fresh, err := checkExisting(path, Options{Timeout: DefaultTimeout})
	if err != nil {
		return nil, err
	}
	bdb, err := openBolt(path, false, DefaultTimeout)
	if err != nil {
		var locked *LockedError
		if fresh && !errors.As(err, &locked) {
			os.Remove(path)
		}
		return nil, err
	}
	meta := metaDamageOf(path)
	db := &DB{bolt: bdb, path: path, now: opts.Now, owned: map[uint64]bool{}}
	if err := closeOnFailure(bdb, db.init); err != nil {
		return nil, err
	}
	return meta, bdb.Close()
}
