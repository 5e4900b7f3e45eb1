package search

import (
	"strings"
	"unicode"
)

// isCJK says whether r is written without spaces between words.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
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
	eachRun(text, func(run []rune, cjk bool) {
		if !cjk {
			out = append(out, strings.ToLower(string(run)))
			return
		}
		for i := range run {
			out = append(out, string(run[i]))
			if i+1 < len(run) {
				out = append(out, string(run[i:i+2]))
			}
		}
	})
	return out
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
	eachRun(q, func(run []rune, cjk bool) {
		switch {
		case !cjk:
			add(strings.ToLower(string(run)))
		case len(run) == 1:
			add(string(run))
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

// eachRun calls fn with each run of word characters of text and each run
// of CJK characters, in order; everything else separates runs.
func eachRun(text string, fn func(run []rune, cjk bool)) {
	var run []rune
	cjkRun := false
	flush := func() {
		if len(run) > 0 {
			fn(run, cjkRun)
			run = run[:0]
		}
	}
	for _, r := range text {
		switch {
		case isCJK(r):
			if !cjkRun {
				flush()
			}
			cjkRun = true
			run = append(run, r)
		case isWord(r):
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
}
