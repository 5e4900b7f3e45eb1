package archive

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Writer defaults. A transaction's cost is mostly the pages it rewrites,
// and in a large archive each entry's random keys (URL, payload and text
// hashes) land on pages of their own, so larger batches share more of
// them: writing 60,000 entries cost 5-10% less CPU in batches of 1,024
// than of 512, and 20% less in batches of 2,048, which held 35 MB more
// in a crawl (the batch and its transaction's pages). The bytes bound
// keeps a batch of large pages from holding much memory.
const (
	DefaultMaxBatch      = 1024
	DefaultMaxBatchBytes = 4 << 20
	DefaultMaxDelay      = time.Second
)

// queued is how many entries Add may queue ahead of the batch being
// filled (at most MaxBatch): enough to keep the writer busy, few enough
// that their bytes stay small beside the batch's.
const queued = 256

// WriterConfig configures a Writer; zero fields take the defaults.
type WriterConfig struct {
	MaxBatch      int           // entries per transaction; default DefaultMaxBatch
	MaxBatchBytes int           // payload and text bytes per transaction, stored forms included; default DefaultMaxBatchBytes
	MaxDelay      time.Duration // longest an entry waits for its batch; default DefaultMaxDelay

	// OnCommit, when set, is called from the writing goroutine after each
	// committed batch with the stored captures (ID and Kind filled), for
	// run counters and progress. It must not call back into the Writer.
	OnCommit func([]Capture)

	// OnCommitTexts, when set, is called after OnCommit with the same
	// captures and, in the same order, the text each entry brought (""
	// when none): for a reader that would otherwise read the batch's
	// documents back (the search index). It must not call back into the
	// Writer.
	OnCommitTexts func(caps []Capture, texts []string)

	// RunRecord, when set, is called inside each batch's transaction with
	// the batch's captures (ID and Kind filled) and returns the run
	// record as it stands once they are counted; it is stored in that
	// same transaction, running. So a run's counters always match the
	// captures committed, whenever the process is killed. It must not
	// change anything the commit's failure would leave wrong: OnCommit
	// is where the counting is kept.
	RunRecord func([]Capture) Run

	// FailCommit, when set, is called before each batch's commit; an
	// error it returns fails that commit (nothing of the batch is
	// stored), as a full disk does. For tests of the callers' write
	// paths.
	FailCommit func() error
}

// Writer batches entries from many goroutines into few bbolt transactions
// (one transaction per entry manages under a thousand writes a second; one
// per batch, tens of thousands). One goroutine owns the writes.
//
// Add checks an entry and queues it; it does not wait for the commit. A
// failed write is sticky: every later Add and Close return the error. When
// the commit itself failed the batch's entries are not stored; when only
// the sketch-index flush after it failed, they are, and OnCommit sees them.
// Close flushes what is queued.
type Writer struct {
	db    *DB                              // nil for a Shared writer
	store func([]Entry) ([]Capture, error) // commits one batch in one transaction
	wrap  func() error                     // run once after the last batch: FlushIndex
	wrote bool                             // a batch was committed (owned by loop)
	cfg   WriterConfig
	in    chan Entry
	now   chan struct{} // Flush: commit the batch without waiting for MaxDelay

	mu     sync.RWMutex // guards closed against a send on a closed channel
	closed bool

	errMu sync.Mutex
	err   error

	done chan struct{}
}

// NewWriter starts the writing goroutine; Close stops it.
func NewWriter(db *DB, cfg WriterConfig) *Writer {
	w := newWriter(func(batch []Entry) ([]Capture, error) { return db.writePrepared(batch, cfg.RunRecord) }, db.FlushIndex, cfg)
	w.db = db
	return w
}

// NewSharedWriter is NewWriter over a Shared handle: each batch opens the
// archive (when it is not open already) for its one transaction.
func NewSharedWriter(s *Shared, cfg WriterConfig) *Writer {
	return newWriter(func(batch []Entry) (caps []Capture, err error) {
		err = s.Do(func(db *DB) error {
			caps, err = db.writePrepared(batch, cfg.RunRecord)
			return err
		})
		return caps, err
	}, func() error { return s.Do((*DB).FlushIndex) }, cfg)
}

func newWriter(store func([]Entry) ([]Capture, error), wrap func() error, cfg WriterConfig) *Writer {
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = DefaultMaxBatch
	}
	if cfg.MaxBatchBytes <= 0 {
		cfg.MaxBatchBytes = DefaultMaxBatchBytes
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = DefaultMaxDelay
	}
	w := &Writer{store: store, wrap: wrap, cfg: cfg, in: make(chan Entry, min(cfg.MaxBatch, queued)),
		now: make(chan struct{}, 1), done: make(chan struct{})}
	go w.loop()
	return w
}

