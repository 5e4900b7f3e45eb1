package crawl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Frontier is a run's crawl state on disk (a bbolt file of its own): the
// pending URLs with their depth, in the order they were found, and the seen
// set, keyed by canonical URL, in two levels (the seen bucket and its tail,
// frontier_tail.go). Nothing of it is held in memory but a bounded index
// of the tail, so a crawl's memory stays flat however far it goes, and a
// crawl killed at any moment resumes from it: a URL moves queued → taken
// when a worker takes it, and to done only when Done says its capture is
// stored, so what was taken but not stored is queued again by the next
// OpenFrontier.
//
// The file is written without fsync: a kill loses nothing (the kernel has
// the pages), a power cut may lose the file, and a damaged frontier is
// set aside and started afresh, said through FrontierOptions.OnReset —
// the archive, not the frontier, is the record.
//
// A write that fails (a full disk) is the frontier's error from then on
// (Err): every later write fails with it and Run stops. Nothing is done
// on the strength of a failed write, so the file stays one a run can
// resume from.
type Frontier struct {
	db      *bolt.DB
	path    string
	opts    FrontierOptions
	fail    *broken // the first failed write, sticky
	temp    bool
	begun   time.Time
	resumed int // URLs pending when the run began

	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever a URL is queued

	groups *writeGroups // the writes gathered for the next transaction (update)
	queued atomic.Int64 // the queued counter as the last committed transaction left it

	tail     tailIndex   // the seen set's tail, by key (frontier_tail.go)
	seenKeys seenCache   // keys known to be seen (unseen skips reading them)
	written  *seenFilter // keys that may be seen: add reads the file only for these
	own      ownClaims   // pages taken whose claim is their own fetch's (claim skips reading them)

	takeMu sync.Mutex
	taken  []entry     // taken from the file, not yet handed to a worker
	held   map[int]int // depth → URLs handed to workers and not released
}

// URL states in the seen bucket. A URL taken keeps its queued state
// there, and is in the taken bucket until it is done: a take writes a
// bucket that holds only the URLs in flight, a few pages of the file,
// where writing the state would touch a page of the seen set for nearly
// every URL taken, all over the file.
const (
	stQueued  byte = 'q' // in the pending queue, or taken (then in the taken bucket); written by a prov before stPushed
	stTaken   byte = 't' // taken and not done, written by a prov before the taken bucket; read still
	stDone    byte = 'd' // stored, or settled without a capture
	stReached byte = 'r' // reached by a redirect or a rel=canonical, not queued itself

	// stPushed is queued, taken or done, told apart by where the URL is:
	// its value holds the depth and the sequence of its entry in the
	// pending queue (pendingKey), and the URL is queued while the queue
	// holds that entry, taken while the taken bucket holds it, and done
	// once neither does. So marking a page done deletes its taken entry
	// and writes nothing in the seen set, where rewriting its state
	// dirtied a leaf of the seen set, all over the file, for nearly every
	// URL done. push writes it; stQueued is read still, in a frontier an
	// earlier prov left, and marked done by writing stDone, as before.
	stPushed byte = 'p'
)

var (
	fbMeta        = []byte("meta")
	fbSeen        = []byte("seen")        // canonical URL → state, depth (uvarint), for stPushed the sequence (uvarint); the newest in fbSeenTail
	fbPending     = []byte("pending")     // depth (4 BE), sequence (8 BE) → depth (uvarint), URL
	fbClaims      = []byte("claims")      // canonical URL → the URL whose fetch produced it
	fbKinds       = []byte("kinds")       // URL → kind, for the URLs queued as documents read for URLs
	fbHosts       = []byte("hosts")       // "p host" / "d host" → pages / documents queued for host (8 BE)
	fbTaken       = []byte("taken")       // canonical URL → depth (uvarint), for the URLs taken and not done
	keySpent      = []byte("spent")       // meta: fetches taken this run, for MaxPages
	keyQueued     = []byte("queued")      // meta: URLs in the pending queue
	keyBegun      = []byte("begun")       // meta: when the crawl began (RFC 3339)
	keyQueuedDocs = []byte("queued-docs") // meta: documents (not pages) in the pending queue
)

