package clean

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// testPagePaths returns the test pages and, unless the test is short, the
// eval pages (when they are there, beside a checkout of the project).
func testPagePaths() []string {
	pages, _ := filepath.Glob("testdata/*.html")
	if !testing.Short() {
		more, _ := filepath.Glob(filepath.Join(evalDir, "*", "*.html"))
		pages = append(pages, more...)
	}
	return pages
}

// randomJoins returns n strings, each of fewer than maxPieces pieces drawn
// by rng: the random inputs the scan-versus-expression tests compare on.
func randomJoins(rng *rand.Rand, pieces []string, maxPieces, n int) []string {
	out := make([]string, 0, n)
	for range n {
		var b strings.Builder
		for range rng.IntN(maxPieces) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		out = append(out, b.String())
	}
	return out
}

// benchPageRuns returns the runs of each of BenchmarkClean's pages, walked
// (the runs stay readable after the walk's release).
func benchPageRuns(b *testing.B) [][]run {
	var pages [][]run
	for _, in := range utf8Pages(benchPages(b)) {
		root, err := html.Parse(strings.NewReader(string(in.Body)))
		if err != nil {
			b.Fatal(err)
		}
		bw := walkBlocks(root)
		bw.release()
		pages = append(pages, bw.runs)
	}
	return pages
}
