package archive_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
)

// damagedAt writes 400 captures, zeroes a leaf page of bucket (its last
// with last), and returns the archive's path.
func damagedAt(t *testing.T, bucket string, last bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "prov.db")
	db := MustOpenPath(t, path, archive.Options{})
	var entries []archive.Entry
	for i := range 400 {
		entries = append(entries, page(fmt.Sprintf("http://site.test/%04d", i), htmlOf(fmt.Sprint(i)), fmt.Sprintf("text %d", i)))
	}
	MustWrite(t, db, entries...)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	archivetest.ZeroPage(t, path, archivetest.LeafPage(t, path, bucket, last))
	return path
}

// TestWriterOnADamagedArchive: a batch whose commit meets a damaged page
// (the last leaf of the captures, where new ones go) fails the writer
// with the damage, naming the file; before, bbolt's panic killed the
// process from the writer's goroutine.
func TestWriterOnADamagedArchive(t *testing.T) {
	path := damagedAt(t, "captures", true)
	db := MustOpenPath(t, path, archive.Options{})
	w := archive.NewWriter(db, archive.WriterConfig{})
	if err := w.Add(context.Background(), page("http://site.test/new", htmlOf("new"), "text new")); err != nil {
		t.Fatal(err)
	}
	err := w.Close()
	var de *archive.DamagedError
	if !errors.As(err, &de) || de.Path != path || !errors.Is(err, archive.ErrDamaged) {
		t.Fatalf("writer: %v, want the archive's damage", err)
	}
	if !strings.Contains(err.Error(), "archive damaged: "+path+": unreadable: ") {
		t.Errorf("writer: %q does not say the archive is damaged, naming it", err)
	}
	if _, err := db.Capture(1); err != nil {
		t.Errorf("a capture on a sound page after the failed commit: %v", err)
	}
}

// TestReadsOfADamagedPageFail: a strict read that meets a damaged page
// fails with the damage, naming the file, instead of panicking.
func TestReadsOfADamagedPageFail(t *testing.T) {
	path := damagedAt(t, "captures", false)
	db := MustOpenPath(t, path, archive.Options{ReadOnly: true})
	err := db.Captures(func(archive.Capture) error { return nil })
	if !errors.Is(err, archive.ErrDamaged) || !strings.Contains(err.Error(), path) {
		t.Errorf("captures: %v, want the archive's damage", err)
	}
	_, err = db.CapturesAfter(0, 0, func(archive.Capture) error { return nil })
	if !errors.Is(err, archive.ErrDamaged) || !strings.Contains(err.Error(), path) {
		t.Errorf("captures after 0: %v, want the archive's damage", err)
	}
}
