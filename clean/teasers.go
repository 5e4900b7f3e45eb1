package clean

import (
	"iter"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Repeated blocks inside the article. A page repeats one template for
// every item of a list: a grid of teaser cards after a story, the replies
// under a forum post, the posts of a blog's front page. The items share a
// signature (tag and class names) and a parent; what they hold tells the
// kinds apart:
//
//   - cards are short and led by a link (a linked headline, under a
//     linked thumbnail or not), whatever their share of text in links
//     (teaserRuns drops them after the article's prose);
//   - replies end in a sign-off, a name and a time (teaserRuns drops them
//     after the opening post);
//   - posts are longer than cards and led by a link, their permalinked
//     title or their author (firstPost keeps only the first).
//
// An article cut into one block per paragraph or per section shares a
// signature too, but its blocks are led by text or by a heading that
// links nowhere and hold no sign-off: it is kept. So is a bulleted list
// whose points start with a link: a list item is a card only under a
// linked image.
//
// The groups are found from the block walk's stats (elements in document
// order, each with its range of runs), without another walk of the tree.

// cardUnits is the most text a teaser card holds: a headline, two or
// three lines of summary and a byline.
const cardUnits = 400

// minGroup is how many siblings of one signature make a repeated template.
const minGroup = 3

// sibGroup is one parent's children of one signature, in document order.
type sibGroup struct {
	parent *html.Node
	sig    string
	items  []*html.Node
}

// groupsIn returns the sibling groups of minGroup or more elements with
// text inside root (root itself is no member): one pass over the walk's
// elements, no walk of the tree.
func groupsIn(bw *blockWalk, root *html.Node) []*sibGroup {
	rs := bw.stats[root]
	if rs == nil || rs.end-rs.start < minGroup {
		return nil
	}
	type key struct {
		parent *html.Node
		sig    string
	}
	elems := elementsIn(bw, root)
	kids := make(map[*html.Node]int, len(elems)/2)
	for _, n := range elems {
		kids[n.Parent]++
	}
	// Each element with siblings enough is numbered by its group (the
	// groups in the order they first appear), and only the groups of
	// minGroup or more are made: most pairs of parent and signature have
	// one element, and a group and a slice of items each were most of the
	// allocations here.
	idx := map[key]int{}
	var sigs []string // of each group
	var sizes []int   // elements in each group
	of := make([]int, len(elems))
	for i, n := range elems {
		of[i] = -1
		if kids[n.Parent] < minGroup {
			continue // too few siblings: no signature to compute
		}
		k := key{n.Parent, threadSig(n)}
		g, ok := idx[k]
		if !ok {
			g = len(sizes)
			idx[k] = g
			sigs, sizes = append(sigs, k.sig), append(sizes, 0)
		}
		of[i] = g
		sizes[g]++
	}
	made := make([]*sibGroup, len(sizes))
	var out []*sibGroup
	for i, n := range elems {
		g := of[i]
		if g < 0 || sizes[g] < minGroup {
			continue
		}
		if made[g] == nil {
			made[g] = &sibGroup{parent: n.Parent, sig: sigs[g], items: make([]*html.Node, 0, sizes[g])}
		}
		made[g].items = append(made[g].items, n)
	}
	for _, g := range made {
		if g != nil {
			out = append(out, g)
		}
	}
	return out
}

// elementsIn returns the block elements with text strictly inside root, in
// document order. Their runs lie in root's range of runs; an element
// around root with no runs of its own outside it has the same range and
// is told apart by deeper.
func elementsIn(bw *blockWalk, root *html.Node) []*html.Node {
	rs := bw.stats[root]
	i, _ := slices.BinarySearchFunc(bw.order, rs.start, func(n *html.Node, start int) int {
		return bw.stats[n].start - start
	})
	var out []*html.Node
	for ; i < len(bw.order); i++ {
		n := bw.order[i]
		st := bw.stats[n]
		if st.start >= rs.end {
			break
		}
		if n == root || st.end == st.start || st.end > rs.end || !blockTags[n.DataAtom] || n.Parent == nil {
			continue
		}
		if st.start == rs.start && st.end == rs.end && !deeper(n, root) {
			continue // an ancestor of root holding no more text
		}
		out = append(out, n)
	}
	return out
}

// signature is an element's tag and its class names sorted.
func signature(n *html.Node) string {
	var buf [8]string
	toks := buf[:0]
	for t := range strings.FieldsSeq(strings.ToLower(attr(n, "class"))) {
		toks = append(toks, t)
	}
	if len(toks) == 0 {
		if s, ok := bareSignatures[n.DataAtom]; ok && s[:len(s)-1] == n.Data {
			return s // n.Data + ".", made once
		}
	}
	slices.Sort(toks)
	return n.Data + "." + strings.Join(slices.Compact(toks), ".")
}

// bareSignatures are the signatures of the block elements (groupsIn's
// elements) without a class a template gives: their tag and a dot, made
// once, not once an element. An element whose Data is not its atom's
// name (an SVG element's, written in mixed case) has its own made.
var bareSignatures = func() map[atom.Atom]string {
	m := make(map[atom.Atom]string, len(blockTags))
	for a := range blockTags {
		m[a] = a.String() + "."
	}
	return m
}()

// teaserRuns returns a test of the runs of roots (by index into bw.runs)
// that are teaser cards after the article's prose or replies after its
// opening post: nil when there are none. What is left of roots after the
// cards must still be an article, at least retryUnits of text and no less
// than what goes: a page that is only a grid of cards is a listing, whose
// cards are its text. Replies go however much they outweigh the post
// (dropRuns' replies): a long thread never replaces the article, and a
// short post above it is still the post. Signed items under a heading
// that counts responses to something else (responsesTo) are a part of
// the document, not replies.
func teaserRuns(bw *blockWalk, roots []*html.Node) func(i int) bool {
	var cards, replies []*html.Node
	prose := firstProse(bw, roots)
	proseBefore := func(n *html.Node) bool { return prose < bw.stats[n].start }
	for _, g := range rootGroups(bw, roots) {
		switch {
		case cardGroup(bw, g) && proseBefore(g.items[0]):
			cards = append(cards, g.items...)
		case replyGroup(bw, g) && !signedText(bw, g):
			label := postLabels(bw, g)
			for _, n := range g.items {
				if signedOffUnder(bw, n, label) && proseBefore(n) {
					replies = append(replies, n) // not the opening post
				}
			}
			if len(replies) > 0 && slices.Contains(replies, g.items[1]) {
				replies = append(replies, postStamp(bw, g.items[0])...) // the opening post's stamp
				replies = append(replies, postFurniture(bw, g.items[0], g.items[1:])...)
			}
		}
	}
	if len(replies) == 0 {
		replies = answerPair(bw, roots, prose)
	}
	for _, r := range roots {
		replies = append(replies, ruledSignatures(bw, r)...)
		if repliedTo(bw, r) {
			replies = append(replies, postStamp(bw, r)...)
			replies = append(replies, postFurniture(bw, r, signedReplies(bw, postsFrom(bw, r)))...)
		}
	}
	out := dropRuns(bw, roots, cards, false)
	if len(replies) == 0 {
		return out
	}
	if out == nil {
		cards = nil // a listing's cards stay; its replies go
	}
	return dropRuns(bw, roots, append(cards, replies...), true)
}

// rootGroups returns the sibling groups inside each of roots and, when
// roots are siblings, the group of those of one signature. The groups of
// the last roots asked about are kept in bw (they depend on the walk
// alone, not on scores): firstPost asks, then teaserRuns asks again of
// the same roots. Callers must not change the groups.
func rootGroups(bw *blockWalk, roots []*html.Node) []*sibGroup {
	if bw.groupsOf != nil && slices.Equal(bw.groupsOf, roots) {
		return bw.groups
	}
	out := rootGroupsOf(bw, roots)
	bw.groupsOf, bw.groups = append(make([]*html.Node, 0, len(roots)), roots...), out
	return out
}

// rootGroupsOf is rootGroups without the kept groups.
func rootGroupsOf(bw *blockWalk, roots []*html.Node) []*sibGroup {
	var out []*sibGroup
	for _, r := range roots {
		out = append(out, groupsIn(bw, r)...)
	}
	if len(roots) < minGroup {
		return out
	}
	bySig := map[string]*sibGroup{}
	for _, r := range roots {
		sig := threadSig(r)
		g := bySig[sig]
		if g == nil {
			g = &sibGroup{parent: r.Parent, sig: sig}
			bySig[sig] = g
		}
		g.items = append(g.items, r)
	}
	for _, r := range roots { // in document order, each group once
		if g := bySig[threadSig(r)]; g != nil && len(g.items) >= minGroup {
			out = append(out, g)
			delete(bySig, g.sig)
		}
	}
	return out
}

// firstProse returns the index of roots' first paragraph of prose (the
// lowest, whatever the order of roots), or len(bw.runs) when they hold
// none: an item of roots is after prose when it starts past it. Found
// once, not from the start again for each reply of a thread.
func firstProse(bw *blockWalk, roots []*html.Node) int {
	first := len(bw.runs)
	for _, root := range roots {
		rs := bw.stats[root]
		for i := rs.start; i < min(rs.end, first); i++ {
			if proseRun(bw.runs[i]) {
				first = i
				break
			}
		}
	}
	return first
}

// cardGroup reports a group of teaser cards: every item is a card.
func cardGroup(bw *blockWalk, g *sibGroup) bool {
	for _, n := range g.items {
		if !card(bw, n) {
			return false
		}
	}
	return true
}

// card reports a teaser card: short, its first line a link (the linked
// headline, under a thumbnail or not) with more lines under it or a
// linked image above it. A heading that links nowhere leads a section of
// the article or a feature of a product, and a list item of one line is
// a point of a list.
func card(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if st.units == 0 || st.units > cardUnits || st.links == 0 {
		return false
	}
	if !linkLine(bw.runs[st.start]) {
		return false // an image that opens in full above a caption is a gallery's
	}
	if n.DataAtom == atom.Li {
		return linkedImageFirst(n) // a point of a bulleted list may start with a link and go on below it
	}
	if n.DataAtom == atom.Table && figuredRecords(bw, n) {
		return false // one of several tables of figures: a round's results, a year's statistics
	}
	return st.end-st.start >= 2 || linkedImageFirst(n)
}

// figuredRecords reports a table of records (tableShape) most of whose
// rows set words or figures besides a date outside their links (a score,
// a count, a share): its rows are the author's data, though each starts
// with a linked name. A card built as a table has its headline and its
// summary in rows of one cell each, and a table of dated headlines has
// no more than a date beside each link.
func figuredRecords(bw *blockWalk, table *html.Node) bool {
	const want = shapeRecords | shapeWorded
	return tableShape(bw, table)&want == want
}

// linkedImageFirst reports an element whose first content is an image
// inside a link (a thumbnail that opens the story): an <img> or <picture>
// under an <a href> before any text. It looks at no more than imageLook
// nodes.
func linkedImageFirst(n *html.Node) bool {
	for c := range firstNodes(n, func(c *html.Node) bool { return dropTags[c.DataAtom] }) {
		switch {
		case c.Type == html.TextNode && hasLetter(c.Data):
			return false
		case c.DataAtom == atom.Img || c.DataAtom == atom.Picture:
			return linkedBelow(c, n)
		}
	}
	return false
}

// linkedBelow reports whether an element between c and its ancestor n
// (n left out) is a link.
func linkedBelow(c, n *html.Node) bool {
	for p := c.Parent; p != nil && p != n; p = p.Parent {
		if p.DataAtom == atom.A && isLink(p) {
			return true
		}
	}
	return false
}

// firstNodes yields the first imageLook nodes inside n in document order,
// not looking inside the elements skip names.
func firstNodes(n *html.Node, skip func(*html.Node) bool) iter.Seq[*html.Node] {
	return func(yield func(*html.Node) bool) {
		seen := 0
		var walk func(p *html.Node) bool
		walk = func(p *html.Node) bool {
			for c := p.FirstChild; c != nil; c = c.NextSibling {
				if seen++; seen > imageLook || !yield(c) {
					return false
				}
				if c.Type == html.ElementNode && !skip(c) && !walk(c) {
					return false
				}
			}
			return true
		}
		walk(n)
	}
}

// imageLook bounds the look into a card or a post for its first picture
// or link (firstNodes).
const imageLook = 40

// replyGroup reports replies: every item but the first is short of a
// story and ends in a sign-off (signedOff). The first item may be the
// opening post itself (a forum thread's posts share one template): the
// article's prose is in it, not before it, and teaserRuns keeps it.
func replyGroup(bw *blockWalk, g *sibGroup) bool {
	label := postLabels(bw, g)
	for _, n := range g.items[1:] {
		if !signedOffUnder(bw, n, label) {
			return false
		}
	}
	return true
}

// signedText reports a group of signed items that are the page's text,
// not replies to it: under a heading that counts responses to something
// the page does not head (responsesTo: a consultation's responses), or a
// live blog's entries of one day (dayLog).
func signedText(bw *blockWalk, g *sibGroup) bool {
	return bw.responsesTo(bw.stats[g.items[0]].start-1) || dayLog(bw, g)
}

// dayLog reports a group whose items are stamped with clock times
// alone: no line of any item, outside its paragraphs of prose, holds a
// date or an age (datedRe). A live blog's updates are one day's entries
// under one headline, each stamped "10:32" or "Jane Roe, 4:15 pm", and
// they are the article; readers' replies span days, and their stamps
// say which ("March 3, 2012 at 4:15 pm", "3 hours ago", "yesterday").
func dayLog(bw *blockWalk, g *sibGroup) bool {
	for _, n := range g.items {
		st := bw.stats[n]
		for _, r := range bw.runs[st.start:st.end] {
			if !proseRun(r) && len(r.text) <= 400 && datedRe.MatchString(r.text) {
				return false
			}
		}
	}
	return true
}

// datedRe matches what tells one day from another in a stamp: timeRe's
// dates and ages (not its clock times), a weekday, or "yesterday"; and
// a day-first date with a month's name of bylineLangs and a year
// (intlDayMonthYear: "Mo 2. Mär 2026, 10:15", "lun. 2 mars 2026
// 10:15"), which a German or French forum stamps each post with.
var datedRe = regexp.MustCompile(`(?i)` + digitDateRe + `|` + enMonthRe.String() +
	`|\b\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b|\d{4}年\d{1,2}月\d{1,2}日|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\byesterday\b|昨天` +
	`|\b` + intlDayMonthYear)

// intlDayMonthYear is intlNameDate's day, month's name and year, with
// no time and no groups: a date as bylineLangs write it.
var intlDayMonthYear = `\d{1,2}\.?\s+(?:de\s+)?(?:` + intlMonthAlt + `)\.?,?\s+(?:de\s+|del\s+)?\d{4}\b`

// digitDateRe is a date in digits as timeRe and datedRe read it: parts
// cut by "-" or "/" ("2026-03-12", "3/12/26"), or by dots when the
// parts can be a day, a month and a year of two or four digits
// ("12.03.2026", "3.12.26") or a year of four digits, a month and a day
// ("2026.03.12"). A release's version ("1.13.4", "0.9.12", "3.12.0-rc1")
// is no date: a day or month of 0 or over 31, or a year of one digit,
// tells it, where a changelog signs each entry with one ("Fixed in
// 1.13.4 by Jane Roe") and its entries are no replies.
const digitDateRe = `\b\d{1,4}[-/]\d{1,2}[-/]\d{1,4}\b|` +
	`\b(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|[12]\d|3[01])\.(?:\d{4}|\d{2})\b|\b\d{4}\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])\b`

// replyUnits is the most text one reply holds: a few paragraphs.
const replyUnits = 1500

// signedOff reports a block that ends in a sign-off: its last run is a
// short line with a time and words other than the time's (a name):
// "Jane Roe, March 3, 2012 at 4:15 pm", "posted by jroe 3 hours ago".
// A reply's template may split the sign-off over lines around its text:
// the lines before its first paragraph of prose ("Jane Roe says:" over
// "March 3, 2012 at 4:15 pm") or after its last ("3 hours ago", "Reply")
// make one together (framedSignOff). A block under a heading of its own
// (ownHeading) is a document's section, signed or not (a letter to the
// editor under its title), not a reply. Nor is a row of a data table
// set as the document's own (dataTable, asked without a root): a record
// whose last cell is a date or a time (a schedule, a list of notices),
// nor a part of a pair list's pair (pairPart: "Date of issue | 3 March
// 2026"), nor a record of key facts, a row or an item, whose value is a
// date (keyedStamp: "Consultation closes | 14 April 2026").
func signedOff(bw *blockWalk, n *html.Node) bool { return signedOffUnder(bw, n, nil) }

// signedOffUnder is signedOff with the headings label reports (a
// template's label of every post: postLabels) taken for no heading: they
// neither make n a section nor count in its sign-off. label may be nil.
func signedOffUnder(bw *blockWalk, n *html.Node, label func(run) bool) bool {
	st := bw.stats[n]
	if st.units == 0 || st.units > replyUnits || n.DataAtom == atom.Tr && dataRow(bw, n) || bw.pairPart(n) || keyedStamp(bw, n) {
		return false
	}
	runs := bw.runs[st.start:st.end]
	if label != nil {
		runs = slices.DeleteFunc(slices.Clone(runs), label)
	}
	if len(runs) == 0 {
		return false
	}
	return (runSignOff(&runs[len(runs)-1]) || framedSignOff(runs)) && !slices.ContainsFunc(runs, ownHeading)
}

// repliedTo reports a root that is the opening post of a thread left
// out of the roots: the next minGroup-1 element siblings after it with
// text (a rule between posts, textless, is passed over) share its
// signature and each is signed off (signedOffUnder, the thread's label
// of every post, postLabels, taken for no heading), its replies.
func repliedTo(bw *blockWalk, r *html.Node) bool {
	g := postsFrom(bw, r)
	if len(g.items) < minGroup {
		return false
	}
	label := postLabels(bw, g)
	for _, c := range g.items[1:minGroup] {
		if !signedOffUnder(bw, c, label) {
			return false
		}
	}
	return true
}

// postsFrom returns r and its element siblings after it of its
// signature (threadSig), up to the first with text of another: a thread
// whose opening post is r. Siblings with no text (textless: a rule
// between posts) are passed over.
func postsFrom(bw *blockWalk, r *html.Node) *sibGroup {
	sig := threadSig(r)
	g := &sibGroup{parent: r.Parent, sig: sig, items: []*html.Node{r}}
	for c := r.NextSibling; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || textless(bw, c) {
			continue
		}
		if threadSig(c) != sig {
			break
		}
		g.items = append(g.items, c)
	}
	return g
}