// OpenFrontier opens (or creates) the frontier at path; Run then queues
// again the URLs a killed run had taken but not stored. path "" makes a
// temporary file that Close and Finish remove.
func OpenFrontier(path string) (*Frontier, error) {
	return OpenFrontierWith(path, FrontierOptions{})
}

// OpenFrontierWith is OpenFrontier with options.
func OpenFrontierWith(path string, opts FrontierOptions) (*Frontier, error) {
	f := &Frontier{path: path, opts: opts, fail: newBroken(), changed: make(chan struct{}), held: map[int]int{},
		groups: newWriteGroups(), written: newSeenFilter()}
	if path == "" {
		tmp, err := os.CreateTemp("", "prov-frontier-*")
		if err != nil {
			return nil, fmt.Errorf("crawl: frontier: %w", err)
		}
		tmp.Close()
		f.path, f.temp = tmp.Name(), true
	}
	db, err := openFrontierFile(f.path, f.temp, opts)
	if err != nil {
		return nil, err
	}
	f.db = db
	if err := f.stamp(); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.View(f.loadSeen); err != nil {
		db.Close()
		return nil, fmt.Errorf("crawl: frontier %s: %w", f.path, err)
	}
	return f, nil
}

// loadSeen indexes the seen tail and fills the seen filter, from tx.
func (f *Frontier) loadSeen(tx *bolt.Tx) error {
	if err := f.tail.load(tx); err != nil {
		return err
	}
	return f.written.load(tx)
}

// openFrontierFile opens the frontier's bbolt file. A damaged one (a power
// cut without fsync; checkFrontier, or bbolt refusing it) is set aside
// and a new one made. fresh is a file this run just created empty (a
// temporary frontier), which bbolt fills: it is not checked.
func openFrontierFile(path string, fresh bool, opts FrontierOptions) (*bolt.DB, error) {
	file := fileOf(path) // the file itself, never a link to it, is what is removed
	_, statErr := os.Stat(file)
	begun := fresh || statErr != nil // this open creates the file
	if !fresh {
		if err := checkFrontier(file); err != nil {
			if err := setAside(path, file, err, opts); err != nil {
				return nil, err
			}
			begun = true
		}
	}
	db, err := openFrontierDB(path, file)
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, os.ErrNotExist), strings.Contains(err.Error(), "timeout"):
	case isSystemError(err):
		// The disk refused (full): a file this open began holds nothing,
		// and a torn one would fault the next open. Leave none behind.
		if begun {
			os.Remove(file)
		}
	default:
		if err = setAside(path, file, fmt.Errorf("%w: %v", errFrontierDamaged, err), opts); err == nil {
			db, err = openFrontierDB(path, file)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("crawl: frontier %s: %w", path, err)
	}
	return db, nil
}

// setAside moves the damaged frontier file aside, to FILE.damaged-TIME
// (kept for a look, never read again), and tells opts.OnReset why.
func setAside(path, file string, why error, opts FrontierOptions) error {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	aside := file + ".damaged-" + now().UTC().Format("20060102T150405Z")
	if err := os.Rename(file, aside); err != nil {
		return fmt.Errorf("crawl: frontier %s is %v, and could not be set aside: %w", path, why, err)
	}
	if opts.OnReset != nil {
		opts.OnReset(FrontierReset{Path: path, SetAside: aside, Err: why})
	}
	return nil
}

// fileOf follows path's symbolic links, even to a file not created yet.
func fileOf(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	target, err := os.Readlink(path)
	if err != nil {
		return path
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(path), target)
	}
	return target
}

// openFrontierDB opens the bbolt file with its buckets; it was checked
// (checkFrontier).
//
// The file keeps bbolt's default page size (the system's, 4 KiB), unlike
// the archive's: its records are a URL and a few bytes, far below a page,
// and on bench/crawl's 20,001 pages 2, 8 and 16 KiB pages cost the same
// CPU or more (paired runs 1.007, 1.026, 1.026 of 4 KiB's).
func openFrontierDB(path, file string) (*bolt.DB, error) {
	opts := &bolt.Options{Timeout: time.Second, NoSync: true, NoFreelistSync: true}
	db, err := bolt.Open(path, 0o644, opts)
	if err != nil {
		return nil, err
	}
	if err := db.Update(createBuckets); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func createBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{fbMeta, fbSeen, fbSeenTail, fbPending, fbClaims, fbKinds, fbHosts, fbTaken} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	return rekeyPending(tx)
}

