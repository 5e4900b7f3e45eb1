package clean

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A run is one paragraph of visible text: the text between two block
// boundaries (block elements and <br>), with whitespace collapsed.
type run struct {
	text      string
	owner     *html.Node // nearest block ancestor of the text
	units     int        // see units
	linkUnits int        // units inside <a href>
	heading   bool
	caption   bool // inside a <figure> or <figcaption>, or pictured: not a paragraph to score
	pictured  bool // the only text of a small block around a picture (pictureCaptions)
	chrome    bool // inside an element that is chrome (see settleChrome)
	hinted    bool // inside an element named as chrome that holds prose (settleChrome): runScore discounts it
	weakHint  bool // chrome only by elements named as chrome by weak hints (markChrome; articleRuns)
	signOff   int8 // runSignOff's answer once asked: 0 not yet, 1 no, 2 yes
	chromeAt  *html.Node
	commas    int   // for a run made up to score an element (creditSections)
	announced bool  // one of the items a lead-in line of the article announces (articleRuns): text, though it links
	thread    bool  // in a comment section a heading labels (labelledThreads): chrome in every pass
	brs       int8  // the <br>s alone (at most 3) between the run before and this one, of one block (lineBreaks); 0 for another boundary
	seq       int32 // the run's place among its walk's runs: whether two runs were neighbours once filters dropped some
}

// elemStats is what the block walk learns about one element.
type elemStats struct {
	units, linkUnits, links int
	pictures                int // <img>, <picture> and <video> elements inside
	start, end              int // runs[start:end] lie inside the element
	score                   float64
	hasBlock                bool   // has a block child
	hasBr                   bool   // has a <br> child
	linkBlock               int8   // linkBlock's answer once asked: 0 not yet, 1 no, 2 yes
	sourceList              int8   // sourceList's answer once asked: 0 not yet, 1 no, 2 yes
	dataTable               int8   // tableShape's answer once asked: 0 not yet, else its bits
	fileList                int8   // fileList's answer once asked: 0 not yet, 1 no, 2 yes
	cid                     string // classID of the element, which hints read
}

// blockWalk splits a tree into runs in document order and measures every
// element on the way. It is one pass over the tree.
type blockWalk struct {
	runs  []run
	stats map[*html.Node]*elemStats
	order []*html.Node // elements in document order
	slab  []elemStats  // where stats come from, a chunk at a time (newStats)
	mem   *walkMemory  // where stats, slab and order come from; nil once released

	w                 spaceWriter
	owner             *html.Node
	runUnits, runLink int
	heading           bool
	rowSimple         bool           // owner is a data row whose cells join one run
	pairDL            *html.Node     // the <dl> being walked whose pairs each join one run (pairList), nil for none
	pairLists         []*html.Node   // every <dl> the walk found a pair list, in document order
	gridOf            *html.Node     // the parent gridSiblings last counted rows of, nil for none
	gridSigs          map[rowSig]int // its counts
	units, linkUnits  int            // totals so far
	links             int
	pictures          int
	inLink            int
	chromeAt          *html.Node                // innermost element that looks like chrome
	chromeUp          map[*html.Node]*html.Node // chrome-looking element → next one out
	byClass           map[*html.Node]bool       // chrome-looking by its class or id alone
	article           int                       // depth of <article>/<main> elements
	code              int                       // depth of <pre>/<code> elements: no class inside them is chrome
	caption           int                       // depth of <figure>/<figcaption> elements, 0 inside a figure's body (figureBody)
	figcaption        int                       // depth of <figcaption> elements
	relaxed           bool                      // only strong class/id hints make chrome (see genericText)
	anchors           map[string]bool           // the page's ids and anchor names, once a link asks (jumpOn)
	budget            *budget                   // the page's time budget; nil for none
	stopped           bool                      // the walk's share of it is spent
	fields            []*html.Node              // the block around each text field (textField), in document order
	groupsOf          []*html.Node              // the roots rootGroups last found groups in, nil for none
	groups            []*sibGroup               // their groups
	homes             []string                  // the page's own hosts (pageHosts): cleanTree sets them, the passes' walks copy them
	proseRoot         *html.Node                // the root lastProse last looked in, nil for none
	proseAt           int                       // its answer there
	besideOf          *html.Node                // the parent amidProse last looked through, nil for none
	beside            bool                      // its answer there
	outsideOf         *elemStats                // the element articleOutside last looked outside, nil for none
	outside           bool                      // its answer there
	brs               int                       // <br>s since the last run, none of another boundary (lineBreaks)
}

// out reports whether share of the budget is spent, and stays true once it is.
func (bw *blockWalk) out(share float64) bool {
	bw.stopped = bw.stopped || bw.budget.spent(share)
	return bw.stopped
}

func walkBlocks(root *html.Node) *blockWalk { return walkBlocksMode(root, false, nil) }

// walkBlocksMode walks with class/id chrome hints on, or off when relaxed.
// Once the walk's share of the budget b is spent it visits no more
// elements: the runs are those found by then.
func walkBlocksMode(root *html.Node, relaxed bool, b *budget) *blockWalk {
	mem := walkMemories.Get().(*walkMemory)
	bw := &blockWalk{stats: mem.stats, order: mem.order, mem: mem, owner: root, chromeUp: mem.chromeUp, byClass: mem.byClass, relaxed: relaxed, budget: b}
	bw.runs = (*runMemories.Get().(*[]run))[:0]
	bw.w.b = mem.text[:0]
	bw.visit(root)
	bw.flush()
	bw.settleChrome()
	bw.pictureCaptions()
	return bw
}

