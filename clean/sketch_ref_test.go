package clean

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// The shingling as first written, one string per token, kept as the
// reference the streaming shinglesOf must agree with: stored sketches
// depend on every shingle hash.

func refShingles(norm string) []uint64 {
	toks := refTokenHashes(norm)
	if len(toks) == 0 {
		return nil
	}
	n := max(len(toks)-ShingleSize+1, 1)
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, shingleHash(toks[i:min(i+ShingleSize, len(toks))]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func refTokenHashes(norm string) []uint64 {
	var out []uint64
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, refFNV64(word.String()))
			word.Reset()
		}
	}
	for _, r := range norm {
		switch {
		case isCJK(r) && (unicode.IsLetter(r) || unicode.IsNumber(r)):
			flush()
			out = append(out, refFNV64(string(r)))
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			word.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

func refFNV64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// refTokenClass is tokenClass by its definition.
func refTokenClass(r rune) int {
	switch {
	case isCJK(r) && (unicode.IsLetter(r) || unicode.IsNumber(r)):
		return tokCJK
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		return tokWord
	}
	return tokSep
}

// TestTokenClass checks the fast paths of tokenClass on every rune, and
// on -1, which no decoding gives.
func TestTokenClass(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if got, want := tokenClass(r), refTokenClass(r); got != want {
			t.Fatalf("tokenClass(%U) = %d, want %d", r, got, want)
		}
	}
}

var shingleSamples = []string{
	"", "a", "一", "a b c d", "a b c d e", "一二三四五六", "Hello, WORLD! Ünïcödé İstanbul ΣΊΣΥΦΟΣ straße",
	"网络空间是人类共同的活动空间，网络空间前途命运应由世界各国共同掌握。\nCyberspace is the common home of mankind 2022 年",
	"ｱｲｳ ㈱ ㍻ \uFFFD x\xffy 𠀀𠀁𠀂 가 가각 ١٢٣ abc١٢٣ 𝐀𝐁",
}

func TestShinglesMatchReference(t *testing.T) {
	for _, s := range shingleSamples {
		for _, text := range []string{s, Normalize(s)} {
			if got, want := shinglesOf(text), refShingles(text); !slices.Equal(got, want) {
				t.Errorf("shinglesOf(%q) = %v, want %v", text, got, want)
			}
		}
	}
}

func FuzzShinglesMatchReference(f *testing.F) {
	for _, s := range shingleSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := shinglesOf(s), refShingles(s); !slices.Equal(got, want) {
			t.Errorf("shinglesOf(%q) = %v, want %v", s, got, want)
		}
	})
}

func TestSortHashes(t *testing.T) {
	x := uint64(7)
	for _, n := range []int{0, 1, 2, 255, 256, 257, 1000, 5000} {
		for _, kind := range []string{"random", "same high bytes", "duplicates"} {
			s := make([]uint64, n)
			for i := range s {
				x = splitmix64(x)
				switch kind {
				case "random":
					s[i] = x
				case "same high bytes":
					s[i] = 0xABCDEF<<40 | x&0xFFFF
				case "duplicates":
					s[i] = x % 17
				}
			}
			want := slices.Clone(s)
			slices.Sort(want)
			sortHashes(s)
			if !slices.Equal(s, want) {
				t.Errorf("%d %s values: not sorted as slices.Sort sorts them", n, kind)
			}
		}
	}
}

// distinctHashes keeps every distinct value once, whether the table takes
// them all or probes too long and the values are sorted instead ("same
// high bytes"), or they are too many for a table (maxKeptShingles+1), and
// 0, the table's empty slot, like any other value.
func TestDistinctHashes(t *testing.T) {
	x := uint64(9)
	for _, n := range []int{0, 1, 2, 3, 255, 256, 257, 1000, 5000, maxKeptShingles + 1} {
		for _, kind := range []string{"random", "same high bytes", "duplicates", "zeros"} {
			s := make([]uint64, n)
			for i := range s {
				x = splitmix64(x)
				switch kind {
				case "random":
					s[i] = x
				case "same high bytes":
					s[i] = 0xABCDEF<<40 | x&0xFFFF
				case "duplicates":
					s[i] = x % 17 << 58
				case "zeros":
					s[i] = x % 3 // 0 among the values
				}
			}
			want := slices.Clone(s)
			slices.Sort(want)
			want = slices.Compact(want)
			got := slices.Clone(distinctHashes(s))
			if len(got) != len(want) {
				t.Errorf("%d %s values: %d distinct, want %d", n, kind, len(got), len(want))
				continue
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%d %s values: not the distinct values", n, kind)
			}
		}
	}
}

func BenchmarkDistinctHashes(b *testing.B) {
	x := uint64(7)
	s := randomHashes(800, &x)
	s = append(s, s[:100]...) // a page repeats a few shingles
	w := make([]uint64, len(s))
	b.Run("table", func(b *testing.B) {
		for b.Loop() {
			copy(w, s)
			distinctHashes(w)
		}
	})
	b.Run("sort", func(b *testing.B) {
		for b.Loop() {
			copy(w, s)
			sortHashes(w)
			_ = slices.Compact(w)
		}
	})
}

func BenchmarkSortHashes(b *testing.B) {
	x := uint64(7)
	s := randomHashes(1500, &x)
	w := make([]uint64, len(s))
	b.Run("sortHashes", func(b *testing.B) {
		for b.Loop() {
			copy(w, s)
			sortHashes(w)
		}
	})
	b.Run("slices.Sort", func(b *testing.B) {
		for b.Loop() {
			copy(w, s)
			slices.Sort(w)
		}
	})
}

// BenchmarkSketchOf sketches 800 shingles, about a page of the generated
// site of bench/crawl: SketchSize products a shingle, sketching's hot loop.
func BenchmarkSketchOf(b *testing.B) {
	x := uint64(11)
	s := randomHashes(800, &x)
	for b.Loop() {
		SketchOf(s)
	}
}

// BenchmarkShingles shingles the normalised texts of BenchmarkClean's
// pages, one op per text: the token scan and the shingle hashes, before
// the sort.
func BenchmarkShingles(b *testing.B) {
	var texts []string
	for _, in := range benchPages(b) {
		doc, err := Clean(in)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, Normalize(doc.Text))
	}
	dst := make([]uint64, 0, 1<<14)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dst = appendShingles(dst, texts[i%len(texts)])
		i++
	}
}
