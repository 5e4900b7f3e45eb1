package clean

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestIsNFKC: isNFKC says true only for strings NFKC leaves as they are,
// and says it for the text a page usually holds.
func TestIsNFKC(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"", true},
		{"Plain ASCII, with digits 0-9 and\ttabs\n", true},
		{"北京市统计局表示，数据显示。", false}, // the fullwidth comma folds to ","
		{"北京市统计局表示,数据显示。", true},
		{"café naïve", true},        // precomposed, already NFKC
		{"cafe\u0301", false},       // a combining mark composes with e
		{"wait…", false},            // the ellipsis decomposes to ...
		{"ﬁle", false},              // a ligature
		{"ｶﾞ", false},               // half-width katakana
		{"한국어", true},               // Hangul syllables
		{"\u1100\u1161", false},     // conjoining jamo compose
		{"\U0001F600 smile", false}, // above U+FFFF: left to the normalizer
	} {
		got := isNFKC(tc.in)
		if got && norm.NFKC.String(tc.in) != tc.in {
			t.Errorf("isNFKC(%q) = true, but NFKC changes it", tc.in)
		}
		if got != tc.want {
			t.Errorf("isNFKC(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestNFKCStableStrings: strings drawn from the marked runes, in any
// order, are their own NFKC; every ASCII byte is marked (isNFKC skips
// ASCII without looking).
func TestNFKCStableStrings(t *testing.T) {
	tab := nfkcStable()
	var marked []rune
	for r := rune(0); r < 1<<16; r++ {
		if tab[r>>6]&(1<<(r&63)) != 0 {
			marked = append(marked, r)
		} else if r < utf8.RuneSelf {
			t.Fatalf("ASCII %q is not marked", r)
		}
	}
	if len(marked) < 40000 {
		t.Fatalf("%d runes marked, want most of the BMP", len(marked))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]rune, 6)
	for range 50000 {
		for i := range buf {
			buf[i] = marked[rng.IntN(len(marked))]
		}
		s := string(buf)
		if !isNFKC(s) {
			t.Fatalf("isNFKC(%q) = false for marked runes", s)
		}
		if !norm.NFKC.IsNormalString(s) {
			t.Fatalf("%q (%U) is marked but not NFKC", s, buf)
		}
	}
}

// BenchmarkNormalize normalizes the text of the eval pages that come with
// the repository (testdata), one op per text.
func BenchmarkNormalize(b *testing.B) {
	var texts []string
	for _, in := range benchPages(b) {
		doc, err := Clean(in)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, doc.Text)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Normalize(texts[i%len(texts)])
		i++
	}
}

// TestHanStable: every CJK Unified Ideograph is marked in nfkcStable, so
// collapseText keeps runs of them whole on its NFKC path too; were one
// not (a new Unicode version), the runs would be read rune by rune, as
// before, and this says so.
func TestHanStable(t *testing.T) {
	if !hanStable() {
		t.Error("hanStable() = false: collapseIfNFKC reads Chinese text rune by rune")
	}
}
