package archive_test

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the current code")

// generatedCopies returns the captures of archivetest.OneWork, numbered
// as a new archive numbers them, split as buildWork splits a work: the
// copies of excerpts (here every copy whose text is not the full text's
// nor a near variant's is taken for one when excerpts is set) elected apart.
func generatedCopies(n int, seed uint64, excerpts bool) (core, rest []archive.Capture) {
	for i, e := range archivetest.OneWork(archivetest.Work{Copies: n, Texts: 9, Seed: seed}) {
		c := e.Capture
		c.ID = uint64(i + 1)
		if excerpts && strings.HasPrefix(e.Text, "excerpt") {
			rest = append(rest, c)
		} else {
			core = append(core, c)
		}
	}
	return core, rest
}

func ids(caps []archive.Capture) []uint64 {
	out := make([]uint64, len(caps))
	for i, c := range caps {
		out[i] = c.ID
	}
	return out
}

// TestElectionMatchesPairwise: the election finds the same derivations,
// orders copies and explains its choice exactly as the pairwise election
// did (the oracle kept in elect_oracle_test.go), on generated works of up
// to 300 copies; the generated copies derive from others both ways.
func TestElectionMatchesPairwise(t *testing.T) {
	kinds := map[string]int{}
	sizes := []struct {
		n     int
		seeds uint64
	}{{1, 2}, {2, 6}, {3, 6}, {5, 6}, {8, 6}, {20, 6}, {60, 4}, {150, 2}, {300, 1}}
	for _, size := range sizes {
		n := size.n
		for seed := uint64(1); seed <= size.seeds; seed++ {
			for _, excerpts := range []bool{false, true} {
				core, rest := generatedCopies(n, seed, excerpts)
				if len(core) == 0 {
					continue
				}
				want, wantWhy, wantDerived := archive.OracleElection(core, rest)
				if derived := archive.Derivations(append(slices.Clone(core), rest...)); !reflect.DeepEqual(derived, wantDerived) {
					t.Errorf("n=%d seed=%d excerpts=%v: derivations differ from the pairwise election's", n, seed, excerpts)
				}
				for _, why := range wantDerived {
					kind := "none"
					if f := strings.Fields(why); len(f) > 1 {
						kind = f[1] // its canonical link…, its attribution…
					}
					kinds[kind]++
				}
				got, gotWhy := archive.Elect(core, rest)
				if !reflect.DeepEqual(ids(got), ids(want)) {
					t.Errorf("n=%d seed=%d excerpts=%v: order %v\nwant %v", n, seed, excerpts, ids(got), ids(want))
				}
				if !reflect.DeepEqual(gotWhy, wantWhy) {
					t.Errorf("n=%d seed=%d excerpts=%v: reasons %q\nwant %q", n, seed, excerpts, gotWhy, wantWhy)
				}
			}
		}
	}
	if kinds["canonical"] == 0 || kinds["attribution"] == 0 || kinds["none"] == 0 {
		t.Errorf("derivations of the generated copies: %v, want some of each kind", kinds)
	}
	t.Logf("derivations: %v", kinds)
}

// electionSummary is what the golden file pins of an election: the
// original, the reasons, and a digest of the whole order.
func electionSummary(ordered []archive.Capture, reasons []string) string {
	h := sha256.New()
	for _, c := range ordered {
		fmt.Fprintln(h, c.ID)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "copies %d\noriginal %d %s\n", len(ordered), ordered[0].ID, ordered[0].URL)
	for _, r := range reasons {
		fmt.Fprintf(&b, "reason %s\n", r)
	}
	fmt.Fprintf(&b, "order sha256 %x\n", h.Sum(nil))
	return b.String()
}

// TestElection10000Golden elects among 10,000 generated copies (with and
// without excerpts apart) and compares the original, the reasons and the
// order with testdata/election10000.golden. -update rewrites the file
// from the pairwise election (the oracle: minutes, not seconds), not from
// the election under test.
func TestElection10000Golden(t *testing.T) {
	const golden = "testdata/election10000.golden"
	elect := archive.Elect
	if *update {
		elect = archive.OracleElect
	}
	var got strings.Builder
	for _, excerpts := range []bool{false, true} {
		core, rest := generatedCopies(10000, 2026, excerpts)
		got.WriteString(electionSummary(elect(core, rest)))
	}
	checkGolden(t, golden, "election of 10,000 copies", got.String())
}
