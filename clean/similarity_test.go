package clean

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// wordSimilarityRef is wordSimilarity as it was before it counted the
// words' lengths in place: the words split into slices, a's put in a map,
// b's words not in it joined to measure them.
func wordSimilarityRef(a, b string) float64 {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	wa, wb := split(a), split(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	in := make(map[string]bool, len(wa))
	for _, w := range wa {
		in[w] = true
	}
	var uniq []string
	for _, w := range wb {
		if !in[w] {
			uniq = append(uniq, w)
		}
	}
	return 1 - float64(len(strings.Join(uniq, " ")))/float64(len(strings.Join(wb, " ")))
}

// TestWordSimilarityAsBefore: wordSimilarity gives what it gave before,
// bit for bit, on titles and headings of the test pages paired with each
// other, and on texts with no words, repeated words, case and scripts
// that lower past ASCII, and more words than its slice holds.
func TestWordSimilarityAsBefore(t *testing.T) {
	many := strings.Repeat("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 ", 5)
	texts := []string{"", " ", "!!! --- ...", "Hello, World", "hello world hello", "WORLD: hello?", "中文标题 新闻", "中文标题",
		"İstanbul ſtraße ΣΟΦΊΑ", "istanbul strasse σοφία", "a", "a b c", "b a", many, many + " extra", "w33 " + many,
		"国务院新闻办公室发布年度工作报告", "国务院新闻办公室发布年度工作报告 - 本站新闻 Bench Daily"}
	lines := testPageLines(t)
	for i := 0; i < len(lines) && i < 400; i += 20 {
		texts = append(texts, lines[i])
	}
	for _, a := range texts {
		for _, b := range texts {
			if got, want := wordSimilarity(a, b), wordSimilarityRef(a, b); got != want {
				t.Errorf("wordSimilarity(%.40q, %.40q) = %v, before %v", a, b, got, want)
			}
		}
	}
}

// TestLowerWordsAsFields: lowerWords reads the words of
// strings.FieldsFunc over the lowered text, on random joins of ASCII in
// both cases, ideographs of the block and beside it, other letters that
// lower (İ, Σ, the Kelvin sign), digits, punctuation and broken UTF-8.
func TestLowerWordsAsFields(t *testing.T) {
	pieces := []string{"国务院", "新闻", "办公室", "Bench", "DAILY", "daily", "a", "Z", "2024", "0", " ", "-", "·", "，", "。", "\t",
		"İ", "Σ", "\u212a", "ſ", "\u3400", "\U00020000", "\u9fff", "\u4e00", "\u4dff", "\ua000", "\xe4", "\xe4\xb8", "\xff", "_", "'"}
	rng := rand.New(rand.NewPCG(31, 32))
	for _, s := range randomJoins(rng, pieces, 8, 20000) {
		want := strings.FieldsFunc(strings.ToLower(s), notWordRune)
		var got []string
		for ws := newLowerWords(s); ; {
			w, ok := ws.next()
			if !ok {
				break
			}
			got = append(got, w)
		}
		if len(want) == 0 {
			want = nil
		}
		if !slices.Equal(got, want) {
			t.Fatalf("lowerWords(%q) = %q, FieldsFunc %q", s, got, want)
		}
	}
}
