package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Form boxes inside the article: a newsletter sign-up after the story, a
// "get quotes from pros near you" box around a zip code field, an "enter
// your email for free updates" line. The fields go with every control
// (dropTags), but the lines around them stay and read as the story's
// last paragraphs. Readability.js cleans a form, fieldset, table, list
// or div conditionally: one with under ten commas and more <input>
// elements than a third of its paragraphs goes. Here a section is such a
// box too, only fields one types into count (textField), and the commas
// are a weight instead, as for a class hint (chromeByClass): the box goes
// when its paragraphs score under formCost, so that a field among
// paragraphs of the story ("type your street below") leaves them in it.

// formCost is the paragraph score (runScore) a box around text fields must
// hold to stay: what a block named as chrome by a strong hint must hold
// (hintCost a point, two points).
const formCost = 2 * hintCost

// textField reports an <input> that one types into, the field of a form
// that asks something of the reader: not a hidden value (ASP.NET wraps
// whole pages in a <form> with hidden fields), a button, a check box or
// a radio button (a font size switch, a poll, a print button).
func textField(n *html.Node) bool {
	switch strings.ToLower(strings.TrimSpace(attr(n, "type"))) {
	case "", "text", "email", "search", "tel", "number", "password", "url":
		return true
	}
	return false
}

// formRuns returns a test of the runs of roots (by index into bw.runs)
// that lie in a form box (formBox): nil when there are none. What is
// left of roots must still be an article, at least retryUnits of text
// and no less than what goes, as for teasers (teaserRuns).
func formRuns(bw *blockWalk, roots []*html.Node) func(i int) bool {
	if len(bw.fields) == 0 {
		return nil
	}
	var drop []*html.Node
	for n, fields := range fieldsIn(bw, roots) {
		if formBox(bw, n, fields) {
			drop = append(drop, n)
		}
	}
	return dropRuns(bw, roots, drop, false)
}

// fieldsIn counts the text fields (bw.fields) inside each element strictly
// inside roots: the elements between a field's block and a root.
func fieldsIn(bw *blockWalk, roots []*html.Node) map[*html.Node]int {
	root := make(map[*html.Node]bool, len(roots))
	for _, r := range roots {
		root[r] = true
	}
	count := map[*html.Node]int{}
	var chain []*html.Node
	for _, owner := range bw.fields {
		chain = chain[:0]
		for n := owner; n != nil; n = n.Parent {
			if root[n] {
				for _, c := range chain {
					count[c]++
				}
				break
			}
			chain = append(chain, n)
		}
	}
	return count
}

// formBox reports a box around fields text fields that asks the reader to
// type rather than tells a story: a form, fieldset, div, section, list or
// table of at most cardUnits of text, with more fields than a third of
// its paragraphs, whose paragraphs score under formCost.
func formBox(bw *blockWalk, n *html.Node, fields int) bool {
	switch n.DataAtom {
	case atom.Form, atom.Fieldset, atom.Div, atom.Section, atom.Ul, atom.Table:
	default:
		return false
	}
	st := bw.stats[n]
	if st == nil || st.units == 0 || st.units > cardUnits {
		return false
	}
	paras, score := 0, 0.0
	for _, r := range bw.runs[st.start:st.end] {
		if r.units >= minRunUnits && !r.heading {
			paras++
		}
		r.hinted = false // weighed once, by its own test (chromeByClass)
		score += runScore(&r)
	}
	return fields > paras/3 && score < formCost
}
