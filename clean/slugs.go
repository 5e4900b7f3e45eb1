package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Heading anchors. Markdown renderers, wikis, documentation generators
// and table-of-contents plugins give every heading an id made of its own
// words ("related-work" on "Related work", "h-share-of-the-market",
// "nav_nur_die_folie__1" on "Nur die Folie bleibt zurück"), so that a
// link can point at it. Such an id names the heading's words, not its
// part of the page: a hint among them ("related", "share", "location",
// "comments") says nothing about the heading, which is the article's
// own. An id that is not made of the heading's words ("comments-title"
// over "3 Responses", "footer-menu" over "Footer") still weighs.

// headingChrome reports a heading n, whose stats are st, that its class
// or id names as chrome by a strong hint (strongChromeOf), its id read
// only when it is not an anchor made of the heading's words (slugID).
// The heading's text is read only when the class and id name chrome.
func (bw *blockWalk) headingChrome(n *html.Node, st *elemStats) bool {
	if !strongChromeOf(st.cid) || sectionHeaderHeading(n, st.cid) {
		return false
	}
	id := attr(n, "id")
	if id == "" || !slugID(id, textOf(n)) {
		return true
	}
	return strongChromeOf(bw.classIDPair(attr(n, "class"), ""))
}

// slugID reports an id made of the first words of text, as a slug of it
// is: past at most one prefix word ("h", "toc", "nav") and before any
// words of digits only (a counter), the id's words are the first two or
// more words of text, in order. One word is not enough: an id "comments"
// over a heading "Comments" is a label's and its thread's name.
func slugID(id, text string) bool {
	var b strings.Builder
	hintWords(&b, id)
	ids := strings.Fields(b.String())
	for len(ids) > 0 && digitsOnly(ids[len(ids)-1]) {
		ids = ids[:len(ids)-1]
	}
	if len(ids) < 2 {
		return false
	}
	words := firstWords(text, len(ids))
	return prefixOf(ids, words) || len(ids) >= 3 && prefixOf(ids[1:], words)
}

// firstWords returns up to n of the first words of t, lowered as
// wordSimilarity lowers them (newLowerWords).
func firstWords(t string, n int) []string {
	var out []string
	for ws := newLowerWords(t); len(out) < n; {
		w, ok := ws.next()
		if !ok {
			break
		}
		out = append(out, w)
	}
	return out
}

// prefixOf reports whether a is words' first len(a) words.
func prefixOf(a, words []string) bool {
	if len(a) > len(words) {
		return false
	}
	for i, w := range a {
		if words[i] != w {
			return false
		}
	}
	return true
}

// sectionHeaderHeading reports a heading n, whose classID is cid, that
// names itself a header ("code-header", "section-header") and nothing
// else chrome-like, and that is a heading of a section of the text: an
// <h3> to <h6>, or one that carries its own permalink (selfAnchored).
// Documentation generators class their signatures and section headings
// so. A page header band is an <h1> or <h2> without a permalink, and
// stays chrome by its hint.
func sectionHeaderHeading(n *html.Node, cid string) bool {
	if !strongNegativeHints.matches(cid) || strongNegativeButHeaderHints.matches(cid) {
		return false // no strong hint but header*, or another one beside it
	}
	switch n.DataAtom {
	case atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return selfAnchored(n)
}

// selfAnchored reports a heading n holding a link to itself: an <a>
// whose href is "#" and the id of n or of n's parent (a <section> a
// generator wraps it in), as a permalink marks a section heading.
func selfAnchored(n *html.Node) bool {
	ids := []string{attr(n, "id")}
	if n.Parent != nil {
		ids = append(ids, attr(n.Parent, "id"))
	}
	for a := range n.Descendants() {
		if a.Type != html.ElementNode || a.DataAtom != atom.A {
			continue
		}
		href := strings.TrimSpace(attr(a, "href"))
		if len(href) < 2 || href[0] != '#' {
			continue
		}
		for _, id := range ids {
			if id != "" && href[1:] == id {
				return true
			}
		}
	}
	return false
}
