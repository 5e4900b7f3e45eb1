package clean

import (
	"net/url"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Extractors, as Document.Extractor names them.
const (
	ExtractorRule        = "rule"                 // the site rule's Content selection
	ExtractorGeneric     = "generic"              // the generic scorer, in any of its passes
	ExtractorReadability = "fallback-readability" // go-readability, run on the decoded page
	ExtractorBlock       = "fallback-block"       // the page's largest text block
	ExtractorPlain       = "plain"                // a text/plain payload: all of its text (cleanPlain)
)

// Extraction never leaves a page with visible prose empty. The extractors
// run in this order, each only when the ones before it came out short
// (thresholds below):
//
//  1. the site rule's Content selection (ExtractorRule), when the rule
//     names one; it is trusted, so it is short only when it finds nothing;
//  2. the generic scorer with class/id hints, and its relaxed retry under
//     retryUnits (ExtractorGeneric; see genericText);
//  3. the structural pass: the generic scorer again with no class/id hint
//     at all, chrome being only what the markup says it is (nav, aside,
//     footer, header outside the article, forms, hidden elements),
//     still ExtractorGeneric: an article in a wrapper named "widget Blog"
//     or "PageBuilder-pageRow" is hidden by hints, not by structure;
//  4. go-readability on the decoded page (ExtractorReadability), a second
//     opinion with its own retries;
//  5. the page's largest text block (ExtractorBlock), which is never short.
//
// The largest text block is the element whose own paragraphs (the runs it
// is the container of, see container) hold the most units outside links,
// leaving out structural chrome and figures. A page has visible prose
// when that block holds at least proseUnits (80 units: two lines). On such
// a page a text is far less than the block, and the next extractor runs,
// when its units are fewer than a shortDivisor-th of the block's, or its
// units outside links are, as the block's are counted (a text of links
// alone is no article however long it is); a fallback's text stands when
// it holds at least half the block's units (it found the block, or as
// much text elsewhere). On a page without visible prose nothing falls
// back: what the generic scorer found stands.
//
// A comment section a heading labels (labelledThreads) is left out of the
// largest block only while something else on the page is visible prose:
// when the label is all that hides a page's prose (a post whose first
// part sits under a "Comments" heading), that prose is still the page's,
// and the net must catch it.
//
// The twelfth was measured on the 609 extraction eval pages: of the pages
// whose text is under a twelfth of their largest block, every tune page
// had F1 0 (an empty or wrong text); the lowest ratio of a page the
// generic scorer gets right is 0.093 (a Chinese blog post whose largest
// block is its long comment thread), above the twelfth (0.083), so a tenth
// would have fired on it. It fires on 6 pages: 4 tune, 2 check.
const shortDivisor = 12

// readabilityElems bounds the page go-readability is run on, in elements:
// a larger page is left to the block fallback (go-readability's work grows
// faster than the page).
const readabilityElems = 20_000

// extraction is what one extractor made of a page.
type extraction struct {
	paras, captions []string
	extractor       string
	prose           int // units of its runs outside links, chrome lines among them (finish)
}

// units is the extraction's length, in units.
func (e extraction) units() int { return paraUnits(e.paras) }

// parsed is what the extractors read: the parsed page, its decoded source's
// tree walked once with hints on, the title and the budget.
type parsed struct {
	root  *html.Node
	bw    *blockWalk
	title string
	url   string
	b     *budget
}

// fallback returns first when it is not short on pg, else the first of
// the fallbacks (steps 3 to 5 above) that is not.
func fallback(pg *parsed, first extraction) extraction {
	block := largestBlock(pg.bw)
	need := (block.units + shortDivisor - 1) / shortDivisor
	found := (block.units + 1) / 2 // a fallback must hold half the block: it found it
	if block.units < proseUnits || first.prose >= need && paraUnitsUpTo(first.paras, need) >= need || pg.b.cut() || inBanner(pg.bw, block.node) && len(first.paras) > 0 {
		return first
	}
	if e := structuralText(pg); e.units() >= found {
		return e
	}
	if e := readabilityText(pg); e.units() >= found {
		return e
	}
	return blockText(pg, block)
}

// inBanner reports n inside a banner after the site's footer
// (closingBoxFound): the largest block of a short page may be a consent
// notice of four paragraphs, and the fallbacks, which find it, have no
// more of the story than the first extraction.
func inBanner(bw *blockWalk, n *html.Node) bool {
	if n == nil {
		return false
	}
	box, banner := closingBoxFound(bw)
	return banner && (n == box || deeper(n, box))
}

// textBlock is a block of a page's text: the element and the units of
// its own runs (blockRuns).
type textBlock struct {
	node    *html.Node
	units   int  // units of runs outside links
	threads bool // the block counts the runs of labelled comment sections
}

// largestBlock returns the page's largest text block (see above); its
// units are 0 when the page has no text outside chrome. Labelled comment
// sections count only when no block outside them is visible prose.
func largestBlock(bw *blockWalk) textBlock {
	if b := largestOf(bw, false); b.units >= proseUnits {
		return b
	}
	return largestOf(bw, true)
}

// largestOf is largestBlock's walk: with threads, the runs of labelled
// comment sections count as any other run.
func largestOf(bw *blockWalk, threads bool) textBlock {
	sums := map[*html.Node]int{}
	best := textBlock{threads: threads}
	for _, r := range bw.runs {
		if !blockRun(bw, r, threads) {
			continue
		}
		c := container(bw, r.owner)
		if c == nil {
			continue
		}
		sums[c] += r.units - r.linkUnits
		if sums[c] > best.units {
			best.node, best.units = c, sums[c]
		}
	}
	return best
}

// blockRun reports a run that a text block counts: not a caption, not in
// a labelled comment section unless threads count, and not structural
// chrome.
func blockRun(bw *blockWalk, r run, threads bool) bool {
	return !r.caption && (threads || !r.thread) && !structuralChrome(bw, r)
}

// blockRuns returns the runs of block b, as largestBlock counts them:
// gathered only for the block fallback, the one reader of them (most
// pages never fall back).
func blockRuns(bw *blockWalk, b textBlock) []run {
	var out []run
	for _, r := range bw.runs {
		if blockRun(bw, r, b.threads) && container(bw, r.owner) == b.node {
			out = append(out, r)
		}
	}
	return out
}

// structuralChrome reports a run that the markup alone marks as chrome: it
// lies in a <footer>, in a <header> outside the article, in a hidden
// element or the caption of a video (isChrome's own tests, found on the
// run's chain of chrome-looking elements), or in a <form>, unless that
// element is the page's frame (it holds half the page's text, mostly
// outside links, as settleChrome has it), or wraps the page (wrapsPage)
// and is not hidden: a hidden element is never the frame. <nav> and
// <aside> are never walked at all.
func structuralChrome(bw *blockWalk, r run) bool {
	for c := r.chromeAt; c != nil; c = bw.chromeUp[c] {
		if structuralTag(c) && !frame(bw, c) && (hidden(c) || !wrapsPage(bw, c)) {
			return true
		}
	}
	for p := r.owner; p != nil; p = p.Parent {
		if p.DataAtom == atom.Form && !frame(bw, p) && !wrapsPage(bw, p) {
			return true
		}
	}
	return false
}

// wrapsPage reports an element that holds nine tenths of the page's text
// or more, however much of it is links: a <form> so wide (ASP.NET wraps
// whole pages in one), or a <header> or <footer> a template wraps the page
// in, says nothing of the text in it, and on a page of many links it is
// not the frame (frame), yet taking it for chrome leaves the page without
// visible prose, so nothing falls back.
func wrapsPage(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	return st != nil && bw.units > 0 && st.units*10 >= bw.units*9
}

// structuralTag reports a chrome-looking element that is chrome by its
// tag or attributes, not its class or id: isChrome marks a <header> or
// <footer> only outside an article, so any on the chain is one.
func structuralTag(n *html.Node) bool {
	if n.DataAtom == atom.Footer || n.DataAtom == atom.Header {
		return true
	}
	return hidden(n) || overlaid(n)
}

// frame reports an element that holds half the page's text, mostly
// outside links: the page's frame, not chrome. A hidden or overlaid
// element is the frame only on a page that shows no article outside it
// (articleOutside).
func frame(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	return st != nil && bw.units > 0 && st.units*2 >= bw.units && st.linkUnits*10 < st.units*3 &&
		!((hidden(n) || overlaid(n)) && bw.articleOutside(st))
}

// structuralText is step 3: a walk without class/id hints, whose chrome is
// structural only (and the comment sections a heading labels, which no
// name marks: labelledThreads), scored as genericText scores.
func structuralText(pg *parsed) extraction {
	sw := walkBlocksMode(pg.root, true, pg.b)
	sw.homes = pg.bw.homes
	defer sw.release()
	for _, st := range sw.stats {
		st.cid = "" // no hint weighs in the scoring, the siblings or the link blocks
	}
	for i := range sw.runs {
		sw.runs[i].chrome = sw.runs[i].thread || structuralChrome(sw, sw.runs[i])
	}
	runs := withoutTitleHeading(sw.runs, articleRuns(sw, genericRoots(sw, nil)), pg.title)
	return finish(runs, pg.title, pg.b, ExtractorGeneric)
}

// readabilityText is step 4: go-readability on a copy of the parsed page
// (it changes the tree it reads), its article walked into runs as a rule's
// selection is: all of it is the article, so no run is chrome.
func readabilityText(pg *parsed) extraction {
	u, _ := url.Parse(pg.url)
	p := readability.NewParser()
	p.MaxElemsToParse = readabilityElems
	art, err := p.ParseDocument(pg.root, u)
	if err != nil || art.Node == nil {
		return extraction{extractor: ExtractorReadability}
	}
	rw := walkBlocksMode(art.Node, false, pg.b)
	rw.release() // only its runs are read
	for i := range rw.runs {
		rw.runs[i].chrome = false
	}
	return finish(withoutTitleHeading(rw.runs, rw.runs, pg.title), pg.title, pg.b, ExtractorReadability)
}

// blockText is step 5: the largest text block's runs.
func blockText(pg *parsed, block textBlock) extraction {
	var runs []run
	if block.node != nil {
		runs = blockRuns(pg.bw, block)
	}
	return finish(runs, pg.title, pg.b, ExtractorBlock)
}

// finish turns an extractor's runs into its extraction: captions set
// apart, the lines of a hard-wrapped paragraph joined (joinWrapped),
// chrome lines dropped.
func finish(runs []run, title string, b *budget, extractor string) extraction {
	text, caps := splitCaptions(runs)
	text = joinWrapped(text)
	prose := 0
	for _, r := range text {
		prose += r.units - r.linkUnits
	}
	return extraction{paras: cleanRuns(text, title, b), captions: caps, extractor: extractor, prose: prose}
}
