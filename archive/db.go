package archive

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout this package writes. It reads every earlier
// one, and the first writer to open an older archive migrates it (init):
//
//	1  payloads and document texts inline in their hash-keyed records
//	2  new payloads and texts appended to the blobs bucket (blob.go);
//	   schema 1 records are left as they are and read as before
//	3  new captures and documents in binary records (codec.go, blob.go):
//	   sketch, hashes, IDs and fetch times as fixed-size binary fields,
//	   the rest of a capture deflated JSON; new texts deflated in their
//	   blobs. Each record's first byte says its form, so schema 1 and 2
//	   records are left as they are and read as before
//	4  the sketch index flushes its tail into segments of its own
//	   (lshseg, lsh_seg.go) instead of into lsh: a schema 3 prov would
//	   read lsh alone and miss the near-duplicates the segments hold.
//	   An lsh bucket written before is left as it is and read with them
//	5  the payloads, documents, doccaps and urls indexes take new keys
//	   in tails of their own (payloadstail, documentstail, doccapstail,
//	   urlstail; levels.go), folded into them later: a schema 4 prov
//	   would read the main buckets alone and miss what the tails hold.
//	   An archive of schema 4 or older has no tails: read-only, they
//	   read as empty; a writer creates them empty
//	6  new documents record their text's exact sha256 (blob.go), and a
//	   capture whose text differs from its document's in bytes that
//	   normalise alike keeps its own (owntexts, owntext.go; the
//	   capture's OwnTextSHA256): a schema 5 prov would fail on the
//	   documents and show the document's text for every copy. Older
//	   documents are read as before; an archive of schema 5 or older
//	   has no owntexts: read-only, it reads as empty, and a writer
//	   creates it
//	7  a new page's payload and its new document's text may share one
//	   blob, one deflate stream of both (codecPair, pair.go): a schema 6
//	   prov would name its codec unknown. Older blobs read as before
//	8  new captures' records keep their binary fields and name a block of
//	   the capblocks bucket (capblock.go) that holds the JSON of their
//	   other fields, the captures of a write deflated together (record
//	   marker recBlocked): a schema 7 prov would name the records
//	   unreadable. Older records (JSON, recBinary) read as before; an
//	   archive of schema 7 or older has no capblocks: read-only, none of
//	   its records needs it, and a writer creates it
//
// A version bump is for a change an older prov would misread or damage;
// it refuses a newer archive (ErrNewerSchema). A field added to the JSON
// records is none: an older prov reads past it, and captures it writes
// lack it, which an optional field must allow anyway. So the heads of
// Capture and Hop (RequestHead, ResponseHead) came in schema 2: a capture
// without them was made before they were kept, or by an older prov.
const SchemaVersion = 8

const appName = "prov"

// Bucket names; see doc.go for the layout.
var (
	bucketMeta      = []byte("meta")
	bucketCaptures  = []byte("captures")
	bucketPayloads  = []byte("payloads")
	bucketDocuments = []byte("documents")
	bucketDocCaps   = []byte("doccaps")
	bucketURLs      = []byte("urls")
	bucketRuns      = []byte("runs")

	allBuckets = [][]byte{bucketMeta, bucketCaptures, bucketPayloads,
		bucketDocuments, bucketDocCaps, bucketURLs, bucketRuns, bucketBlobs,
		idxPayloads.tail, idxDocuments.tail, idxDocCaps.tail, idxURLs.tail,
		bucketOwnTexts, bucketCapBlocks}
)

// DefaultTimeout is how long Open waits for another process's lock.
const DefaultTimeout = time.Second

// Options configure Open. The zero value opens for writing, waits
// DefaultTimeout for the lock, and uses time.Now.
type Options struct {
	ReadOnly bool
	Timeout  time.Duration    // wait for the file lock; default DefaultTimeout
	Now      func() time.Time // clock for runs and the lock note; default time.Now
	Holder   string           // who writes, for the lock note: "prov crawl run 12"
	// OnSkip, when set, makes reads that walk the archive (Captures,
	// LatestContent, Works, Stats, Series) skip a corrupt record and pass
	// it here, once per record, instead of failing; see Skipped.
	OnSkip func(Skipped)
	// Interrupt, when set, stops the reads that walk the archive
	// (Captures, Latest, LatestContent, Series, Works, Stats, VerifyWith,
	// and the exports built on them) once it is closed: they return
	// ErrInterrupted at the next record. prov passes its signal context's
	// Done channel.
	Interrupt <-chan struct{}
	// RunLocked says the caller holds the archive's run lock (LockRun),
	// whose note already names it: Open writes no lock note and Close
	// removes none, so the file the run lock holds stays that file.
	RunLocked bool
}

