package clean

import (
	"regexp"

	"golang.org/x/net/html"
)

// copyrightExpr matches a copyright or rights line: "© 2024 …", "All
// rights reserved", "Copyright (c) …", "版权所有". junkRe drops such lines
// from the text; siteFooter knows the page's footer by one.
const copyrightExpr = `版权所有|all rights reserved|copyright\s*(?:©|\(c\)|\d{4})|©\s*\d{4}`

var copyrightRe = regexp.MustCompile(`(?i)` + copyrightExpr)

// A runSpan is runs[start:end] of a walk; the zero span holds none.
type runSpan struct{ start, end int }

// has reports whether i is a run of the span.
func (s runSpan) has(i int) bool { return i >= s.start && i < s.end }

// holds reports whether every run of an element, whose stats are st, is
// one of the span's (false for an element without runs).
func (s runSpan) holds(st *elemStats) bool {
	return st != nil && st.start < st.end && st.start >= s.start && st.end <= s.end
}

// siteFooter returns the span of the page's footer's runs, the zero span
// when it finds none. The footer is known by its place and its
// copyright line, not by a name: the highest element around the page's
// last copyright line (copyrightRe) that ends the page's text (no run
// outside chrome follows it), holds no <h1>, lies below the <body>, and
// holds under half of the page's text outside links and chrome. On a
// short page whose blocks carry no names, the footer's paragraphs (what
// the site is, its address and telephone, comma-laden) score as high as
// a story of one or two paragraphs; genericRoots weighs them as it weighs
// text named as chrome (hintDiscount). A copyright line inside the
// story's own element (a blog post's "© 2024 the author") leaves at most
// the line itself weighed so: the story's element holds its headline or
// most of the page's text.
func siteFooter(bw *blockWalk) runSpan {
	last := lastTextRun(bw.runs)
	if last < 0 {
		return runSpan{}
	}
	at := -1
	for i := last; i >= 0; i-- {
		if r := bw.runs[i]; !r.chrome && copyrightRe.MatchString(r.text) {
			at = i
			break
		}
	}
	if at < 0 || bw.runs[at].owner == nil {
		return runSpan{}
	}
	total := proseTotal(bw.runs)
	h1s := headlineRuns(bw.runs)
	var foot *html.Node
	for n := bw.runs[at].owner; belowBody(n); n = n.Parent {
		st := bw.stats[n]
		if st == nil || st.end <= last || holdsHeadline(h1s, st) || 2*proseTotal(bw.runs[st.start:st.end]) >= total {
			break
		}
		foot = n
	}
	if foot == nil {
		return runSpan{}
	}
	st := bw.stats[foot]
	return runSpan{st.start, st.end}
}

// firstTextRun is the index of the first run outside chrome with text,
// -1 for none.
func firstTextRun(runs []run) int {
	for i := range runs {
		if textRun(runs[i]) {
			return i
		}
	}
	return -1
}

// lastTextRun is the index of the last run outside chrome with text, -1
// for none.
func lastTextRun(runs []run) int {
	for i := len(runs) - 1; i >= 0; i-- {
		if textRun(runs[i]) {
			return i
		}
	}
	return -1
}

// textRun reports a run outside chrome with text.
func textRun(r run) bool { return !r.chrome && r.units > 0 }

// proseTotal is the units of runs outside chrome and links.
func proseTotal(runs []run) int {
	n := 0
	for _, r := range runs {
		if !r.chrome {
			n += r.units - r.linkUnits
		}
	}
	return n
}
