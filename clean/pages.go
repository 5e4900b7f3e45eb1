package clean

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxPages bounds the pages of one article: a page number above it is not
// read as one (a URL such as t20221107_123.htm is not page 123 of
// t20221107.htm), and a series longer than this is not stitched.
const MaxPages = 100

// Pagination is a page's place in an article split over pages (下一页 /
// next, name_2.htm, ?page=2). The zero value is a page that is not split.
//
// A link counts as the next (previous) page only when both hold:
//   - it says so: rel=next (rel=prev) on a <link> or <a>, an anchor text
//     such as 下一页 / 下页 / 后页 / Next / Next page / › / » (上一页 /
//     Previous / ‹ / «), or an anchor whose text is the page number;
//   - its URL continues this page's by the series' naming: same host and
//     path stem, the page number one more (less): name.ext → name_2.ext →
//     name_3.ext, or ?page=N / ?p=N with the rest of the query unchanged.
//
// So a "next article" link (下一篇, or Next to another article's URL) is
// never a continuation. Listing pages (index, default, list stems) are not
// read as split articles.
type Pagination struct {
	Next   string // absolute URL of the next page; "" on the last page
	Prev   string // absolute URL of the previous page; "" on the first
	Number int    // this page's number, 1 for the first; 0 when not split
	First  string // URL of the series' first page, by its naming ("" when not split)
}

// Split says whether the page is part of an article split over pages.
func (p Pagination) Split() bool { return p.Next != "" || p.Prev != "" }

// StitchText joins the texts of an article's pages, in page order, into
// the text of the whole article: paragraphs stay separated by "\n\n", and
// a page that brought no text adds nothing.
func StitchText(pages []string) string {
	parts := make([]string, 0, len(pages))
	for _, p := range pages {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "\n\n")
}

// pageLink is one <link> or <a> that may point at another page.
type pageLink struct {
	href string // absolute
	dir  int    // dirNext, dirPrev, or 0
	num  int    // the anchor's text as a page number, 0 when it is not one
	rank int    // how plainly it says so: rel 0, words 1, number 2
}

const (
	dirNext = 1
	dirPrev = -1
)

// seriesPos is one reading of a URL as a page of a series.
type seriesPos struct {
	key   string // the URL without its page number
	n     int    // page number
	first string // the series' first page
}

// pagination finds the page's place in a split article from its links;
// page is the page's URL parsed (parsePageURL), which it does not change.
func pagination(root *html.Node, res resolver, page *url.URL) Pagination {
	if page == nil || page.Host == "" {
		return Pagination{}
	}
	self := new(url.URL)
	*self = *page
	self.Fragment, self.RawFragment = "", ""
	links := pageLinks(root, res, self.String())
	if len(links) == 0 {
		return Pagination{}
	}
	var best Pagination
	bestScore := 0
	for _, pc := range seriesPositions(self) {
		p := Pagination{Number: pc.n, First: pc.first}
		p.Next = pickLink(links, pc, dirNext)
		p.Prev = pickLink(links, pc, dirPrev)
		score := 0
		if p.Next != "" {
			score++
		}
		if p.Prev != "" {
			score++
		}
		if score > bestScore {
			best, bestScore = p, score
		}
	}
	return best
}

// pickLink returns the most plainly marked link that is page pc.n+dir of
// pc's series, "" when there is none.
func pickLink(links []pageLink, pc seriesPos, dir int) string {
	want := pc.n + dir
	if want < 1 {
		return ""
	}
	best, bestRank := "", 3
	for _, l := range links {
		if l.rank >= bestRank || !saysDir(l, dir, want) || !continues(l.href, pc.key, want) {
			continue
		}
		best, bestRank = l.href, l.rank
	}
	return best
}

// saysDir says whether l announces itself as page want, in direction dir.
func saysDir(l pageLink, dir, want int) bool {
	if l.num != 0 {
		return l.num == want
	}
	return l.dir == dir
}

// continues says whether href reads as page n of the series key.
func continues(href, key string, n int) bool {
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	for _, p := range seriesPositions(u) {
		if p.key == key && p.n == n {
			return true
		}
	}
	return false
}

// pagedStem is a file stem with a page number: c123_2, t20221107_123_3.
var pagedStem = regexp.MustCompile(`^(.+)_(\d{1,3})$`)

