package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// firstCJK is below every character of the scripts isCJK names (Hangul
// Jamo start there; Han, kana and Hangul syllables later): most text
// never reaches them, and the table lookups cost more than the rest of
// the tokenizing.
const firstCJK = 0x1100

// isCJK says whether r is written without spaces between words.
func isCJK(r rune) bool {
	return r >= firstCJK && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isWord says whether r belongs to a token of a space-separated script.
func isWord(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r)
}

// Tokens returns the tokens of text for the index, in order, repeats
// kept: each word lower-cased; each CJK character, and each pair of
// neighbouring CJK characters.
func Tokens(text string) []string {
	var out []string
	eachToken(text, func(t string) { out = append(out, t) })
	return out
}

// eachToken calls fn with each token of text, in Tokens' order. A token
// is a substring of text unless lower-casing changed it, so that counting
// a text's tokens allocates only for its capitalised words.
func eachToken(text string, fn func(string)) {
	eachSpan(text, func(run string, cjk bool) {
		if !cjk {
			fn(strings.ToLower(run))
			return
		}
		for i := 0; i < len(run); {
			_, w := utf8.DecodeRuneInString(run[i:])
			fn(run[i : i+w])
			if j := i + w; j < len(run) {
				_, w2 := utf8.DecodeRuneInString(run[j:])
				fn(run[i : j+w2])
			}
			i += w
		}
	})
}

// eachSpan calls fn with each run of word characters of text and each
// run of CJK characters, in order, as the substring of text it is;
// everything else separates runs (a byte that is not UTF-8 decodes as
// U+FFFD, which does), so a run is valid UTF-8.
func eachSpan(text string, fn func(run string, cjk bool)) {
	start, cjkRun := -1, false
	for i, r := range text {
		cjk := isCJK(r)
		switch {
		case cjk || isWord(r):
			if start >= 0 && cjk != cjkRun {
				fn(text[start:i], cjkRun)
				start = -1
			}
			if start < 0 {
				start = i
			}
			cjkRun = cjk
		case start >= 0:
			fn(text[start:i], cjkRun)
			start = -1
		}
	}
	if start >= 0 {
		fn(text[start:], cjkRun)
	}
}

// queryTokens returns the tokens a document must hold to match q, each
// once: its words, and for each CJK run its pairs (the character itself
// when the run is one character long).
func queryTokens(q string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	eachSpan(q, func(span string, cjk bool) {
		run := []rune(span)
		switch {
		case !cjk:
			add(strings.ToLower(span))
		case len(run) == 1:
			add(span)
		default:
			for i := 0; i+1 < len(run); i++ {
				add(string(run[i : i+2]))
			}
		}
	})
	return out
}

// Terms returns what a reader looks for in a text that matched q: each
// space-separated part of q that holds a token, lower-cased, longest
// first (a snippet marks them).
func Terms(q string) []string {
	var out []string
	for _, f := range strings.Fields(q) {
		if len(queryTokens(f)) > 0 {
			out = append(out, strings.ToLower(f))
		}
	}
	sortLongestFirst(out)
	return out
}

func sortLongestFirst(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && len([]rune(s[j])) > len([]rune(s[j-1])); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
