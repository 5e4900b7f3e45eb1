package clean

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// collapseNormalRef is collapseNormal as it was before it copied runs of
// kept runes at once: it writes every rune.
func collapseNormalRef(text string) string {
	var b strings.Builder
	pendingSpace, pendingBreak := false, false
	var prev rune
	for _, r := range text {
		if mayFoldPunct(r) {
			if f, ok := foldPunct[r]; ok {
				r = f
			}
		}
		if isSpaceRune(r) {
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f' {
				pendingBreak = true
			} else {
				pendingSpace = true
			}
			continue
		}
		switch {
		case pendingBreak && b.Len() > 0:
			b.WriteByte('\n')
			prev = 0
		case pendingSpace && prev != 0 && !isCJK(prev) && !isCJK(r):
			b.WriteByte(' ')
		}
		pendingSpace, pendingBreak = false, false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// collapseNormal is collapseText without the NFKC test, as a string.
func collapseNormal(text string) string {
	out, _ := collapseText(nil, text, false)
	return string(out)
}

// collapseIfNFKC is collapseNormal(text) when isNFKC(foldWide(text)),
// found in the same pass; ok is false, and out unusable, when not.
func collapseIfNFKC(text string) (out string, ok bool) {
	b, ok := collapseText(nil, text, true)
	return string(b), ok
}

// collapseNormal gives collapseNormalRef's text for random strings over
// an alphabet of letters, CJK, every kind of white space and line break
// Normalize tells apart, and punctuation that foldPunct folds (some of it
// to white space), and for the eval pages' bytes made valid UTF-8.
func TestCollapseNormalAsBefore(t *testing.T) {
	alphabet := []rune("aZ9 \t\n\r\v\f\u00a0\u3000\u2028\u2029\u0085中文。，、“”‘’—–…·・「」《》！？：；（）\u2010\u2212\uff0e-.")
	for r := range foldPunct {
		alphabet = append(alphabet, r)
	}
	texts := randomTexts(alphabet, 5, 24)
	for _, page := range evalPageTexts(t) {
		texts = append(texts, strings.ToValidUTF8(page, "\uFFFD"))
	}
	for _, s := range texts {
		if got, want := collapseNormal(s), collapseNormalRef(foldWide(s)); got != want {
			t.Fatalf("collapseNormal(%.80q) = %.80q, before %.80q", s, got, want)
		}
	}
}

// normalizeRef is Normalize as it was before collapseNormal folded the
// wide forms: each step in full, NFKC always.
func normalizeRef(text string) string {
	return collapseNormalRef(norm.NFKC.String(foldWide(dropFormat(validUTF8(text)))))
}

// Normalize gives normalizeRef's text for random strings over an alphabet
// of wide forms, runes NFKC changes, format and space runes, and for the
// eval pages' bytes.
func TestNormalizeAsBefore(t *testing.T) {
	alphabet := []rune("aZ9 \t\n\u3000\u00a0\u200b\u00ad中文。，、！？：；（）\uff0e\uff21\uff10\uff5e\uff5f\uff00\uff61\uff76\u2460\ufb01\u00bd\u0301e\u2014\u201c")
	for _, s := range append(randomTexts(alphabet, 7, 24), evalPageTexts(t)...) {
		if got, want := Normalize(s), normalizeRef(s); got != want {
			t.Fatalf("Normalize(%.80q) = %.80q, before %.80q", s, got, want)
		}
	}
}

// collapseIfNFKC succeeds exactly on the texts isNFKC passes once folded, and
// then gives collapseNormal's text.
func TestCollapseIfNFKC(t *testing.T) {
	alphabet := []rune("aZ9 \t\n\u3000\u00a0中文。，！（\uff21\uff5e\uff5f\uff61\u2460\ufb01\u00bd\u0301e\u2014\U0001F600\U00020000")
	for _, s := range randomTexts(alphabet, 9, 16) {
		out, ok := collapseIfNFKC(s)
		if ok != isNFKC(foldWide(s)) {
			t.Fatalf("collapseIfNFKC(%q) ok = %v, isNFKC(foldWide) %v", s, ok, !ok)
		}
		if ok && out != collapseNormal(s) {
			t.Fatalf("collapseIfNFKC(%q) = %q, collapseNormal %q", s, out, collapseNormal(s))
		}
	}
}

// appendNormal appends Normalize's text after what dst holds, also when
// the NFKC test fails part way and the text is collapsed again (the
// alphabet has runes NFKC changes); hashAndSketch, which normalises into
// memory kept from its last call, hashes and sketches Normalize's text.
func TestAppendNormalKeepsDst(t *testing.T) {
	alphabet := []rune("aZ9 \t\n\u3000中文。，（\uff21\uff61\u2460\ufb01\u00bd\u0301e\u2014\u200b")
	texts := append(randomTexts(alphabet, 11, 40), evalPageTexts(t)...)
	for _, s := range texts {
		want := Normalize(s)
		dst := append(make([]byte, 0, 8), "kept:"...)
		if got := string(appendNormal(dst, s)); got != "kept:"+want {
			t.Fatalf("appendNormal(%q, %.80q) = %.80q, want %.80q", "kept:", s, got, "kept:"+want)
		}
		hash, sketch, shingles := hashAndSketch(s)
		wantSketch, wantShingles := sketchNormal(want)
		if hash != hashNormal(want) || !slices.Equal(sketch, wantSketch) || shingles != wantShingles {
			t.Fatalf("hashAndSketch(%.80q) = %s, %d shingles; of Normalize: %s, %d", s, hash, shingles, hashNormal(want), wantShingles)
		}
	}
}

// randomTexts returns 20,000 strings of fewer than maxLen runes drawn
// from alphabet, the same ones for the same seed.
func randomTexts(alphabet []rune, seed uint64, maxLen int) []string {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	texts := make([]string, 20000)
	for k := range texts {
		rs := make([]rune, rng.IntN(maxLen))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts[k] = string(rs)
	}
	return texts
}

// evalPageTexts returns the first 64 KB of every eighth eval page, as
// bytes taken for a string (none when the eval folder is not there).
func evalPageTexts(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(evalDir + "/*/*.html")
	var texts []string
	for i, f := range files {
		if i%8 != 0 {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b[:min(len(b), 64<<10)]))
	}
	return texts
}

