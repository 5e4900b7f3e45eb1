package archive_test

import (
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

var joinStitch = archive.StitchOptions{
	Join:        func(pages []string) string { return strings.Join(pages, "\n\n") },
	Hash:        func(text string) string { return archive.Sum([]byte(text)).String() },
	NormVersion: 1,
	Sketch:      func(string) ([]uint32, int) { return []uint32{1}, 1 },
	ToolVersion: "prov/test",
}

// A sweep stitches a complete article once, in its run, and again only
// when a page's text changed; the old stitched capture stays.
func TestStitchSweep(t *testing.T) {
	db := MustOpen(t)
	MustWrite(t, db, threePages("one", "two", "three")...)
	rep, err := db.Stitch(7, joinStitch)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Stitched) != 1 || rep.Stitched[0] != p1+" (3 pages)" || len(rep.Incomplete) != 0 {
		t.Fatalf("first sweep: %+v", rep)
	}
	c := copies(t, db)[p1]
	if c.Kind != archive.KindStitched || c.RunID != 7 || c.ToolVersion != "prov/test" || len(c.Pages) != 3 {
		t.Fatalf("stitched capture: kind %q run %d tool %q pages %d", c.Kind, c.RunID, c.ToolVersion, len(c.Pages))
	}
	if d, err := db.Document(c.TextSHA256); err != nil || d.Text != "one\n\ntwo\n\nthree" {
		t.Fatalf("stitched text %q, %v", d.Text, err)
	}
	if rep, err := db.Stitch(8, joinStitch); err != nil || len(rep.Stitched) != 0 {
		t.Fatalf("a second sweep over unchanged pages stitched %v (%v)", rep.Stitched, err)
	}
	MustWrite(t, db, splitPage(p2, p1, p3, "two, edited", 2))
	if rep, err := db.Stitch(9, joinStitch); err != nil || len(rep.Stitched) != 1 {
		t.Fatalf("a changed page was not stitched anew: %v (%v)", rep.Stitched, err)
	}
	hist, err := db.History(p1)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, h := range hist {
		if h.Kind == archive.KindStitched {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d stitched captures of %s, want the old and the new", n, p1)
	}
}

// An article missing a page is not stitched, and the sweep of a run that
// captured one of its pages says which page is missing.
func TestStitchSweepIncomplete(t *testing.T) {
	db := MustOpen(t)
	pages := threePages("one", "two", "three")
	for i := range pages[:2] {
		pages[i].Capture.RunID = 3
	}
	MustWrite(t, db, pages[:2]...)
	rep, err := db.Stitch(3, joinStitch)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Stitched) != 0 || len(rep.Incomplete) != 1 || !strings.HasPrefix(rep.Incomplete[0], p1+": ") || !strings.Contains(rep.Incomplete[0], p3) {
		t.Fatalf("sweep of an article without its third page: %+v", rep)
	}
	if rep, _ := db.Stitch(4, joinStitch); len(rep.Incomplete) != 0 {
		t.Errorf("a run that touched no page of it reports it: %v", rep.Incomplete)
	}
}
