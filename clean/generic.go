package clean

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minRunUnits is the shortest run (in units) that counts as a paragraph
// when scoring: about ten Han characters or four English words.
const minRunUnits = 20

// genericRoots picks the article: every paragraph run scores its container
// (and half to the container's parent), containers are weighed by link
// density, tag and class/id hints, and the best one is taken with those of
// its siblings that score near it, or, when the best is one part of an
// article cut into parts of one template, with the other parts (parts.go).
// It returns nil when nothing scores. Given region, the element around the
// page's headline (headlineRegion), the best container gives way to one in
// it when it lies apart from it (nearHeadline); a nil region leaves the
// best as it is.
func genericRoots(bw *blockWalk, region *html.Node) []*html.Node {
	foot := siteFooter(bw)
	opening := openingBox(bw)
	cbox, isBanner := closingBoxFound(bw)
	closing, banner := spanOf(bw, cbox), runSpan{}
	if isBanner {
		banner = closing
	}
	for i := range bw.runs {
		if bw.budget.spent(scoreShare) {
			break
		}
		r := &bw.runs[i]
		s := runScore(r)
		if s == 0 {
			continue
		}
		if banner.has(i) && !r.hinted {
			continue // a banner after the site's footer (closingBoxFound) is worth nothing
		}
		if (foot.has(i) || opening.has(i) || closing.has(i) || addressLine(r.text)) && !r.hinted {
			s *= hintDiscount // the site's footer (siteFooter), a box of controls over the page (openingBox) or under it (closingBoxNode) or an address line, weighed as text named as chrome
		}
		bw.creditRun(container(bw, r.owner), s)
	}
	creditSections(bw)
	var best *html.Node
	bestScore := 0.0
	threads := threadTotals(bw.runs)
	for _, n := range bw.order {
		st := bw.stats[n]
		if st.score <= 0 {
			continue
		}
		st.score = threads.finalScore(n, st)
		if st.score > bestScore || st.score == bestScore && !bw.budget.spent(scoreShare) && deeper(n, best) {
			best, bestScore = n, st.score
		}
	}
	if best == nil {
		return nil
	}
	best, bestScore = nearHeadline(bw, best, bestScore, region)
	best, bestScore = headlineColumn(bw, best, bestScore)
	best, bestScore = beforeSeries(bw, best, bestScore)
	best, bestScore = openingPost(bw, best, bestScore)
	best, bestScore = headerOverBody(bw, best, bestScore)
	if up := sameClassAncestor(bw, best, bestScore); up != best {
		best, bestScore = up, max(bestScore, bw.stats[up].score)
	}
	if up := sharedAncestor(bw, best, bestScore, region, foot); up != best {
		best, bestScore = up, max(bestScore, bw.stats[up].score)
	}
	best, bestScore = climb(bw, best, bestScore)
	if sections := sectionTables(bw, best); sections != nil {
		return sections // a page cut into section tables: each section, not the best one alone
	}
	if top := wrapperTop(bw, best); top != best && !bareStory(top, region) {
		if parts := partsOf(bw, top, foot); parts != nil {
			return firstPost(bw, parts)
		}
	}
	return withAnnexBox(bw, firstPost(bw, withFactsBeside(bw, best, withSiblings(bw, best, bestScore, foot))), best)
}

// annexLevels is how many of the best container's ancestors
// withAnnexBox looks past: the text's box in an article box that holds
// the headline and the date line, in a page's main column.
const annexLevels = 2

// withAnnexBox returns roots and, after them, the box of the notice's
// files (annexBox) that follows the article's box a level or two above
// best: a template that sets the headline, the date line and the text in
// one box and the attachments in a box beside it. roots that hold an
// annex box already stand (withSiblings took it beside best); so do they
// when best is the page's <body>. Only the first box after each
// ancestor is weighed, past blocks without text.
func withAnnexBox(bw *blockWalk, roots []*html.Node, best *html.Node) []*html.Node {
	if len(roots) == 0 || slices.ContainsFunc(roots, func(n *html.Node) bool { return annexBox(bw, n) }) {
		return roots
	}
	n := best
	for k := 0; k < annexLevels && n.Parent != nil; k++ {
		n = n.Parent
		if n.DataAtom == atom.Body || n.DataAtom == atom.Html {
			return roots
		}
		if c := nextWithText(bw, n); c != nil && annexBox(bw, c) {
			return append(roots, c)
		}
	}
	return roots
}

// nextWithText is the first sibling after n that holds text, or nil.
func nextWithText(bw *blockWalk, n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if st := bw.stats[c]; st != nil && st.units > 0 {
			return c
		}
	}
	return nil
}