// settleChrome decides which chrome-looking elements are chrome. One
// chrome by its tag or attributes (a page header or footer, a hidden
// element, a role that is not content) that holds half the page's text,
// mostly outside links, is the page's frame ("Page-ad-margins" around
// everything; never a list), not chrome, unless it is named for comments
// (a thread can outweigh the article), invisible, or a dialog (a consent
// banner can outweigh a page of teasers); a hidden one is the frame only
// on a page that shows no article outside it (frame). A class or id
// hint is a weight, not a verdict, as in Readability.js: an element named
// as chrome (byClass) is chrome only when it is named for comments and
// holds no headline (holdsHeadline), or its paragraphs score under
// hintCost a point of its hint (chromeByClass) and it is not the page's
// frame (namedFrame) nor a pair list of facts under a weak name
// (factPairBox); otherwise its text stays
// and its paragraphs score at a discount (hintDiscount). A run is chrome
// when any chrome-looking element around it is.
func (bw *blockWalk) settleChrome() {
	is := make(map[*html.Node]bool, len(bw.chromeUp))
	h1s := headlineRuns(bw.runs)
	for n := range bw.chromeUp {
		st := bw.stats[n]
		if bw.byClass[n] {
			is[n] = commentsOf(n, st) && !holdsHeadline(h1s, st) || !namedFrame(bw, n) && !bw.factPairBox(n, st) && bw.chromeByClass(st)
			continue
		}
		is[n] = listTag(n.DataAtom) || !frame(bw, n) || commentsOf(n, st) || invisible(n) || neverFrame(chromeRole(n)) // a long comment thread is still comments
	}
	bw.markChrome(is)
	bw.labelledThreads(h1s)
	bw.signedThreads(h1s)
}

// articleOutside reports a page that shows an article outside the
// element whose stats are st: two runs, outside every chrome-looking
// element, that are paragraphs of prose (proseUnits or more, under a fifth
// of it in links) or an <h1>'s text, unless the element holds an <h1> and
// none shows outside it (the element holds the page's headline: what shows
// beside it is a notice, not the article). A hidden element is the page's
// frame only on a page that shows no such article (its body served hidden
// until a script has run, or hidden from screen readers behind an open
// dialog); beside a visible article, even one paragraph under its
// headline, it is only hidden, however much text it holds. The answer for
// the last element asked is kept: structuralChrome asks of one element for
// each of its runs.
func (bw *blockWalk) articleOutside(st *elemStats) bool {
	if bw.outsideOf != st {
		bw.outsideOf, bw.outside = st, bw.showsOutside(st)
	}
	return bw.outside
}

// showsOutside is articleOutside's answer, found.
func (bw *blockWalk) showsOutside(st *elemStats) bool {
	k, h1In, h1Out := 0, false, false
	for i, r := range bw.runs {
		h1 := r.heading && r.owner != nil && r.owner.DataAtom == atom.H1
		if i >= st.start && i < st.end {
			h1In = h1In || h1
			continue
		}
		if r.chromeAt != nil {
			continue
		}
		h1Out = h1Out || h1
		if h1 || !r.heading && r.units >= proseUnits && r.linkUnits*5 < r.units {
			k++
		}
	}
	return k >= 2 && (h1Out || !h1In)
}

// labelledThreads makes chrome the comment sections that a heading labels
// ("Comments", "12 comments": commentsLabel), whatever their class names
// say: the heading opens an element (it is that element's first text, up
// to the outermost such element below the <body>), after a paragraph of
// prose, and holding no <h1>. Readers' replies under a post are no part of
// it, and a long thread outscores a short post when no name marks it. A
// label that opens nothing (a heading among the post's paragraphs) marks
// only itself, as junk lines drop it anyway; one before any prose marks
// nothing.
func (bw *blockWalk) labelledThreads(h1s []int) {
	prose := false
	for i := 0; i < len(bw.runs); i++ {
		r := &bw.runs[i]
		if !prose {
			prose = proseRun(*r)
			continue
		}
		if !r.heading || r.owner == nil {
			continue
		}
		if label, about := threadLabel(r.text); !label || about != "" && !headedBefore(bw.runs[:i], about) {
			continue
		}
		top := labelledSection(bw, r.owner, i)
		if holdsHeadline(h1s, bw.stats[top]) {
			continue
		}
		st := bw.stats[top]
		bw.markThread(st)
		i = st.end - 1
	}
}

// signedThreads makes chrome, as labelledThreads does, the threads that
// no heading labels and no name marks: a group of minGroup or more
// siblings of one template (groupsIn), every one of them a reply that
// ends in a sign-off (signedOff), after a paragraph of prose outside the
// group, holding no <h1>. The prose before it is the post the replies
// answer. A heading right above the group that counts responses to
// something the page does not head ("12 responses to the consultation":
// threadLabel's about, not headedBefore) names a part of the document,
// whose signed items are its text, as a live blog's entries are
// (signedText). When the first item holds the page's
// first prose, the group is a forum thread whose first item is the
// opening post, and teaserRuns keeps that post. Without this, replies
// that outweigh a short post outscore it, and the thread replaces the
// article.
func (bw *blockWalk) signedThreads(h1s []int) {
	prose := slices.IndexFunc(bw.runs, proseRun)
	top := bw.outermost()
	if prose < 0 || top == nil {
		return
	}
	for _, g := range groupsIn(bw, top) {
		first := bw.stats[g.items[0]]
		if first.start <= prose || bw.runs[first.start].thread || !signedGroup(bw, g, h1s) || signedText(bw, g) {
			continue
		}
		for _, n := range g.items {
			bw.markThread(bw.stats[n])
		}
	}
}

// markThread makes the runs of an element, whose stats are st, chrome in
// a comment thread (run.thread).
func (bw *blockWalk) markThread(st *elemStats) {
	for j := st.start; j < st.end; j++ {
		bw.runs[j].chrome, bw.runs[j].thread = true, true
	}
}

