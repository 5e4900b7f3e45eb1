package archive

import (
	"testing"

	bolt "go.etcd.io/bbolt"
)

// RawUpdate changes the closed archive at path with bbolt itself, under
// none of the package's checks: the tests' way to age or damage an
// archive. It is exported for the package's external tests.
func RawUpdate(tb testing.TB, path string, fn func(tx *bolt.Tx) error) {
	tb.Helper()
	bdb, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(fn); err != nil {
		tb.Fatal(err)
	}
}