// textless reports an element with no text the walk reads: a rule, a
// spacer, a subtree it skips.
func textless(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	return st == nil || st.end == st.start
}

// signedReplies returns the items after the first of g, a thread's
// posts, that are signed off (signedOffUnder, g's labels taken for no
// heading): its replies.
func signedReplies(bw *blockWalk, g *sibGroup) []*html.Node {
	label := postLabels(bw, g)
	var out []*html.Node
	for _, c := range g.items[1:] {
		if signedOffUnder(bw, c, label) {
			out = append(out, c)
		}
	}
	return out
}

// postStamp returns the blocks of an opening post that are its stamp:
// those whose runs all lie after its last paragraph of prose and the
// block around it, when those runs together are a sign-off ("Posted by
// jroe on March 2, 2026 at 10:15 am" over "Quote Reply Report"), and its
// stamp line over its body
// (leadStamp). Its replies go for their sign-off; the post stays, and
// its own stamp is no more its text than theirs.
func postStamp(bw *blockWalk, n *html.Node) []*html.Node {
	return append(trailStamp(bw, n), leadStamp(bw, n)...)
}

// trailStamp is postStamp's blocks after the post's body.
func trailStamp(bw *blockWalk, n *html.Node) []*html.Node {
	st := bw.stats[n]
	last := -1
	for i := st.start; i < st.end; i++ {
		if proseRun(bw.runs[i]) {
			last = i
		}
	}
	if last < 0 {
		return nil
	}
	// The stamp starts past the block around the last paragraph (the
	// post's body): a short last line of the body is the post's, not
	// its stamp.
	from := last + 1
	if body := bw.runs[last].owner.Parent; body != nil && body != n && bw.stats[body] != nil {
		from = max(from, bw.stats[body].end)
	}
	if from >= st.end || !signOff(joinRuns(bw.runs[from:st.end])) {
		return nil
	}
	var out []*html.Node
	for _, e := range elementsIn(bw, n) {
		es := bw.stats[e]
		if es.start >= from && es.end <= st.end && !insideAny(bw, e, out) {
			out = append(out, e)
		}
	}
	return out
}

