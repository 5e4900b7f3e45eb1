package archive_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
)

// TestInterruptStopsTheWalks: with Options.Interrupt closed, every read
// that walks the archive returns ErrInterrupted; open, they run as usual.
// Salvage stops the same way and removes what it began.
func TestInterruptStopsTheWalks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeGenerated(t, db, archivetest.OneWork(archivetest.Work{Copies: 50, Texts: 3, Seed: 1}))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	walks := map[string]func(*archive.DB) error{
		"Works":         func(d *archive.DB) error { _, err := d.Works(); return err },
		"LatestContent": func(d *archive.DB) error { return d.LatestContent(func(archive.Capture) error { return nil }) },
		"Latest":        func(d *archive.DB) error { return d.Latest(func(archive.Capture) error { return nil }) },
		"Captures":      func(d *archive.DB) error { return d.Captures(func(archive.Capture) error { return nil }) },
		"Stats":         func(d *archive.DB) error { _, err := d.Stats(); return err },
		"VerifyWith": func(d *archive.DB) error {
			_, err := d.VerifyWith(archive.VerifyOptions{}, func(archive.Finding) error { return nil })
			return err
		},
	}
	stop := make(chan struct{})
	snap, err := archive.OpenSnapshot(path, t.TempDir(), archive.Options{Interrupt: stop})
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	for name, walk := range walks {
		if err := walk(snap); err != nil {
			t.Errorf("%s before the interrupt: %v", name, err)
		}
	}
	close(stop)
	if err := snap.Interrupted(); !errors.Is(err, archive.ErrInterrupted) {
		t.Errorf("Interrupted() = %v after the interrupt", err)
	}
	for name, walk := range walks {
		if err := walk(snap); !errors.Is(err, archive.ErrInterrupted) {
			t.Errorf("%s after the interrupt: %v, want ErrInterrupted", name, err)
		}
	}
	into := filepath.Join(t.TempDir(), "salvaged.db")
	if _, err := archive.Salvage(path, into, archive.SalvageOptions{Interrupt: stop}, nil); !errors.Is(err, archive.ErrInterrupted) {
		t.Errorf("Salvage after the interrupt: %v, want ErrInterrupted", err)
	}
	if _, err := os.Stat(into); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an interrupted salvage left %s behind (%v)", into, err)
	}
}
