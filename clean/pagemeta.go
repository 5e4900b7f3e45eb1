package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what one walk over the whole page collects for metadata.
type pageMeta struct {
	lang      string    // <html lang>
	title     string    // <title>
	metas     []metaTag // <meta> with a content, in order
	canonical string    // <link rel=canonical href>, as written
	base      string    // <base href>, as written
	h1        []string  // <h1> texts
	subheads  []string  // <h2> and <h3> texts, the first 24
	times     []timeTag // <time datetime>
	jsonld    []string  // <script type="application/ld+json"> bodies
	bylines   []string  // text of elements whose class/id says author/byline
}

type metaTag struct{ key, content string } // key: lower-cased name, property, itemprop or http-equiv

type timeTag struct{ datetime, text string }

func collectMeta(root *html.Node) *pageMeta {
	pm := &pageMeta{}
	pm.walk(root)
	return pm
}

// walk records n's subtree, in document order, but for the children of
// the elements element says need no visit.
func (pm *pageMeta) walk(n *html.Node) {
	if n.Type == html.ElementNode && !pm.element(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		pm.walk(c)
	}
}

// element records n; it returns false when n's children need no visit.
func (pm *pageMeta) element(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html:
		if pm.lang == "" {
			pm.lang = attr(n, "lang")
			if pm.lang == "" {
				pm.lang = attr(n, "xml:lang")
			}
		}
	case atom.Title:
		if pm.title == "" && !inSVG(n) {
			pm.title = textOf(n)
		}
		return false
	case atom.Meta:
		pm.meta(n)
	case atom.Link:
		if pm.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
			pm.canonical = strings.TrimSpace(attr(n, "href"))
		}
	case atom.Base:
		if pm.base == "" {
			pm.base = strings.TrimSpace(attr(n, "href"))
		}
	case atom.H1:
		if len(pm.h1) < 8 {
			pm.h1 = append(pm.h1, textOf(n))
		}
	case atom.H2, atom.H3:
		if len(pm.subheads) < 24 {
			pm.subheads = append(pm.subheads, textOf(n))
		}
	case atom.Time:
		if dt := attr(n, "datetime"); dt != "" && len(pm.times) < 16 {
			pm.times = append(pm.times, timeTag{dt, textOf(n)})
		}
	case atom.Script:
		if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil && len(pm.jsonld) < 8 {
			pm.jsonld = append(pm.jsonld, n.FirstChild.Data)
		}
		return false
	case atom.Style, atom.Noscript, atom.Template:
		return false
	}
	if n.DataAtom == atom.Meta {
		return true // meta read its itemprop; a meta tag is no byline
	}
	itemprop, class, id := metaAttrs(n)
	if itemprop != "" {
		pm.itemprop(n, strings.ToLower(itemprop))
	}
	if len(pm.bylines) < 4 && bylineNames(class, id) {
		if t := textOf(n); t != "" && len([]rune(t)) <= 80 {
			pm.bylines = append(pm.bylines, t)
		}
	}
	return true
}

// metaAttrs returns n's itemprop, class and id: attr of each, read in one
// pass over n's attributes (element asks of every element of a page).
func metaAttrs(n *html.Node) (itemprop, class, id string) {
	var seen [3]bool // the first of each key is the one attr returns
	for _, a := range n.Attr {
		switch {
		case a.Key == "itemprop" && !seen[0]:
			itemprop, seen[0] = a.Val, true
		case a.Key == "class" && !seen[1]:
			class, seen[1] = a.Val, true
		case a.Key == "id" && !seen[2]:
			id, seen[2] = a.Val, true
		}
	}
	return itemprop, class, id
}

func (pm *pageMeta) meta(n *html.Node) {
	content, ok := attrOK(n, "content")
	if !ok {
		return
	}
	content = strings.TrimSpace(content)
	for _, k := range [...]string{"name", "property", "itemprop", "http-equiv"} {
		if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" && content != "" {
			pm.metas = append(pm.metas, metaTag{key, content})
			return
		}
	}
}

// itemprop records microdata on elements other than <meta> as meta tags.
func (pm *pageMeta) itemprop(n *html.Node, key string) {
	switch key {
	case "datepublished", "datemodified", "author", "headline":
		v := attr(n, "content")
		if v == "" {
			v = attr(n, "datetime")
		}
		if v == "" {
			v = textOf(n)
		}
		if v != "" && len(v) < 300 {
			pm.metas = append(pm.metas, metaTag{key, v})
		}
	}
}

// get returns the first meta content under any of keys, tried in order.
func (pm *pageMeta) get(keys ...string) string {
	for _, k := range keys {
		for _, m := range pm.metas {
			if m.key == k {
				return m.content
			}
		}
	}
	return ""
}

// hasToken reports whether the white-space separated list holds tok, in
// any case. It reads the list in place (FieldsSeq): strings.Fields made a
// slice for every rel attribute asked about.
func hasToken(list, tok string) bool {
	for f := range strings.FieldsSeq(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

// bylineNames reports whether the words of an element's class and id
// (classID) hold "byline" or "author"; classID is made only when the
// class or id holds one of them (namesHold).
func bylineNames(class, id string) bool {
	if !namesHold(class, id, "byline", "author") {
		return false
	}
	s := classIDOf(class, id)
	return strings.Contains(s, "byline") || strings.Contains(s, "author")
}