// ownHeading reports a heading that links nowhere: a section's title, not
// a reply's link to itself ("Re: the post").
func ownHeading(r run) bool { return r.heading && !linkLine(r) }

// postLabels returns a test of the headings that are a thread's template
// label, not a section's title: a heading whose text is a link into the
// page itself (a post's permalink, "#p12": isLink counts none) and that
// two or more of g's items hold word for word ("Re: the thread's title"
// over every reply). Sections have titles of their own; posts of one
// thread repeat one. nil when g's items hold no such heading.
func postLabels(bw *blockWalk, g *sibGroup) func(run) bool {
	seen := map[string]int{}
	for _, n := range g.items {
		st := bw.stats[n]
		for _, r := range bw.runs[st.start:st.end] {
			if r.heading && permalinked(r) {
				seen[r.text]++
				break // an item's first such heading only
			}
		}
	}
	labels := map[string]bool{}
	for t, c := range seen {
		if c >= 2 {
			labels[t] = true
		}
	}
	if len(labels) == 0 {
		return nil
	}
	return func(r run) bool { return r.heading && labels[r.text] && permalinked(r) }
}

// permalinked reports a run whose owner's text lies inside one link to a
// fragment of the page itself ("#p12").
func permalinked(r run) bool {
	if r.owner == nil {
		return false
	}
	for c := range r.owner.Descendants() {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			href := strings.TrimSpace(attr(c, "href"))
			return len(href) > 1 && href[0] == '#' && strings.TrimSpace(textOf(c)) == r.text
		}
	}
	return false
}

