package clean

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// retryUnits is the article length (in units) under which the generic
// extractor tries again without class/id chrome hints: about 250 Han
// characters or 100 English words. Readability.js retries likewise when
// its first pass finds fewer than 500 characters.
const retryUnits = 500

// genericText extracts the article's paragraphs from a page walked by bw.
// A first pass weighs every class and id hint (settleChrome); when it
// finds little (the article sat in a "left-side" column, or hints hid
// it), a relaxed pass that weighs only strong ones runs and the longer result
// wins; the text of the boxes of controls that the first pass weighs as
// chrome (controlBoxes) is no part of the relaxed pass's length. When
// nothing scores at all (a page of a few short lines), the page's
// non-chrome text is the article. Past the budget, no second pass
// runs. Captions are set apart in every pass (splitCaptions); what is
// still short then is for fallback to mend. Whole stories printed after
// the page's own in its template (nextStories) leave both passes. Only
// the first pass holds the article to the headline (nearHeadline): the
// relaxed pass looks for more text than the first found, and measured
// with the headline it lost check pages that it kept without.
func genericText(root *html.Node, bw *blockWalk, title string) extraction {
	b := bw.budget
	h := headline(bw.runs, title) // for the region and the runs: found once
	runs := withoutHeading(withoutAuthorBio(bw, withoutStories(bw, articleRuns(bw, genericRoots(bw, regionOf(h))), nextStories(bw, h))), h)
	e := finish(runs, title, b, ExtractorGeneric)
	n := paraUnitsUpTo(e.paras, retryUnits) // e.units(), read below only when under retryUnits
	if n >= retryUnits || b.cut() {
		return withoutAppealText(bw, h, runs, e, title)
	}
	rw := walkBlocksMode(root, true, b)
	rw.homes = bw.homes
	defer rw.release()
	defer rw.recycleRuns() // e holds texts, not rw's runs
	alt := withoutTitleHeading(rw.runs, withoutAuthorBio(rw, withoutStories(rw, articleRuns(rw, genericRoots(rw, nil)), nextStories(rw, h))), title)
	if ae := finish(alt, title, b, ExtractorGeneric); ae.units()-unitsInBoxes(alt, controlBoxes(bw)) > n*3/2 {
		e = withoutAppealText(rw, h, alt, ae, title)
	} else {
		e = withoutAppealText(bw, h, runs, e, title)
	}
	if len(e.paras) == 0 {
		e = finish(pageRuns(bw, root), title, b, ExtractorGeneric)
	}
	return e
}

// controlBoxes are the boxes of controls that the first pass, walking
// bw, weighs as chrome by their place and shape: the one over the page
// and the one under it (openingBoxNode, closingBoxNode). The relaxed
// pass finds them again when their paragraphs outscore a short story;
// what it finds in them is no gain over the first pass's text, and
// genericText leaves it out of the relaxed pass's length.
func controlBoxes(bw *blockWalk) []*html.Node {
	var out []*html.Node
	for _, n := range []*html.Node{openingBoxNode(bw), closingBoxNode(bw)} {
		if n != nil {
			out = append(out, n)
		}
	}
	return out
}

// unitsInBoxes is the units of the runs that lie in one of boxes.
func unitsInBoxes(runs []run, boxes []*html.Node) int {
	n := 0
	for _, r := range runs {
		if r.owner == nil {
			continue
		}
		for _, b := range boxes {
			if r.owner == b || deeper(r.owner, b) {
				n += r.units
				break
			}
		}
	}
	return n
}

// withoutAppealText is e, the text a pass found in runs (of bw's walk),
// without the box of an appeal after the story (appealBox), or e itself
// when there is none. The box leaves once the pass is chosen: the passes
// are weighed by what each found around the story, and a box under a
// short story counts there as the first pass's find; without it, the
// relaxed pass's find (the footer's paragraphs, on a page whose names
// say nothing) outweighed the story alone.
func withoutAppealText(bw *blockWalk, h *html.Node, runs []run, e extraction, title string) extraction {
	box := appealBox(bw, h, runs)
	if box == nil {
		return e
	}
	return finish(withoutBox(runs, box), title, bw.budget, ExtractorGeneric)
}

// pageRuns is every run of the page under root outside chrome and a
// mail archive's header lines (mailHeaderRuns).
func pageRuns(bw *blockWalk, root *html.Node) []run {
	header := mailHeaderRuns(bw, []*html.Node{root})
	var out []run
	for i, r := range bw.runs {
		if !r.chrome && (header == nil || !header(i)) {
			out = append(out, r)
		}
	}
	return out
}

