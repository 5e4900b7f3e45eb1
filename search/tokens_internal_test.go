package search

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode"
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
