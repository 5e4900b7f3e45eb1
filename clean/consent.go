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
	return spanOf(bw, openingBoxNode(bw))
}

// openingBoxNode is the element of openingBox, or nil.
func openingBoxNode(bw *blockWalk) *html.Node {
	first := firstTextRun(bw.runs)
	h1s := headlineRuns(bw.runs)
	if first < 0 || len(h1s) == 0 || bw.runs[first].owner == nil {
		return nil
	}
	var box *html.Node
	for n := bw.runs[first].owner; belowBody(n); n = n.Parent {
		st := bw.stats[n]
		if st == nil || st.start != first || st.end > h1s[0] || !controlShape(bw, st, n) {
			break
		}
		box = n
	}
	if box == nil || !formControl(box) {
		return nil
	}
	return box
}

// spanOf is the span of box's runs, the zero span for a nil box.
func spanOf(bw *blockWalk, box *html.Node) runSpan {
	if box == nil {
		return runSpan{}
	}
	st := bw.stats[box]
	return runSpan{st.start, st.end}
}

// controlShape reports an element of at most boxMaxUnits of text, no
// heading, and one to appealMaxProse paragraphs of prose.
func controlShape(bw *blockWalk, st *elemStats, n *html.Node) bool {
	if st.units > boxMaxUnits(n) {
		return false
	}
	prose, headed := boxProse(bw, st)
	return !headed && prose >= 1 && prose <= appealMaxProse
}

// boxProse counts the paragraphs of prose among an element's runs and
// reports whether one of its runs is a heading.
func boxProse(bw *blockWalk, st *elemStats) (prose int, headed bool) {
	for _, r := range bw.runs[st.start:st.end] {
		headed = headed || r.heading
		if proseRun(r) {
			prose++
		}
	}
	return prose, headed
}

// closingBoxNode returns a box of controls that ends the page's text
// after its last headline, nil when there is none: the outermost
// element below the <body> that holds the page's last run outside
// chrome, starts after the page's last <h1> and a
// paragraph of prose after it (proseBetween: a short page's whole text,
// a search form at its end, is no box), has the shape of a box of
// controls (controlShape) and holds a form field, a button or an
// element marked role="button" (choiceControls: a consent notice's
// "Accept" is often a link so marked). A consent notice pinned to the
// bottom of the screen sits at the end of the markup, after the footer
// ("We use cookies… [Accept] [Reject] [Settings]"): on a short page
// whose blocks carry no names its paragraph outscores a story of one
// paragraph, as openingBox's does above the headline. genericRoots
// weighs it as text named as chrome. A page without an <h1> has none.
func closingBoxNode(bw *blockWalk) *html.Node {
	box, _ := closingBoxFound(bw)
	return box
}

// closingBoxFound is closingBoxNode's box, or nil, and whether it
// has a banner's shape (bannerShape): genericRoots gives a banner's
// paragraphs no worth at all, where weighed as text named as chrome
// three or four of them still outscored a story of one paragraph whose
// headline stands in an element of its own.
func closingBoxFound(bw *blockWalk) (*html.Node, bool) {
	last := lastTextRun(bw.runs)
	h1s := headlineRuns(bw.runs)
	if last < 0 || len(h1s) == 0 || bw.runs[last].owner == nil {
		return nil, false
	}
	var box *html.Node
	isBanner := false
	for n := bw.runs[last].owner; belowBody(n); n = n.Parent {
		st := bw.stats[n]
		if st == nil || st.start <= h1s[len(h1s)-1] || !proseBetween(bw.runs, h1s[len(h1s)-1]+1, st.start) {
			break
		}
		banner := bannerShape(bw, st, n, h1s[len(h1s)-1])
		if st.units > boxMaxUnits(n) && !banner {
			break
		}
		if banner || controlShape(bw, st, n) { // the row of buttons alone holds no prose
			box, isBanner = n, banner
		}
	}
	if box == nil || !choiceControls(box, 1) {
		return nil, false
	}
	return box, isBanner
}

// bannerMaxProse is the most paragraphs of prose a banner after the
// site's footer holds (bannerShape): a consent notice or an appeal that
// explains itself at length over its choices.
const bannerMaxProse = 4

// bannerShape reports a box of controls after the site's footer, of any
// size: an element whose runs follow a copyright line outside it that
// follows the page's last <h1> at run h1 (copyrightBetween: nothing of
// the story comes after the footer), holding no heading, one to
// bannerMaxProse paragraphs of prose and a choice of at least two
// controls (choiceControls). A consent notice or a call to give pinned
// to the bottom of the screen sits there in the markup and may run to
// three or four paragraphs, longer than a short story; by its place and
// its choice of controls, not its size, it is no part of the story. A
// story's last section with a form ("Respond") sits before the footer.
func bannerShape(bw *blockWalk, st *elemStats, n *html.Node, h1 int) bool {
	if !copyrightBetween(bw.runs, h1+1, st.start) || !choiceControls(n, 2) {
		return false
	}
	prose, headed := boxProse(bw, st)
	return !headed && prose >= 1 && prose <= bannerMaxProse
}

// copyrightBetween reports a copyright line (copyrightRe) outside chrome
// among runs[i:j]: the site's footer.
func copyrightBetween(runs []run, i, j int) bool {
	for k := max(i, 0); k < j && k < len(runs); k++ {
		if !runs[k].chrome && copyrightRe.MatchString(runs[k].text) {
			return true
		}
	}
	return false
}

// proseBetween reports a paragraph of prose (proseRun) among runs[i:j].
func proseBetween(runs []run, i, j int) bool {
	for k := i; k < j && k < len(runs); k++ {
		if proseRun(runs[k]) {
			return true
		}
	}
	return false
}

// boxMaxUnits is the most text a box of controls (openingBox, closingBoxNode)
// holds: appealMaxUnits, or twice that when n offers the reader a choice
// of at least two controls (choiceControls). A consent notice that
// explains itself in two long paragraphs over [Accept] [Reject]
// [Settings] is past an appeal's size, but a story's part ending in a
// single button or field is not such a box by its size alone: a choice
// between controls is the banner's mark, not its length. The paragraphs
// of prose stay limited (appealMaxProse), so the box is never a story.
func boxMaxUnits(n *html.Node) int {
	if choiceControls(n, 2) {
		return 2 * appealMaxUnits
	}
	return appealMaxUnits
}

// choiceControls reports at least k controls under n: form fields or
// buttons (formControl's kinds) and elements marked role="button".
func choiceControls(n *html.Node, k int) bool {
	c := 0
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && (isFormControl(d) || buttonRole(d)) {
			if c++; c >= k {
				return true
			}
		}
	}
	return false
}
