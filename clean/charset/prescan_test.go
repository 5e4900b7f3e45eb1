package charset

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// scanMetas finds the labels scanTags finds: in bodies made at random of
// the pieces that matter to either (tags' brackets, meta openings in
// both cases, labels, comments' ends and beginnings, stray '<' and '>'),
// and in the test bodies, with their comments and without.
func TestScanMetasAsScanTags(t *testing.T) {
	pieces := []string{"<", ">", "<meta", "<META", "<mEtA", "<m", "<M", "<metal", "<meta/", "<meta\n",
		" charset=gbk", " CharSet=big5", ` content="text/html; charset=koi8-r"`, ` http-equiv=content-type content="charset=euc-kr"`,
		"x", " ", `"`, "'", "<p>", "</head>", "<!", "--", "-->", "<!-", "é", "\x00"}
	rng := rand.New(rand.NewPCG(1, 2))
	var bodies [][]byte
	for range 20000 {
		var b []byte
		for n := rng.IntN(24); n > 0; n-- {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		bodies = append(bodies, b)
	}
	files, _ := filepath.Glob("testdata/*")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			bodies = append(bodies, b, bytes.ReplaceAll(b, commentOpen, []byte("<!-")))
		}
	}
	tested, labelled, comments := 0, 0, 0
	for _, b := range bodies {
		if bytes.Contains(b, commentOpen) {
			comments++
		} else {
			tested++
		}
		want, got := scanTags(b, 0, nil), scanMetas(b, nil)
		if len(want) > 0 {
			labelled++
		}
		if !slices.Equal(got, want) {
			t.Fatalf("scanMetas(%q) = %q, scanTags %q", b, got, want)
		}
	}
	if tested < 10000 || comments < 1000 || labelled < len(bodies)/10 {
		t.Fatalf("only %d bodies without a comment, %d with, %d with a label", tested, comments, labelled)
	}
}

// BenchmarkMetaLabels reads the test bodies, their comments taken out,
// tag by tag (scanTags, what metaLabels did) and as metaLabels does.
func BenchmarkMetaLabels(b *testing.B) {
	files, _ := filepath.Glob("testdata/*")
	var bodies [][]byte
	for _, f := range files {
		if body, err := os.ReadFile(f); err == nil {
			bodies = append(bodies, bytes.ReplaceAll(body, commentOpen, []byte("<!-")))
		}
	}
	b.Run("scanTags", func(b *testing.B) {
		for b.Loop() {
			for _, body := range bodies {
				scanTags(body[:min(len(body), prescanLimit)], 0, nil)
			}
		}
	})
	b.Run("metaLabels", func(b *testing.B) {
		for b.Loop() {
			for _, body := range bodies {
				metaLabels(body)
			}
		}
	})
}
