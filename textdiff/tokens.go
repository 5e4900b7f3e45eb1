package textdiff

import (
	"strings"
	"unicode"
)

// tokens splits a paragraph into diff units: one per CJK character, one
// per run of other letters and digits, one per other character.
func tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		word := (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r)
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		out = append(out, string(r))
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// similarityOf is the share of tokens two token lists have in common
// (2·LCS / total), 0 for two empty ones.
func similarityOf(ta, tb []string) float64 {
	if len(ta)+len(tb) == 0 {
		return 0
	}
	pairs, _ := lcs(ta, tb)
	n := len(pairs)
	return 2 * float64(n) / float64(len(ta)+len(tb))
}

// Span is a run of a compared paragraph: text both have (Equal), that
// only a has (Removed) or that only b has (Added).
type Span struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// Spans compares paragraph a with paragraph b token by token (CJK
// characters, words, other characters) and returns the runs of both in
// reading order, a removal before the addition that replaces it, adjacent
// equal tokens joined. The Equal and Removed spans spell a, the Equal and
// Added ones b: a side-by-side view draws each side from them.
func Spans(a, b string) []Span {
	spans, _ := spansOf(a, b)
	return spans
}

// spansOf is Spans, and whether they come from a longest common
// subsequence of the tokens (lcs's exact).
func spansOf(a, b string) ([]Span, bool) {
	ta, tb := tokens(a), tokens(b)
	var out []Span
	add := func(kind string, toks []string) {
		if len(toks) == 0 {
			return
		}
		text := strings.Join(toks, "")
		if n := len(out); n > 0 && out[n-1].Kind == kind {
			out[n-1].Text += text
			return
		}
		out = append(out, Span{Kind: kind, Text: text})
	}
	i, j := 0, 0
	pairs, exact := lcs(ta, tb)
	for _, m := range pairs {
		add(Removed, ta[i:m[0]])
		add(Added, tb[j:m[1]])
		add(Equal, tb[m[1]:m[1]+1])
		i, j = m[0]+1, m[1]+1
	}
	add(Removed, ta[i:])
	add(Added, tb[j:])
	return out, exact
}

func mark(spans []Span) string {
	var sb strings.Builder
	for _, s := range spans {
		switch s.Kind {
		case Removed:
			sb.WriteString("[-" + s.Text + "-]")
		case Added:
			sb.WriteString("{+" + s.Text + "+}")
		default:
			sb.WriteString(s.Text)
		}
	}
	return sb.String()
}