// responsesTo reports the i-th run (none when i < 0) a heading that
// counts responses to something no earlier heading names (threadLabel,
// headedBefore).
func (bw *blockWalk) responsesTo(i int) bool {
	if i < 0 || !bw.runs[i].heading {
		return false
	}
	r := bw.runs[i]
	label, about := threadLabel(r.text)
	return label && about != "" && !headedBefore(bw.runs[:i], about)
}

// signedGroup reports a group whose every item is a reply (signedOff)
// holding no <h1>.
func signedGroup(bw *blockWalk, g *sibGroup, h1s []int) bool {
	for _, n := range g.items {
		if !signedOff(bw, n) || holdsHeadline(h1s, bw.stats[n]) {
			return false
		}
	}
	return true
}

// outermost returns the first element of the walk holding all its runs
// (the walk's root or the element around them), nil for none.
func (bw *blockWalk) outermost() *html.Node {
	for _, n := range bw.order {
		if st := bw.stats[n]; st.start == 0 && st.end == len(bw.runs) {
			return n
		}
	}
	return nil
}

// threadLabel reports the heading of a comment section: commentsLabel or
// its Chinese, "评论", alone; a count of the replies ("1 comment", "No
// comments", "7 Responses", "3 Responses to “A post”", "Comments (18)",
// "已有3条评论"); a call to write one ("Leave a Reply", "Post a Comment",
// "发表评论"); or a count and a call together ("Comments (11) Add A
// Comment"). The singular without a count stays out, as in commentsLabel.
// A count "to" or "on" something returns that something too, out of its
// quotes: the heading labels a thread only when it names the post, an
// earlier heading (headedBefore), as "12 responses to the consultation"
// in a report does not.
func threadLabel(t string) (label bool, about string) {
	s := strings.Join(strings.Fields(t), " ")
	if commentsLabel(s) || s == "评论" {
		return true, ""
	}
	m := threadLabelRe.FindStringSubmatch(s)
	if m == nil {
		return false, ""
	}
	return true, strings.Trim(m[1], `“”"‘’'«» :：`)
}

// headedBefore reports a heading among runs whose text is title, letter
// case aside.
func headedBefore(runs []run, title string) bool {
	for _, r := range runs {
		if r.heading && strings.EqualFold(strings.Join(strings.Fields(r.text), " "), title) {
			return true
		}
	}
	return false
}

// threadLabelRe is threadLabel's counts and calls: a count of comments,
// responses or replies, with the post's title after "to" or "on"; a
// plural "comments" with the count in brackets; a call to leave, post,
// add or write one; in Chinese, a count of 评论 (after the post's title
// in 《》) or the call 发表评论. A label may end in a colon.
var threadLabelRe = regexp.MustCompile(`(?i)^(?:` +
	`(?:(?:(?:\d+|no|one) (?:comments?|responses?|repl(?:y|ies))(?: (?:to|on) (.+))?|(?:reader )?comments ?\(\d+\))(?: (?:leave|post|add|write) (?:a|your) (?:comment|reply|response))?)` +
	`|(?:leave|post|add|write) (?:a|your) (?:comment|reply|response)` +
	`|(?:《[^》]*》)?(?:已有|共)?\d+ ?[条件个]评论|发表评论|评论 ?[(（]\d+[)）]` +
	`) ?[:：]?$`)

// labelledSection is the outermost element around n, below the <body>,
// whose first run is the i-th: the section that n's text opens.
func labelledSection(bw *blockWalk, n *html.Node, i int) *html.Node {
	for p := n.Parent; belowBody(p); p = p.Parent {
		st := bw.stats[p]
		if st == nil || st.start != i {
			break
		}
		n = p
	}
	return n
}

// commentsOf is commentBlock(n), read from the classID in n's stats st
// when the walk has them.
func commentsOf(n *html.Node, st *elemStats) bool {
	if st != nil {
		return commentBlockOf(st.cid)
	}
	return commentBlock(n)
}

// headlineRuns returns the indexes, in order, of the runs that are an
// <h1>'s text.
func headlineRuns(runs []run) []int {
	var at []int
	for i := range runs {
		if r := &runs[i]; r.heading && r.owner != nil && r.owner.DataAtom == atom.H1 {
			at = append(at, i)
		}
	}
	return at
}

// holdsHeadline reports an element, whose stats are st, that holds an
// <h1>'s text (h1s, from headlineRuns). A thread of replies follows the
// page's headline and never holds it: an element named for comments
// around the headline is a wrapper of the whole post (a template's state,
// not the thread), and is weighed as any element named as chrome
// (chromeByClass), not dropped.
func holdsHeadline(h1s []int, st *elemStats) bool {
	if st == nil {
		return false
	}
	i, _ := slices.BinarySearch(h1s, st.start)
	return i < len(h1s) && h1s[i] < st.end
}

// namedFrame reports an element named as chrome that wraps the page
// (wrapsPage: nine tenths of its text or more) under three tenths of it
// in links: a theme's outer grid ("wy-grid-for-nav", "page-with-sidebar")
// is the page's frame whatever its name, and taking it for chrome on a
// short page, whose paragraphs score under hintCost, left it no text.
// A frame named for comments is still judged by commentsOf.
func namedFrame(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	return st != nil && wrapsPage(bw, n) && st.linkUnits*10 < st.units*3
}

// hintCost is the paragraph score (runScore) an element named as chrome
// must hold per point of its hint (matchHint: a strong hint weighs two, a
// weak one one) to keep its text: two or three paragraphs of a few
// sentences against "sidebar" or "related", one against "top" or "more".
// Measured on the tune halves: 12 a strong hint beat 8 and 16 (and
// Readability.js's 25, which keeps too little), equal on check halves.
const hintCost = 6

