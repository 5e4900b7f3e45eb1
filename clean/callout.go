package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// calloutAside reports an <aside> that is a callout of the text around it
// (a documentation page's "Note", "Tip" or "Caution" box, which Starlight
// and other generators write as an <aside>), which the walk reads as
// text, where an <aside> is otherwise never walked (dropTags): a
// calloutBox (an <aside> with a heading is a sidebar).
func calloutAside(n *html.Node) bool {
	return n.DataAtom == atom.Aside && (calloutBox(n) || caseBox(n))
}

// caseMaxParas is the most paragraphs a boxed case study holds under its
// heading: a longer box is a part of the page of its own.
const caseMaxParas = 3

// caseBox reports an element that is a boxed part of the text it stands
// in (a white paper's "Case study: …", "Box 2.1", "Fallbeispiel"): it
// follows prose (proseBefore: a paragraph of proseUnits or more, ending
// a sentence, right before it, or ending the <section> right before it)
// and either the text goes on after it (textAfter: a paragraph, heading
// or section right after it, in its parent or its parent's parent) or
// it closes the text's container (closesText), a heading opens it, and
// under the
// heading it holds one to caseMaxParas paragraphs with two sentences or
// more and proseUnits of text or more, under a quarter of it in links,
// no list, picture, form or navigation (calloutBars). A sign-up box of one
// sentence, a sidebar of links or a contact panel (no sentence) is none.
func caseBox(n *html.Node) bool {
	if n.Parent == nil || hidden(n) || !proseBefore(n) || !textAfter(n) && !closesText(n) {
		return false
	}
	head := firstChildElement(n)
	if head == nil || !isHeading(head.DataAtom) {
		return false
	}
	paras, said, text := 0, 0, 0
	for c := head.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return false // loose text beside the paragraphs: no box of paragraphs
		}
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.P {
			return false
		}
		t := textOf(c)
		paras++
		said += sentenceCount(t)
		text += units(t)
	}
	if paras == 0 || paras > caseMaxParas || said < 2 || text < proseUnits {
		return false
	}
	isBar := func(a atom.Atom) bool { return calloutBars[a] }
	return noteBox(n, isBar, func(a atom.Atom) bool { return a == atom.P })
}

// firstChildElement returns n's first element child, or nil.
func firstChildElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// proseBefore reports whether n's previous element sibling is a paragraph
// of prose (proseUnits of text or more, ending a sentence), or a <section>
// whose last element is one: a box after the paper's last section.
func proseBefore(n *html.Node) bool {
	p := prevElement(n)
	if p != nil && p.DataAtom == atom.Section {
		p = lastChildElement(p)
	}
	if p == nil || p.DataAtom != atom.P {
		return false
	}
	t := textOf(p)
	return units(t) >= proseUnits && sentenceEnd(t)
}

// textAfter reports whether the text goes on after n: the next element
// sibling of n, or of its parent when n ends its parent (a box closing
// a <section>), is a paragraph, a heading or a section. A link back to
// the top in between (topJump) is the page's, and is passed over.
func textAfter(n *html.Node) bool {
	next := nextElement(n)
	for next != nil && next.DataAtom == atom.A && topJump(next) {
		next = nextElement(next)
	}
	if next == nil && n.Parent != nil {
		next = nextElement(n.Parent)
	}
	return next != nil && (next.DataAtom == atom.P || next.DataAtom == atom.Section || isHeading(next.DataAtom))
}

// closesText reports whether n is the last block of the text's container:
// no element follows it in its parent (a link back to the top, topJump,
// and lists of notes, noteList, aside), and its parent is no <body>,
// where a box would stand beside the page's containers, not inside the
// text's. A box after an <article>
// or <main> has no paragraph right before it (proseBefore), so only a
// box inside the container that holds the paper's paragraphs closes it.
func closesText(n *html.Node) bool {
	if n.Parent == nil || n.Parent.Type != html.ElementNode || n.Parent.DataAtom == atom.Body {
		return false
	}
	next := nextElement(n)
	for next != nil && (next.DataAtom == atom.A && topJump(next) || noteList(next)) {
		next = nextElement(next)
	}
	return next == nil
}