func paraUnits(paras []string) int {
	n := 0
	for _, p := range paras {
		n += units(p)
	}
	return n
}

// paraUnitsUpTo is paraUnits(paras) when that is under limit; else it is
// at least limit, counted up to the rune that reaches it. The extractors
// only ask whether a text is that long: counting the rest of a long
// article told them nothing more.
func paraUnitsUpTo(paras []string, limit int) int {
	n := 0
	for _, p := range paras {
		if n >= limit {
			break
		}
		n += unitsUpTo(p, limit-n)
	}
	return n
}

// sharedAncestor returns the nearest ancestor of best that also holds at
// least three other containers scoring near it (as Readability.js does):
// an article split into one card per paragraph, or a story whose body is
// cut by figures into sibling blocks, is the element around them all.
// It returns best when there is none. When best lies in region, the
// element around the page's headline (regionOf; nil for none), the
// ancestor is sought no higher than region: on a page whose story is
// short, the cookie notice, the footer's paragraphs and a box beside the
// story score near the best, and the ancestor holding three of them was
// the <body>, the whole page, whose text the relaxed pass then lost to
// the footer. A container in the site's footer (foot, siteFooter) that
// holds a paragraph of prose is none of the others: its paragraphs score
// near a short story's, and it is no part of it. Its labels and links
// ("Follow us:") still count, as before: a listing page whose text is
// its teasers was found by climbing to the wrapper they share.
func sharedAncestor(bw *blockWalk, best *html.Node, bestScore float64, region *html.Node, foot runSpan) *html.Node {
	alts := topScored(bw, best, 5, foot)
	if len(alts) < 3 {
		return best
	}
	var past *html.Node // the first ancestor not to climb to
	if region != nil && deeper(best, region) {
		past = region.Parent
	}
	for p := best.Parent; p != nil && p != past && p.Type == html.ElementNode; p = p.Parent {
		held := 0
		for _, a := range alts {
			if deeper(a, p) {
				held++
			}
		}
		if held >= 3 {
			return p
		}
	}
	return best
}

// topScored returns up to k containers other than best, best first, that
// score at least three quarters of best and lie neither inside nor around
// it nor inside one scoring higher among them that holds the headline
// (inHeadlined), nor in foot holding prose (hasProse).
func topScored(bw *blockWalk, best *html.Node, k int, foot runSpan) []*html.Node {
	floor := bw.stats[best].score * 0.75
	var top []*html.Node
	for _, n := range bw.order {
		st := bw.stats[n]
		if bw.budget.spent(scoreShare) {
			break
		}
		if n == best || st.score < floor || len(top) == k && st.score <= bw.stats[top[k-1]].score || foot.holds(st) && hasProse(bw, st) {
			continue
		}
		i := len(top)
		for i > 0 && bw.stats[top[i-1]].score < st.score {
			i--
		}
		top = slices.Insert(top, i, n)
		if len(top) > k {
			top = top[:k]
		}
	}
	out := top[:0]
	h1s := headlineRuns(bw.runs)
	for _, n := range top {
		if !deeper(n, best) && !deeper(best, n) && !inHeadlined(bw, h1s, n, out) {
			out = append(out, n)
		}
	}
	return out
}

// inHeadlined reports whether n lies inside one of ns that holds an
// <h1>'s text (h1s, headlineRuns): the story's block under the wrapper
// of its headline. The block and the wrapper both score (the wrapper
// half of the block's paragraphs), but they are one part of the page,
// not two: on a short page whose blocks carry no names, both counted
// beside a consent notice made three parts near the best, and the
// page's <body> the article. Cards of a listing nested in their own
// wrappers still count each: they hold no headline of the page.
func inHeadlined(bw *blockWalk, h1s []int, n *html.Node, ns []*html.Node) bool {
	for _, m := range ns {
		if deeper(n, m) && holdsHeadline(h1s, bw.stats[m]) {
			return true
		}
	}
	return false
}