// hintDiscount is the share of its worth a paragraph inside an element
// named as chrome scores (runScore): a photo gallery's captions or a
// "related" box of summaries, kept, must not outweigh the story. A
// quarter beat a half and none on the tune halves.
const hintDiscount = 0.25

// chromeByClass reports an element named as chrome whose runs score under
// hintCost a point of its hint: a box of links or short lines, not prose.
func (bw *blockWalk) chromeByClass(st *elemStats) bool {
	if st == nil {
		return true
	}
	need := hintCost * float64(matchHint(st.cid, strongNegativeHints, weakNegativeHints))
	s := 0.0
	for i := st.start; i < st.end && s < need; i++ {
		r := bw.runs[i]
		r.chrome, r.hinted = false, false
		s += runScore(&r)
	}
	return s < need
}

// markChrome marks a run chrome when an element around it is (is), and
// hinted when it is not but one named as chrome lies around it. A chrome
// run is weakHint when every chrome element around it is named as chrome
// by weak hints alone (weakNamed).
func (bw *blockWalk) markChrome(is map[*html.Node]bool) {
	for i := range bw.runs {
		r := &bw.runs[i]
		r.chrome, r.hinted, r.weakHint = false, false, false
		for c := r.chromeAt; c != nil && !bw.budget.spent(scoreShare); c = bw.chromeUp[c] {
			if !is[c] {
				r.hinted = r.hinted || !r.chrome && bw.byClass[c]
				continue
			}
			weak := bw.byClass[c] && weakNamed(bw.stats[c])
			r.weakHint = weak && (!r.chrome || r.weakHint)
			r.chrome = true
			if !weak {
				break
			}
		}
	}
}

// weakNamed reports an element, whose stats are st, named as chrome by
// weak hints alone ("banner", "top", "bq"): no strong one (the names of a
// comment thread, commentBlockOf, are strong hints).
func weakNamed(st *elemStats) bool {
	return st != nil && matchHint(st.cid, strongNegativeHints, nil) == 0
}

func (bw *blockWalk) visit(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		bw.text(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			bw.visit(c)
		}
		return
	default:
		return
	}
	if n.DataAtom == atom.Img || n.DataAtom == atom.Picture || n.DataAtom == atom.Video {
		bw.pictures++
	}
	if dropTags[n.DataAtom] && !calloutAside(n) || bw.out(walkShare) {
		if n.DataAtom == atom.Input && textField(n) {
			bw.fields = append(bw.fields, bw.owner)
		}
		return
	}
	if hiddenInline(n) {
		return // not shown, and no boundary: the sentence around it stays one run
	}
	if n.DataAtom == atom.A && bw.w.len() > 0 && bw.jumpOn(n) {
		return // "More..." after a brief: a pointer to the text further down, no word of the brief
	}
	if bw.heading || bw.owner != nil && (bw.owner.DataAtom == atom.Dt || n.DataAtom == atom.A) {
		if headingTool(n, bw.owner) {
			return // a heading's permalink or edit link: no word of it
		}
	}
	if n.DataAtom == atom.Br {
		if ps := bw.stats[n.Parent]; ps != nil {
			ps.hasBr = true
		}
		if bw.w.verbatim {
			bw.w.write("\n") // a line of preformatted text: the <pre> stays one block
			return
		}
		bw.flush()
		bw.brs++
		return
	}
	block := blockTags[n.DataAtom]
	if bw.rowSimple && n.Parent == bw.owner && (n.DataAtom == atom.Td || n.DataAtom == atom.Th || bw.owner.DataAtom != atom.Tr) {
		block = false // a cell of a simple row or of a grid's row (gridRow): one paragraph per row
		if bw.w.len() > 0 {
			bw.w.write(" | ")
		}
	}
	pair := bw.pairDL != nil && n.Parent == bw.pairDL
	if pair {
		block = false // a key or a value of a pair list: one paragraph per pair, owned by its <dt>
		bw.startPart(n)
	}
	st := bw.newStats()
	*st = elemStats{start: len(bw.runs), units: bw.units, linkUnits: bw.linkUnits, links: bw.links, pictures: bw.pictures, cid: bw.classID(n)}
	bw.stats[n] = st
	bw.order = append(bw.order, n)
	if p := n.Parent; block && p != nil {
		if ps := bw.stats[p]; ps != nil {
			ps.hasBlock = true
		}
	}
	chrome, byClass := bw.isChrome(n, st, block)
	prevChrome := bw.chromeAt
	if chrome {
		bw.flush()
		bw.chromeUp[n] = bw.chromeAt
		bw.chromeAt = n
		if byClass {
			bw.byClass[n] = true
		}
	}
	art := n.DataAtom == atom.Article || n.DataAtom == atom.Main
	if art {
		bw.article++
	}
	code := n.DataAtom == atom.Pre || n.DataAtom == atom.Code
	if code {
		bw.code++
	}
	fig := n.DataAtom == atom.Figure || n.DataAtom == atom.Figcaption
	if fig {
		bw.caption++
	}
	if n.DataAtom == atom.Figcaption {
		bw.figcaption++
	}
	prevCaption := bw.caption
	if bw.caption > 0 && bw.figcaption == 0 && figureBody(n.DataAtom) {
		bw.caption = 0 // a table, code sample, quote or list a <figure> presents is text; its <figcaption> is the caption
	}
	link := n.DataAtom == atom.A && isLink(n)
	if link {
		bw.inLink++
		bw.links++
	}
	prevOwner, prevSimple, prevPairs := bw.owner, bw.rowSimple, bw.pairDL
	if block {
		bw.flush()
		bw.brs = 0 // a block's edge: no line break
		bw.owner = n
		bw.heading = isHeading(n.DataAtom)
		bw.rowSimple = n.DataAtom == atom.Tr && simpleRow(n) || bw.gridRow(n)
		bw.pairDL = nil
		if n.DataAtom == atom.Dl && bw.code == 0 && pairList(n) {
			bw.pairDL = n
			bw.pairLists = append(bw.pairLists, n)
		}
	}
	prevVerbatim := bw.w.verbatim
	if n.DataAtom == atom.Pre {
		bw.w.verbatim = true // a <pre>'s runs keep their lines (the run before it is flushed: <pre> is a block)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		bw.visit(c)
	}
	if n.DataAtom == atom.Pre {
		bw.cutMailTrailer() // the run being written holds the <pre>'s last lines
	}
	if block {
		bw.flush()
		bw.brs = 0
		bw.owner, bw.rowSimple, bw.pairDL = prevOwner, prevSimple, prevPairs
		bw.heading = isHeading(prevOwner.DataAtom)
	}
	if pair && n.DataAtom == atom.Dd {
		bw.endPair(n.Parent)
	}
	bw.w.verbatim = prevVerbatim
	if link {
		bw.inLink--
	}
	if chrome {
		bw.flush()
		bw.brs = 0
		bw.chromeAt = prevChrome
	}
	if art {
		bw.article--
	}
	if code {
		bw.code--
	}
	bw.caption = prevCaption
	if fig {
		bw.caption--
	}
	if n.DataAtom == atom.Figcaption {
		bw.figcaption--
	}
	st.units = bw.units - st.units
	st.linkUnits = bw.linkUnits - st.linkUnits
	st.links = bw.links - st.links
	st.pictures = bw.pictures - st.pictures
	st.end = len(bw.runs)
}

