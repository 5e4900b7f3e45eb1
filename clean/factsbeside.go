package clean

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// factsMinRows and factsMaxRows bound the records of a box of key facts
// beside a story (factsBox): a project's name, its owner, its dates and
// its cost, under a heading of their own.
const (
	factsMinRows = 2
	factsMaxRows = 6
)

// factsColumnLevels is how far above the article's best container the
// element that holds the page's <h1> is looked for (withFactsBeside): the
// story's paragraphs sit in a block of their own inside the headline's
// column.
const factsColumnLevels = 2

// withFactsBeside returns roots and, after them, a box of key facts
// (factsBox) that is the next block with text after the element holding
// best and the page's first <h1> (best itself, or an ancestor at most
// factsColumnLevels above it): the story's second column ("基本信息",
// "项目概况", "At a glance": a project's name, owner, dates and cost). It
// scores little for a few short records without commas, under the floor
// a sibling needs beside a long story (joinsBest), and lies beside the
// story's column rather than beside best. roots are returned unchanged
// when there is no such box or it is among them already.
func withFactsBeside(bw *blockWalk, best *html.Node, roots []*html.Node) []*html.Node {
	h1s := headlineRuns(bw.runs)
	if len(h1s) == 0 || best == nil {
		return roots
	}
	col := best
	for i := 0; i <= factsColumnLevels && col != nil && !holdsHeadline(h1s, bw.stats[col]); i++ {
		col = col.Parent
	}
	if col == nil || !holdsHeadline(h1s, bw.stats[col]) || !belowBody(col) {
		return roots
	}
	box := nextWithText(bw, col)
	if box == nil || slices.Contains(roots, box) || !factsBox(bw, box) {
		return roots
	}
	return append(roots, box)
}

// factsBox reports n, a block of at most appealMaxUnits without links,
// that opens with a heading of its own (no <h1>) over factsMinRows to
// factsMaxRows records, each a key and its value set off by a colon
// ("项目名称：车站路大桥维修工程", "Cost: £980,000"), and nothing else.
// A panel of the site's contacts has the same shape, but its values are
// a telephone number, an e-mail address or a postcode (contactMark): it
// is no box of the story's facts; nor is a box of the page's metadata
// ("Published: 3 March 2026", "Author: Anna Schmidt": metaRecord).
func factsBox(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if st == nil || st.end <= st.start || st.units > appealMaxUnits || st.linkUnits > 0 || st.links > 0 {
		return false
	}
	if r := bw.runs[st.start]; !r.heading || r.owner == nil || r.owner.DataAtom == atom.H1 {
		return false
	}
	rows := 0
	for _, r := range bw.runs[st.start+1 : st.end] {
		if r.units == 0 {
			continue
		}
		if r.heading || r.chrome || !colonRecord(r.text) || contactMark(r.text) || metaRecord(r.text) {
			return false
		}
		rows++
	}
	return rows >= factsMinRows && rows <= factsMaxRows
}

// colonRecord reports a line that is a key (pairKey) and a value set off
// by a colon: "Cost: £980,000", "项目名称：车站路大桥维修工程".
func colonRecord(t string) bool {
	i := strings.IndexAny(t, ":：")
	if i < 0 || strings.HasPrefix(t[i:], "://") {
		return false
	}
	value := strings.TrimSpace(strings.TrimLeft(t[i:], ":："))
	return value != "" && pairKey(strings.TrimSpace(t[:i]))
}

// contactMark reports a line holding a telephone number, an e-mail
// address or a postcode (address.go's marks): a line of a contact panel.
func contactMark(t string) bool {
	if emailMarkRe.MatchString(t) || postMarkRe.MatchString(t) {
		return true
	}
	m := phoneMarkRe.FindStringSubmatch(t)
	return m != nil && digitCount(m[1]) >= 9
}
