package ingest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// TestRecrawlDecodesEachPreviousOnce: on a re-crawl, each URL's last
// capture is decoded once, by the lookup for its conditional GET (a 304:
// the run counts and the kind need nothing more) or, without validators,
// by the lookup the run counts take (the write derives the kind from it).
func TestRecrawlDecodesEachPreviousOnce(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg, conditional := etagSite(t) // two pages
	if _, err := Crawl(context.Background(), DBStore(db), cfg, Options{}); err != nil {
		t.Fatal(err)
	}
	conditional()
	for _, tc := range []struct {
		name      string
		opt       Options
		unchanged int
	}{
		// Each URL's newest capture is a 200 before either run (a 304
		// first would make two captures to read back to its 200).
		{"unconditional, same bytes", Options{Unconditional: true}, 2},
		{"conditional, 304s", Options{}, 2},
	} {
		before := archive.CaptureDecodes()
		tl, err := Crawl(context.Background(), DBStore(db), cfg, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if got := archive.CaptureDecodes() - before; got != 2 {
			t.Errorf("%s: %d captures decoded for 2 pages, want one each", tc.name, got)
		}
		if r := tl.Run(); r.Unchanged != tc.unchanged || r.New != 0 || r.Changed != 0 {
			t.Errorf("%s: run counts %+v, want %d unchanged", tc.name, r, tc.unchanged)
		}
		if sent := conditional(); len(sent) != 2 {
			t.Errorf("%s: %d requests, want 2", tc.name, len(sent))
		}
	}
}
