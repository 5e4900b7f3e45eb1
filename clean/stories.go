package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Stories after the story. A news site that loads the next story as the
// reader scrolls, or a page that prints the next post in full below the
// one it is about, holds several blocks of one template, each led by a
// headline and a dateline and each with its own paragraphs. The page
// is about the block under its headline (the heading that repeats the
// title: headline); the blocks of its template after it, each led by a
// headline (an <h1>, or an <h2> on a page that keeps one <h1>) and a
// dateline, are other stories. An article cut into sections is told
// apart by its sections' lack of a dateline of their own: a story's
// byline or date under its headline.

// nextStories returns the blocks after the page's headline h, an <h1>,
// that are other stories: siblings, after the nearest block around h
// that they follow, of that block's signature, each led by an <h1> or an
// <h2> before its first paragraph of prose (ledBy), holding prose, with
// a dateline between the two (datelined). The block around h must itself
// be led by h, datelined and hold prose: the stories share one template,
// and what is left is a story. A page of dated entries under an undated
// introduction is a listing, kept whole. What parts the page's story
// from the next without prose goes with them (gapBetween). Nil when h is
// nil or there are none. Both passes of genericText drop them: the
// relaxed pass must not bring them back when the story is short.
func nextStories(bw *blockWalk, h *html.Node) []*html.Node {
	if h == nil || h.DataAtom != atom.H1 || bw.stats[h] == nil {
		return nil // an <h2> headline may head a page whose sections are <h2>s too
	}
	for p := h.Parent; belowBody(p); p = p.Parent {
		if !ledBy(bw, p, h.DataAtom) || !datelined(bw, p) {
			continue
		}
		var out []*html.Node
		sig := signature(p)
		for s := p.NextSibling; s != nil; s = s.NextSibling {
			// A page that keeps one <h1> heads the next story with an <h2>.
			if s.Type == html.ElementNode && signature(s) == sig && (ledBy(bw, s, atom.H1) || ledBy(bw, s, atom.H2)) && datelined(bw, s) {
				out = append(out, s)
			}
		}
		if out != nil {
			return append(out, gapBetween(bw, p, out[0])...)
		}
	}
	return nil
}

// gapBetween returns the elements between siblings a and b that hold no
// paragraph of prose: what parts one story from the next ("Next story",
// "Up next", a divider) is neither's text.
func gapBetween(bw *blockWalk, a, b *html.Node) []*html.Node {
	var out []*html.Node
	for s := a.NextSibling; s != nil && s != b; s = s.NextSibling {
		if st := bw.stats[s]; st != nil && st.end > st.start && !holdsProse(bw, st) {
			out = append(out, s)
		}
	}
	return out
}

// ledBy reports an element holding a paragraph of prose whose first
// heading, before that prose, is a heading of tag.
func ledBy(bw *blockWalk, n *html.Node, tag atom.Atom) bool {
	st := bw.stats[n]
	if st == nil {
		return false
	}
	for _, r := range bw.runs[st.start:st.end] {
		switch {
		case proseRun(r):
			return false
		case r.heading && r.owner != nil:
			if r.owner.DataAtom != tag {
				return false
			}
			return holdsProse(bw, st)
		}
	}
	return false
}

// datelined reports an element whose lines before its first paragraph
// of prose hold a dateline: a short line with a time (timeRe) or a
// byline ("By Jane Roe", "作者：…").
func datelined(bw *blockWalk, n *html.Node) bool {
	st := bw.stats[n]
	for _, r := range bw.runs[st.start:st.end] {
		if proseRun(r) {
			return false
		}
		if len(r.text) <= 400 && (strings.HasPrefix(r.text, "By ") || authorRunRe.MatchString(r.text) || mayTime(r.text) && timeRe.MatchString(r.text)) {
			return true
		}
	}
	return false
}

// holdsProse reports an element, whose stats are st, holding a paragraph
// of prose.
func holdsProse(bw *blockWalk, st *elemStats) bool {
	for _, r := range bw.runs[st.start:st.end] {
		if proseRun(r) {
			return true
		}
	}
	return false
}

// withoutStories returns runs minus those inside stories (nextStories).
func withoutStories(bw *blockWalk, runs []run, stories []*html.Node) []run {
	if len(stories) == 0 {
		return runs
	}
	out := runs[:0]
	for _, r := range runs {
		if !insideAny(bw, r.owner, stories) {
			out = append(out, r)
		}
	}
	return out
}

// insideAny reports an element (owner of a run) that is one of ns or lies
// inside one of them, by the walk's ranges of runs.
func insideAny(bw *blockWalk, owner *html.Node, ns []*html.Node) bool {
	os := bw.stats[owner]
	if os == nil {
		return false
	}
	for _, n := range ns {
		st := bw.stats[n]
		if os.start >= st.start && os.end <= st.end && (owner == n || deeper(owner, n)) {
			return true
		}
	}
	return false
}