// climb moves up from best as Readability.js does: to the first ancestor
// that scores above the one below it and holds more text (more of the
// article lies beside best), stopping once scores fall under a third of best's.
// A row of the headline's column and a side panel (panelRow) is no such
// ancestor: the panel's paragraphs lift its score, not the story's.
func climb(bw *blockWalk, best *html.Node, bestScore float64) (*html.Node, float64) {
	last, floor := bestScore, bestScore/3
	for p := best.Parent; p != nil && p.DataAtom != atom.Body && p.Type == html.ElementNode; p = p.Parent {
		st := bw.stats[p]
		if st == nil || st.score <= 0 {
			continue
		}
		if st.score < floor {
			break
		}
		if st.score > last {
			if moreText(bw, p, best) && !panelRow(bw, headlineRuns(bw.runs), p, childToward(p, best)) {
				best, bestScore = p, st.score
			}
			break
		}
		last = st.score
	}
	return best, bestScore
}

// moreText reports whether up holds at least a quarter more text outside
// links than n: a climb that only adds a caption or a byline is no gain.
func moreText(bw *blockWalk, up, n *html.Node) bool {
	a, b := bw.stats[up], bw.stats[n]
	return (a.units-a.linkUnits)*4 >= (b.units-b.linkUnits)*5
}

// sameClassAncestor returns the nearest ancestor of best that holds every
// other container of best's (first) class scoring at least a third of it: a story
// cut into steps or cards ("content", "card-content", one per section) is
// the element around them all. A container in an item of a series apart
// from best (inItemApart) is no part: a reply's text often wears the
// post's class. A utility class (utilityClass, scaleClass: "md:flex",
// "space-y-4") names a style, not a kind of block: a comment thread or
// an author box wears the article body's spacing as often as another
// part of it does, so it joins nothing. Nor does a narrow column beside
// a best that holds the headline (besideHeadlined). It returns best when
// there is none.
func sameClassAncestor(bw *blockWalk, best *html.Node, bestScore float64) *html.Node {
	class := firstClass(best)
	if class == "" || utilityClass(class) || scaleClass(class) {
		return best
	}
	up := best
	h1s := headlineRuns(bw.runs)
	for _, n := range bw.order {
		st := bw.stats[n]
		if bw.budget.spent(scoreShare) {
			return best
		}
		if n == best || !sameClass(n, best, st.score, bestScore) || deeper(n, best) || deeper(best, n) || inItemApart(n, best) || besideHeadlined(bw, h1s, n, best) {
			continue
		}
		for !deeper(n, up) {
			if up = up.Parent; up == nil || up.Type != html.ElementNode {
				return best
			}
		}
	}
	return up
}

// besideHeadlined reports n, a container apart from best, that is a box
// beside the story rather than another part of it: best holds the page's
// <h1> (h1s, headlineRuns) with its story, and n holds under a third of
// best's text outside links. A grid's columns often share a first class
// ("column", "cell"); the narrow one beside the story's column ("About
// us", "Contact", opening hours) scores a third of a short story for its
// one sentence or its lines, and the element around both was taken for
// the article. The parts of a story cut into cards of one class hold no
// headline each, or hold as much text as the one that does.
func besideHeadlined(bw *blockWalk, h1s []int, n, best *html.Node) bool {
	a, b := bw.stats[n], bw.stats[best]
	if !holdsHeadline(h1s, b) || holdsHeadline(h1s, a) {
		return false
	}
	return (a.units-a.linkUnits)*3 < b.units-b.linkUnits
}

// sameClass reports whether n, scoring score, is another part like best,
// scoring bestScore: its first class is best's and it scores at least a
// third of best.
func sameClass(n, best *html.Node, score, bestScore float64) bool {
	return firstClass(n) == firstClass(best) && score >= bestScore/3
}

// scaleClass reports a class token shaped as a utility that utilityClass
// leaves to the hints (it weighs the words of a name, this only its
// shape): one with an arbitrary value or a fraction ("w-[320px]",
// "w-1/2"), or whose last hyphenated part is a step of a scale
// ("space-y-4", "text-gray-600", "max-w-3xl"). A hashed name
// ("css-1q2w3e", "sc-bdVaJa") is not one: its last part is not a number.
func scaleClass(tok string) bool {
	if strings.ContainsAny(tok, "[/") {
		return true
	}
	i := strings.LastIndexByte(tok, '-')
	if i <= 0 || i == len(tok)-1 {
		return false
	}
	step := strings.TrimSuffix(tok[i+1:], "xl") // "3xl"
	return digitsOnly(step)
}

// firstClass is strings.Fields(attr(n, "class"))[0], or "" when there is
// none, without the slice of all the others.
func firstClass(n *html.Node) string {
	for f := range strings.FieldsSeq(attr(n, "class")) {
		return f
	}
	return ""
}