// isSystemError reports whether err is the system refusing a read or
// write (a full disk, an I/O error), not a file bbolt cannot read.
func isSystemError(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) || strings.Contains(err.Error(), syscall.ENOSPC.Error())
}

// rekeyPending moves a queue written before its keys held the depth (a
// stopped crawl of an earlier version) to depth-ordered keys, keeping the
// order within each depth.
func rekeyPending(tx *bolt.Tx) error {
	b := tx.Bucket(fbPending)
	if k, _ := b.Cursor().First(); len(k) != 8 {
		return nil
	}
	type kv struct{ k, v []byte }
	var old []kv
	err := b.ForEach(func(k, v []byte) error {
		if len(k) == 8 {
			old = append(old, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range old {
		d, _ := binary.Uvarint(e.v)
		if err := b.Delete(e.k); err != nil {
			return err
		}
		if err := b.Put(pendingKey(int(d), binary.BigEndian.Uint64(e.k)), e.v); err != nil {
			return err
		}
	}
	return nil
}

// stamp records when the frontier was begun, unless it was already.
func (f *Frontier) stamp() error {
	return f.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(fbMeta)
		if v := meta.Get(keyBegun); v != nil {
			f.begun, _ = time.Parse(time.RFC3339Nano, string(v))
			return nil
		}
		f.begun = time.Now().UTC()
		return meta.Put(keyBegun, []byte(f.begun.Format(time.RFC3339Nano)))
	})
}

// Begun is when the crawl this frontier belongs to began (its first run).
func (f *Frontier) Begun() time.Time { return f.begun }

// requeueTaken settles every URL a stopped run had taken: done when
// stored(url) says its capture reached the archive (the run was killed
// between the commit and Done), else queued again at the end, in the
// order of their URLs.
func (f *Frontier) requeueTaken(stored func(url string) bool) error {
	f.own.reset()
	return f.update(func(tx *bolt.Tx) error {
		seen, taken := f.seenIn(tx), tx.Bucket(fbTaken)
		urls, err := takenURLs(tx)
		if err != nil {
			return err
		}
		requeued := 0
		var counts counterChanges
		for _, u := range urls {
			if err := taken.Delete(u.key); err != nil {
				return err
			}
			kind, k, hit := kindOf(tx, string(u.key)), string(u.key), seen.get(u.key)
			switch {
			case kind == kindPage && stored != nil && stored(k):
				f.written.note(k) // in the set already, unless the file was edited
				err = seen.put(u.key, stateValue(stDone, u.depth), hit)
			case kind == kindPage:
				requeued++
				err = f.push(tx, seen, k, hit, u.depth, kind, &counts)
			default:
				err = f.push(tx, seen, k, hit, u.depth, kind, &counts)
			}
			if err != nil {
				return err
			}
		}
		if err := counts.write(tx); err != nil {
			return err
		}
		f.resumed = int(counter(tx, keyQueued))
		return addCounter(tx, keySpent, -requeued)
	})
}

// takenURL is a URL taken and not done, and its depth.
type takenURL struct {
	key   []byte
	depth int
}

// takenURLs returns the URLs taken and not done, in the order of their
// keys: those of the taken bucket, and those an earlier prov marked taken
// in the seen set.
func takenURLs(tx *bolt.Tx) ([]takenURL, error) {
	var out []takenURL
	note := func(k, depth []byte) {
		d, _ := binary.Uvarint(depth)
		out = append(out, takenURL{append([]byte(nil), k...), int(d)})
	}
	err := tx.Bucket(fbTaken).ForEach(func(k, v []byte) error {
		note(k, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ours := len(out)
	err = tx.Bucket(fbSeen).ForEach(func(k, v []byte) error {
		if len(v) > 0 && v[0] == stTaken {
			note(k, v[1:])
		}
		return nil
	})
	if ours > 0 && ours < len(out) { // both hold some: one order
		slices.SortFunc(out, func(a, b takenURL) int { return bytes.Compare(a.key, b.key) })
	}
	return out, err
}

// Resumed reports how many URLs were pending when the frontier was opened:
// non-zero when this run continues one that was stopped.
func (f *Frontier) Resumed() int { return f.resumed }

// Path is the frontier's file.
func (f *Frontier) Path() string { return f.path }

// Close closes the file, keeping it for the next run to resume from.
func (f *Frontier) Close() error {
	if err := f.db.Close(); err != nil {
		return fmt.Errorf("crawl: frontier: %w", err)
	}
	if f.temp {
		os.Remove(f.path)
	}
	return nil
}

// Finish closes and removes the file: the crawl is complete, and the next
// run starts afresh from its seeds.
func (f *Frontier) Finish() error {
	err := f.db.Close()
	if rmErr := os.Remove(f.path); err == nil && rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
		err = rmErr
	}
	if err != nil {
		return fmt.Errorf("crawl: frontier: %w", err)
	}
	return nil
}

// Done marks urls (canonical, or canonicalised here) as stored.
//
// The archive's writer marks a batch at a time, hundreds of URLs spread
// over the whole seen set: they are marked in the order of their keys,
// so that each read and write walks the tree next to the one before
// (BenchmarkFrontierDone, six paired rounds: 4% less CPU than in the
// batch's order, within the machine's noise on some rounds). Each
// URL's marking stands alone, so the order changes nothing written.
func (f *Frontier) Done(urls ...string) error {
	f.own.drop(urls...) // as given: the pages taken were canonical
	keys := make([]string, len(urls))
	for i, u := range urls {
		if key, err := Canonicalize(u); err == nil {
			u = key
		}
		keys[i] = u
	}
	slices.Sort(keys)
	return f.update(func(tx *bolt.Tx) error {
		seen, taken := f.seenIn(tx), newSeeker(tx.Bucket(fbTaken))
		for _, u := range keys {
			if err := f.markDone(seen, taken, u); err != nil {
				return err
			}
		}
		return nil
	})
}

// markDone marks key done in the seen set, keeping its depth, and takes
// it out of the taken bucket; seen and taken read the seen set and the
// taken bucket of one transaction. A URL pushed (stPushed) and taken is
// done once it leaves the taken bucket: its seen value is not written.
func (f *Frontier) markDone(seen seenSet, taken seeker, key string) error {
	hit := seen.get([]byte(key))
	v := hit.v
	if len(v) > 0 && v[0] == stPushed {
		if was, err := taken.delete([]byte(key)); was || err != nil {
			return err
		}
		v = stateValue(stDone, pushedDepth(v)) // not taken (still queued): the done state written, its depth kept
	}
	if v == nil {
		v = []byte{stDone, 0}
		f.written.note(key)
	}
	// The key and the value in one buffer, which bbolt keeps until the
	// commit: one allocation a URL done, where three were.
	buf := append(append(make([]byte, 0, len(key)+len(v)), key...), stDone)
	buf = append(buf, v[1:]...)
	k := buf[:len(key):len(key)]
	if err := seen.put(k, buf[len(key):], hit); err != nil {
		return err
	}
	_, err := taken.delete(k)
	return err
}

// pushedDepth returns the depth a stPushed value holds.
func pushedDepth(v []byte) int {
	d, _ := binary.Uvarint(v[1:])
	return int(d)
}

// stateIn returns the state of key, whose seen value in tx is v: a
// stPushed URL reads as stQueued while the queue or the taken bucket
// holds it, stDone once neither does; any other state as written; 0 for
// none.
func stateIn(tx *bolt.Tx, key string, v []byte) byte {
	switch {
	case len(v) == 0:
		return 0
	case v[0] != stPushed:
		return v[0]
	}
	d, n := binary.Uvarint(v[1:])
	seq, m := binary.Uvarint(v[1+n:])
	if n <= 0 || m <= 0 {
		return stQueued // not a value push wrote: never taken for done
	}
	if tx.Bucket(fbPending).Get(pendingKey(int(d), seq)) != nil || tx.Bucket(fbTaken).Get([]byte(key)) != nil {
		return stQueued
	}
	return stDone
}

// Queued returns how many URLs wait in the queue, for progress. It reads
// no transaction: every write transaction notes the count it committed
// (grouped), and the frontier's first, stamp's, is made when it opens.
func (f *Frontier) Queued() int { return int(f.queued.Load()) }
