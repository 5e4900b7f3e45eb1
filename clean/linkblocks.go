package clean

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/idna"
)

// Link blocks inside the article: related reading, tag lists, teaser
// cards and previous/next navigation sit inside the element chosen as the
// article and are dropped from it as a whole (articleRuns).

// linkList reports blocks that are lists of links inside the article:
// related reading, tag lists, previous/next navigation.
func linkList(st *elemStats) bool {
	return st.links >= 2 && st.units > 0 && float64(st.linkUnits) > 0.5*float64(st.units)
}

// inLinkList reports whether n lies in a link block inside root. A list
// item is never one by itself: its list decides; nor is a linked
// sentence, nor an element that wraps a linked sentence and nothing else
// (its one line is the sentence's).
func inLinkList(bw *blockWalk, n, root *html.Node) bool {
	sentence := false
	for ; n != nil && n != root; n = n.Parent {
		st := bw.stats[n]
		if st == nil {
			continue
		}
		if linkedSentence(n, st) || roundUp(bw, n, st) && proseAfter(bw, n, root) {
			sentence = true
			continue
		}
		if sentence && st.end-st.start == 1 {
			continue
		}
		sentence = false
		if n.DataAtom != atom.Li && linkBlock(bw, n, st) {
			return true
		}
	}
	return false
}

// linkedSentence reports a paragraph whose links are shorter than a
// headline on average and which has words of its own: a credit or a
// pointer that names things by linking them ("Portrait by George Del
// Barrio", "Source files: blanket.js, mocha-blanket.js"), not a list of
// links. Its line is weighed like any other (linkOK).
func linkedSentence(n *html.Node, st *elemStats) bool {
	return n.DataAtom == atom.P && st.linkUnits < headlineUnits*st.links && plainText(n)
}

// roundUp reports a paragraph that is one line of its own words and
// links that ends as a sentence does (sentenceEnd), most of whose links
// cite what they name off the site (cites): a sentence that rounds up
// other sites' pieces by their linked titles ("This week's reading: …,
// … and …."), whose links may each be as long as a headline. A line of
// the site's own headlines links back into the site. inLinkList takes
// it for a linked sentence only when the article's prose goes on after
// it: after the article's last paragraph, a line of headlines is the
// site's ("More news: … · …."). Its line is then weighed like any other
// (linkOK), where a related-reading label still drops it (teaserLink).
func roundUp(bw *blockWalk, n *html.Node, st *elemStats) bool {
	if n.DataAtom != atom.P || st.end-st.start != 1 || st.links < 2 || !plainText(n) || !sentenceEnd(bw.runs[st.start].text) {
		return false
	}
	cited, all := countLinks(n, bw.cites)
	return cited*2 > all
}

// linkBlock reports a block of links: an element mostly links (a list
// only when its items are links, linkItems), or a teaser card
// (linkyDiv). The answer is kept in st: inLinkList asks it of every
// ancestor of every run, and linkItems and linkyDiv read all the block's
// items or runs, so that asked afresh it cost a page of nested blocks
// the square of its runs.
func linkBlock(bw *blockWalk, n *html.Node, st *elemStats) bool {
	if st.linkBlock == 0 {
		st.linkBlock = 1
		if linkList(st) && (!listTag(n.DataAtom) || linkItems(bw, n)) || linkyDiv(bw, n, st) {
			st.linkBlock = 2
		}
	}
	return st.linkBlock == 2
}