// jumpOn reports a link that follows other text of its paragraph (the
// walk asks only then) and points on to an anchor of this very page with
// a few words that trail off ("More...", "Details…"): a generated
// reference's pointer from a member's brief to its full description
// further down. It is known by its target, an id or name the page holds,
// and its ellipsis, not by its words; a link to another page, or one
// whose words end as a name or sentence does, is text.
func (bw *blockWalk) jumpOn(n *html.Node) bool {
	href := strings.TrimSpace(attr(n, "href"))
	i := strings.IndexByte(href, '#')
	if i < 0 || i == len(href)-1 || strings.ContainsAny(href[:i], ":?") {
		return false // no fragment, or another site's or a query's page
	}
	t := textOf(n)
	if !strings.HasSuffix(t, "...") && !strings.HasSuffix(t, "…") || len(strings.Fields(t)) > 3 {
		return false
	}
	if bw.anchors == nil {
		bw.anchors = pageAnchors(n)
	}
	return bw.anchors[href[i+1:]]
}

// pageAnchors returns the ids and <a name>s of the page that holds n.
func pageAnchors(n *html.Node) map[string]bool {
	for n.Parent != nil {
		n = n.Parent
	}
	ids := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				ids[id] = true
			}
			if n.DataAtom == atom.A {
				if name := attr(n, "name"); name != "" {
					ids[name] = true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return ids
}

// classID is classID(n), made once a walk for each pair of class and id:
// a page repeats them (list items, cards, a paragraph style), and the
// same pair has the same words.
func (bw *blockWalk) classID(n *html.Node) string {
	return bw.classIDPair(attr(n, "class"), attr(n, "id"))
}

// classIDPair is classID of an element whose class and id are c and id.
func (bw *blockWalk) classIDPair(c, id string) string {
	if c == "" && id == "" {
		return ""
	}
	k := [2]string{c, id}
	if s, ok := bw.mem.cids[k]; ok {
		return s
	}
	s := classIDOf(c, id)
	bw.mem.cids[k] = s
	return s
}

// newStats returns zeroed stats for one more element. They are allocated
// in chunks: a page has hundreds of elements, and one allocation each was
// the walk's largest share of garbage.
func (bw *blockWalk) newStats() *elemStats {
	if len(bw.slab) == cap(bw.slab) {
		bw.slab = bw.mem.chunk()
	}
	bw.slab = bw.slab[:len(bw.slab)+1]
	return &bw.slab[len(bw.slab)-1]
}

// walkMemory is what a block walk allocates per element: the map from
// element to stats, the stats (statsChunk at a time) and the elements in
// order. It was a third of Clean's garbage on a news page (a map sized
// for 256 elements and 128 stats a page), so a walk whose results are
// no longer read gives it back (release) for the next walk, cleared.
type walkMemory struct {
	stats  map[*html.Node]*elemStats
	chunks [][]elemStats // chunks[:used] are in use
	used   int
	order  []*html.Node
	cids   map[[2]string]string // class and id → classID (blockWalk.classID)

	chromeUp map[*html.Node]*html.Node // blockWalk.chromeUp
	byClass  map[*html.Node]bool       // blockWalk.byClass
	text     []byte                    // the spaceWriter's buffer, for the runs' text as it is written
}

// statsChunk is how many elements' stats one allocation holds.
const statsChunk = 128

// keptText is the largest spaceWriter buffer a walk's memory keeps: a
// run that long is rare, and its buffer is left to the collector.
const keptText = 64 << 10

// keptElements is the most elements a walk may have had for its memory
// to be kept for the next: a huge page's map is left to the collector.
const keptElements = 4096

// walkMemories hold the memory of walks that are done. A new stats map
// is sized for 64 elements and grows with the pages it serves: release
// clears it whole, at a cost that follows its size, not the page's: one
// sized for 256 up front has 512 slots to clear, four times the 128 a
// page of 80 elements fills.
var walkMemories = sync.Pool{New: func() any {
	return &walkMemory{stats: make(map[*html.Node]*elemStats, 64), cids: map[[2]string]string{},
		chromeUp: map[*html.Node]*html.Node{}, byClass: map[*html.Node]bool{}}
}}

// chunk returns room for statsChunk more stats.
func (m *walkMemory) chunk() []elemStats {
	if m.used == len(m.chunks) {
		m.chunks = append(m.chunks, make([]elemStats, 0, statsChunk))
	}
	m.used++
	return m.chunks[m.used-1][:0]
}

// release gives bw's element memory back for another walk, cleared (no
// stats, no node, class name or text of this page is left in it). bw's runs
// (their chrome marks too) and totals stay readable; its stats, order and
// chrome chains (chromeUp, byClass) must not be read after. Releasing
// twice is harmless.
func (bw *blockWalk) release() {
	m := bw.mem
	if m == nil {
		return
	}
	order, text, slab := bw.order, bw.w.b, bw.slab
	bw.mem, bw.stats, bw.order, bw.slab = nil, nil, nil, nil
	bw.chromeUp, bw.byClass = nil, nil // cleared for the next walk: the runs keep their chromeAt
	bw.groupsOf, bw.groups = nil, nil  // made from the stats
	bw.gridOf, bw.gridSigs, bw.pairLists = nil, nil, nil
	bw.w.reset()
	bw.w.b = nil // a run's text is a copy of it (flush): the buffer goes back
	if len(order) > keptElements {
		return
	}
	if cap(text) <= keptText {
		clear(text[:cap(text)])
		m.text = text[:0]
	}
	clear(m.stats)
	clear(m.cids)
	clear(m.chromeUp)
	clear(m.byClass)
	clearChunks(m.chunks[:m.used], len(slab))

	clear(order)
	m.used, m.order = 0, order[:0]
	walkMemories.Put(m)
}

// clearChunks clears the stats a walk wrote in chunks, the chunks it used
// in order: all of each but the last, and of the last its first n (the
// walk's slab). Past those no stats were written since the chunk was last
// cleared: a page of 80 elements cleared 128 stats.
func clearChunks(chunks [][]elemStats, n int) {
	for i, c := range chunks {
		if i == len(chunks)-1 {
			clear(c[:n])
			break
		}
		clear(c[:cap(c)])
	}
}

// runMemories holds the runs of walks that are done (recycleRuns), for
// the next walk to append to: a page's runs, grown by doubling, were a
// tenth of Clean's garbage.
var runMemories = sync.Pool{New: func() any { return new([]run) }}

// keptRuns is the most runs a walk may have had for its slice to be
// kept for the next: a huge page's runs are left to the collector.
const keptRuns = 4096

// recycleRuns gives bw's runs back for another walk, cleared (no text or
// node of this page is left in them). Nothing may read bw's runs after,
// nor hold a slice of them: the caller has copied what it keeps (texts,
// numbers). Recycling twice is harmless.
func (bw *blockWalk) recycleRuns() {
	runs := bw.runs
	bw.runs = nil
	if runs == nil || cap(runs) > keptRuns {
		return
	}
	clear(runs)
	runs = runs[:0]
	runMemories.Put(&runs)
}

// text adds a text node to the current run. White space alone (units 0)
// only marks a pending space, which has no effect on an empty run.
func (bw *blockWalk) text(s string) {
	u := bw.w.writeUnits(s)
	if u == 0 {
		return
	}
	bw.runUnits += u
	if bw.inLink > 0 {
		bw.runLink += u
	}
	bw.units += u
	if bw.inLink > 0 {
		bw.linkUnits += u
	}
}

// isChrome reports elements whose text is never article text: hidden
// elements, page headers and footers outside an <article> or <main>, an
// element in a role that is not content (chromeRole) unless it is a note
// of the article's text (alertNote), and
// an element whose class or id looks like chrome (byClass; settleChrome
// weighs such an element's prose against its hint). On an inline
// element (a <span> inside a paragraph), a cell of a row walked as one
// paragraph (block false: a simple <tr>'s or a grid row's, gridRow) or a
// heading only a strong hint counts: a weak one there ("head", "top",
// the "link" of an anchor's id) names a style or a target, not a block
// of the page: a grid's head cells ("cell head") are a line of it. A link is never
// chrome by its class: an <a class="popup"> inside a sentence is a word
// of it. Nor is anything inside <pre> or <code>: a syntax highlighter
// names each token by its kind ("token comment", "hljs-comment"), and a
// code sample's comments are lines of the code.
func (bw *blockWalk) isChrome(n *html.Node, st *elemStats, block bool) (chrome, byClass bool) {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Article, atom.Main:
		return false, false
	case atom.Footer, atom.Header:
		if bw.article == 0 {
			return true, false
		}
	}
	if hidden(n) || overlaid(n) || chromeRole(n) != "" && !alertNote(n, bw.article > 0) {
		return true, false
	}
	if n.DataAtom == atom.A && bw.code == 0 {
		return topJump(n), false // by where it leads, never by its class
	}
	if n.DataAtom == atom.A || bw.code > 0 {
		return false, false
	}
	if isHeading(n.DataAtom) {
		return bw.headingChrome(n, st), true
	}
	if bw.relaxed || !block {
		return strongChromeOf(st.cid), true
	}
	return chromeHint(st.cid), true
}

