package archive

import (
	"path/filepath"
	"testing"
)

// TestArchivePageSize: a new archive is made with archivePageSize pages;
// an archive made with 4 KiB pages (the schema 6 fixture, bbolt's default
// then) keeps them when written to, and reads back what was written.
func TestArchivePageSize(t *testing.T) {
	fresh := openUpgraded(t, filepath.Join(t.TempDir(), "new.db"))
	old := openUpgraded(t, gunzipFixture(t, "testdata/schema6.db.gz"))
	for _, c := range []struct {
		name string
		db   *DB
		want int
	}{{"new archive", fresh, archivePageSize}, {"schema 6 archive", old, 4096}} {
		payload, text := pairPage(7, 20)
		if _, err := c.db.Write([]Entry{testEntry("http://new.test/", payload, text)}); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := c.db.bolt.Info().PageSize; got != c.want {
			t.Errorf("%s: page size %d, want %d", c.name, got, c.want)
		}
		checkReads(t, c.db, payload, text)
	}
}