// linkItems reports a list whose items are, most of them (over half),
// links through and through (linkItem): related reading, a tag list, a
// menu. A list whose items mostly have words of their own beside their
// links (a date or a label before the link, an author after it, a
// sentence around it) is a list of points that cite what they name by
// linking it, as a linked sentence does, though most of its text is
// in links. Only the list is weighed so: an element around it that holds
// nothing else (a <div>, a <section>) is weighed as any other (linkList,
// linkyDiv), and drops such a list when it is mostly links.
func linkItems(bw *blockWalk, list *html.Node) bool {
	items, links, labelled, facts := 0, 0, 0, 0
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		st := bw.stats[c]
		if st == nil || st.units == 0 {
			continue
		}
		items++
		switch {
		case linkItem(st):
			links++
		case labelledLink(bw, c, st):
			labelled++
		case st.links == 0:
			facts++ // words of its own, no link
		}
	}
	return links*2 > items || labelled >= 2 && facts == 0 && (links+labelled)*2 > items
}

// labelledLink reports an item that is one line, a short key and a
// colon ("Previous message:", "Next by date:") before nothing but
// links: a mail archive's way to the next message. A list takes such
// items for links only when two or more of them and link items make
// over half of it and no item is words without a link (linkItems): a
// facts list ("Born: 1950") has values in words. A key set as code
// names a parameter (codeKey), and its links its types: no navigation.
func labelledLink(bw *blockWalk, item *html.Node, st *elemStats) bool {
	if st.end-st.start != 1 || st.links == 0 || codeKey(item) {
		return false
	}
	t := bw.runs[st.start].text
	if _, ok := labelKey(t); !ok {
		return false
	}
	i := strings.IndexAny(t, ":：")
	_, size := utf8.DecodeRuneInString(t[i:])
	rest := st.units - units(t[:i+size])
	return rest > 0 && rest-st.linkUnits <= st.links
}

// linkItem reports an item of a list that is a link and no more: nine
// tenths or more of its text inside links, or, for an item of short
// links, no more than a unit beside each link, what is left over a bullet,
// a separator or a closing mark ("tax,", "Home |", where the mark is a
// fifth of a short item). Any share from four fifths to all of it tells
// the same items apart on the tune pages.
func linkItem(st *elemStats) bool {
	return st.linkUnits*10 >= st.units*9 || st.units-st.linkUnits <= st.links
}

// linkyDiv reports a teaser card inside the article: a <div> of a few
// lines (a linked headline, its summary, a byline) with over a fifth of
// its text in links and under ten commas, which Readability.js's
// conditional cleaning drops too. A homepage or a section front chosen as
// the "article" is a stack of such cards, each of which scores like a
// short story. Not one: a single paragraph that links a source (one run),
// a block named like content, one holding a quotation (an embedded
// post, whose author, date and media are all links), or one that only
// wraps a list of points (pointList).
func linkyDiv(bw *blockWalk, n *html.Node, st *elemStats) bool {
	if n.DataAtom != atom.Div || st.units == 0 || st.linkUnits*5 <= st.units || hintOf(st.cid) > 0 || st.end-st.start < 2 || pointList(bw, n) {
		return false
	}
	c, quote := 0, false
	for _, r := range bw.runs[st.start:st.end] {
		c += commas(r.text)
		for p := r.owner; p != nil && p != n; p = p.Parent {
			quote = quote || p.DataAtom == atom.Blockquote
		}
	}
	return c < 10 && !quote
}

// pointList reports a <div> that holds nothing but one list whose items
// are each a single line that links something and has words of its own
// beside its links (no linkItem): points that cite what they name by
// linking it. A list whose items link nothing is no list of links. A card
// sets its linked headline and its summary apart, a line each, so a list
// of cards has items of two lines or more, and a list of bare links has
// link items; a list of points is neither, whatever wraps it.
func pointList(bw *blockWalk, n *html.Node) bool {
	var list *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && list == nil && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol):
			list = c
		default:
			return false
		}
	}
	if list == nil {
		return false
	}
	items := 0
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		st := bw.stats[c]
		if st == nil || st.units == 0 {
			continue
		}
		if st.end-st.start != 1 || st.links == 0 || linkItem(st) {
			return false
		}
		items++
	}
	return items > 0
}