// isLink reports an <a> that is a link: it has an href to another page
// (Readability.js weighs a "#…" link at a third of one), and one to a
// javascript: URL around block elements is a script hook wrapping ordinary
// text (Readability.js unwraps those too), while one around a word or two
// is a control (a share button) and still counts as a link.
func isLink(a *html.Node) bool {
	href := strings.TrimSpace(attr(a, "href"))
	if href == "" {
		return false
	}
	if href[0] == '#' {
		return false // a jump within the page (a table of contents, a heading's anchor) leaves nothing out
	}
	if !hasPrefixFoldASCII(href, "javascript:") {
		return true
	}
	for c := a.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] {
			return false
		}
	}
	return true
}

// hasPrefixFoldASCII is strings.HasPrefix(strings.ToLower(s), prefix)
// for an ASCII prefix, without lowering a copy of s when the bytes of s
// the prefix covers are ASCII: ToLower lowers those a byte for a byte.
// Past ASCII it asks ToLower (U+0130 lowers to "i", U+212A to "k").
func hasPrefixFoldASCII(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.HasPrefix(strings.ToLower(s), prefix)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hiddenStyle(st string) bool {
	st = squeezeStyle(st)
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// squeezeStyle is an inline style lower-cased and without white space, as
// CSS reads it: "Display:\tnone" is "display:none".
func squeezeStyle(st string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			return -1
		}
		return r
	}, st))
}