// creditSections scores a page cut into sections as Readability.js does
// (section is among the tags it scores): each <section> with a sibling
// <section> is a paragraph of its own text, for its parent and ancestors,
// so that the element around the sections outweighs a short box beside
// them. A lone section is only a wrapper: its paragraphs score it already.
func creditSections(bw *blockWalk) {
	for _, n := range bw.order {
		if n.DataAtom != atom.Section || bw.budget.spent(scoreShare) {
			continue
		}
		p := n.Parent
		if p == nil || p.DataAtom == atom.Body || !hasSiblingSection(n) {
			continue
		}
		bw.creditUp(p, runScore(sectionRun(bw, n)))
	}
}

// sectionRun sums the runs of a section outside chrome into one.
func sectionRun(bw *blockWalk, n *html.Node) *run {
	st := bw.stats[n]
	r := &run{}
	for _, x := range bw.runs[st.start:st.end] {
		if !x.chrome {
			r.commas += commas(x.text)
			r.units += x.units
			r.linkUnits += x.linkUnits
		}
	}
	return r
}

func hasSiblingSection(n *html.Node) bool {
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.DataAtom == atom.Section {
			return true
		}
	}
	return false
}

// runScore is the paragraph score of readability: one, plus one per comma,
// plus one per hundred units up to three, scaled by the share not in links,
// and by hintDiscount inside an element named as chrome.
func runScore(r *run) float64 {
	if r.chrome || r.caption || r.units < minRunUnits {
		return 0
	}
	c := r.commas
	if r.text != "" {
		c = commas(r.text)
	}
	s := 1 + float64(c) + min(float64(r.units)/100, 3)
	if r.hinted {
		s *= hintDiscount
	}
	return s * (1 - float64(r.linkUnits)/float64(r.units))
}

// commas counts the commas of t that runScore weighs: "，", ", ", "、"
// and "。". The last two share their first two bytes, E3 80: one search
// for those finds both, where a count of each read t once more.
func commas(t string) int {
	n := strings.Count(t, "，") + strings.Count(t, ", ")
	for s := t; ; {
		i := strings.Index(s, "\xE3\x80")
		if i < 0 || i+2 >= len(s) {
			return n
		}
		if c := s[i+2]; c == "、"[2] || c == "。"[2] {
			n++
		}
		s = s[i+2:] // the next E3 80 may begin at the byte after them, when it is no 81 or 82
	}
}

// container is the element a run's score goes to: the run's own block when
// that is a container (a <td> or <div> with <br> paragraphs), else the
// paragraph's parent.
func container(bw *blockWalk, owner *html.Node) *html.Node {
	if owner == nil || owner.Type != html.ElementNode {
		return nil
	}
	if paraTags[owner.DataAtom] {
		return owner.Parent
	}
	if owner.DataAtom == atom.Div || owner.DataAtom == atom.Section || owner.DataAtom == atom.Span {
		if st := bw.stats[owner]; st != nil && !st.hasBlock && !st.hasBr {
			return owner.Parent // a <div> paragraph
		}
	}
	return owner
}

// creditUp gives a paragraph's score to its container and, decaying, to
// four more ancestors: half to the parent, then a third, a sixth… of it
// (Readability.js's score divider: 1, 2, then three times the level).
func (bw *blockWalk) creditUp(c *html.Node, s float64) { bw.creditChain(c, s, false) }

// creditRun is creditUp for a paragraph's score, save that what an item
// of a series (seriesItem) passes up to its list and above is weighed by
// seriesCredit: each item of a thread of replies, a gallery's slides or a
// listing's cards is a text of its own, and many short ones must not pool
// into a list that outscores the post above or around them.
func (bw *blockWalk) creditRun(c *html.Node, s float64) { bw.creditChain(c, s, true) }

func (bw *blockWalk) creditChain(c *html.Node, s float64, series bool) {
	for level := 0; c != nil && level < 5; level++ {
		div := float64(level * 3)
		if level < 2 {
			div = float64(level + 1)
		}
		bw.credit(c, s/div)
		if series && seriesItem(c) {
			s *= seriesCredit
		}
		c = c.Parent
	}
}

func (bw *blockWalk) credit(n *html.Node, s float64) {
	if n == nil || n.Type != html.ElementNode {
		return
	}
	if st := bw.stats[n]; st != nil {
		st.score += s
	}
}

// finalScore weighs a container's paragraph score by tag, hints and the
// share of its text outside links.
func finalScore(n *html.Node, st *elemStats) float64 {
	return tagWeight(n, st, st.score+hintBonus(hintOf(st.cid), st.score))
}

// threadSums holds running totals over a walk's runs of the units and
// link units in labelled comment threads (labelledThreads): sums[i] is
// the totals of runs[:i].
type threadSums []struct{ units, links int }

// threadTotals sums runs' thread text (threadSums); nil when no run is
// in a thread, as on most pages.
func threadTotals(runs []run) threadSums {
	if !slices.ContainsFunc(runs, func(r run) bool { return r.thread }) {
		return nil
	}
	out := make(threadSums, len(runs)+1)
	for i, r := range runs {
		out[i+1] = out[i]
		if r.thread {
			out[i+1].units += r.units
			out[i+1].links += r.linkUnits
		}
	}
	return out
}

