package archive

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Transactions on a damaged file. bbolt trusts the file it maps: a
// damaged page makes it panic (a failed assertion, an index or a slice
// out of range) on whichever goroutine reads or writes it, and a wild
// read of it faults. Every transaction of a DB's methods runs through
// view or update, so that such a panic is the method's error, a
// *DamagedError naming the file, on any goroutine (a crawl's writer, the
// search index's feed, a web request): never a crash. They set
// debug.SetPanicOnFault while they run, so that a fault is a panic too.
// A panic raised outside bbolt (prov's own code, a caller's callback) is
// a bug, not damage: it goes on. The lenient readers (Verify, Salvage,
// OnSkip) catch a page's panic closer to it, with guarded, and read on.

// DamagedError is damage met inside an archive file while reading or
// writing it: a page bbolt cannot read. errors.Is(err, ErrDamaged) holds.
type DamagedError struct {
	Path string
	Err  error // what was met: wraps errUnreadable
}

func (e *DamagedError) Error() string { return fmt.Sprintf("%v: %s: %v", ErrDamaged, e.Path, e.Err) }

// Is makes errors.Is(err, ErrDamaged) hold.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

func (e *DamagedError) Unwrap() error { return e.Err }

// view runs fn in a read transaction of db, its damage an error.
func (db *DB) view(fn func(*bolt.Tx) error) error {
	return guardDamage(db.path, func() error { return db.bolt.View(fn) })
}

// update runs fn in a write transaction of db, its damage an error (bbolt
// rolls the transaction back).
func (db *DB) update(fn func(*bolt.Tx) error) error {
	return guardDamage(db.path, func() error { return db.bolt.Update(fn) })
}

// guardDamage runs fn, which reads or writes the bbolt file at path, and
// returns a panic bbolt raised in it, or a fault, as a *DamagedError; so
// too an error fn returns of a page a guarded read could not read, or a
// bucket missing (errUnreadable, errBucketMissing: a strict walk that
// cannot go on), so that it names the file. Any other panic goes on.
func guardDamage(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if !IsDamage(r) {
				panic(r)
			}
			err = &DamagedError{Path: path, Err: fmt.Errorf("%w: %v", errUnreadable, r)}
		}
	}()
	err = fn()
	var de *DamagedError
	if (errors.Is(err, errUnreadable) || errors.Is(err, errBucketMissing)) && !errors.As(err, &de) {
		err = &DamagedError{Path: path, Err: err}
	}
	return err
}

// IsDamage reports whether r, a panic being recovered, is damage of a
// mapped file: a fault (only SetPanicOnFault gives a panic an address),
// or raised by bbolt's own code. It must be called from the deferred
// function that recovered r, while the panicking frames are still on the
// stack.
func IsDamage(r any) bool {
	var fault interface{ Addr() uintptr }
	if e, ok := r.(error); ok && errors.As(e, &fault) {
		return true
	}
	return strings.HasPrefix(panicker(), "go.etcd.io/bbolt")
}

// panicker is the function that raised the panic being recovered: the
// first frame below runtime.gopanic outside package runtime.
func panicker() string {
	pc := make([]uintptr, 64)
	frames := runtime.CallersFrames(pc[:runtime.Callers(1, pc)])
	below := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			below = true
		case below && !strings.HasPrefix(f.Function, "runtime."):
			return f.Function
		}
		if !more {
			return ""
		}
	}
}