// DB is an open archive. Its methods are safe for concurrent use; bbolt
// serialises writers, so a crawl should write through one Writer.
type DB struct {
	bolt     *bolt.DB
	path     string
	readOnly bool
	noted    bool        // Open wrote the lock note: Close removes it
	snapshot string      // the private copy OpenSnapshot reads, while Close must remove it
	meta     *MetaDamage // a meta page of the file that did not check when it was opened
	now      func() time.Time

	mu    sync.Mutex
	owned map[uint64]bool // runs begun through this handle: the only live ones

	onSkip    func(Skipped)   // Options.OnSkip
	interrupt <-chan struct{} // Options.Interrupt
	skipped   map[string]bool // records passed to onSkip, by bucket and key

	onWrite  func([]Capture) // called after each committed write (Shared's cache)
	flushing sync.Mutex      // held by FlushIndex
	folding  sync.Mutex      // held by foldTails
}

// Open opens the archive at path, creating it unless opts.ReadOnly. An
// existing file is first checked read-only, so a file that is not a prov
// archive, or one from a newer prov, is refused untouched. A writer leaves a
// lock note at path+".lock" naming itself; when the lock is held, Open fails
// within opts.Timeout with a *LockedError naming the holder.
func Open(path string, opts Options) (*DB, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	fresh, err := checkExisting(path, opts)
	if err != nil {
		return nil, err
	}
	if opts.ReadOnly && fresh {
		if err := refuseEmpty(path); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("archive: open %s: %w", path, os.ErrNotExist)
	}
	bdb, err := openBolt(path, opts.ReadOnly, opts.Timeout)
	if err != nil {
		return nil, err
	}
	db := &DB{bolt: bdb, path: path, readOnly: opts.ReadOnly, now: opts.Now, owned: map[uint64]bool{}, onSkip: opts.OnSkip, interrupt: opts.Interrupt,
		meta: metaDamageOf(path)} // read before init commits, which rewrites the page
	if opts.ReadOnly {
		return db, nil
	}
	if err := closeOnFailure(bdb, db.init); err != nil {
		return nil, err
	}
	if opts.RunLocked {
		return db, nil
	}
	if err := writeLockNote(path, opts.Holder, opts.Now()); err != nil {
		bdb.Close()
		return nil, err
	}
	db.noted = true
	return db, nil
}

// checkExisting opens an existing, non-empty file read-only and checks it
// is a prov archive of a schema we know. fresh reports that there is no
// such file yet (missing or empty).
func checkExisting(path string, opts Options) (fresh bool, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("archive: open %s: %w", path, err)
	}
	switch {
	case fi.IsDir():
		return false, fmt.Errorf("archive: open %s: %w: a folder, not a file", path, ErrNotArchive)
	case !fi.Mode().IsRegular():
		return false, fmt.Errorf("archive: open %s: %w: not a regular file (%s)", path, ErrNotArchive, fi.Mode().Type())
	case fi.Size() == 0:
		return true, nil
	}
	bdb, err := openBolt(path, true, opts.Timeout)
	if err != nil {
		return false, err
	}
	defer bdb.Close()
	return false, guardDamage(path, func() error {
		return bdb.View(func(tx *bolt.Tx) error {
			_, err := checkSchema(tx, path)
			return err
		})
	})
}

// closeOnFailure runs fn on bdb, a file just opened, and closes the file
// when fn fails or panics. A damaged archive can make bbolt panic on its
// first write; the panic goes on to the caller (a command turns it into
// an error), but the file and its lock are not left held: in a process
// that goes on (the tests, a server) every later open of the file would
// wait out its timeout.
func closeOnFailure(bdb *bolt.DB, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			bdb.Close()
			panic(r)
		}
		if err != nil {
			bdb.Close()
		}
	}()
	return fn()
}

// refuseEmpty fails with ErrNotArchive when the file at path is empty:
// nothing can be read of it, and bbolt, opening it read-only, would try
// to write its first pages. Any other file, or none, passes.
func refuseEmpty(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		return fmt.Errorf("archive: open %s: %w: an empty file (a crawl into it makes it one)", path, ErrNotArchive)
	}
	return nil
}

// archivePageSize is the page size of an archive this opening creates;
// bbolt takes an existing file's from its meta page, so an archive keeps
// the size it was made with, and every bbolt reads every size.
//
// It is not bbolt's default, the system's (4 KiB): a leaf holds at least
// two keys, so at 4 KiB two payload blobs of 2-3 KB (a page's pair blob)
// take a leaf of two pages, a third of it empty; at 16 KiB a leaf holds
// five or six. On bench/crawl's 20,001 pages the archive is 5.5-5.7 KB a
// page, not 6.6, and the crawl's CPU is the same or a little less (the
// writer's transaction writes fewer pages). 8 and 32 KiB saved less.
const archivePageSize = 16 << 10

