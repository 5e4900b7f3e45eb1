//go:build unix

package archive

import (
	"errors"
	"path/filepath"
	"testing"
)

// A second run on an archive is refused while the first holds it, and
// may go once the first closes; between the runs' commits readers open it.
func TestOpenRunning(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	first, err := OpenRunning(path, "first run")
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Shared.Do(func(db *DB) error { _, err := db.BeginRun(nil, ""); return err }); err != nil {
		t.Fatal(err)
	}
	_, err = OpenRunning(path, "second run")
	var locked *LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("second run while the first holds the archive: %v, want a *LockedError", err)
	}
	snap, err := OpenSnapshot(path, t.TempDir(), Options{})
	if err != nil {
		t.Fatalf("a reader between the run's commits: %v", err)
	}
	snap.Close()
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second, err := OpenRunning(path, "second run")
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	second.Close()
}
