package archive_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// TestSharedPrevious: the cache answers "nothing" for a new site, and
// sees what was written before the handle opened and through it since.
func TestSharedPrevious(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db := MustOpenPath(t, path, archive.Options{})
	MustWrite(t, db, page("http://old.test/a", "<p>a</p>", ""))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := archive.OpenShared(path, archive.SharedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := func(url string, exists bool) {
		t.Helper()
		p, err := s.Previous(url)
		if err != nil || p.Exists != exists {
			t.Errorf("Previous(%s) = %+v, %v; want Exists %v", url, p, err, exists)
		}
	}
	want("http://new.test/x", false)
	want("http://new.test/y", false)
	want("http://old.test/a", true)
	w := archive.NewSharedWriter(s, archive.WriterConfig{})
	if err := w.Add(context.Background(), page("http://new.test/y", "<p>y</p>", "")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want("http://new.test/y", true)
	want("http://new.test/z", false)
}
