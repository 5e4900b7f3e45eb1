// Package textdiff compares two clean texts paragraph by paragraph, the way
// an archivist reads a copy against its original: which paragraphs the
// copy added, removed or changed, and within a changed paragraph which
// characters (CJK) or words (other scripts).
//
// Paragraphs are separated by blank lines ("\n\n", or "\n" when a text has
// no blank line). Two paragraphs are equal when their trimmed text is
// equal. Paragraphs are aligned by a longest common subsequence; a removed
// and an added paragraph that sit in the same gap and share at least half
// their tokens are reported as one changed paragraph.
package textdiff

import (
	"strings"
)

// Op kinds.
const (
	Equal   = "equal"
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Op is one paragraph of the comparison. AIndex and BIndex are the
// paragraph's index in A and in B, -1 when it is not there.
type Op struct {
	Kind   string `json:"kind"`
	AIndex int    `json:"a_index"`
	BIndex int    `json:"b_index"`
	A      string `json:"a,omitempty"`
	B      string `json:"b,omitempty"`
	Marked string `json:"marked,omitempty"` // changed: B with [-old-]{+new+} marks
}

// Paragraphs splits a text into trimmed, non-empty paragraphs.
func Paragraphs(text string) []string {
	sep := "\n\n"
	if !strings.Contains(text, sep) {
		sep = "\n"
	}
	var out []string
	for _, p := range strings.Split(text, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Diff compares text a (the original) with text b (the copy) and returns
// every paragraph in order, equal ones included.
func Diff(a, b string) []Op {
	pa, pb := Paragraphs(a), Paragraphs(b)
	var out []Op
	var gapA, gapB []int
	flush := func() {
		out = append(out, pairGap(pa, pb, gapA, gapB)...)
		gapA, gapB = nil, nil
	}
	i, j := 0, 0
	for _, m := range lcs(len(pa), len(pb), func(i, j int) bool { return pa[i] == pb[j] }) {
		for ; i < m[0]; i++ {
			gapA = append(gapA, i)
		}
		for ; j < m[1]; j++ {
			gapB = append(gapB, j)
		}
		flush()
		out = append(out, Op{Kind: Equal, AIndex: i, BIndex: j, A: pa[i], B: pb[j]})
		i, j = i+1, j+1
	}
	for ; i < len(pa); i++ {
		gapA = append(gapA, i)
	}
	for ; j < len(pb); j++ {
		gapB = append(gapB, j)
	}
	flush()
	return out
}

// Changes returns the ops of Diff that are not Equal.
func Changes(ops []Op) []Op {
	var out []Op
	for _, op := range ops {
		if op.Kind != Equal {
			out = append(out, op)
		}
	}
	return out
}

// pairGap turns the unmatched paragraphs between two matches into ops:
// each removed paragraph is paired, in order, with the first later added
// one that is similar enough; the rest are removed or added.
func pairGap(pa, pb []string, ga, gb []int) []Op {
	var out []Op
	next := 0
	for _, i := range ga {
		k := next
		for k < len(gb) && similarity(pa[i], pb[gb[k]]) < 0.5 {
			k++
		}
		if k == len(gb) {
			out = append(out, Op{Kind: Removed, AIndex: i, BIndex: -1, A: pa[i]})
			continue
		}
		for ; next < k; next++ {
			out = append(out, Op{Kind: Added, AIndex: -1, BIndex: gb[next], B: pb[gb[next]]})
		}
		j := gb[k]
		out = append(out, Op{Kind: Changed, AIndex: i, BIndex: j, A: pa[i], B: pb[j], Marked: Mark(pa[i], pb[j])})
		next = k + 1
	}
	for ; next < len(gb); next++ {
		out = append(out, Op{Kind: Added, AIndex: -1, BIndex: gb[next], B: pb[gb[next]]})
	}
	return out
}