// framedSignOff reports runs whose lines before the first paragraph of
// prose, or after the last, are together a sign-off (signOff). A block
// with a heading before its prose is a headed section or card (an entry
// of a live blog under its time, a show's card over "Updated: Mar 5"),
// not a reply: only a sign-off on its last line makes it one.
func framedSignOff(runs []run) bool {
	first := slices.IndexFunc(runs, proseRun)
	if first < 0 || slices.ContainsFunc(runs[:first], func(r run) bool { return r.heading }) {
		return false
	}
	last := len(runs) - 1
	for !proseRun(runs[last]) {
		last--
	}
	return signedFrame(runs[:first]) || signedFrame(runs[last+1:])
}

// signedFrame reports the lines around a block's prose that are a
// sign-off: together (signOff of them joined), or, when they are more
// than one sign-off's length together (a poster's card beside the
// stamp: name, rank, join date, post count), one line or two lines next
// to each other ("03-02-2026, 10:15 AM" over "fieldhand").
func signedFrame(runs []run) bool {
	if t := joinRuns(runs); t != "" && utf8.RuneCountInString(t) <= 100 {
		return signOff(t)
	}
	for i := range runs {
		if runSignOff(&runs[i]) || i+1 < len(runs) && signOff(joinRuns(runs[i:i+2])) {
			return true
		}
	}
	return false
}

