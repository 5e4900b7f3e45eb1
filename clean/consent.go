package clean

import "golang.org/x/net/html"

// openingBox returns the span of the runs of a box of controls that opens
// the page's text above its headline, the zero span when there is none.
// It is known by its place and shape, not its words: the outermost
// element below the <body> whose first run is the page's first run
// outside chrome, holding no heading, at most appealMaxUnits of text and
// appealMaxProse paragraphs of prose, and a form field or a button
// (formControl), that ends before the page's first <h1>. A consent notice
// ("We use cookies… [Accept] [Settings]") is such a box: on a short page
// whose blocks carry no names its paragraph, long and comma-laden,
// outscores a story of one paragraph. genericRoots weighs it as text
// named as chrome. A page without an <h1> has none: its first block
// may be the story, a button under it.
func openingBox(bw *blockWalk) runSpan {
	first := firstTextRun(bw.runs)
	h1s := headlineRuns(bw.runs)
	if first < 0 || len(h1s) == 0 || bw.runs[first].owner == nil {
		return runSpan{}
	}
	var box *html.Node
	for n := bw.runs[first].owner; belowBody(n); n = n.Parent {
		st := bw.stats[n]
		if st == nil || st.start != first || st.end > h1s[0] || !controlShape(bw, st) {
			break
		}
		box = n
	}
	if box == nil || !formControl(box) {
		return runSpan{}
	}
	st := bw.stats[box]
	return runSpan{st.start, st.end}
}

// controlShape reports an element of at most appealMaxUnits of text, no
// heading, and one to appealMaxProse paragraphs of prose.
func controlShape(bw *blockWalk, st *elemStats) bool {
	if st.units > appealMaxUnits {
		return false
	}
	prose := 0
	for _, r := range bw.runs[st.start:st.end] {
		if r.heading {
			return false
		}
		if proseRun(r) {
			prose++
		}
	}
	return prose >= 1 && prose <= appealMaxProse
}
