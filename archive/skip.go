package archive

import (
	"encoding/hex"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Skipped is a record a read left out because it is corrupt: it does not
// decode, names a blob that is missing, or sits on a page bbolt cannot
// read (Options.OnSkip). Key is the hex key as Verify names it; Capture is
// the capture's ID when the record is one.
type Skipped struct {
	Bucket  string
	Key     string
	Capture uint64
	Err     error
}

func (s Skipped) Error() string {
	what := s.Bucket + " " + s.Key
	if s.Capture != 0 {
		what += fmt.Sprintf(" (capture %d)", s.Capture)
	}
	return fmt.Sprintf("skipped %s: %v", what, s.Err)
}

// skipFunc takes a corrupt record out of a walk: it reports s and returns
// nil, or, nil itself, returns s.Err, so that a strict read fails.
type skipFunc func(s Skipped)

func (f skipFunc) handle(s Skipped) error {
	if f == nil {
		return s.Err
	}
	f(s)
	return nil
}

// skipper is the skipFunc of db's reads: nil unless Options.OnSkip was
// set. It passes each record on once, however many walks meet it.
func (db *DB) skipper() skipFunc {
	if db.onSkip == nil {
		return nil
	}
	return func(s Skipped) {
		db.mu.Lock()
		seen := db.skipped[s.Bucket+" "+s.Key]
		if db.skipped == nil {
			db.skipped = map[string]bool{}
		}
		db.skipped[s.Bucket+" "+s.Key] = true
		db.mu.Unlock()
		if !seen {
			db.onSkip(s)
		}
	}
}

// Skip lets a caller that reads through db skip a corrupt record as db's
// own walks do: with Options.OnSkip set it reports the record there (once)
// and returns nil; otherwise it returns err.
func (db *DB) Skip(bucket, key string, err error) error {
	return db.skipper().handle(Skipped{Bucket: bucket, Key: key, Err: err})
}

// readCapture reads capture id for a walk: one that is not stored, does
// not decode or cannot be read is handed to skip (ok false), or, when
// skip is nil, returned as the error.
func readCapture(tx *bolt.Tx, id uint64, skip skipFunc) (c Capture, ok bool, err error) {
	err = guarded(func() (err error) { c, err = getCapture(tx, id); return err })
	if err == nil {
		return c, true, nil
	}
	return c, false, skip.handle(Skipped{Bucket: "captures", Key: hex.EncodeToString(idKey(id)), Capture: id, Err: err})
}

// documentReadable checks, without reading its text, that the document
// stored under sha decodes and that its text blob is stored.
func documentReadable(tx *bolt.Tx, sha string) error {
	h, err := ParseHash(sha)
	if err != nil {
		return err
	}
	return guarded(func() error {
		v := idxDocuments.in(tx).get(h[:])
		if v == nil {
			return fmt.Errorf("document %s: %w", h.Short(), ErrNotFound)
		}
		r, err := decodeDocRecord(v)
		if err != nil {
			return fmt.Errorf("does not decode: %w", err)
		}
		if r.TextBlob != 0 {
			_, err := getBlob(tx, r.TextBlob)
			return err
		}
		return nil
	})
}

// skipDamage is walk's bad for a lenient walk of bucket.
func skipDamage(skip skipFunc, bucket string) func(Damage) error {
	return func(d Damage) error {
		return skip.handle(Skipped{Bucket: bucket, Key: "after " + hexOrStart(d.After), Err: d.error()})
	}
}

func hexOrStart(b []byte) string {
	if b == nil {
		return "start"
	}
	return hex.EncodeToString(b)
}