// noteList reports an element that is a list of notes alone: an <ol>, or
// a block whose elements are a rule or a heading before one <ol> and
// nothing else (a white paper's footnotes after its last box).
func noteList(n *html.Node) bool {
	if n.DataAtom == atom.Ol {
		return true
	}
	lists := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return false
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Ol:
			lists++
		case c.DataAtom != atom.Hr && !isHeading(c.DataAtom):
			return false
		}
	}
	return lists == 1
}

// lastChildElement returns n's last element child, or nil.
func lastChildElement(n *html.Node) *html.Node {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// calloutBox reports an element that stands among paragraphs (its parent
// holds two <p> or more beside it) and holds a paragraph of its own,
// under a quarter of its text in links, no list, picture, form or
// navigation, and no heading; and whose text is not found in the
// paragraphs beside it (a pull quote repeats them).
func calloutBox(n *html.Node) bool {
	if n.Parent == nil || hidden(n) {
		return false
	}
	paras := 0
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.P {
			paras++
		}
	}
	if paras < 2 {
		return false
	}
	isBar := func(a atom.Atom) bool { return calloutBars[a] || isHeading(a) }
	return noteBox(n, isBar, func(a atom.Atom) bool { return a == atom.P }) && !repeatsBeside(n)
}

// calloutBars are the elements no callout holds: a box with one is a box
// of related links, a pull-out picture or a sign-up form.
var calloutBars = map[atom.Atom]bool{
	atom.Ul: true, atom.Ol: true, atom.Img: true, atom.Picture: true, atom.Figure: true, atom.Form: true,
	atom.Nav: true, atom.Iframe: true, atom.Video: true,
}

// repeatsBeside reports whether a sibling of n holds the first words of
// n's text (40 bytes of it, past any quotation marks): n is a pull quote.
func repeatsBeside(n *html.Node) bool {
	t := strings.TrimLeft(textOf(n), " \"'“‘«„")
	if len(t) > 40 {
		t = t[:40]
	}
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode && strings.Contains(textOf(c), t) {
			return true
		}
	}
	return false
}

// alertNote reports an element in the role of an alert that is a note of
// the article's own text, not a banner of the site's: it lies inside an
// <article> or <main> (inArticle), right after a paragraph of it (its
// previous element sibling is a <p>), and holds a paragraph or heading
// of its own with at least 8 units of text, under a quarter of them in
// links, and no form, navigation or frame. Documentation themes (Docsy,
// Bootstrap) write their "Note" and "Warning" boxes so; a site-wide
// alert opens the page, or follows a box of its own, never a paragraph.
func alertNote(n *html.Node, inArticle bool) bool {
	if !inArticle || chromeRole(n) != "alert" {
		return false
	}
	if p := prevElement(n); p == nil || p.DataAtom != atom.P {
		return false
	}
	isBar := func(a atom.Atom) bool { return a == atom.Form || a == atom.Nav || a == atom.Iframe }
	return noteBox(n, isBar, func(a atom.Atom) bool { return a == atom.P || isHeading(a) })
}

// noteBox reports whether n reads as a note of the text around it: it
// holds an element that block names (its own paragraph, or heading),
// none that bar names, and at least 8 units of text, under a quarter of
// them in links. Elements the walk drops (dropTags) are not read.
func noteBox(n *html.Node, bar, block func(atom.Atom) bool) bool {
	holds, text, linked := false, 0, 0
	ok := true
	var see func(*html.Node, bool)
	see = func(c *html.Node, inLink bool) {
		for k := c.FirstChild; k != nil && ok; k = k.NextSibling {
			switch k.Type {
			case html.TextNode:
				u := units(k.Data)
				text += u
				if inLink {
					linked += u
				}
			case html.ElementNode:
				if bar(k.DataAtom) {
					ok = false
					return
				}
				holds = holds || block(k.DataAtom)
				if !dropTags[k.DataAtom] {
					see(k, inLink || k.DataAtom == atom.A)
				}
			}
		}
	}
	see(n, false)
	return ok && holds && text >= 8 && linked*4 < text
}