// seriesPositions lists the ways u reads as a page of a series: every URL
// is page 1 of a series named after itself, and name_N.ext is page N of
// name.ext, ?page=N (or ?p=N) page N of the URL without it.
func seriesPositions(u *url.URL) []seriesPos {
	host := strings.ToLower(u.Host)
	dir, file := path.Split(u.Path)
	ext := path.Ext(file)
	stem := strings.TrimSuffix(file, ext)
	if listingStem(stem) {
		return nil
	}
	var out []seriesPos
	if stem != "" {
		at := func(s string) string {
			v := *u
			v.Path, v.RawPath = dir+s+ext, ""
			return v.String()
		}
		key := func(s string) string { return "p|" + host + "|" + dir + s + "\x00" + ext + "|" + u.RawQuery }
		out = append(out, seriesPos{key(stem), 1, at(stem)})
		if m := pagedStem.FindStringSubmatch(stem); m != nil {
			if n, _ := strconv.Atoi(m[2]); n >= 2 && n <= MaxPages && !listingStem(m[1]) {
				out = append(out, seriesPos{key(m[1]), n, at(m[1])})
			}
		}
	}
	if !strings.HasSuffix(u.Path, "/") {
		out = append(out, queryPosition(u, host))
	}
	return out
}

// queryPosition reads u's ?page=N or ?p=N (page 1 when it has neither).
func queryPosition(u *url.URL, host string) seriesPos {
	q := u.Query()
	n := 1
	for _, name := range []string{"page", "p"} {
		if v := q.Get(name); v != "" {
			if k, err := strconv.Atoi(v); err == nil && k >= 1 && k <= MaxPages {
				n = k
				q.Del(name)
				break
			}
		}
	}
	v := *u
	v.RawQuery = q.Encode()
	return seriesPos{"q|" + host + "|" + u.Path + "|" + v.RawQuery, n, v.String()}
}

// listingStem says whether a file stem names a listing page, not an article.
func listingStem(stem string) bool {
	s := strings.ToLower(stem)
	return s == "index" || s == "default" || s == "list" || strings.HasPrefix(s, "list_") || strings.HasPrefix(s, "index_")
}

// pageLinks collects the page's <link rel=next|prev> and its anchors that
// say next, previous or a page number, absolute, other than self.
func pageLinks(root *html.Node, res resolver, self string) []pageLink {
	var out []pageLink
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link, atom.A:
				if l, ok := pageLinkOf(n, res); ok && l.href != self {
					out = append(out, l)
				}
			case atom.Script, atom.Style, atom.Template:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// pageLinkOf reads n as a link to another page of the series. The href is
// resolved last, only for a link that says next, previous or a number:
// most anchors of a page say none of these.
func pageLinkOf(n *html.Node, res resolver) (pageLink, bool) {
	l, ok := pageLinkSays(n)
	if !ok {
		return pageLink{}, false
	}
	l.href = res.abs(attr(n, "href"))
	return l, l.href != ""
}

// pageLinkSays reads what n says of where it leads, without its href.
func pageLinkSays(n *html.Node) (pageLink, bool) {
	rel := strings.ToLower(attr(n, "rel"))
	switch {
	case hasToken(rel, "next"):
		return pageLink{dir: dirNext}, true
	case hasToken(rel, "prev"), hasToken(rel, "previous"):
		return pageLink{dir: dirPrev}, true
	case n.DataAtom != atom.A:
		return pageLink{}, false
	}
	first, ok := firstRuneOf(n)
	if !ok || !pagerOpener(first) {
		return pageLink{}, false // says neither: most anchors, told without making their text
	}
	text := textOf(n) // collapsed already
	if d := wordDir(text); d != 0 {
		return pageLink{dir: d, rank: 1}, true
	}
	if k, ok := pageNumber(strings.Trim(text, " []【】")); ok {
		return pageLink{num: k, rank: 2}, true
	}
	return pageLink{}, false
}

// pageNumber reports whether strconv.Atoi reads s as a number from 1 to
// MaxPages, and which. Most anchor texts are not numbers: they are turned
// away by a byte scan, without the error value Atoi would make for each.
func pageNumber(s string) (int, bool) {
	digits := s
	if digits != "" && (digits[0] == '+' || digits[0] == '-') {
		digits = digits[1:]
	}
	if digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		return 0, false // not Atoi's syntax: a sign, then decimal digits
	}
	k, err := strconv.Atoi(s)
	return k, err == nil && k >= 1 && k <= MaxPages
}