func (bw *blockWalk) flush() {
	if text := bw.runText(); text != "" {
		bw.runs = append(bw.runs, run{
			text: text, owner: bw.owner,
			units: bw.runUnits, linkUnits: bw.runLink, heading: bw.heading, caption: bw.caption > 0,
			chromeAt: bw.chromeAt, brs: bw.lineBreaks(), seq: int32(len(bw.runs)),
		})
		bw.brs = 0
	}
	bw.w.reset()
	bw.runUnits, bw.runLink = 0, 0
}

// lineBreaks is the brs of the run being flushed: the <br>s between the
// last run and it, at most 3, when nothing else parts them (both of one
// block, one chrome element and one kind: heading or caption), else 0.
func (bw *blockWalk) lineBreaks() int8 {
	if bw.brs == 0 || len(bw.runs) == 0 || bw.w.verbatim {
		return 0
	}
	p := &bw.runs[len(bw.runs)-1]
	if p.owner != bw.owner || p.chromeAt != bw.chromeAt || p.heading != bw.heading || p.caption != (bw.caption > 0) {
		return 0
	}
	return int8(min(bw.brs, 3))
}

// runText is the text of the run being written, trimmed.
func (bw *blockWalk) runText() string {
	switch {
	case bw.w.len() == 0:
		return ""
	case bw.w.verbatim:
		return trimPre(bw.w.b)
	}
	return string(bytes.TrimSpace(bw.w.b))
}

// hidden reports an element hidden by its attribute, its inline style or
// its class (hiddenClass), or from screen readers (aria-hidden="true",
// which Readability.js's _isProbablyVisible counts as hidden too): a pull
// quote repeating a line of the story, the visual copy of a date or a
// formula whose readable copy stands beside it. A page saved with a
// dialog open hides the rest from screen readers; that rest is still
// the page's frame (settleChrome). hidden="until-found" is no hiding: it
// collapses a section (an accordion's panel) that the browser opens when
// the reader searches the page or follows a link into it.
func hidden(n *html.Node) bool {
	if v, ok := attrOK(n, "hidden"); ok && !strings.EqualFold(strings.TrimSpace(v), "until-found") {
		return true
	}
	if v, ok := attrOK(n, "aria-hidden"); ok && strings.EqualFold(strings.TrimSpace(v), "true") {
		return true
	}
	st := attr(n, "style")
	c := attr(n, "class")
	return st != "" && hiddenStyle(st) || hiddenClass(c) && !(invisibleOnly(c) && headingWhole(n))
}

// invisibleOnly reports a class list whose one hiding name is
// "invisible" (visibility:hidden, which keeps the element's box): no
// display:none name beside it.
func invisibleOnly(c string) bool {
	inv := false
	for t := range strings.FieldsSeq(c) {
		if t == "invisible" {
			inv = true
		} else if hiddenWords(t) {
			return false
		}
	}
	return inv
}

// headingWhole reports an element that is the only element child of a
// heading, no text beside it. "invisible" on it would leave an empty box
// where the heading stands, which no page shows, so there the name is
// some other stylesheet's (older rustdoc wraps a method's signature in
// <h4 class="method"><span class="invisible">, a layout box); a heading
// whose only child is display:none ("hidden", a screen-reader label's
// copy) is left hidden.
func headingWhole(n *html.Node) bool {
	p := n.Parent
	if p == nil || p.Type != html.ElementNode || !isHeading(p.DataAtom) {
		return false
	}
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c != n && (c.Type == html.ElementNode || c.Type == html.TextNode && strings.TrimSpace(c.Data) != "") {
			return false
		}
	}
	return true
}

// hiddenInline reports a hidden inline element (hidden) that holds no
// block element and no <br>: an icon beside a word (aria-hidden="true"), a
// formula's visual copy beside its readable one, a collapsed tail of a
// sentence. It is not shown and breaks no line, so the walk skips it
// whole: made chrome, it would end the run at its start and cut the
// sentence around it in two, and the piece before it, short, may then
// be dropped. A hidden block, or an inline element around blocks (a
// page's body hidden until a script has run), is chrome as isChrome says.
func hiddenInline(n *html.Node) bool {
	return !blockTags[n.DataAtom] && n.DataAtom != atom.Br && hidden(n) && !holdsBreak(n, 0)
}

// holdsBreak reports a block element or a <br> below n (or a tree
// too deep to tell, past 16 levels).
func holdsBreak(n *html.Node, depth int) bool {
	if depth > 16 {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.DataAtom] || c.DataAtom == atom.Br || holdsBreak(c, depth+1)) {
			return true
		}
	}
	return false
}

