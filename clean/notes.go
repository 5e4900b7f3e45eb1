package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxNoteLinks bounds the in-page links and anchors notesOf collects
// from the article: a page of thousands of them is no page of notes.
const maxNoteLinks = 500

// noteLinks are the in-page links of an article's best container and the
// anchors it holds, collected once when a sibling is first weighed as its
// notes (notesOf).
type noteLinks struct {
	done    bool
	targets map[string]bool // fragments the container links to ("_ftn1" for href="#_ftn1")
	anchors map[string]bool // ids and <a name>s inside the container
}

// collect fills l from best's subtree.
func (l *noteLinks) collect(best *html.Node) {
	l.done = true
	l.targets, l.anchors = map[string]bool{}, map[string]bool{}
	walkAnchors(best, func(frag, anchor string) bool {
		if frag != "" {
			l.targets[frag] = true
		}
		if anchor != "" {
			l.anchors[anchor] = true
		}
		return len(l.targets)+len(l.anchors) < maxNoteLinks
	})
}

// walkAnchors calls f for each element under n with its in-page link
// target (the fragment of an href that is "#" and a name) and its anchor
// name (id, or an <a>'s name), either "" when it has none, while f
// returns true.
func walkAnchors(n *html.Node, f func(frag, anchor string) bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		frag, anchor := "", attr(c, "id")
		if c.DataAtom == atom.A {
			if h := strings.TrimSpace(attr(c, "href")); len(h) > 1 && h[0] == '#' {
				frag = h[1:]
			}
			if name := attr(c, "name"); name != "" && anchor == "" {
				anchor = name
			}
		}
		if (frag != "" || anchor != "") && !f(frag, anchor) {
			return false
		}
		if !walkAnchors(c, f) {
			return false
		}
	}
	return true
}

// notesOf reports whether c, a sibling after the article's best
// container, holds the article's notes: it holds an anchor that a link of
// the article points to (the note mark "[1]" → #_ftn1) and links back to
// an anchor in the article (the note's own "[1]" → #_ftnref1). Notes a
// word processor writes, and most written by hand, are linked both ways;
// a list of the page's sections (a table of contents) links only one
// way, and the site's chrome links to neither. Their text is the
// article's: a note is scored little for being short, and so did not
// join by its score.
func notesOf(c *html.Node, l *noteLinks, best *html.Node) bool {
	if !l.done {
		l.collect(best)
	}
	if len(l.targets) == 0 || len(l.anchors) == 0 {
		return false
	}
	pointed, back := false, false
	walkAnchors(c, func(frag, anchor string) bool {
		pointed = pointed || anchor != "" && l.targets[anchor]
		back = back || frag != "" && l.anchors[frag]
		return !(pointed && back)
	})
	return pointed && back
}