// finalScore is the package's finalScore of an element as if the comment
// threads in it were not there: a thread's replies, with few links of
// their own, dilute the links of the element's other text, and lifted a
// wrapper of the post, its thread and the page's boxes of links over the
// post.
func (ts threadSums) finalScore(n *html.Node, st *elemStats) float64 {
	if ts == nil {
		return finalScore(n, st)
	}
	c := *st
	c.units -= ts[st.end].units - ts[st.start].units
	c.linkUnits -= ts[st.end].links - ts[st.start].links
	return finalScore(n, &c)
}

// tagWeight weighs s, n's score, by n's tag and the share of its text
// outside links.
func tagWeight(n *html.Node, st *elemStats, s float64) float64 {
	switch n.DataAtom {
	case atom.Article:
		s += 10
	case atom.Div, atom.Main, atom.Section:
		s += 5
	case atom.Td, atom.Pre, atom.Blockquote:
		s += 3
	case atom.Ol, atom.Ul, atom.Dl, atom.Li, atom.Form:
		s -= 3
	case atom.Body, atom.Html:
		s -= 5
	}
	if st.units > 0 {
		s *= 1 - float64(st.linkUnits)/float64(st.units)
	}
	return s
}

// hintBonus is Readability.js's class weight, ±25 for a class or id that
// looks like an article or like chrome; the positive one is at most the
// element's own paragraph score, so that a "content" box around one short
// line (a title, a byline, one card of many) cannot outweigh the body.
// h is the element's hint.
func hintBonus(h int, score float64) float64 {
	if h > 0 {
		return min(25, score)
	}
	return float64(25 * h)
}

// headlineShare is the least share of the best container's score that
// one under the headline must have to be the article instead
// (nearHeadline). On the tune halves with class and id names hashed
// (bench/extract -blind) any share from 0.4 to 0.6 gives the same pages;
// with the names as published no page changes.
const headlineShare = 0.5

// headlineLevels is how far above the headline its story's container is
// looked for: a headline sits in a header or a title block inside it.
const headlineLevels = 2

// nearHeadline returns the article's container when the best-scoring one
// lies apart from region, the element around the page's headline
// (headlineRegion): the best-scoring container that is region or lies in
// it, if it scores at least headlineShare of best. A comment, an author's
// box or a reader's post can outscore a short story, and its class names
// do not always say what it is; the story is the one under the headline.
// With no region, or best around or in it, best stays.
func nearHeadline(bw *blockWalk, best *html.Node, bestScore float64, region *html.Node) (*html.Node, float64) {
	if region == nil || best == region || deeper(best, region) || deeper(region, best) {
		return best, bestScore
	}
	if alt, altScore := bestWithin(bw, region); alt != nil && altScore >= bestScore*headlineShare {
		return alt, altScore
	}
	return best, bestScore
}

// bestWithin is the best-scoring container of bw that is root or lies
// in it, and its score; nil and 0 when none scores above 0.
func bestWithin(bw *blockWalk, root *html.Node) (*html.Node, float64) {
	var best *html.Node
	bestScore := 0.0
	for _, n := range bw.order {
		if st := bw.stats[n]; st.score > bestScore && (n == root || deeper(n, root)) {
			best, bestScore = n, st.score
		}
	}
	return best, bestScore
}

// headlineColumn returns the article's container when best lies in a
// side panel beside the column that holds the page's <h1> and its story
// (panelRow): the best-scoring container in the headline's column, if it
// scores hintDiscount of best or more (the panel weighed as text named as
// chrome, as openingBox's is), else best. On a short page of
// bare <div>s a panel of two paragraphs ("About us" over a sentence on
// the council and its address) outscores a story of one paragraph, and
// it lies inside the headline's region (regionOf: two levels above the
// <h1> is the row around both), where nearHeadline leaves it.
func headlineColumn(bw *blockWalk, best *html.Node, bestScore float64) (*html.Node, float64) {
	h1s := headlineRuns(bw.runs)
	if len(h1s) == 0 || holdsHeadline(h1s, bw.stats[best]) {
		return best, bestScore
	}
	h := bw.runs[h1s[0]].owner
	c := commonAncestor(best, h)
	if c == nil || deeper(h, best) {
		return best, bestScore
	}
	hc := childToward(c, h)
	if !panelRow(bw, h1s, c, hc) || !sidePanel(bw, childToward(c, best)) {
		return best, bestScore
	}
	if alt, altScore := bestWithin(bw, hc); alt != nil && altScore >= bestScore*hintDiscount {
		return alt, altScore
	}
	return best, bestScore
}