// collapseText with checkNFKC gives up at a stray byte and at a format
// rune, whose runes are otherwise NFKC's own, so that appendNormal may
// skip validUTF8 and dropFormat; Normalize then gives normalizeRef's text
// (stray bytes replaced, format runes dropped).
func TestCollapseGivesUpOnStraysAndFormat(t *testing.T) {
	for _, s := range []string{"ab\xffcd", "中文\xe4\xb8", "ab\u00adcd", "中\u200b文", "a \xc3(b", "\ufeffab"} {
		if _, ok := collapseIfNFKC(s); ok {
			t.Errorf("collapseIfNFKC(%q) ok, want it to give up", s)
		}
	}
	alphabet := []rune("aZ9 \t\n中文。，\u00ad\u200b\u2060\ufeff\ufffd")
	for i, s := range randomTexts(alphabet, 13, 24) {
		if i%3 == 0 {
			s += "\xff"
		} else if i%3 == 1 && len(s) > 2 {
			s = s[:len(s)/2] + "\xe4\xb8" + s[len(s)/2:]
		}
		if got, want := Normalize(s), normalizeRef(s); got != want {
			t.Fatalf("Normalize(%q) = %q, before %q", s, got, want)
		}
	}
}

// wordsRun takes printable ASCII and single spaces between it, never a
// space first or last, two spaces, a line break or a byte past ASCII.
func TestWordsRun(t *testing.T) {
	for _, c := range []struct {
		s       string
		k, want int
	}{
		{"Hello, world.", 0, 13},
		{"a  b", 0, 1},
		{"ab \n", 0, 2},
		{"ab ", 0, 2},
		{" ab", 0, 0},
		{"x ab", 1, 1},
		{"ab c中文", 0, 4},
		{"ab \u00e9", 0, 2},
		{"中文ab", 0, 0},
		{"中文ab", 6, 8},
	} {
		if got := wordsRun(c.s, c.k); got != c.want {
			t.Errorf("wordsRun(%q, %d) = %d, want %d", c.s, c.k, got, c.want)
		}
	}
}

// normalizeStepwise is appendNormal as it was before collapseText gave
// up at stray bytes and format runes: validUTF8 and dropFormat first.
func normalizeStepwise(text string) string {
	text = dropFormat(validUTF8(text))
	if out, ok := collapseIfNFKC(text); ok {
		return out
	}
	return collapseNormal(norm.NFKC.String(foldWide(text)))
}

// FuzzNormalizeAsBefore: Normalize gives normalizeStepwise's text for any
// bytes, and normalizeRef's (each step in full) for any without a NUL,
// which collapseNormalRef takes for the start of a line.
func FuzzNormalizeAsBefore(f *testing.F) {
	for _, s := range []string{"Hello,  world.\n\nWindows 操作系统", "中文\xe4\xb8ab\u00adc", "ＡＢ　c \u2014 d\ufb01", "\xe4\x80\x00\x00 00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		if want := normalizeStepwise(s); got != want {
			t.Fatalf("Normalize(%q) = %q, stepwise %q", s, got, want)
		}
		if want := normalizeRef(s); got != want && !strings.ContainsRune(s, 0) {
			t.Fatalf("Normalize(%q) = %q, before %q", s, got, want)
		}
	})
}
