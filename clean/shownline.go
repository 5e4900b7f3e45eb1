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

// setHeadline returns the line a page sets as its headline just above
// the article's first paragraph (first) when its <title> (raw, with no
// separator: title is raw whole) names only the site and no heading says
// the headline: a <div class="title">, a centred table cell, a bold line
// (setApart). The nearest run above first within tailRuns, past link
// lines, date and source lines and chrome lines, is weighed; it must be
// 4 to headlineRunes runes, end no sentence, be no heading (the heading
// rules weigh those), differ from the <title> (neither holds the other)
// and be set apart. The <title> must show nowhere on the page as a line
// of its own outside a link: a page that shows its <title> so names its
// headline by it. "" otherwise. Any script serves: the test is the
// line's place and its looks.
func setHeadline(runs []run, title, raw, first string) string {
	if title == "" || title != raw || first == "" {
		return ""
	}
	start := -1
	for i, r := range runs {
		t := collapse(r.text)
		if t == title && !linkLine(r) {
			return "" // the page shows its <title>: it names the headline
		}
		if t == first && start < 0 {
			start = i
		}
	}
	for j := start - 1; start > 0 && j >= 0 && j >= start-tailRuns; j-- {
		r := runs[j]
		t := collapse(r.text)
		if t == "" || linkLine(r) || metaPart(t) || junkLine(t) {
			continue // the menu, a breadcrumb, the date and source line, a toolbar
		}
		n := utf8.RuneCountInString(t)
		if r.heading || n < 4 || n > headlineRunes || sentenceEnd(t) || strings.Contains(t, title) || strings.Contains(title, t) {
			return ""
		}
		if r.owner != nil && setApart(r.owner, t) {
			return t
		}
		return ""
	}
	return ""
}

// setApartLevels is how many of a block's ancestors setApart reads
// besides the block: a <span> in a <div class="title">, a <p> in a
// centred cell.
const setApartLevels = 2

// setApart reports a block n whose whole text is t and that sets it
// apart as a headline: in bold, large or centred (emphasised, or an
// inline style that says so), or named a title by its class or id (the
// whole word: "title", "tit", "headline"), itself or one of its
// setApartLevels nearest ancestors whose text is t too.
func setApart(n *html.Node, t string) bool {
	if emphasised(n, t, 0) {
		return true
	}
	for k := 0; n != nil && n.Type == html.ElementNode && k <= setApartLevels; k, n = k+1, n.Parent {
		if collapse(textOf(n)) != t {
			return false
		}
		if headlineStyle(attr(n, "style")) {
			return true
		}
		cid := classID(n)
		for _, w := range []string{"title", "tit", "headline"} {
			if hasHint(cid, w) {
				return true
			}
		}
	}
	return false
}

// headlineStyle reports an inline style that sets a line apart: bold
// (font-weight bold or 600 and up), centred, or a font of 18px or more.
func headlineStyle(style string) bool {
	if style == "" {
		return false
	}
	s := strings.ToLower(strings.ReplaceAll(style, " ", ""))
	if strings.Contains(s, "text-align:center") || strings.Contains(s, "font-weight:bold") {
		return true
	}
	for _, w := range []string{"font-weight:6", "font-weight:7", "font-weight:8", "font-weight:9"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	if _, px, ok := strings.Cut(s, "font-size:"); ok {
		if num, _, ok := strings.Cut(px, "px"); ok {
			if v, err := strconv.ParseFloat(num, 64); err == nil && v >= 18 {
				return true
			}
		}
	}
	return false
}

// siteNameRuns is how many runs above the text's first paragraph
// siteNameTitle looks for the <title>'s line: the site's header, its
// menu, a breadcrumb.
const siteNameRuns = 10

// siteNameTitle reports a <title> raw that names the site, not the
// document: the page shows raw alone as a line of its header above first,
// the text's first paragraph and another line, and sets that header off
// from the text as a site sets its name off: a menu (a link line) stands
// between the two, or the header's block holds the site's logo (an
// <img>). Old official pages put the organisation's name in <title> and
// over every page and the document's own headline in bold or a large
// font at the text's top (emphasisedHeadline weighs that line).
func siteNameTitle(runs []run, raw, first string) bool {
	if raw == "" || raw == first {
		return false
	}
	start := -1
	for k, r := range runs {
		if collapse(r.text) == first {
			start = k
			break
		}
	}
	menu := false
	for j := start - 1; start > 0 && j >= 0 && j >= start-siteNameRuns; j-- {
		r := runs[j]
		if linkLine(r) {
			menu = true
			continue
		}
		if collapse(r.text) != raw {
			continue
		}
		return menu || (r.owner != nil && holdsPicture(r.owner))
	}
	return false
}

// holdsPicture reports an <img> at or below n.
func holdsPicture(n *html.Node) bool {
	if n.DataAtom == atom.Img {
		return true
	}
	for d := range n.Descendants() {
		if d.DataAtom == atom.Img {
			return true
		}
	}
	return false
}
