package archive

import "errors"

// ErrInterrupted is what a read that walks the archive returns when it
// was stopped through Options.Interrupt.
var ErrInterrupted = errors.New("archive: interrupted")

// Interrupted returns ErrInterrupted once Options.Interrupt is closed,
// nil before it is and when none was given. The walks call it at every
// record; a caller's own long loop over what they return may call it too.
func (db *DB) Interrupted() error {
	select {
	case <-db.interrupt:
		return ErrInterrupted
	default:
		return nil
	}
}

// interruptible is fn, stopped by Options.Interrupt before each call.
func interruptible[T any](db *DB, fn func(T) error) func(T) error {
	if db.interrupt == nil {
		return fn
	}
	return func(v T) error {
		if err := db.Interrupted(); err != nil {
			return err
		}
		return fn(v)
	}
}