// joinRuns returns the runs' text joined by spaces; "" past signOff's
// length, which no sign-off is.
func joinRuns(runs []run) string {
	n := 0
	for _, r := range runs {
		n += len(r.text) + 1
	}
	if n == 0 || n > 400 {
		return ""
	}
	var b strings.Builder
	for i, r := range runs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(r.text)
	}
	return b.String()
}

// runSignOff is signOff of r's text, kept in r: a run ends the items of
// every group nested around it, and teaserRuns asks of each group's
// items, then again of each item it drops.
func runSignOff(r *run) bool {
	if r.signOff == 0 {
		r.signOff = 1
		if signOff(r.text) {
			r.signOff = 2
		}
	}
	return r.signOff == 2
}

// signOff reports a line of at most 100 runes holding a time and words
// beside it. The lengths and the digit are checked first: most lines
// fail them (a paragraph with a figure in it is longer than 100 runes),
// and a byte scan is cheaper than the expressions.
func signOff(t string) bool {
	if len(t) > 400 || utf8.RuneCountInString(t) > 100 || !strings.ContainsAny(t, "0123456789") {
		return false
	}
	if !mayTime(t) || !timeRe.MatchString(t) {
		return false
	}
	rest := stampWordRe.ReplaceAllString(timeRe.ReplaceAllString(t, ""), "")
	return hasLetter(rest)
}

