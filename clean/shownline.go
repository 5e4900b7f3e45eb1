package clean

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// placeholderTitleRe matches a <title> that names no document: an
// editor's default left in place ("Untitled Document", "New Page 1",
// "Sans titre") or the name of a site's first page ("Home", "Index",
// "Startseite") that an old site's template sets on every page.
var placeholderTitleRe = regexp.MustCompile(`(?i)^(?:untitled(?: document| page)?|new page(?: \d+)?|document ?\d*|` +
	`home(?: ?page)?|index|welcome|ohne titel|unbenannt|neue seite(?: \d+)?|startseite|sans titre|nouvelle page(?: \d+)?|accueil)$`)

// placeholderTitle reports raw, a page's <title> collapsed, a
// placeholder (placeholderTitleRe), or empty.
func placeholderTitle(raw string) bool {
	return raw == "" || placeholderTitleRe.MatchString(raw)
}

// emphasisedHeadline returns first, the article's first paragraph, when
// the page sets it apart as a headline without a heading element: in
// bold, in a large font or centred (emphasised), 4 to headlineRunes runes
// that do not end a sentence. Old pages made in an editor set their
// headline so, under a <title> that names nothing (placeholderTitle).
// "" otherwise. runs are the page's runs: the first that says first
// alone is the one weighed.
func emphasisedHeadline(runs []run, first string) string {
	if n := utf8.RuneCountInString(first); n < 4 || n > headlineRunes || sentenceEnd(first) {
		return ""
	}
	for _, r := range runs {
		if collapse(r.text) != first {
			continue
		}
		if r.owner != nil && emphasised(r.owner, first, 0) {
			return first
		}
		return ""
	}
	return ""
}

// emphasised reports an element at or below n (depth levels down) whose
// whole text is t and that sets it in bold, large or centred: <b>,
// <strong>, <big>, a <font> of size 4 or more (or "+1" and up), <center>
// or a block aligned to the centre.
func emphasised(n *html.Node, t string, depth int) bool {
	if n.Type != html.ElementNode || depth > 6 {
		return false
	}
	if emphasisTag(n) && collapse(textOf(n)) == t {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if emphasised(c, t, depth+1) {
			return true
		}
	}
	return false
}

// emphasisTag reports an element that sets its text apart: see emphasised.
func emphasisTag(n *html.Node) bool {
	switch n.DataAtom {
	case atom.B, atom.Strong, atom.Big, atom.Center:
		return true
	case atom.Font:
		return largeFont(attr(n, "size"))
	case atom.P, atom.Div, atom.Td:
		return strings.EqualFold(strings.TrimSpace(attr(n, "align")), "center")
	}
	return false
}

// largeFont reports a <font size> of 4 or more, or a step up ("+1").
func largeFont(size string) bool {
	size = strings.TrimSpace(size)
	if strings.HasPrefix(size, "+") {
		return len(size) > 1 && size[1] >= '1' && size[1] <= '9'
	}
	n, err := strconv.Atoi(size)
	return err == nil && n >= 4
}