// panelRow reports row, an element of two children with text, of which
// hc holds the page's first <h1> (h1s) and a paragraph of prose after it
// and the other is a side panel (sidePanel): a story's column and the
// site's panel beside it. A page whose sections follow its headline's
// block has more than two, or sections that are no panel.
func panelRow(bw *blockWalk, h1s []int, row, hc *html.Node) bool {
	hs := bw.stats[hc]
	if len(h1s) == 0 || hs == nil || hc.Parent != row || !holdsHeadline(h1s, hs) || !proseBetween(bw.runs, h1s[0]+1, hs.end) {
		return false
	}
	var other *html.Node
	for c := row.FirstChild; c != nil; c = c.NextSibling {
		if st := bw.stats[c]; c == hc || st == nil || st.units == 0 {
			continue
		}
		if other != nil {
			return false
		}
		other = c
	}
	return other != nil && sidePanel(bw, other)
}

// sidePanel reports n, a block that opens with a heading of its own (no
// <h1>) over one to appealMaxProse paragraphs of prose and at most
// appealMaxUnits of text, without a list or another heading: the panel
// of a site's template ("About us", "Contact", "Opening hours"). A box of
// key facts lists them; a quote beside a story wears no heading.
func sidePanel(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if st == nil || st.end <= st.start || st.units > appealMaxUnits {
		return false
	}
	if r := bw.runs[st.start]; !r.heading || r.owner == nil || r.owner.DataAtom == atom.H1 {
		return false
	}
	prose := 0
	for _, r := range bw.runs[st.start+1 : st.end] {
		if r.heading || r.owner != nil && (r.owner.DataAtom == atom.Li || r.owner.DataAtom == atom.Dd) {
			return false
		}
		if proseRun(r) {
			prose++
		}
	}
	return prose >= 1 && prose <= appealMaxProse
}

// childToward is the child of c that is n or holds n; n lies in c.
func childToward(c, n *html.Node) *html.Node {
	for n.Parent != nil && n.Parent != c {
		n = n.Parent
	}
	return n
}

// headlineRegion is the element headlineLevels above the page's headline
// (headline), or the one below the <body> when that is nearer; nil
// when no heading repeats the title.
func headlineRegion(bw *blockWalk, title string) *html.Node {
	return regionOf(headline(bw.runs, title))
}

// regionOf is headlineRegion of the page whose headline is n; nil for none.
func regionOf(n *html.Node) *html.Node {
	if n == nil {
		return nil
	}
	for i := 0; i < headlineLevels && n.Parent != nil && n.Parent.Type == html.ElementNode && n.Parent.DataAtom != atom.Body; i++ {
		n = n.Parent
	}
	return n
}

// deeper reports whether a lies inside b.
func deeper(a, b *html.Node) bool {
	for p := a.Parent; p != nil; p = p.Parent {
		if p == b {
			return true
		}
	}
	return false
}

// withSiblings returns best and, in document order, those of its siblings
// that look like more of the article: a high score, a long paragraph with
// few links, or before best, its lead. A sibling that is all the site's
// footer (foot, siteFooter) is not weighed as a part right after the
// story (linklessFloor): its lines of what the site is and where it sits
// are statements without links as a list of key facts is. A sibling after
// best that holds its notes (notesOf) joins whatever it scores.
func withSiblings(bw *blockWalk, best *html.Node, bestScore float64, foot runSpan) []*html.Node {
	if best.Parent == nil {
		return []*html.Node{best}
	}
	headlined := holdsHeadline(headlineRuns(bw.runs), bw.stats[best])
	threshold := max(10, bestScore*0.2)
	var out []*html.Node
	before := true
	last := false // the last sibling with text joined (linklessFloor asks it)
	var notes noteLinks
	for c := best.Parent.FirstChild; c != nil; c = c.NextSibling {
		st := bw.stats[c]
		if c == best {
			out = append(out, c)
			before, last = false, true
			continue
		}
		if st == nil || st.units == 0 {
			continue
		}
		joined := joinsBest(bw, c, before, last && !foot.holds(st) && !(headlined && headedRemark(bw, c)), threshold, bestScore) ||
			!before && (notesOf(c, &notes, best) || annexBox(bw, c)) ||
			before && editorNote(bw, c, best)
		if joined {
			out = append(out, c)
		}
		last = joined
	}
	return out
}

// annexBox reports a block after the article's best container that
// holds its attachments: its first line opens with an annex label
// (annexRe, or bareAnnexRe for the label alone: "附件：", "相关附件",
// "附件下载") and its links lead to files (fileLink), one at least and
// more than half of them. A notice's template often sets the files in a
// box of their own beside the text's box; they are the notice's, as they
// are inside it (fileList). A box of links to the site's pages (相关阅读,
// 上一篇/下一篇) leads to no files, and a site's downloads box wears no
// annex label.
func annexBox(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if st == nil || st.end <= st.start {
		return false
	}
	first := bw.runs[st.start].text
	if !annexRe.MatchString(first) && !bareAnnexRe.MatchString(first) {
		return false
	}
	files, all := countLinks(n, fileLink)
	return files > 0 && files*2 > all
}