// hiddenClass reports a class list that hides its element: a name that is
// only "hidden" or "hide" (the display:none utility of Bootstrap 3,
// Tailwind and most stylesheets, which scripts add and remove: a tag list
// kept for analytics, a player's unused menus), or one of the display:none
// utilities of Bootstrap 4 and later ("d-none"), Bulma ("is-hidden") and
// the video.js player ("vjs-hidden"), AngularJS's "ng-hide", and the
// visibility:hidden utility of Bootstrap 4 and later and Tailwind
// ("invisible"). A list that also holds a breakpoint or state variant
// ("hidden md:block", "d-none d-md-block", "invisible group-hover:visible")
// shows the element on larger screens or under the pointer, and
// "visually-hidden" text is read out by screen readers.
//
// Every name that hides holds "hid", "none" or "invisible": a list with
// none of them is not read word by word (most class lists on a page).
func hiddenClass(c string) bool {
	return (strings.Contains(c, "hid") || strings.Contains(c, "none") || strings.Contains(c, "invisible")) && hiddenWords(c)
}

// hiddenWords is hiddenClass reading every word of the list.
func hiddenWords(c string) bool {
	hide := false
	for t := range strings.FieldsSeq(c) {
		switch {
		case strings.ContainsRune(t, ':'), strings.HasPrefix(t, "d-") && t != "d-none":
			return false
		case t == "hidden" || t == "hide" || t == "d-none" || t == "is-hidden" || t == "vjs-hidden" || t == "ng-hide" || t == "invisible":
			hide = true
		}
	}
	return hide
}

// figureBody reports the elements a <figure> presents as content of the
// text, not as a caption of it: a data table (WordPress wraps every table
// in one), a code sample (Jekyll's and Hugo's highlighters write
// <figure class="highlight"><pre>), a quote (Bootstrap's quote with its
// source in the <figcaption>, WordPress's pull quote) and a list. Their
// text stays text; a <figcaption> around them, and the rest of the
// figure, stay captions.
func figureBody(a atom.Atom) bool {
	return a == atom.Table || a == atom.Pre || a == atom.Blockquote || listTag(a)
}

// listTag reports list elements: a list is never a page's frame.
func listTag(a atom.Atom) bool { return a == atom.Ul || a == atom.Ol || a == atom.Dl }

// simpleRow reports whether a table row is data: no cell holds a block
// element, a <br> or a nested table. Layout rows are not simple.
func simpleRow(tr *html.Node) bool {
	var complex func(*html.Node, int) bool
	complex = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if depth > 0 && (blockTags[c.DataAtom] || c.DataAtom == atom.Br) || depth > 8 {
				return true
			}
			if complex(c, depth+1) {
				return true
			}
		}
		return false
	}
	return !complex(tr, 0)
}

// invisible reports an element whose inline style makes it invisible
// (visibility:hidden): it is never the page's frame (settleChrome),
// however much text it holds. An element hidden otherwise (display:none,
// the hidden attribute, a class that hides) may be: a page can be served
// with its whole body so hidden until a script has run.
func invisible(n *html.Node) bool {
	st := attr(n, "style")
	return st != "" && strings.Contains(squeezeStyle(st), "visibility:hidden")
}

// overlaid reports an element whose inline style fixes it to the window
// (position:fixed): it stays in place while the page scrolls under it, as
// a cookie notice, a sign-up box or its backdrop does. It is chrome as a
// hidden element is, and the page's frame only where no article shows
// outside it (frame: a page that scrolls inside one fixed box).
func overlaid(n *html.Node) bool {
	st := attr(n, "style")
	return st != "" && strings.Contains(squeezeStyle(st), "position:fixed")
}

// chromeRole returns the ARIA role of n when it names a part of the page
// that is not its content: the roles of <nav> and <aside> (navigation,
// complementary), a menu, an alert (a banner announcing something else),
// and a dialog laid over the page (dialog, alertdialog: a consent banner,
// a sign-up box); Readability.js's unlikely roles, all of them. A role
// list names its preferred role first. A <dialog> without a role has its
// implicit one, dialog: open, it lies over the page; closed (no "open"
// attribute), browsers do not show it at all. "" otherwise.
func chromeRole(n *html.Node) string {
	v, ok := attrOK(n, "role")
	if !ok {
		if n.DataAtom == atom.Dialog {
			return "dialog"
		}
		return ""
	}
	r, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(v)), " ")
	switch r {
	case "navigation", "complementary", "menu", "menubar", "alert", "dialog", "alertdialog":
		return r
	}
	return ""
}

// neverFrame reports a role whose element is never the page's frame
// however much text it holds: a dialog lies over the page, and a menu or
// a navigation box (a mega menu's columns of section blurbs) leads away
// from it, as a <nav> does, which is never walked at all.
func neverFrame(r string) bool {
	switch r {
	case "dialog", "alertdialog", "menu", "menubar", "navigation":
		return true
	}
	return false
}

// endPair ends the run of a pair of the pair list dl, after its value:
// the key that owns it (startPart) holds it, as a <tr> holds its row's.
func (bw *blockWalk) endPair(dl *html.Node) {
	bw.flush()
	if key := bw.owner; key != nil && key.DataAtom == atom.Dt {
		if st := bw.stats[key]; st != nil {
			st.end = len(bw.runs)
		}
	}
	bw.owner = dl
}

// startPart starts a part of a pair list's pair (pairList): a key (<dt>)
// ends the run before it and owns the run it starts; a value (<dd>) goes
// on in its key's run, " | " before it.
func (bw *blockWalk) startPart(n *html.Node) {
	if n.DataAtom == atom.Dt {
		bw.flush()
		bw.owner = n
		return
	}
	if bw.w.len() > 0 {
		bw.w.write(" | ")
	}
}
