package clean

import (
	"slices"
	"strings"
	"testing"
)

func TestShinglesCJKAndWords(t *testing.T) {
	if n := len(Shingles("网络空间命运共同体")); n != 5 {
		t.Errorf("9 CJK characters: %d shingles, want 5", n)
	}
	if n := len(Shingles("Jointly build a community with a shared future")); n != 4 {
		t.Errorf("8 words: %d shingles, want 4", n)
	}
	if n := len(Shingles("短文")); n != 1 {
		t.Errorf("short text: %d shingles, want 1", n)
	}
	if Shingles("，。 ") != nil {
		t.Error("punctuation only: want no shingles")
	}
}

func TestShinglesIgnoreWidthCaseAndLayout(t *testing.T) {
	a := Shingles("Cyberspace is the common home of mankind.\n\n网络空间是人类共同的活动空间，")
	b := Shingles("CYBERSPACE  is the common\nhome of mankind   网络空间是人类共同的活动空间,")
	if !slices.Equal(a, b) {
		t.Error("same words under other case, width and layout shingle differently")
	}
}

func TestSketchEstimatesJaccard(t *testing.T) {
	base := strings.Repeat("网络空间是人类共同的活动空间，网络空间前途命运应由世界各国共同掌握。", 1)
	var paras []string
	for i := 0; i < 40; i++ {
		paras = append(paras, base+strings.Repeat("第", i%3)+string(rune('一'+i)))
	}
	a := strings.Join(paras, "\n\n")
	s1, n1 := Sketch(a)
	s2, n2 := Sketch(a)
	if len(s1) != SketchSize || n1 == 0 || n1 != n2 {
		t.Fatalf("sketch length %d, shingles %d/%d", len(s1), n1, n2)
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			t.Fatal("sketch is not deterministic")
		}
	}
	c := strings.Join(paras[:30], "\n\n")
	sa, sc := Shingles(a), Shingles(c)
	inter := 0
	for _, x := range sc {
		if _, ok := slices.BinarySearch(sa, x); ok {
			inter++
		}
	}
	truth := float64(inter) / float64(len(sa)+len(sc)-inter)
	s3, _ := Sketch(c)
	eq := 0
	for i := range s1 {
		if s1[i] == s3[i] {
			eq++
		}
	}
	if est := float64(eq) / SketchSize; est < truth-0.15 || est > truth+0.15 {
		t.Errorf("estimated Jaccard %.3f, true %.3f", est, truth)
	}
	if s, n := Sketch(""); s != nil || n != 0 {
		t.Error("empty text: want no sketch")
	}
}

// TestCleanSketchesItsText: Clean's hash and sketch are those of its text
// (computed from one normalisation).
func TestCleanSketchesItsText(t *testing.T) {
	page := "<html><body><article><h1>标题</h1><p>构建网络空间命运共同体是新时代的重要理念，各国共同推进。</p>" +
		"<p>Jointly building a community with a shared future in cyberspace.</p></article></body></html>"
	doc, err := Clean(Input{URL: "http://gov.test/a", Body: []byte(page)})
	if err != nil || doc.Text == "" {
		t.Fatalf("Clean: %v, text %q", err, doc.Text)
	}
	sk, n := Sketch(doc.Text)
	if !slices.Equal(doc.Sketch, sk) || doc.Shingles != n || n == 0 {
		t.Errorf("doc sketch (%d shingles) differs from Sketch(text) (%d)", doc.Shingles, n)
	}
	if doc.TextSHA256 != TextHash(doc.Text) {
		t.Errorf("TextSHA256 %s, want %s", doc.TextSHA256, TextHash(doc.Text))
	}
}

// TestSketchOfMatchesReference: the unrolled SketchOf computes exactly the
// MinHash of its definition (one hash function at a time), on which
// stored sketches depend.
func TestSketchOfMatchesReference(t *testing.T) {
	x := uint64(1)
	for _, n := range []int{1, 2, 3, 5, 64, 1000} {
		sh := randomHashes(n, &x)
		want := make([]uint32, SketchSize)
		for i := range want {
			a, b := minhashSeeds[i][0], minhashSeeds[i][1]
			m := uint32(0xFFFFFFFF)
			for _, x := range sh {
				if v := uint32((a*x + b) >> 32); v < m {
					m = v
				}
			}
			want[i] = m
		}
		if got := SketchOf(sh); !slices.Equal(got, want) {
			t.Errorf("%d shingles: SketchOf differs from the reference", n)
		}
	}
}

// sketchNormal reuses its shingles' memory from call to call: a long
// text, then shorter ones, then none, then the long one again each sketch
// as if made afresh, nothing of an earlier text left in a later sketch.
func TestSketchNormalReusesNothingOfTheLastText(t *testing.T) {
	long := Normalize(strings.Repeat("The council met on Tuesday to vote on the budget for the new year. ", 60))
	texts := []string{long, Normalize("一二三四五六七八九十"), Normalize("short text"), "", Normalize("!!"), long,
		Normalize(strings.Repeat("另一篇文章的内容完全不同。", 30))}
	for i, norm := range texts {
		fresh := shinglesOf(norm)
		sketch, n := sketchNormal(norm)
		if n != len(fresh) || !slices.Equal(sketch, SketchOf(fresh)) {
			t.Errorf("text %d: sketchNormal gives %d shingles, sketch %v…; afresh %d, %v…",
				i, n, sketch[:min(len(sketch), 3)], len(fresh), SketchOf(fresh)[:min(len(fresh), 3)])
		}
	}
}

// randomHashes returns the n values of the splitmix64 sequence that
// follow *x, and leaves *x at the last of them, so that successive calls
// go on with the sequence.
func randomHashes(n int, x *uint64) []uint64 {
	s := make([]uint64, n)
	for i := range s {
		*x = splitmix64(*x)
		s[i] = *x
	}
	return s
}