// editorNoteRe matches the label that opens an editor's note or a
// lead set above a Chinese story: "编者按：", "导语：", "【编者按】"
// (simplified: foldTrad folds 編者按, 導語).
var editorNoteRe = regexp.MustCompile(`^\s*(?:【\s*(?:编者按|导语)\s*】|(?:编者按|导语)\s*[:：])`)

// editorNoteUnits is the longest editor's note editorNote takes: three
// paragraphs of prose.
const editorNoteUnits = 3 * proseUnits

// editorNote reports a block right before best, the article's box (the
// next sibling with text is best), that is an editor's note or a lead
// opened by its label (editorNoteRe) on its first line: no links, no
// heading, at most editorNoteUnits. News templates set it apart from
// the text's box, above it; it is the story's. Nothing else above the
// box joins so: a lead without its label is weighed by lead alone.
func editorNote(bw *blockWalk, n, best *html.Node) bool {
	st := bw.stats[n]
	if st == nil || st.end <= st.start || st.links > 0 || st.linkUnits > 0 || st.units > editorNoteUnits {
		return false
	}
	first := bw.runs[st.start]
	if first.heading || !editorNoteRe.MatchString(foldTrad(first.text)) {
		return false
	}
	return nextWithText(bw, n) == best
}

// headedRemark reports a block opened by its own heading whose text
// past it is one statement: "About us" over "The borough serves 48,000
// residents." Beside a best container that holds the page's <h1> with
// its story (withSiblings), such a block is the template's panel about
// the site, not a second part of the story: a list of key facts states
// several, a quote or a contact line under the story wears no heading.
func headedRemark(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if st.end <= st.start || !bw.runs[st.start].heading {
		return false
	}
	said := 0
	for _, r := range bw.runs[st.start+1 : st.end] {
		if r.heading {
			return false
		}
		if !r.chrome {
			said += sentenceCount(r.text)
		}
	}
	return said == 1
}

// sentenceCount is the number of sentence ends in t: "。", "！", "？",
// or a full stop, "!" or "?" at the end of t or before a space or a
// closing quote or bracket. A decimal point or a date's dots ("4.800",
// "04.03.2024") end nothing.
func sentenceCount(t string) int {
	rs := []rune(strings.TrimSpace(t))
	n := 0
	for i, r := range rs {
		switch {
		case strings.ContainsRune("。！？", r):
			n++
		case strings.ContainsRune(".!?", r) && (i+1 == len(rs) || strings.ContainsRune(" \u00a0\"'”’)»", rs[i+1])):
			n++
		}
	}
	return n
}

// joinsBest reports whether c, a sibling of the article's best container
// with text, looks like more of the article (withSiblings): a high
// score, a long paragraph with few links, before best its lead, and
// right after best or a sibling that joined it (last), a block of
// statements without links that scores linklessFloor.
func joinsBest(bw *blockWalk, c *html.Node, before, last bool, threshold, bestScore float64) bool {
	st := bw.stats[c]
	if hintOf(st.cid) < 0 {
		return false
	}
	ld := float64(st.linkUnits) / float64(st.units)
	switch {
	case ld < 0.3 && st.score >= threshold:
		return true
	case !before && last && st.score >= linklessFloor(bw, c, bestScore):
		return true
	case c.DataAtom == atom.P && st.units >= 80 && ld < 0.25:
		return true
	}
	return before && lead(bw, c)
}

// linklessFloor is the score a sibling right after the article's best
// container (or after a sibling that joined it) needs to join it when it
// holds no link at all and is written in statements (statements):
// max(5, 0.2·best), where any other sibling needs max(10, 0.2·best)
// (Readability.js's floor). Only under a short
// story, whose 0.2·best is under 10, does the floor alone decide, and
// there the second part of the story (a list of key facts under its own
// heading, a press contact line, a quoted statement) scores a little
// under 10 for its few commas. A box of the template after a story links
// out or to the site's other pages (an appeal, related stories), or
// calls to the reader in labels ("Like it? Share it!"), and still needs
// 10. It is +Inf for any other sibling.
func linklessFloor(bw *blockWalk, n *html.Node, bestScore float64) float64 {
	st := bw.stats[n]
	if st.links > 0 || st.linkUnits > 0 || !statements(bw, n) {
		return math.Inf(1)
	}
	return max(5, bestScore*0.2)
}

// statements reports a block whose lines outside headings and chrome are
// all sentences that state: each ends with a full stop ("." or "。",
// before any closing quote or bracket). A label, a call ("Share it!") or
// a question does not.
func statements(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	seen := false
	for _, r := range bw.runs[st.start:st.end] {
		if r.heading || r.chrome {
			continue
		}
		t := strings.TrimRight(r.text, " \u00a0\"'”’)）»")
		if !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, "。") {
			return false
		}
		seen = true
	}
	return seen
}

