package clean

import (
	"slices"
	"testing"
)

// FuzzSketch checks the sketch's contract on any text: no panic; nil and 0
// exactly when the text has no tokens, else SketchSize values; the same
// text always gives the same sketch; a text and its normalised form (what
// the text hash covers) sketch alike; Shingles agrees with the count.
func FuzzSketch(f *testing.F) {
	for _, s := range []string{"", " ", "。", "携手构建网络空间命运共同体", "The internet is an important human achievement.",
		"前言\n\n互联网是人类的共同家园。", "a b", "\u200b\ufeff", "ＡＢＣ，ｄｅｆ", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sk, n := Sketch(text)
		if (sk == nil) != (n == 0) {
			t.Fatalf("sketch %v with %d shingles", sk, n)
		}
		if sk != nil && len(sk) != SketchSize {
			t.Fatalf("sketch has %d values, want %d", len(sk), SketchSize)
		}
		again, _ := Sketch(text)
		if !slices.Equal(sk, again) {
			t.Fatal("same text, different sketch")
		}
		norm, _ := Sketch(Normalize(text))
		if !slices.Equal(sk, norm) {
			t.Fatalf("normalised text sketches differently: %q", Normalize(text))
		}
		if sh := Shingles(text); len(sh) != n || !slices.IsSorted(sh) {
			t.Fatalf("Shingles: %d values (sorted %v), Sketch counted %d", len(sh), slices.IsSorted(sh), n)
		}
	})
}
