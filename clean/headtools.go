package clean

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Documentation generators and wikis set tools into a heading's line: a
// permalink to the heading ("¶" in Sphinx and MkDocs, "#" or an empty,
// icon-only link in Docusaurus and Hugo themes) and a wiki's "[edit]"
// link to the section's source, or an API generator's link to the code
// an entry documents ("[src]", "[source]"). They are no words of the heading; the
// block walk skips them (headingTool) when the block it is in is a
// heading or a definition's term (Sphinx sets the permalink of an API
// entry in its <dt>), and a source link also in the box around a
// heading (headingBox).

// permalinkMarks are the texts of a permalink to a heading: the mark
// alone, or nothing but white space and zero-width spaces ("&#8203;").
var permalinkMarks = map[string]bool{"": true, "¶": true, "#": true, "§": true, "🔗": true, "⚓": true, "⚓\uFE0E": true}

// headingTool reports an element of a heading's line (the walk's owner
// is owner) that is a tool and no word of it: a permalink (permalink) or
// a wiki's edit link with its brackets (editSection).
func headingTool(n, owner *html.Node) bool {
	if owner == nil {
		return false
	}
	if !isHeading(owner.DataAtom) && owner.DataAtom != atom.Dt {
		return n.DataAtom == atom.A && sourceLink(n) && headingBox(owner)
	}
	return permalink(n) || editSection(n) || sourceLink(n)
}

// headingBox reports a block whose only block child is a heading: the
// box a generator sets a signature's heading in, beside its tools
// (rustdoc's <section> around an <h4> and its "source" link).
func headingBox(b *html.Node) bool {
	heading := false
	for c := b.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || !blockTags[c.DataAtom] {
			continue
		}
		if heading || !isHeading(c.DataAtom) {
			return false
		}
		heading = true
	}
	return heading
}

// sourceLink reports a link whose text is only "src" or "source", bare
// or in brackets ("[src]", "[source]"): an API generator's link from an
// entry's heading to the code it documents, no word of the heading.
func sourceLink(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	t := strings.ToLower(strings.Trim(textOf(n), " \u00a0[]()"))
	return t == "src" || t == "source"
}

// permalink reports a link within the page (its href a fragment) whose
// text is a permalink mark (permalinkMarks).
func permalink(n *html.Node) bool {
	if n.DataAtom != atom.A || !strings.HasPrefix(strings.TrimSpace(attr(n, "href")), "#") {
		return false
	}
	return permalinkMarks[strings.Trim(textOf(n), " \u200b\u200c\u200d\u2060\ufeff")]
}

// editSection reports a wiki's link to edit a section (editLink), or an
// inline element that holds one and else only brackets, bars and white
// space ("[edit]", "[ edit | edit source ]" when every link edits).
func editSection(n *html.Node) bool {
	if n.DataAtom == atom.A {
		return editLink(n)
	}
	if blockTags[n.DataAtom] {
		return false
	}
	edits, other := 0, false
	var see func(*html.Node)
	see = func(c *html.Node) {
		switch {
		case other:
		case c.Type == html.TextNode:
			other = strings.Trim(c.Data, " \t\r\n\u00a0[]|") != ""
		case c.Type == html.ElementNode && c.DataAtom == atom.A:
			if editLink(c) {
				edits++
			} else {
				other = true
			}
		case c.Type == html.ElementNode && !blockTags[c.DataAtom]:
			for k := c.FirstChild; k != nil; k = k.NextSibling {
				see(k)
			}
		case c.Type == html.ElementNode:
			other = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		see(c)
	}
	return edits > 0 && !other
}

// editLink reports a link whose query asks a wiki to edit the page
// (MediaWiki, MoinMoin and PmWiki's action=edit, MediaWiki's visual
// editor's veaction=edit or editsource).
func editLink(a *html.Node) bool {
	href := attr(a, "href")
	if !strings.Contains(href, "action=edit") {
		return false
	}
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return false
	}
	q := u.Query()
	return q.Get("action") == "edit" || q.Get("veaction") == "edit" || q.Get("veaction") == "editsource"
}