// stampWordRe is the words of a time stamp that are no name: months and
// weekdays, in full or cut to three or four letters, "at", "pm",
// "posted", "updated", time zones. Like dateWordRe it leaves the names a
// month's or a day's stem starts ("Mark", "Martin", "Janet", "Sunil":
// monthWords); unlike dateWordRe, which tells a line that is only a date
// and strips any short word ending in t, it leaves short names ending in
// t ("Pat", "Matt", "Scott"), the name a sign-off holds beside its time:
// a zone of letters ending in T counts in capitals only.
var stampWordRe = regexp.MustCompile(`(?i)\b(?:` + monthWords + `|` + weekdayWords + `|` +
	`at|on|am|pm|a\.m|p\.m|updated|update|published|posted|last|modified|utc|gmt)\b|\b(?-i:[A-Z]{1,4}T)\b|\d+(?:st|nd|rd|th)?`)

// timeRe matches a time a reply is stamped with: a date with a month's
// name or in digits, a clock time, or an age ("3 hours ago").
var timeRe = regexp.MustCompile(`(?i)\b\d{1,2}:\d{2}\b|` + digitDateRe + `|` + enMonthRe.String() +
	`|\b\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago\b|\d{4}年\d{1,2}月\d{1,2}日`)

// mayTime is a necessary condition of timeRe, cheaper to check: each of
// its forms needs a colon (a clock time), a separator between digits
// followed by a second one (a date in digits: digitDate), a month's
// first three letters or "ago" in any case (timeWords), or 年 after four
// digits (yearDigits). A line of prose with a figure in it ("5.0%",
// "截至2020年底") has none of them, and the expression, run from every
// byte of a long line, was signOff's time.
func mayTime(t string) bool {
	return strings.IndexByte(t, ':') >= 0 || digitDate(t) || yearDigits(t) || timeWords.in(t)
}

