package textdiff

import (
	"strings"
	"unicode"
)

// maxCells bounds the LCS table: longer inputs are compared as a whole
// (everything removed, everything added) rather than slowly.
const maxCells = 1 << 22

// lcs returns the index pairs of a longest common subsequence of two
// sequences of lengths n and m, in order.
func lcs(n, m int, eq func(i, j int) bool) [][2]int {
	if n == 0 || m == 0 || n*m > maxCells {
		return nil
	}
	// t[i][j]: LCS length of the suffixes from i and j.
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case eq(i, j):
				t[i][j] = t[i+1][j+1] + 1
			case t[i+1][j] >= t[i][j+1]:
				t[i][j] = t[i+1][j]
			default:
				t[i][j] = t[i][j+1]
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case eq(i, j):
			out = append(out, [2]int{i, j})
			i, j = i+1, j+1
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

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

// similarity is the share of tokens two paragraphs have in common
// (2·LCS / total), 0 for two empty ones.
func similarity(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta)+len(tb) == 0 {
		return 0
	}
	n := len(lcs(len(ta), len(tb), func(i, j int) bool { return ta[i] == tb[j] }))
	return 2 * float64(n) / float64(len(ta)+len(tb))
}

// Mark returns b with what differs from a marked: [-removed-] and
// {+added+}, in reading order, removals before additions.
func Mark(a, b string) string {
	ta, tb := tokens(a), tokens(b)
	var sb strings.Builder
	i, j := 0, 0
	emit := func(ti, tj int) {
		if i < ti {
			sb.WriteString("[-" + strings.Join(ta[i:ti], "") + "-]")
		}
		if j < tj {
			sb.WriteString("{+" + strings.Join(tb[j:tj], "") + "+}")
		}
	}
	for _, m := range lcs(len(ta), len(tb), func(i, j int) bool { return ta[i] == tb[j] }) {
		emit(m[0], m[1])
		sb.WriteString(tb[m[1]])
		i, j = m[0]+1, m[1]+1
	}
	emit(len(ta), len(tb))
	return sb.String()
}