// inSourceList reports whether n lies in a list of sources (sourceList)
// inside root: its items are text of the article, as a lead-in line's
// announced items are (articleRuns marks them announced, which cleanRuns
// keeps though they are link lines).
func inSourceList(bw *blockWalk, n, root *html.Node) bool {
	for ; n != nil && n != root; n = n.Parent {
		if !listTag(n.DataAtom) {
			continue
		}
		if st := bw.stats[n]; st != nil {
			if st.sourceList == 0 {
				st.sourceList = 1
				if sourceList(bw, n, root) {
					st.sourceList = 2
				}
			}
			if st.sourceList == 2 {
				return true
			}
		}
	}
	return false
}

// sourceList reports a list of links that the article names as its own:
// right under a heading of its own that is no related-reading label
// (relatedRe's or relatedLabelRe's words), in the article's flow of prose
// (amidProse, or prose follows it, proseAfter), and most of whose links
// cite what they name off the site (cites): the sources, references or
// tools a post lists ("Sources", "Tools I use"). A site's own further
// reading, however its heading reads ("More from the region",
// "Popular"), links back into the site; its profiles to follow name only
// the sites they lead to; a box of downloads or of the site's other
// offers after the article has no prose beside it or after it.
func sourceList(bw *blockWalk, list, root *html.Node) bool {
	label, ok := headingBefore(bw, list)
	if !ok || namesRelated(label) {
		return false
	}
	if !amidProse(bw, list) && !proseAfter(bw, list, root) {
		return false
	}
	cited, all := countLinks(list, bw.cites)
	return all >= 2 && cited*2 > all
}

// headingBefore returns the label (headingLabel) of the heading that is
// n's previous element sibling, and false when that is no heading or a
// heading without text.
func headingBefore(bw *blockWalk, n *html.Node) (string, bool) {
	h := prevElement(n)
	if h == nil || !isHeading(h.DataAtom) {
		return "", false
	}
	hs := bw.stats[h]
	if hs == nil || hs.end == hs.start {
		return "", false
	}
	return headingLabel(bw.runs[hs.start].text), true
}

// namesRelated reports a heading's label (headingLabel) that names
// related reading (relatedRe, relatedLabelRe): a list or table under it
// is the site's, however it is made.
func namesRelated(label string) bool {
	return relatedRe.MatchString(label) || relatedLabelRe.MatchString(label+":")
}

// countLinks returns how many of n's links (isLink) are what match
// reports, and how many links n holds.
func countLinks(n *html.Node, match func(*html.Node) bool) (matched, all int) {
	for a := range n.Descendants() {
		if a.Type == html.ElementNode && a.DataAtom == atom.A && isLink(a) {
			all++
			if match(a) {
				matched++
			}
		}
	}
	return matched, all
}

// cites is cites(a, bw.homes), for countLinks.
func (bw *blockWalk) cites(a *html.Node) bool { return cites(a, bw.homes) }

// cites reports a link that cites what it names off the site: it leads
// to a host that is none of homes, the page's own (as hostName writes
// hosts; a relative link stays on the site, and with no home known every
// link naming a host leads off it: a site links its own pages by path),
// and its text is more than that site's name (namesHost). Another host
// of the same domain is another site: a blog's post cites the reference
// pages its maker keeps on a sister host. A link whose text is only the
// name of the site it leads to ("Photos" to photos.example.org), or that
// site's host ("example.org", "www.example.org"), or no text (an icon),
// points the reader to that site, as a list of the site's profiles to
// follow or share on does: no source names only a site.
func cites(a *html.Node, homes []string) bool {
	u, err := url.Parse(strings.TrimSpace(attr(a, "href")))
	if err != nil || u.Host == "" {
		return false
	}
	host := hostName(u)
	if slices.Contains(homes, host) {
		return false
	}
	name := nameKey(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(textOf(a))), "www."))
	return name != "" && !namesHost(name, host)
}

