// Package textdiff compares two clean texts paragraph by paragraph, the way
// an archivist reads a copy against its original: which paragraphs the
// copy added, removed or changed, and within a changed paragraph which
// characters (CJK) or words (other scripts).
//
// Paragraphs are separated by blank lines ("\n\n", or "\n" when a text has
// no blank line). Two paragraphs are equal when their trimmed text is
// equal. Paragraphs are aligned by a longest common subsequence; a removed
// and an added paragraph that sit in the same gap and share at least half
// their tokens, or the added one being the start of the removed one (cut
// short), are reported as one changed paragraph; a removed paragraph with
// the same text as an added one is reported as moved. An alignment costs
// in proportion to the length times the number of differences, within a
// bound (maxCells, maxSteps); texts or paragraphs too long and too different for it
// are aligned in part, and the ops say so (Op.Note).
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
	// MovedTo, on a removed paragraph, is the index in B of an added
	// paragraph with the same text: the paragraph moved there. MovedFrom,
	// on that added paragraph, is the removed one's index in A.
	MovedTo   *int `json:"moved_to,omitempty"`
	MovedFrom *int `json:"moved_from,omitempty"`
	// CutShort, on a changed paragraph, says B is the start of A and
	// nothing more: the copy's paragraph was cut short.
	CutShort bool `json:"cut_short,omitempty"`
	// Note says when the op is less than the comparison promises: the
	// texts or paragraphs were too long and too different to compare
	// within the bounds (NoteParagraphs, NoteMarks, NotePaired).
	Note string `json:"note,omitempty"`
}

// Notes an Op may carry.
const (
	// NoteParagraphs: not every paragraph could be aligned; a paragraph
	// reported removed and one added may be the same, moved or unchanged.
	NoteParagraphs = "texts too long and different to align every paragraph: some removed and added paragraphs may be unchanged"
	// NoteMarks: not every word or character of a changed paragraph
	// could be aligned; some marked removed and added may be unchanged.
	NoteMarks = "paragraph too long and different to mark every change: some marked removed and added text may be unchanged"
	// NotePaired: too many removed and added paragraphs to look for
	// changed ones among them all; some may be one changed paragraph.
	NotePaired = "too many removed and added paragraphs to pair them all: some may be one changed paragraph"
)

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
	pairs, exact := lcs(pa, pb)
	budget := maxPairCells
	flush := func() {
		out = append(out, pairGap(pa, pb, gapA, gapB, &budget)...)
		gapA, gapB = nil, nil
	}
	i, j := 0, 0
	for _, m := range pairs {
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
	moves(out)
	if !exact {
		for k := range out {
			if out[k].Kind != Equal {
				out[k].Note = NoteParagraphs
			}
		}
	}
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

// maxPairCells bounds the work of one Diff's pairGap: the sum, over the
// paragraphs it compares, of their token counts multiplied (at most what
// one alignment may spend, maxCells and maxSteps).
const maxPairCells = 1 << 28

// pairGap turns the unmatched paragraphs between two matches into ops:
// each removed paragraph is paired, in order, with the first later added
// one that is similar enough; the rest are removed or added. Each
// comparison takes its cost from budget; when it is spent, the paragraphs
// not yet compared are removed or added, with NotePaired.
func pairGap(pa, pb []string, ga, gb []int, budget *int) []Op {
	var out []Op
	next := 0
	note := ""
	for _, i := range ga {
		k := next
		for k < len(gb) && !similar(pa[i], pb[gb[k]], budget) {
			k++
		}
		if *budget < 0 {
			note = NotePaired
		}
		if k == len(gb) {
			out = append(out, Op{Kind: Removed, AIndex: i, BIndex: -1, A: pa[i], Note: note})
			continue
		}
		for ; next < k; next++ {
			out = append(out, Op{Kind: Added, AIndex: -1, BIndex: gb[next], B: pb[gb[next]]})
		}
		out = append(out, changed(pa, pb, i, gb[k]))
		next = k + 1
	}
	for ; next < len(gb); next++ {
		out = append(out, Op{Kind: Added, AIndex: -1, BIndex: gb[next], B: pb[gb[next]], Note: note})
	}
	return out
}

// moves pairs each removed paragraph with the first added one, not yet
// paired, of the same text: the paragraph moved.
func moves(ops []Op) {
	added := map[string][]int{} // text → indexes in ops of added paragraphs
	for k, op := range ops {
		if op.Kind == Added {
			added[op.B] = append(added[op.B], k)
		}
	}
	for k := range ops {
		op := &ops[k]
		if op.Kind != Removed || len(added[op.A]) == 0 {
			continue
		}
		to := &ops[added[op.A][0]]
		added[op.A] = added[op.A][1:]
		toB, fromA := to.BIndex, op.AIndex
		op.MovedTo, to.MovedFrom = &toB, &fromA
	}
}

// minCut is the fewest tokens a paragraph of the copy that is the start
// of one of the original's needs to pair with it as that paragraph cut
// short, however much shorter: fewer could begin many paragraphs.
const minCut = 8

// cutShort says whether b is the start of a, shorter, of minCut tokens
// at least.
func cutShort(a, b string) bool {
	return len(b) < len(a) && strings.HasPrefix(a, b) && len(tokens(b)) >= minCut
}

// changed is paragraph i of pa changed into paragraph j of pb.
func changed(pa, pb []string, i, j int) Op {
	spans, exact := spansOf(pa[i], pb[j])
	op := Op{Kind: Changed, AIndex: i, BIndex: j, A: pa[i], B: pb[j], Marked: mark(spans), CutShort: cutShort(pa[i], pb[j])}
	if !exact {
		op.Note = NoteMarks
	}
	return op
}

// similar says whether paragraph b is a changed: they share at least
// half their tokens, or b is a cut short (cutShort). A comparison takes
// the product of their token counts from budget; once it is spent (below
// zero), it says no.
func similar(a, b string, budget *int) bool {
	if *budget < 0 {
		return false
	}
	if a == b {
		return false // the same text in one gap, left by an alignment in part: moved, not changed (moves)
	}
	if cutShort(a, b) {
		return true
	}
	ta, tb := tokens(a), tokens(b)
	if n := len(ta) + len(tb); n == 0 || 2*min(len(ta), len(tb)) < n/2 {
		return false // half their tokens cannot be common
	}
	if *budget -= min(len(ta)*len(tb), maxCells+maxSteps); *budget < 0 { // what lcs may spend on them
		return false
	}
	return similarityOf(ta, tb) >= 0.5
}