// timeWords are the words timeRe's English forms hold: the months'
// stems (monthStems) and "ago".
var timeWords = newWordSet(append(slices.Clone(monthStemWords), "ago")...)

// dateSep reports the separators of a date in digits (timeRe's [-/.]).
func dateSep(c byte) bool { return c == '-' || c == '/' || c == '.' }

// digitDate reports a separator between two digits whose second digit
// is followed, at once or after one more digit, by a separator: what
// \d{1,4}[-/.]\d{1,2}[-/.] cannot match without.
func digitDate(t string) bool {
	for i := 1; i+2 < len(t); i++ {
		if !dateSep(t[i]) || !isDigit(t[i-1]) || !isDigit(t[i+1]) {
			continue
		}
		if dateSep(t[i+2]) || i+3 < len(t) && isDigit(t[i+2]) && dateSep(t[i+3]) {
			return true
		}
	}
	return false
}

// yearDigits reports 年 after four digits and before a digit: what
// \d{4}年\d{1,2}月 cannot match without.
func yearDigits(t string) bool {
	const nian = "年"
	for i := 0; ; {
		j := strings.Index(t[i:], nian)
		if j < 0 {
			return false
		}
		at := i + j
		if at >= 4 && fourDigitsAt(t, at-4) && at+len(nian) < len(t) && isDigit(t[at+len(nian)]) {
			return true
		}
		i = at + len(nian)
	}
}