// namesHost reports whether name (nameKey's) is only host's name: the
// host itself or one of its labels, in ASCII or, for an international
// name, in its own script.
func namesHost(name, host string) bool {
	if name == nameKey(host) || slices.Contains(strings.Split(host, "."), name) {
		return true
	}
	uni, err := idna.Lookup.ToUnicode(host)
	return err == nil && uni != host && (name == nameKey(uni) || slices.Contains(strings.Split(uni, "."), name))
}

// nameKey is s's letters and digits, lower-cased: a name as cites
// compares it with a host, whatever spaces, dots or marks it is written
// with.
func nameKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// amidProse reports a block beside a paragraph of prose: its parent holds
// a <p> of proseUnits or more, under a fifth of it in links. The answer
// is kept for the parent asked last, so the lists of one parent (a page
// of headed lists side by side) cost one pass over its children, not one
// a list.
func amidProse(bw *blockWalk, n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	if n.Parent != bw.besideOf {
		bw.besideOf, bw.beside = n.Parent, proseChild(bw, n.Parent)
	}
	return bw.beside
}

// proseChild reports whether one of p's children is a <p> of prose as
// amidProse reads it.
func proseChild(bw *blockWalk, p *html.Node) bool {
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom != atom.P {
			continue
		}
		if st := bw.stats[c]; st != nil && st.units >= proseUnits && st.linkUnits*5 < st.units {
			return true
		}
	}
	return false
}

// proseAfter reports a paragraph of prose (proseRun) after n inside
// root: root's last one (lastProse) lies past n's runs.
func proseAfter(bw *blockWalk, n, root *html.Node) bool {
	st := bw.stats[n]
	return st != nil && bw.lastProse(root) >= st.end
}

// lastProse is the index of root's last paragraph of prose (proseRun),
// -1 for none, as firstProse finds roots' first. It is found once a root
// and kept for the root asked last (articleRuns asks root by root), so a
// page of many lists costs one pass over each root's runs, not one a list.
func (bw *blockWalk) lastProse(root *html.Node) int {
	if bw.proseRoot == root {
		return bw.proseAt
	}
	bw.proseRoot, bw.proseAt = root, lastProse(bw, root)
	return bw.proseAt
}

// hostName is u's host, lower-cased and in ASCII (an international name
// as punycode, so that either spelling of a host is the same host),
// without a leading "www." or the trailing dot of a fully qualified name.
func hostName(u *url.URL) string {
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if a, err := idna.Lookup.ToASCII(h); err == nil {
		h = a
	}
	return strings.TrimPrefix(h, "www.")
}

// pageHosts are the hosts (hostName) the page is on: the one its own
// address names, its canonical, else its og:url, both made absolute
// (resolver.abs), and that of page, the address it was read from, which
// differs from it on a copy of another site's story (where the site that
// copied it still links its own pages); nil when none names a host.
func pageHosts(canonical, ogURL string, page *url.URL) []string {
	var hosts []string
	for _, s := range [...]string{canonical, ogURL} {
		if u, err := url.Parse(s); s != "" && err == nil && u.Host != "" {
			hosts = append(hosts, hostName(u))
			break
		}
	}
	if page != nil && page.Host != "" && !slices.Contains(hosts, hostName(page)) {
		hosts = append(hosts, hostName(page))
	}
	return hosts
}

// codeKey reports an item whose first words are set as code (<code>,
// <var>, <kbd>, <samp>, <tt>): a parameter's name before its type
// ("key: <CryptoKey>"), not a label.
func codeKey(item *html.Node) bool {
	for d := range item.Descendants() {
		if d.Type != html.TextNode || strings.TrimSpace(d.Data) == "" {
			continue
		}
		for p := d.Parent; p != nil && p != item; p = p.Parent {
			switch p.DataAtom {
			case atom.Code, atom.Var, atom.Kbd, atom.Samp, atom.Tt:
				return true
			}
		}
		return false
	}
	return false
}
