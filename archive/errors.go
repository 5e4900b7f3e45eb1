package archive

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Sentinel errors; test with errors.Is.
var (
	ErrLocked      = errors.New("archive: locked by another process")
	ErrNotArchive  = errors.New("archive: not a prov archive")
	ErrNewerSchema = errors.New("archive: written by a newer prov")
	ErrNotFound    = errors.New("archive: not found")
	ErrCorrupt     = errors.New("archive: stored bytes do not match their hash")
	ErrMismatch    = errors.New("archive: payload does not match its sha256")
	ErrClosed      = errors.New("archive: writer closed")
	ErrReadOnly    = errors.New("archive: opened read-only")
)

// LockedError says who holds the archive's lock, as far as its lock note
// tells. Holder is nil when the note is missing or unreadable (a reader
// holds the lock, or the holder is an older prov).
type LockedError struct {
	Path   string
	Holder *LockNote
}

func (e *LockedError) Error() string {
	if e.Holder == nil {
		return fmt.Sprintf("archive: %s is locked by another process", e.Path)
	}
	n := e.Holder
	return fmt.Sprintf("archive: %s is locked by pid %d (%s, started %s)",
		e.Path, n.PID, holderName(n), n.Start.UTC().Format(time.RFC3339))
}

// holderName is the note's holder without the "(pid N)" that prov adds to
// it (OpenRunning), when N is the note's pid: the error names the pid
// already.
func holderName(n *LockNote) string {
	name, ok := strings.CutSuffix(n.Holder, fmt.Sprintf(" (pid %d)", n.PID))
	if !ok {
		return n.Holder
	}
	return name
}

// Unwrap makes errors.Is(err, ErrLocked) hold.
func (e *LockedError) Unwrap() error { return ErrLocked }

// CorruptError is a finding of a fixity check: the bytes stored under Key
// in Bucket do not hash to Key (or cannot be decoded at all).
type CorruptError struct {
	Bucket string
	Key    string // hex content address
	Got    string // hex sha256 of what was read; "" when it could not be decoded
	Err    error  // decoding error, if any
}

func (e *CorruptError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("archive: %s %s is corrupt: %v", e.Bucket, e.Key, e.Err)
	}
	return fmt.Sprintf("archive: %s %s is corrupt: content hashes to %s", e.Bucket, e.Key, e.Got)
}

// Is makes errors.Is(err, ErrCorrupt) hold.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// Unwrap gives the decoding error: a *DamagedError for bytes on a page
// bbolt cannot read.
func (e *CorruptError) Unwrap() error { return e.Err }

// notFoundError is ErrNotFound with what was not found, naming the
// package once: "archive: capture 3: not found", where wrapping the
// sentinel would repeat it ("archive: capture 3: archive: not found").
type notFoundError struct{ what string }

// notFound is an error that is ErrNotFound, saying what was not found.
func notFound(format string, args ...any) error {
	return &notFoundError{fmt.Sprintf(format, args...)}
}

func (e *notFoundError) Error() string { return "archive: " + e.what + ": not found" }

// Is makes errors.Is(err, ErrNotFound) hold.
func (e *notFoundError) Is(target error) bool { return target == ErrNotFound }
