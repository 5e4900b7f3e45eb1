//go:build unix

package archive

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestCloseOnFailure: a file whose first work fails or panics is closed,
// so its lock is free for the next open in the same process; the panic
// goes on to the caller; a file whose work succeeds stays open.
func TestCloseOnFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	locked := func() bool {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		return err != nil
	}
	open := func() *bolt.DB {
		bdb, err := openBolt(path, false, DefaultTimeout)
		if err != nil {
			t.Fatal(err)
		}
		return bdb
	}
	failed := errors.New("failed")
	if err := closeOnFailure(open(), func() error { return failed }); err != failed || locked() {
		t.Errorf("failing work: err %v, file still locked %v", err, locked())
	}
	func() {
		defer func() {
			if r := recover(); r != "damaged" {
				t.Errorf("the panic did not go on: recovered %v", r)
			}
		}()
		closeOnFailure(open(), func() error { panic("damaged") })
	}()
	if locked() {
		t.Error("after a panic the file is still locked")
	}
	bdb := open()
	if err := closeOnFailure(bdb, func() error { return nil }); err != nil || !locked() {
		t.Errorf("work that succeeds: err %v, file locked %v (want it kept open)", err, locked())
	}
	bdb.Close()
}
