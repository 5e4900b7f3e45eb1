package search

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/prov-archive/prov/clean"
)

// TestFirstCJK: no character below firstCJK is of a script isCJK names,
// so its shortcut never changes an answer.
func TestFirstCJK(t *testing.T) {
	for r := rune(0); r < firstCJK; r++ {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			t.Fatalf("%U is CJK but below firstCJK %U", r, firstCJK)
		}
	}
}

// runeTokens is Tokens as it was first written, over rune slices: the
// reference eachToken must agree with.
func runeTokens(text string) []string {
	var out []string
	var run []rune
	cjkRun := false
	flush := func() {
		switch {
		case len(run) == 0:
		case !cjkRun:
			out = append(out, strings.ToLower(string(run)))
		default:
			for i := range run {
				out = append(out, string(run[i]))
				if i+1 < len(run) {
					out = append(out, string(run[i:i+2]))
				}
			}
		}
		run = run[:0]
	}
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			if !cjkRun {
				flush()
			}
			cjkRun = true
			run = append(run, r)
		case (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if cjkRun {
				flush()
			}
			cjkRun = false
			run = append(run, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// TestTokensMatchReference: over random mixes of Latin, Cyrillic, CJK,
// Hangul, digits, punctuation and bytes that are not UTF-8, Tokens gives
// what the rune-slice reference gives.
func TestTokensMatchReference(t *testing.T) {
	parts := []string{"Word", "ВОДА", "вода", "網絡", "网", "ひらがな", "カタカナ", "한국어", "42", " ", "，", "-", "\xff", "\xe7\xbd", "ǅ", "İ", "x"}
	rng := rand.New(rand.NewSource(1))
	for range 3000 {
		var b strings.Builder
		for range rng.Intn(12) {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		text := b.String()
		if got, want := Tokens(text), runeTokens(text); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q) = %q, want %q", text, got, want)
		}
	}
}

// eachSpan takes the ideographs clean.HanRun finds at once, as CJK word
// characters: bmpClasses must class every rune of U+4E00–U+9FFF so, and
// clean.HanRun must pass over exactly the three bytes of such a rune, for every
// three-byte sequence with an E0–EF lead and continuation bytes in place.
func TestHanClasses(t *testing.T) {
	classes := bmpClasses()
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if word, cjk := classes.of(r); !word || !cjk {
			t.Fatalf("U+%04X: word %v, cjk %v; clean.HanRun takes it for a CJK word character", r, word, cjk)
		}
	}
	for c0 := 0xE0; c0 <= 0xEF; c0++ {
		for c1 := 0x80; c1 <= 0xBF; c1++ {
			for c2 := 0x80; c2 <= 0xBF; c2++ {
				b := []byte{byte(c0), byte(c1), byte(c2)}
				r, size := utf8.DecodeRune(b)
				want := 0
				if size == 3 && r >= 0x4E00 && r <= 0x9FFF {
					want = 3
				}
				if got := clean.HanRun(b, 0); got != want {
					t.Fatalf("clean.HanRun(% x) = %d, want %d", b, got, want)
				}
			}
		}
	}
}
