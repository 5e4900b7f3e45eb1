//go:build unix

package archive_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// A note left by a crawl that was killed names a pid another process may
// hold now (after a reboot, in a container): it refuses a crawl only
// while that process holds the archive file too.
func TestStaleLockNote(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	MustOpenPath(t, path, archive.Options{}).Close()
	note := fmt.Sprintf(`{"pid":%d,"start":"2026-12-05T13:46:30Z","holder":"prov crawl (pid %[1]d)","run_id":1}`, os.Getppid())
	if err := os.WriteFile(path+".lock", []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	lock, err := archive.LockRun(path, "prov crawl", time.Now())
	if err != nil {
		t.Fatalf("a stale note with a live pid: %v, want the lock", err)
	}
	lock.Release()

	if err := os.WriteFile(path+".lock", []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path) // the archive itself held, as a writer of that pid would
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	if _, err := archive.LockRun(path, "prov crawl", time.Now()); !errors.Is(err, archive.ErrLocked) {
		t.Errorf("the archive held by the note's process: %v, want ErrLocked", err)
	}
}