var (
	nextWords = []string{"下一页", "下页", "后页", "后一页", "下一頁", "下頁", "後頁", "next", "next page", "nextpage"}
	prevWords = []string{"上一页", "上页", "前页", "前一页", "上一頁", "上頁", "previous", "prev", "previous page", "prev page"}
)

// firstRuneOf returns the first rune of textOf(n), found without making
// the text: the first rune of its text nodes, outside script and style,
// that is not white space, read as spaceWriter reads it (a byte that is
// not UTF-8 is U+FFFD). ok is false when the text is empty.
func firstRuneOf(n *html.Node) (r rune, ok bool) {
	switch n.Type {
	case html.TextNode:
		for _, r := range n.Data {
			if !isSpace(r) {
				return r, true
			}
		}
		return 0, false
	case html.ElementNode:
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
			return 0, false
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if r, ok := firstRuneOf(c); ok {
			return r, true
		}
	}
	return 0, false
}

// pagerOpeners are the runes, lower-cased, that an anchor text read as a
// pager link (wordDir, pageNumber) can begin with: the brackets, arrows
// and spaces trimmed around a pager word or a page number, the sign and
// digits of a number, and the first rune of each pager word (whose first
// rune lowers to it when the text's does: strings.ToLower lowers rune by
// rune). A text that begins otherwise is neither.
var pagerOpeners = func() map[rune]bool {
	m := map[rune]bool{'+': true, '-': true}
	for _, r := range pagerTrim + "0123456789" {
		m[unicode.ToLower(r)] = true
	}
	for _, w := range slices.Concat(nextWords, prevWords) {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = true
	}
	return m
}()

// pagerOpener is pagerOpeners[unicode.ToLower(r)], with no map lookup
// and, for ASCII and the ideographs of the CJK block (which have no case),
// no case table: pageLinkSays asks it of every anchor of a page.
func pagerOpener(r rune) bool {
	if r >= utf8.RuneSelf && !isHanBlock(r) {
		r = unicode.ToLower(r) // the Kelvin sign lowers to k, İ to i
	}
	if r < utf8.RuneSelf {
		return pagerOpenASCII[r]
	}
	return slices.Contains(pagerOpenRunes, r)
}

// pagerOpenASCII is pagerOpener of each ASCII rune, in either case;
// pagerOpenRunes are the runes of pagerOpeners past ASCII.
var pagerOpenASCII, pagerOpenRunes = func() (ascii [utf8.RuneSelf]bool, others []rune) {
	for r := range ascii {
		ascii[r] = pagerOpeners[unicode.ToLower(rune(r))]
	}
	for r := range pagerOpeners {
		if r >= utf8.RuneSelf {
			others = append(others, r)
		}
	}
	slices.Sort(others)
	return ascii, others
}()

// maxPagerWordLower is the longest text whose lower case can be a pager
// word: strings.ToLower makes at most a third of the bytes it reads (a
// three-byte rune such as the Kelvin sign lowers to one byte), so a
// longer text never lowers to one, and wordDir need not lower it.
var maxPagerWordLower = func() int {
	n := 0
	for _, w := range slices.Concat(nextWords, prevWords) {
		n = max(n, len(w))
	}
	return 3 * n
}()

// arrows and brackets around a pager word: "下一页>>", "【下一页】", "Next »".
const pagerTrim = " []【】()（）<>«»‹›→←|"

// wordDir reads an anchor text as next (dirNext), previous (dirPrev) or
// neither. 下一篇 and "Next article" are neither: they lead to another work.
func wordDir(text string) int {
	t := strings.Trim(text, pagerTrim)
	if len(t) > maxPagerWordLower {
		return 0 // no pager word, and not empty: most anchor texts
	}
	w := strings.ToLower(t)
	switch {
	case slices.Contains(nextWords, w):
		return dirNext
	case slices.Contains(prevWords, w):
		return dirPrev
	case w != "" || text == "":
		return 0
	case strings.ContainsAny(text, "›»>→"):
		return dirNext
	case strings.ContainsAny(text, "‹«<←"):
		return dirPrev
	}
	return 0
}