// lead reports a block before the article's body that reads as its lead
// (a standfirst, "perex", "bajada", the caption of the lead photo): a
// paragraph of at least 80 units without links, which scores little for
// being one paragraph alone.
func lead(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	if st.linkUnits > 0 {
		return false
	}
	for _, r := range bw.runs[st.start:st.end] {
		if r.units >= 80 && !r.heading && !r.chrome && !r.caption {
			return true
		}
	}
	return false
}

// articleRuns returns the runs inside roots, minus chrome, link lists,
// teasers (teaserRuns) and form boxes (formRuns). A link list that the
// article's own text announces (leadIn: "Here are the earlier parts:"),
// or that a heading of its own names as the article's sources or tools
// (sourceList), stays, as do a table of records the article sets as its
// own (dataTable) and a list of the files it attaches (fileList): their
// items are marked announced, which cleanRuns keeps too. So do a
// document's annexes after their label (annexLead), beside its prose,
// the label's own line with them though it links.
// out is made once, as long as roots' runs: appending to an empty slice
// copied the runs (about 80 bytes each) at every doubling.
func articleRuns(bw *blockWalk, roots []*html.Node) []run {
	teaser := teaserRuns(bw, roots)
	form := formRuns(bw, roots)
	header := mailHeaderRuns(bw, roots)
	sig := tailSignatureRuns(bw, roots)
	n := 0
	for _, root := range roots {
		if st := bw.stats[root]; st != nil {
			n += st.end - st.start
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]run, 0, n)
	var fl flow
	var pics pictureTree
	for k, root := range roots {
		st := bw.stats[root]
		if st == nil {
			continue
		}
		var ann announcement
		annexRoot := k > 0 && annexBox(bw, root) // a box of the notice's files after its text (withSiblings)
		for i, r := range bw.runs[st.start:st.end] {
			if galleryCaption(bw, r, &pics) {
				out = append(out, r) // for Captions: splitCaptions takes it out of the text
				continue
			}
			announced := ann.holds(r) || inSourceList(bw, r.owner, root) || inDataTable(bw, r.owner, root) || inFileList(bw, r.owner, root)
			annex := annexLead(r) && (fl.proseBefore(r) || fl.boxedAfterProse(r)) || annexRoot && i == 0 // the document's annexes open here, links or not
			if r.chrome && !weaklyNamedProse(r) || teaser != nil && teaser(st.start+i) || form != nil && form(st.start+i) || header != nil && header(st.start+i) || sig != nil && sig(st.start+i) || !announced && !annex && inLinkList(bw, r.owner, root) || looseHeading(bw, r, root) {
				continue
			}
			r.announced = announced
			out = append(out, r)
			if before := fl.next(r); !announced && (before && leadIn(r) || annex) {
				ann = announcement{lead: r.owner, chain: annex}
			}
		}
	}
	return out
}

// weaklyNamedProse reports a paragraph of prose (a <p> or <blockquote> of
// proseUnits or more, under a fifth of it in links) that only weak hints
// made chrome (weakHint). Inside the article's roots it stays: a short word
// that also names a style ("banner", "top", the "bq" of a blog's quote
// style) on a paragraph of the article says how it looks, as on an inline
// element (isChrome), not that it is a part of the page apart from the
// article; a box of links, labels or a byline so named still goes.
func weaklyNamedProse(r run) bool {
	return r.weakHint && r.owner != nil && (r.owner.DataAtom == atom.P || r.owner.DataAtom == atom.Blockquote) &&
		r.units >= proseUnits && r.linkUnits*5 < r.units
}

// looseHeading reports a heading standing directly in an <article> whose
// text is otherwise all in <div> or <section> blocks (<article><h1/><div/>
// <h2/><div/></article>). Readability.js scores such an article no higher
// than its best block, takes that block and the blocks beside it, and
// leaves the headings between them out: the headings are labels of the
// page's layout there. An article that holds paragraphs of its own keeps
// its headings.
func looseHeading(bw *blockWalk, r run, root *html.Node) bool {
	if !r.heading || r.owner == nil || r.owner.Parent != root || root.DataAtom != atom.Article {
		return false
	}
	blocks := false
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		st := bw.stats[c]
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false
		case st == nil || st.units == 0:
		case c.DataAtom == atom.Div || c.DataAtom == atom.Section:
			blocks = blocks || st.score > 0
		case !isHeading(c.DataAtom):
			return false
		}
	}
	return blocks
}

// seriesShare is the least share of the best container's score that one
// before a series of items must have to be the article instead
// (beforeSeries). The tune pages it moves with names hashed score 0.8
// to 0.9 of the item they were under.
const seriesShare = 0.5

