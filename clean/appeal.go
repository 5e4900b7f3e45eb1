package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// withoutBox returns runs without those inside box: the box of an appeal
// to the reader after the story's text (appealBox), a call to give, to
// subscribe, to sign up, set under a short story in a container of its
// own. When the story is one paragraph such a box holds as much prose as
// the story, scores as high, and stays with it whatever it is named.
func withoutBox(runs []run, box *html.Node) []run {
	out := runs[:0:0]
	for _, r := range runs {
		if r.owner == nil || r.owner != box && !deeper(r.owner, box) {
			out = append(out, r)
		}
	}
	return out
}

// appealMaxProse is the most paragraphs of prose an appeal's box holds.
const appealMaxProse = 2

// appealMaxUnits is the most text an appeal's box holds: two cards'
// worth (cardUnits), a heading and two paragraphs of a few lines.
const appealMaxUnits = 2 * cardUnits

// appealBox returns the box of an appeal after the text's first paragraph
// of prose, or nil when there is none. It is known by its shape, not its
// words: an element that a heading opens (labelledSection), or that a
// paragraph of prose opens and that holds a form field or a button
// (formControl: a newsletter box of a line and a form, no heading), standing
// apart from the parent of the text's first paragraph of prose and after
// it, holding one or two paragraphs of prose and a control the reader is
// to act on (appealShape), that ends the story (no paragraph of prose
// follows it in the element around it and the story) and weighs on the
// text (bioWeighs: a fifth of the text before it). A part of the story
// under its own heading ("Background", "At a glance") has no control, or
// more prose after it; under a long story a box of a few lines is left to
// the hints.
func appealBox(bw *blockWalk, h *html.Node, runs []run) *html.Node {
	first := -1
	for i, r := range runs {
		if first < 0 {
			if proseRun(r) && r.owner != nil && r.owner.Parent != nil {
				first = i
			}
			continue
		}
		if r.owner == nil || !r.heading && !proseRun(r) {
			continue
		}
		body := runs[first].owner.Parent
		st := bw.stats[r.owner]
		if st == nil {
			continue
		}
		box := labelledSection(bw, r.owner, st.start)
		if box == r.owner || box == body || deeper(body, box) || !r.heading && !formControl(box) || !appealShape(bw, box, h, storyOf(h, body)) {
			continue
		}
		if !proseOutside(runs[i+1:], box, commonAncestor(box, body)) && bioWeighs(bw, box, runs[:i]) {
			return box
		}
	}
	return nil
}

// storyOf is the element around the page's headline h and body, the
// parent of the text's first paragraph of prose: the story's own
// element. Nil when there is no headline.
func storyOf(h, body *html.Node) *html.Node {
	if h == nil {
		return nil
	}
	if deeper(body, h) {
		return h
	}
	return commonAncestor(h, body)
}

// appealShape reports a box of at most appealMaxUnits, one or two
// paragraphs of prose (appealMaxProse) and no <h1> nor the page's
// headline h, with a control in it: a form field or a button
// (formControl), or a link alone on its last line (linkAlone). A link alone on
// its last line is a control only for a box outside story, the element
// around the headline and the text (storyOf): inside it, a section of
// the story ("How to apply") may end with the link it speaks of, and
// only a button or a field marks an appeal there.
func appealShape(bw *blockWalk, box, h, story *html.Node) bool {
	st := bw.stats[box]
	if st.units > appealMaxUnits || h != nil && deeper(h, box) {
		return false
	}
	prose := 0
	for _, r := range bw.runs[st.start:st.end] {
		if r.heading && r.owner != nil && r.owner.DataAtom == atom.H1 {
			return false // the story's own element, whatever else it holds
		}
		if proseRun(r) {
			prose++
		}
	}
	if prose < 1 || prose > appealMaxProse {
		return false
	}
	return formControl(box) || story != nil && !deeper(box, story) && linkAlone(bw, box)
}

// formControl reports a form field or a button in box (which the walk
// leaves out: <button>, an <input> that is not hidden, <select>,
// <textarea>).
func formControl(box *html.Node) bool {
	for n := range box.Descendants() {
		if n.Type == html.ElementNode && isFormControl(n) {
			return true
		}
	}
	return false
}

// isFormControl reports n, an element, that is a form field or a button:
// <button>, an <input> that is not hidden, <select>, <textarea>.
func isFormControl(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Button, atom.Select, atom.Textarea:
		return true
	case atom.Input:
		return !strings.EqualFold(strings.TrimSpace(attr(n, "type")), "hidden")
	}
	return false
}

// linkAlone reports a link alone on box's last line that ends no
// sentence ("Give now", "Sign up").
func linkAlone(bw *blockWalk, box *html.Node) bool {
	st := bw.stats[box]
	last := bw.runs[st.end-1]
	return !last.heading && last.units > 0 && last.linkUnits == last.units && !sentenceEnd(last.text)
}

// proseOutside reports whether a paragraph of prose outside box but
// inside story is among runs.
func proseOutside(runs []run, box, story *html.Node) bool {
	for _, r := range runs {
		if proseRun(r) && r.owner != nil && !deeper(r.owner, box) && deeper(r.owner, story) {
			return true
		}
	}
	return false
}
