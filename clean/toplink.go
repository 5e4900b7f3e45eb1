package clean

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// topJump reports a link to the top of the page standing alone on its
// line: its href is "#top", which a browser follows to the page's top
// whether or not an anchor of that name exists (or the fragment names
// an anchor "top" case aside), and its block holds no letter outside it
// ("[ Back to top ]", "↑ Nach oben", "Haut de page"). Its words, in any
// language, are the page's chrome. A "#top" link inside a sentence is a
// word of the sentence, and a heading that links there still heads its
// part. Lines that jump back to another anchor go when they repeat
// (backJumps).
func topJump(a *html.Node) bool {
	h := strings.TrimSpace(attr(a, "href"))
	if len(h) != 4 || h[0] != '#' || !strings.EqualFold(h[1:], "top") {
		return false
	}
	b := a.Parent
	for b != nil && b.Type == html.ElementNode && !blockTags[b.DataAtom] {
		b = b.Parent
	}
	if b == nil || b.Type != html.ElementNode || isHeading(b.DataAtom) {
		return false // a heading that links to the top is still the heading of its part
	}
	return !lettersOutside(b, a, 0) || aloneOnLine(a, b)
}

// aloneOnLine reports a link, inside block b, that is a line of its own
// between b's blocks ("<p>…</p><a href="#top">Back to top</a><h2>"):
// the walk ends a run at every block element, so the line of a is the
// inline content around it back to the block before it and on to the
// block after it. The line holds no letter outside a: not around a in the
// inline elements that hold it (under b), nor in the inline siblings of
// the outermost of them up to a block element on either side.
func aloneOnLine(a, b *html.Node) bool {
	x := a
	for x.Parent != b {
		x = x.Parent
	}
	if x != a && lettersOutside(x, a, 0) {
		return false
	}
	for _, next := range []func(*html.Node) *html.Node{
		func(n *html.Node) *html.Node { return n.PrevSibling },
		func(n *html.Node) *html.Node { return n.NextSibling },
	} {
		for c := next(x); c != nil; c = next(c) {
			if c.Type == html.ElementNode && (blockTags[c.DataAtom] || c.DataAtom == atom.Br) {
				break
			}
			if inlineLetters(c) {
				return false
			}
		}
	}
	return true
}

// inlineLetters reports a letter or digit in c, a text node or an inline
// element (read to 8 levels, as lettersOutside does).
func inlineLetters(c *html.Node) bool {
	switch c.Type {
	case html.TextNode:
		return strings.IndexFunc(c.Data, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
	case html.ElementNode:
		return !dropTags[c.DataAtom] && lettersOutside(c, nil, 0)
	}
	return false
}

// lettersOutside reports a letter or digit in a text node under n that is
// not under skip; it reads no deeper than 8 levels (and answers true
// past them: a line that deep is no lone link).
func lettersOutside(n, skip *html.Node, depth int) bool {
	if depth > 8 {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == skip:
		case c.Type == html.TextNode:
			if strings.IndexFunc(c.Data, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
				return true
			}
		case c.Type == html.ElementNode && lettersOutside(c, skip, depth+1):
			return true
		}
	}
	return false
}