// beforeSeries returns the article's container when the best-scoring one
// is one item of a series (seriesAround) or lies in one, and a container
// wholly before the series scores at least seriesShare of it: one reply
// of a thread under a post, one card of a listing under its lead, can
// outscore the text above it when no class or id names it. Such a
// series follows the text it answers or lists. The best stays when no
// container before the series scores near it (a page whose text is the
// list: a listicle, a thread without a post above it).
func beforeSeries(bw *blockWalk, best *html.Node, bestScore float64) (*html.Node, float64) {
	series := seriesAround(best)
	if series == nil {
		return best, bestScore
	}
	start := bw.stats[series].start
	alt, altScore := best, 0.0
	for _, n := range bw.order {
		if bw.budget.spent(scoreShare) {
			return best, bestScore
		}
		st := bw.stats[n]
		if st.score > altScore && st.start < st.end && st.end <= start && !deeper(best, n) {
			alt, altScore = n, st.score
		}
	}
	if altScore >= bestScore*seriesShare {
		return alt, altScore
	}
	return best, bestScore
}

// seriesLevels is how far above the best container seriesAround looks
// for the item it is in.
const seriesLevels = 3

// seriesAround returns the element holding the series of items that n is
// one of or lies in (at most seriesLevels up; seriesMember), or nil when
// there is none.
func seriesAround(n *html.Node) *html.Node {
	for i := 0; n != nil && n.Parent != nil && i <= seriesLevels; n, i = n.Parent, i+1 {
		if seriesMember(n) {
			return n.Parent
		}
	}
	return nil
}

// seriesMember reports an item of a series: an item of a list of minGroup
// or more (seriesItem), or an <article> among minGroup or more of its
// signature (an <article> among its like is a post or a card, not the
// page's article).
func seriesMember(n *html.Node) bool {
	if n.DataAtom == atom.Article {
		return n.Parent != nil && n.Parent.DataAtom != atom.Body && sameSignatureAtLeast(n, minGroup)
	}
	return seriesItem(n)
}

// seriesCredit is the share of a paragraph's score that an item of a
// list (seriesItem) passes up to the list and its ancestors (creditRun).
// A list whose text is the page's (a listicle, a thread with no post)
// still wins on its items' own scores, taken with their siblings. On the
// tune halves with names hashed, 0 and 0.1 move the same pages up and
// 0.1 none down; 0.25 and 0.5 move fewer.
const seriesCredit = 0.1

// seriesItem reports a paragraph's container that is an item (<li>, <dd>)
// of a list of minGroup or more items.
func seriesItem(c *html.Node) bool {
	return c != nil && c.Parent != nil && (c.DataAtom == atom.Li || c.DataAtom == atom.Dd) && listTag(c.Parent.DataAtom) && sameTagAtLeast(c, minGroup)
}

// sameTagAtLeast reports whether n's parent has k or more element
// children of n's tag, n among them (likeSiblingsAtLeast).
func sameTagAtLeast(n *html.Node, k int) bool {
	return likeSiblingsAtLeast(n, k, func(c *html.Node) bool { return c.Data == n.Data })
}

// inItemApart reports whether n lies in an item of a series
// (seriesMember) that does not hold best: a reply under a post, a card in
// a listing, whatever its class shares with the post's text.
func inItemApart(n, best *html.Node) bool {
	for a := n.Parent; a != nil && a.Parent != nil && a.DataAtom != atom.Body; a = a.Parent {
		if deeper(best, a) {
			return false
		}
		if seriesMember(a) {
			return true
		}
	}
	return false
}

// sameSignatureAtLeast reports whether n's parent has k or more element
// children of n's tag and signature, n among them (likeSiblingsAtLeast).
func sameSignatureAtLeast(n *html.Node, k int) bool {
	sig := signature(n)
	return likeSiblingsAtLeast(n, k, func(c *html.Node) bool { return signature(c) == sig })
}

// likeSiblingsAtLeast reports whether n's parent has k or more element
// children of n's tag that are like n (like), n among them; false for an
// element without a parent. It stops at the k-th: creditRun asks it of
// every paragraph's item, and a count of all the siblings would make a
// list of n items cost n² steps.
func likeSiblingsAtLeast(n *html.Node, k int, like func(c *html.Node) bool) bool {
	if n.Parent == nil {
		return false
	}
	for c := n.Parent.FirstChild; c != nil && k > 0; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == n.DataAtom && like(c) {
			k--
		}
	}
	return k <= 0
}

// leadIn reports a line of the article that announces what follows it: a
// sentence of three words or more, mostly outside links, that ends with a
// colon ("Other posts in this series:", "Here is the list of releases:").
// What it announces (a list of links, a table) is the author's, not the
// template's: a template labels its link lists with a heading or a word
// or two ("Related:", "Share this:", "Tags:"), which chromeLine and the
// related-reading labels (relatedHeading, relatedLabel) turn away, and
// which this leaves out. Words are counted between spaces: a line
// written without them (Chinese, mostly) is one word and announces nothing.
func leadIn(r run) bool {
	t := strings.TrimRight(r.text, " \u00a0")
	if r.heading || linkLine(r) || !(strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")) || len(strings.Fields(t)) < 3 {
		return false
	}
	n := runeCountFor(r)
	if relatedHeading(t, n) || relatedLabel(t) {
		return false
	}
	return !chromeLine(r, n, false)
}