// firstPost returns, when the article found is a listing of posts (a
// blog's front page, a forum thread), only its first post: roots holds a
// group of posts (postGroup) that is most of its text.
func firstPost(bw *blockWalk, roots []*html.Node) []*html.Node {
	total := 0
	for _, r := range roots {
		total += bw.stats[r].units
	}
	for _, g := range rootGroups(bw, roots) {
		if postGroup(bw, g) && groupUnits(bw, g)*2 >= total {
			return g.items[:1]
		}
	}
	return roots
}

func groupUnits(bw *blockWalk, g *sibGroup) int {
	u := 0
	for _, n := range g.items {
		u += bw.stats[n].units
	}
	return u
}

// postGroup reports a group of posts: each is led by a link (a title that
// links the post's own page, or its author's name) and holds a paragraph
// of prose, and most are longer than a card. A blog's front may hold a
// short post (a note, a photo with a line under it) among long ones, and
// one such post no more makes the front a grid of cards than the rest
// make it one article. Sections whose leading links are
// anchors into one page, each its own (a reference manual's "Source"
// links to the lines of one file), are one document's parts, not posts.
func postGroup(bw *blockWalk, g *sibGroup) bool {
	long := 0
	for _, n := range g.items {
		if !postLed(bw, n) {
			return false
		}
		if bw.stats[n].units > cardUnits {
			long++
		}
	}
	return long*2 > len(g.items) && !anchorsIntoOnePage(g.items)
}

// anchorsIntoOnePage reports items whose first links name one page, each
// at a fragment of its own.
func anchorsIntoOnePage(items []*html.Node) bool {
	pages, hrefs := map[string]bool{}, map[string]bool{}
	for _, n := range items {
		href := leadHref(n)
		page, _, anchored := strings.Cut(href, "#")
		if !anchored {
			return false
		}
		pages[page], hrefs[href] = true, true
	}
	return len(pages) == 1 && len(hrefs) == len(items)
}

// leadHref returns the href of n's first link; "" when none of n's first
// imageLook nodes is one.
func leadHref(n *html.Node) string {
	for c := range firstNodes(n, func(*html.Node) bool { return false }) {
		if c.DataAtom == atom.A && isLink(c) {
			return strings.TrimSpace(attr(c, "href"))
		}
	}
	return ""
}

// postLed reports a post's shape, its length aside: its first line a
// link, a paragraph of prose after it.
func postLed(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if !linkLine(bw.runs[st.start]) {
		return false
	}
	for _, r := range bw.runs[st.start+1 : st.end] {
		if proseRun(r) {
			return true
		}
	}
	return false
}

// dropRuns returns the runs of the elements in drop as out of the text,
// unless what would be left of roots' text is shorter than retryUnits or
// than what goes: then it returns nil, and nothing goes. With replies,
// only nothing left stops it.
func dropRuns(bw *blockWalk, roots, drop []*html.Node, replies bool) func(int) bool {
	if len(drop) == 0 {
		return nil
	}
	out := make([]bool, len(bw.runs))
	dropped := 0
	for _, n := range drop {
		st := bw.stats[n]
		for i := st.start; i < st.end; i++ {
			if !out[i] && !bw.runs[i].chrome {
				dropped += bw.runs[i].units
			}
			out[i] = true
		}
	}
	total := 0
	for _, r := range roots {
		total += bw.stats[r].units
	}
	if rest := total - dropped; rest <= 0 || !replies && (rest < retryUnits || rest < dropped) {
		return nil
	}
	return func(i int) bool { return out[i] }
}
