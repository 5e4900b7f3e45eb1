package archive_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
)

// writeGenerated writes the entries into db, 500 to a transaction.
func writeGenerated(tb testing.TB, db *archive.DB, entries []archive.Entry) {
	tb.Helper()
	for len(entries) > 0 {
		n := min(len(entries), 500)
		MustWrite(tb, db, entries[:n]...)
		entries = entries[n:]
	}
}

// worksSummary is what the golden file pins of works: each work's ID,
// original and reasons, its relation counts, and a digest of every copy's
// place, relation, figures and evidence.
func worksSummary(works []archive.Work) string {
	var b strings.Builder
	for _, w := range works {
		h := sha256.New()
		rel := map[string]int{}
		for _, c := range w.Copies {
			rel[c.Relation]++
			fmt.Fprintf(h, "%d %s %s %.3f %.3f %v %s\n", c.CaptureID, c.URL, c.Relation, c.Similarity, c.Containment, c.Estimated, c.Why)
		}
		fmt.Fprintf(&b, "work %s copies %d original %d %s\n", w.ID, len(w.Copies), w.Original.CaptureID, w.Original.URL)
		for _, r := range w.Reasons {
			fmt.Fprintf(&b, "  reason %s\n", r)
		}
		fmt.Fprintf(&b, "  relations original %d identical %d near %d excerpt %d\n",
			rel[archive.RelOriginal], rel[archive.RelIdentical], rel[archive.RelNear], rel[archive.RelExcerpt])
		fmt.Fprintf(&b, "  copies sha256 %x\n", h.Sum(nil))
	}
	return b.String()
}

// TestWorksGenerated2000Golden groups and elects 2,000 generated copies
// of one work (12 texts: the full text, near variants, excerpts) stored
// in a real archive, with resemblance estimated from the sketches and
// computed from the texts, and compares the works with
// testdata/works2000.golden, written by the pairwise election before it
// was replaced (-update rewrites it).
func TestWorksGenerated2000Golden(t *testing.T) {
	const golden = "testdata/works2000.golden"
	db := MustOpen(t)
	writeGenerated(t, db, archivetest.OneWork(archivetest.Work{Copies: 2000, Texts: 12, Seed: 7}))
	var got strings.Builder
	for _, sim := range []archive.Similarity{{}, {Shingles: archivetest.WordShingles}} {
		works, err := db.WorksBy(sim)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&got, "estimated %v\n%s", sim.Shingles == nil, worksSummary(works))
	}
	checkGolden(t, golden, "works of 2,000 generated copies", got.String())
}

// checkGolden compares got with the golden file, or rewrites the file
// under -update; what names the result in the failure.
func checkGolden(t *testing.T, golden, what, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s:\n%s\nwant (%s):\n%s", what, got, golden, want)
	}
}
