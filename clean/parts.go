package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// An article cut into parts: some sites' editors build a story from one
// block per paragraph or per section, each block a wrapper of its own
// (a "paragraph" component, a "section" card) around the text, side by
// side under one parent. Each part scores alone and the best is one part;
// its wrapper holds nothing else, so withSiblings, which looks beside
// best, finds nothing. The parts share the wrapper's signature (tag and
// class names, as the teaser groups do) and hold prose with few links,
// where teaser cards of one template beside a story are much of them
// links, and a byline or dateline block holds no paragraph of prose.

// wrapperTop returns the outermost element around best that holds no
// text but best's and headings': the top of the wrappers around the best
// part. It is best itself when best's parent holds more.
func wrapperTop(bw *blockWalk, best *html.Node) *html.Node {
	n := best
	for p := n.Parent; p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body; p = p.Parent {
		if !onlyText(bw, p, n) {
			break
		}
		n = p
	}
	return n
}

// onlyText reports whether n is the only child of p with text but
// headings: a part is often its heading and its text.
func onlyText(bw *blockWalk, p, n *html.Node) bool {
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == n:
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false
		case c.Type == html.ElementNode && !isHeading(c.DataAtom):
			if st := bw.stats[c]; st != nil && st.units > 0 {
				return false
			}
		}
	}
	return true
}

// bareStory reports whether top is an element without a class that is
// region, the element around the page's headline (regionOf; nil for
// none), or holds it. Such a top is the whole story, headline and body,
// and its bare siblings share its signature by having no names, not by
// being one template: on a page whose blocks carry no names, the cookie
// notice before a short story and the footer's paragraphs after it were
// taken as more parts of it. A part with a class (a section card of
// one template) may hold the headline with the story's first section.
func bareStory(top, region *html.Node) bool {
	return region != nil && attr(top, "class") == "" && (region == top || deeper(region, top))
}

// partsOf returns top and its siblings of top's signature that read as
// more parts of the article, in document order: each holds a paragraph
// of prose (hasProse) and has under a third of its text in links. A
// dateline or a byline in a block of the same template is no part. It
// returns nil unless the parts are minGroup or more, a template repeated
// (a header and a body in two blocks of one class are not parts). A
// block that is all the site's footer (foot, siteFooter) is no part: on a
// page whose blocks carry no names it shares a bare story's signature.
func partsOf(bw *blockWalk, top *html.Node, foot runSpan) []*html.Node {
	sig := signature(top)
	var out []*html.Node
	for c := top.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == top {
			out = append(out, c)
			continue
		}
		st := bw.stats[c]
		if st == nil || st.units == 0 || st.score <= 0 || hintOf(st.cid) < 0 || signature(c) != sig || foot.holds(st) {
			continue
		}
		if st.linkUnits*3 < st.units && hasProse(bw, st) {
			out = append(out, c)
		}
	}
	if len(out) < minGroup {
		return nil
	}
	return out
}

// hasProse reports whether an element holds a paragraph of prose: a run
// of proseUnits or more outside chrome, headings, captions and links.
func hasProse(bw *blockWalk, st *elemStats) bool {
	for _, r := range bw.runs[st.start:st.end] {
		if proseRun(r) && !r.caption {
			return true
		}
	}
	return false
}