// Add checks e (URL, hashes) and encodes its payload in the caller's
// goroutine, and queues it for the next batch. It fails on a bad entry,
// when ctx ends first, after Close, or once a batch has failed. The
// entry's Memory hold is the Writer's from the call on: shrunk to what
// the queued entry holds, released once its batch is done, or at once
// when Add fails.
func (w *Writer) Add(ctx context.Context, e Entry) (err error) {
	defer func() {
		if err != nil {
			e.Memory.Release()
		}
	}()
	if err := w.Err(); err != nil {
		return err
	}
	if w.db != nil && w.db.readOnly {
		return ErrReadOnly
	}
	if err := prepare(&e); err != nil {
		return err
	}
	e.Memory.Shrink(int64(entryBytes(&e)))
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		return ErrClosed
	}
	select {
	case w.in <- e:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Flush asks the writing goroutine to commit the batch it is gathering
// now, not MaxDelay after its first entry; it does not wait for the
// commit, and does nothing when the batch is empty. A caller that will
// add nothing for a while and waits on the commit calls it (a worker of
// a shared crawl waiting for the next depth, which opens once this
// worker's captures of the depth before are committed).
func (w *Writer) Flush() {
	select {
	case w.now <- struct{}{}:
	default: // a flush is asked already
	}
}

// Close flushes the queued entries, stops the goroutine and returns the
// first write error, if any. Close is idempotent.
func (w *Writer) Close() error {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.in)
	}
	w.mu.Unlock()
	<-w.done
	return w.Err()
}

// Err returns the first write error, or nil.
func (w *Writer) Err() error {
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.err
}

func (w *Writer) loop() {
	defer close(w.done)
	var batch []Entry
	size := 0 // bytes of batch (entryBytes)
	timer := time.NewTimer(w.cfg.MaxDelay)
	timer.Stop()
	for {
		select {
		case e, ok := <-w.in:
			if !ok {
				w.flush(batch)
				w.finish()
				return
			}
			if len(batch) == 0 {
				timer.Reset(w.cfg.MaxDelay)
			}
			batch = append(batch, e)
			if size += entryBytes(&e); len(batch) >= w.cfg.MaxBatch || size >= w.cfg.MaxBatchBytes {
				timer.Stop()
				batch, size = w.flush(batch), 0
			}
		case <-timer.C:
			batch, size = w.flush(batch), 0
		case <-w.now:
			if len(batch) > 0 {
				timer.Stop()
				batch, size = w.flush(batch), 0
			}
		}
	}
}

// entryBytes is what e holds in memory beyond its record: its payload,
// the payload's stored form, its text and the text's stored form.
func entryBytes(e *Entry) int {
	return len(e.Payload) + len(e.stored) + len(e.Text) + len(e.storedText)
}

// flush commits batch unless an earlier batch failed, releases its
// entries' memory holds, and returns it emptied for reuse.
func (w *Writer) flush(batch []Entry) []Entry {
	defer release(batch)
	if len(batch) == 0 || w.Err() != nil {
		return batch[:0]
	}
	caps, err := w.commit(batch)
	if len(caps) > 0 {
		w.wrote = true
		if w.cfg.OnCommit != nil {
			w.cfg.OnCommit(caps)
		}
		if w.cfg.OnCommitTexts != nil {
			w.cfg.OnCommitTexts(caps, texts(batch[:len(caps)]))
		}
	}
	if err != nil {
		w.fail(err)
	}
	return batch[:0]
}

// texts are the texts of batch's entries.
func texts(batch []Entry) []string {
	out := make([]string, len(batch))
	for i := range batch {
		out[i] = batch[i].Text
	}
	return out
}

// release gives back the memory holds of batch's entries, committed or
// not, and drops the entries so their bytes can go.
func release(batch []Entry) {
	for i := range batch {
		batch[i].Memory.Release()
	}
	clear(batch)
}

// commit stores batch in one transaction; a failure names how much was lost.
func (w *Writer) commit(batch []Entry) ([]Capture, error) {
	if w.cfg.FailCommit != nil {
		if err := w.cfg.FailCommit(); err != nil {
			return nil, fmt.Errorf("archive: commit %d captures: %w", len(batch), err)
		}
	}
	caps, err := w.storeGuarded(batch)
	if err != nil && len(caps) == 0 {
		err = fmt.Errorf("archive: commit %d captures: %w", len(batch), err)
	}
	return caps, err
}

// storeGuarded runs w.store. Damage met in its transaction is its error
// already (DamagedError); any other panic in it is too, here, so that the
// writing goroutine never dies with the crawl's process: the batch fails
// and the crawl stops with one line.
func (w *Writer) storeGuarded(batch []Entry) (caps []Capture, err error) {
	defer func() {
		if r := recover(); r != nil {
			caps, err = nil, fmt.Errorf("internal error: %v (the archive may be damaged)", r)
		}
	}()
	return w.store(batch)
}

// finish runs wrap once the last batch is in, when batches were written
// and none failed.
func (w *Writer) finish() {
	if !w.wrote || w.Err() != nil {
		return
	}
	if err := w.wrap(); err != nil {
		w.fail(err)
	}
}

func (w *Writer) fail(err error) {
	w.errMu.Lock()
	w.err = err
	w.errMu.Unlock()
}