// annexRe matches the label that opens the list of what an official
// document encloses ("附件：", "附件2：", "Annexes:", "Attachment 1:",
// "Enclosures:"), at the start of a line and with its colon. A notice
// ends with that list, each item often a link to the file. The label is
// one word, as a template's labels are, but it is the document's own, and
// so are the items it lists, links or not: the text hash of an archived
// notice covers its annexes.
var annexRe = regexp.MustCompile(`(?i)^\s*(?:附件|附表|annex(?:es)?|attachments?|enclosures?)\s*\d{0,2}\s*[:：]`)

// annexLead reports a short line (no longer than two paragraphs of prose)
// that opens with an annex label (annexRe): the label alone, or the label
// and the first annex. It announces the lines after it (articleRuns), and
// cleanRuns keeps it though it links (linkOK).
func annexLead(r run) bool {
	return r.units <= 2*proseUnits && annexRe.MatchString(r.text)
}

// nextElement is n's next sibling that is an element, nil when none is.
func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// itemLike reports a run that reads as one item of what a lead-in line
// announces: a list's item or a table's row, or a short line (no longer
// than two paragraphs of prose, 2*proseUnits) with a fifth of its text or
// more in links.
func itemLike(r run) bool {
	if r.owner != nil && dataItem[r.owner.DataAtom] {
		return true
	}
	return r.units <= 2*proseUnits && r.linkUnits*5 >= r.units && r.linkUnits > 0
}

// A flow is the article's runs kept one after another whose blocks share
// a parent (one block, or blocks side by side): the prose around a lead-in
// line. A lead-in continues the article's prose when a paragraph of prose
// (proseUnits or more, mostly outside links, no heading) comes before it in
// its flow; a label that opens a box of its own (a widget after the post,
// "More from this author:") has no prose of the article beside it. Kept as
// the runs go by, it answers for each in constant time: a page of many
// short lines that end with a colon, each looking back through its flow,
// cost the square of its lines.
type flow struct {
	open   bool       // a run with a block came last
	parent *html.Node // the parent of that run's block
	prose  bool       // a paragraph of prose came in the flow
}

// proseBefore reports what next would report of r, without taking it.
func (f *flow) proseBefore(r run) bool {
	return r.owner != nil && f.open && r.owner.Parent == f.parent && f.prose
}

// boxedAfterProse reports that r's block stands in a box (a <div> around
// a notice's attachments) that itself stands in the flow after a
// paragraph of prose: what proseBefore reports of the box.
func (f *flow) boxedAfterProse(r run) bool {
	return r.owner != nil && r.owner.Parent != nil && f.open && f.prose && r.owner.Parent.Parent == f.parent
}

// next takes r, the article's next run kept, and reports whether a
// paragraph of prose came before it in its flow. A run with no block
// ends the flow.
func (f *flow) next(r run) bool {
	before := f.proseBefore(r)
	if r.owner == nil {
		*f = flow{}
		return false
	}
	if !f.open || r.owner.Parent != f.parent {
		*f = flow{open: true, parent: r.owner.Parent}
	}
	f.prose = f.prose || r.units >= proseUnits && !linkLine(r) && !r.heading
	return before
}

// An announcement is what a lead-in line (leadIn) of the article
// announces: the one block that follows it beside its own (a list, a
// table, a block of short linked lines), or the lines of its own block
// after it, as long as each reads as an item (itemLike): the first line
// that does not, or that lies elsewhere, ends it. Inside that block
// nothing is weighed as a link block, not even a <div> of linked lines
// that looks like a teaser card (linkyDiv): a wrapper around an announced
// table or list looks like one as much as a card does.
type announcement struct {
	lead  *html.Node // the lead-in's block; nil: no announcement open
	items *html.Node // the block that holds the items, once the first is seen
	chain bool       // an annex label (annexLead): each item may be a block of its own, one after another
}

// holds reports whether r is one of the announced items; a run that is
// not ends the announcement.
func (a *announcement) holds(r run) bool {
	if a.lead == nil {
		return false
	}
	b := besideOf(r.owner, a.lead)
	if b != nil && a.chain && a.items != nil && b != a.items && nextElement(a.items) == b {
		a.items = b // the next annex, in a paragraph of its own
	}
	if b == nil || !itemLike(r) || a.items != nil && b != a.items {
		*a = announcement{}
		return false
	}
	a.items = b
	return true
}

// besideOf is the element holding n that stands beside lead (has lead's
// parent), lead itself when n lies in it; nil when n lies elsewhere.
func besideOf(n, lead *html.Node) *html.Node {
	for ; n != nil; n = n.Parent {
		if n == lead || n.Parent == lead.Parent {
			return n
		}
	}
	return nil
}