// openBolt opens the bbolt file, turning lock timeouts into *LockedError
// and files bbolt cannot read into ErrNotArchive. An empty file is
// refused read-only (refuseEmpty), untouched.
func openBolt(path string, readOnly bool, timeout time.Duration) (*bolt.DB, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	if readOnly {
		if err := refuseEmpty(path); err != nil {
			return nil, err
		}
	}
	opts := &bolt.Options{ReadOnly: readOnly, Timeout: timeout, PageSize: archivePageSize}
	if !readOnly {
		opts.InitialMmapSize = writerMmapSize
	}
	bdb, err := bolt.Open(path, 0o644, opts)
	switch {
	case err == nil:
		return bdb, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, &LockedError{Path: path, Holder: readLockNote(path)}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, fmt.Errorf("%w: %s: %v", ErrNotArchive, path, err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return nil, fmt.Errorf("archive: open: %w", err) // names path already (write PATH: no space left on device)
	}
	return nil, fmt.Errorf("archive: open %s: %w", path, err)
}

// checkSchema reports whether the file holds no buckets at all (empty) and
// refuses files that are not ours or are newer than us.
func checkSchema(tx *bolt.Tx, path string) (empty bool, err error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty = true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if !empty {
			return false, fmt.Errorf("%w: %s has buckets but no meta", ErrNotArchive, path)
		}
		return true, nil
	}
	if app := string(meta.Get([]byte("app"))); app != appName {
		return false, fmt.Errorf("%w: %s: meta app is %q", ErrNotArchive, path, app)
	}
	v, err := strconv.Atoi(string(meta.Get([]byte("schema"))))
	if err != nil {
		return false, fmt.Errorf("%w: %s: bad schema version: %v", ErrNotArchive, path, err)
	}
	if v > SchemaVersion {
		return false, fmt.Errorf("%w: %s has schema %d, this prov reads up to %d", ErrNewerSchema, path, v, SchemaVersion)
	}
	return false, nil
}

// init creates the buckets and meta of a new archive, re-checking the
// schema inside the write transaction.
func (db *DB) init() error {
	return db.update(func(tx *bolt.Tx) error {
		empty, err := checkSchema(tx, db.path)
		if err != nil {
			return err
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("archive: create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if !empty {
			return migrate(meta)
		}
		if err := meta.Put([]byte("app"), []byte(appName)); err != nil {
			return fmt.Errorf("archive: put meta: %w", err)
		}
		return meta.Put([]byte("schema"), []byte(strconv.Itoa(SchemaVersion)))
	})
}

// migrate brings an archive of an older schema to SchemaVersion, inside
// init's transaction (which created the buckets it lacked). Nothing is
// rewritten: from 1 to 2 only new values go to blobs, from 2 to 3 only
// new records are binary, from 3 to 4 only new flushes of the sketch
// index go to segments, from 4 to 5 only new index keys go to the tails
// (init created them empty), from 5 to 6 only new documents record their
// exact sha256 and only new captures keep own texts (init created owntexts
// empty), from 6 to 7 only new payloads and texts go in pair blobs, from 7 to 8
// only new captures' rests go in blocks (init created capblocks empty).
func migrate(meta *bolt.Bucket) error {
	v, _ := strconv.Atoi(string(meta.Get([]byte("schema")))) // checked by checkSchema
	if v >= SchemaVersion {
		return nil
	}
	if err := meta.Put([]byte("schema"), []byte(strconv.Itoa(SchemaVersion))); err != nil {
		return fmt.Errorf("archive: migrate schema %d to %d: %w", v, SchemaVersion, err)
	}
	return nil
}

// Path returns the file the archive lives in (for a snapshot, the
// archive's, not its copy's).
func (db *DB) Path() string { return db.path }

// MetaDamage is the meta page of the archive file that did not check when
// db was opened (see MetaDamage), nil when both did.
func (db *DB) MetaDamage() *MetaDamage { return db.meta }

// Close releases the file and, for a writer, removes its lock note; for
// a snapshot, what is left of its copy.
func (db *DB) Close() error {
	err := db.bolt.Close()
	if db.noted {
		removeLockNote(db.path)
	}
	rerr := db.removeSnapshot()
	if err != nil {
		return fmt.Errorf("archive: close %s: %w", db.path, err)
	}
	return rerr
}
