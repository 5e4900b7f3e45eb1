package serve

import (
	"strings"
	"unicode"
)

// segment is a piece of a snippet, marked when it is a term searched for.
type segment struct {
	Text string
	Mark bool
}

// Snippet window, in characters around the first term found.
const (
	snippetBefore = 40
	snippetAfter  = 140
)

// snippet cuts from text a window around the first place any of terms
// (lower-cased) occurs, case-insensitively, and marks every occurrence of
// a term in it. Without one, it is the text's beginning, unmarked.
func snippet(text string, terms []string) []segment {
	rs := []rune(strings.Join(strings.Fields(text), " "))
	low := lowerRunes(rs)
	first := len(rs)
	for _, t := range terms {
		if i := indexRunes(low, []rune(t), 0); i >= 0 && i < first {
			first = i
		}
	}
	start := 0
	if first < len(rs) {
		start = max(0, first-snippetBefore)
	}
	end := min(len(rs), start+snippetBefore+snippetAfter)
	segs := highlight(rs[start:end], low[start:end], terms)
	if start > 0 {
		segs = append([]segment{{Text: "…"}}, segs...)
	}
	if end < len(rs) {
		segs = append(segs, segment{Text: "…"})
	}
	return segs
}

// highlight splits rs into segments, marking each occurrence of a term
// (low is rs lower-cased, rune for rune); longer terms win where terms
// overlap, as they are tried first.
func highlight(rs, low []rune, terms []string) []segment {
	var segs []segment
	plain := 0
	for i := 0; i < len(rs); {
		n := 0
		for _, t := range terms {
			tr := []rune(t)
			if len(tr) > 0 && hasRunesAt(low, tr, i) {
				n = len(tr)
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		if plain < i {
			segs = append(segs, segment{Text: string(rs[plain:i])})
		}
		segs = append(segs, segment{Text: string(rs[i : i+n]), Mark: true})
		i += n
		plain = i
	}
	if plain < len(rs) {
		segs = append(segs, segment{Text: string(rs[plain:])})
	}
	return segs
}

func lowerRunes(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = unicode.ToLower(r)
	}
	return out
}

func indexRunes(s, sub []rune, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if hasRunesAt(s, sub, i) {
			return i
		}
	}
	return -1
}

func hasRunesAt(s, sub []rune, i int) bool {
	if len(sub) == 0 || i+len(sub) > len(s) {
		return false
	}
	for j, r := range sub {
		if s[i+j] != r {
			return false
		}
	}
	return true
}
