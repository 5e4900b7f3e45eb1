package clean

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
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
	return !lettersOutside(b, a, 0)
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
