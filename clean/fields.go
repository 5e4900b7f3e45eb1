package clean

import (
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prov-archive/prov/urlpath"
)

// titleSeps separate a page title from the site's name. Spaced ones are
// stripped once ("Headline - Section - Site" keeps "Headline - Section"
// unless an <h1> or og:title says otherwise); "_" is a chain on Chinese
// sites ("标题__栏目_网站") and is stripped down to its first segment.
var titleSeps = []string{" | ", " - ", " – ", " — ", "｜", " :: ", " · ", "--"}

// pageTitle returns the article title and the site name stripped from the
// end of <title>, if any. A heading (<h1>, og:title, ArticleTitle) that the
// <title> contains wins: it is the title as the page shows it.
func pageTitle(pm *pageMeta) (title, suffix string) {
	raw := collapse(pm.title)
	og := collapse(pm.get("articletitle", "og:title", "twitter:title", "parsely-title", "dc.title", "dcterms.title", "headline"))
	head, suffix := stripSiteName(raw)
	for _, h := range append(append([]string{}, pm.h1...), og) {
		h = collapse(h)
		if h != "" && h != suffix && raw != "" && strings.Contains(raw, h) && utf8.RuneCountInString(h)*3 >= utf8.RuneCountInString(head) && !inSiteTail(raw, head, suffix, h) {
			return h, suffix
		}
	}
	switch {
	case og != "":
		t, _ := stripSiteName(og)
		return t, suffix
	case head != "":
		return head, suffix
	case len(pm.h1) > 0:
		return collapse(pm.h1[0]), ""
	}
	return "", ""
}

// inSiteTail reports a heading h that the <title> raw holds only past
// its headline head, in the site's name or section that stripSiteName
// cut off as suffix: a logo's <h1> "某某县人民政府" under <title>
// "标题_栏目_某某县人民政府网" names the site, not the story (an <h1>
// that is the whole suffix is skipped by pageTitle already).
func inSiteTail(raw, head, suffix, h string) bool {
	if suffix == "" || strings.Contains(head, h) {
		return false
	}
	tail, ok := strings.CutPrefix(raw, head)
	if !ok {
		tail = suffix
	}
	return strings.Contains(tail, h)
}

// shownHeadline returns the headline the page shows when it words the
// story otherwise than title, the title pageTitle read from the page's
// metadata: an <h1> that tells the same story (headlineLike), or, when
// title only names the site or no <h1> tells it, a post's <h2>/<h3>
// heading that <title> holds beside the site's name (namedHeading). ""
// when an <h1> is or holds title, or none is found. The extractors still
// look for the metadata title (a change of the heading they look for
// moves what they keep); only Document.Title is the headline. site names
// the site (its host names, the suffix stripped from <title>): words of
// it are no words of a story.
func shownHeadline(pm *pageMeta, title, site string) string {
	site = strings.ToLower(site + " " + pm.get("og:site_name"))
	if namesSite(title, site) {
		return namedHeading(pm.subheads, collapse(pm.title)) // the site's name won from an <h1>
	}
	norm := Normalize(title)
	for _, h := range pm.h1 {
		if strings.Contains(Normalize(h), norm) {
			return "" // title is an <h1>, or an <h1> holds it under a kicker
		}
	}
	h := headlineLike(pm.h1, title, site)
	if h != "" && maps.Equal(titleStems(h), titleStems(title)) {
		return "" // the same words cased or marked up otherwise: the metadata reads cleaner
	}
	if h == "" {
		h = namedHeading(pm.subheads, title)
	}
	if h == "" {
		h = kindHeading(pm, title, site)
	}
	if h == "" {
		h = kindTitle(pm, title, site)
	}
	return h
}

// kindTitle returns the page's first <h1> when title names what it names
// with a word or two of kind after it and, past a " - ", where the item
// lives: <title> "frob package - example.org/frob" over the shown "frob",
// "Ledger struct - tally" over "Ledger" (kindHeading's case turned
// round: there the heading holds the kind words). The <h1> is no site's
// name, and the kind words are letters only (kindWords): "Paris 2024 -
// Games" is no kind of "Paris". "" when the title is of no such shape.
func kindTitle(pm *pageMeta, title, site string) string {
	named, place, ok := strings.Cut(title, " - ")
	if !ok || strings.TrimSpace(place) == "" || len(pm.h1) == 0 {
		return ""
	}
	h := collapse(pm.h1[0])
	if h == "" || namesSite(h, site) {
		return ""
	}
	kind, ok := strings.CutPrefix(named, h+" ")
	if !ok {
		return ""
	}
	if words := strings.Fields(kind); len(words) > 2 || !kindWords(words) {
		return ""
	}
	return h
}

// kindHeading returns the page's first heading when it names what title
// names with a word or two of kind before or after it, and title says
// in parentheses what collection the item is of: <title> "Widget (Acme
// Toolkit API)" over the shown "Class Widget", "Ripple (Tide Tables)"
// over "Table Ripple". The heading is the first <h1>, or the first <h2>
// on a page with no <h1>: the one at the top of the page's own text. Its
// kind words are letters, not a section number ("2.3 Widget" stays
// "Widget"), and the name is not the site's (site, lower-cased): a logo
// heading "Harwick Gazette" is no kind of "Harwick (…)". "" when no
// heading is one.
func kindHeading(pm *pageMeta, title, site string) string {
	name, rest, ok := strings.Cut(title, " (")
	if !ok || !strings.HasSuffix(rest, ")") || namesSite(name, site) {
		return ""
	}
	var h string
	switch {
	case len(pm.h1) > 0:
		h = collapse(pm.h1[0])
	case len(pm.subheads) > 0:
		h = collapse(pm.subheads[0])
	default:
		return ""
	}
	nameWords, headWords := strings.Fields(strings.ToLower(name)), strings.Fields(strings.ToLower(h))
	extra := len(headWords) - len(nameWords)
	if len(nameWords) == 0 || extra < 1 || extra > 2 {
		return ""
	}
	for _, at := range []int{0, extra} { // the kind before the name, or after it
		if slices.Equal(headWords[at:at+len(nameWords)], nameWords) && kindWords(slices.Concat(headWords[:at], headWords[at+len(nameWords):])) {
			return h
		}
	}
	return ""
}

// kindWords reports words that are each letters only: a kind ("class",
// "interface"), not a number or a name's punctuation.
func kindWords(words []string) bool {
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return len(words) > 0
}

// namesSite reports a title made of the site's name: it has word stems
// and site (lower-cased) holds each of them.
func namesSite(title, site string) bool {
	stems := titleStems(title)
	for st := range stems {
		if !strings.Contains(site, st) {
			return false
		}
	}
	return len(stems) > 0
}

// namedHeading returns the longest of heads (<h2> and <h3> texts) that
// title holds, set off from the rest of title on each side by a
// separator, when that rest is shorter than the heading; "" when none is.
// Blog templates put the post's title in an <h2> or <h3> under the blog's
// <h1> name and write <title> as "Blog name: Post title" (or the post
// title and a site name stripSiteName does not know: " :name", "» "): the
// heading is the headline, the rest the site's name. A heading that runs
// on into the rest without a separator ("Name: Heading, more words"), or
// that leaves a rest as long as itself ("Topic: what happened"), is a
// part of a longer headline and is not taken.
func namedHeading(heads []string, title string) string {
	best := ""
	for _, h := range heads {
		h = collapse(h)
		if len(h) <= len(best) || len(h) >= len(title) || !strings.Contains(h, " ") {
			continue
		}
		i := strings.Index(title, h)
		if i < 0 {
			continue
		}
		left, right := title[:i], title[i+len(h):]
		leftSep := left[len(strings.TrimRightFunc(left, isTitlePunct)):]
		rightSep := right[:len(right)-len(strings.TrimLeftFunc(right, isTitlePunct))]
		if left != "" && !strings.ContainsAny(leftSep, titlePuncts) || right != "" && !strings.ContainsAny(rightSep, titlePuncts) {
			continue // the heading runs on into the rest: a part of the headline
		}
		name := strings.TrimFunc(left, isTitlePunct) + strings.TrimFunc(right, isTitlePunct)
		if utf8.RuneCountInString(name) < utf8.RuneCountInString(h) {
			best = h
		}
	}
	return best
}

// titlePuncts separate the parts of a page title.
const titlePuncts = ":|-–—»«·"

// isTitlePunct reports whether r is a space or a separator of title parts.
func isTitlePunct(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(titlePuncts, r)
}

// headlineLike returns the <h1> that words the same story as the title
// the page names in its metadata (og:title, or <title> without the site),
// "" when none does. A page's metadata title is often written for search
// and sharing while the headline it shows reads differently ("Harwick
// floods: how the town copes" over "How the River Towns Learned to Live
// With Floods"); the shown headline is the Title. Words the same story:
// at least two word stems shared, and at least half of the stems of each
// of the two, not counting stems that site (lower-cased) holds: the site's
// name in a title and in a logo's <h1> words no story. An <h1> of one
// stem never does.
func headlineLike(h1s []string, named, site string) string {
	want := titleStems(named)
	for st := range want {
		if strings.Contains(site, st) {
			delete(want, st)
		}
	}
	best, bestShared := "", 0
	for _, h := range h1s {
		h = collapse(h)
		got := titleStems(h)
		shared := 0
		for st := range got {
			if strings.Contains(site, st) {
				delete(got, st)
			} else if want[st] {
				shared++
			}
		}
		if shared >= 2 && shared*2 >= len(got) && shared*2 >= len(want) && shared > bestShared {
			best, bestShared = h, shared
		}
	}
	return best
}

// titleStems returns the stems of t's words for headlineLike: the first
// four letters of each word of four letters or more, lower-cased (short
// words are mostly function words; four letters join "Floods" to "flooded"
// and "Debunking" to "Debunked"), and each pair of adjacent Han characters.
func titleStems(t string) map[string]bool {
	stems := map[string]bool{}
	var word []rune
	var prevHan rune
	flush := func() {
		if len(word) >= 4 {
			stems[string(word[:4])] = true
		}
		word = word[:0]
	}
	for _, r := range strings.ToLower(t) {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			if prevHan != 0 {
				stems[string([]rune{prevHan, r})] = true
			}
			prevHan = r
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, r)
		default:
			flush()
		}
		prevHan = 0
	}
	flush()
	return stems
}

// stripSiteName splits "Headline - Site" into its parts.
func stripSiteName(t string) (head, suffix string) {
	if i := strings.Index(t, "_"); i > 0 && strings.Count(t, "_") >= 1 && !strings.Contains(t[:i], " | ") {
		first := strings.TrimSpace(t[:i])                          // strings.Split(t, "_")[0]
		last := strings.TrimSpace(t[strings.LastIndex(t, "_")+1:]) // and its last part
		if utf8.RuneCountInString(first) >= 4 && utf8.RuneCountInString(last) <= 20 {
			return first, last
		}
	}
	best, sep := lastTitleSep(t)
	if best <= 0 {
		return t, ""
	}
	head = strings.TrimSpace(t[:best])
	suffix = strings.TrimSpace(t[best+len(sep):])
	if utf8.RuneCountInString(suffix) > 30 || utf8.RuneCountInString(head) < 2 {
		return t, ""
	}
	return head, suffix
}

// lastTitleSep returns where the last of titleSeps in t begins and which
// it is; -1 and "" when t holds none. No two of titleSeps begin at the
// same byte (each differs from the others in its first two bytes, or " –
// " and " — " in their fourth), so the last place one begins is the
// largest strings.LastIndex of them all: t is read once from its end,
// not once for each separator.
func lastTitleSep(t string) (int, string) {
	for i := len(t) - 1; i >= 0; i-- {
		switch t[i] {
		case ' ', '-', 0xEF: // the first bytes of titleSeps
		default:
			continue
		}
		for _, s := range titleSeps {
			if strings.HasPrefix(t[i:], s) {
				return i, s
			}
		}
	}
	return -1, ""
}

// publisher is the site's own name: og:site_name or a site-name meta, else
// the suffix stripped from the title.
func publisher(pm *pageMeta, suffix string) string {
	if p := collapse(pm.get("og:site_name", "sitename", "application-name", "publisher", "dc.publisher", "citation_publisher")); p != "" {
		return p
	}
	return suffix
}

var (
	byRe        = regexp.MustCompile(`(?i)^\s*(?:by|written by|作者|文)\s*[:：/]?\s*`)
	authorRunRe = regexp.MustCompile(`(?:^|\s)(?:作者|记者)\s*[:：]\s*([^\s|｜丨]{2,20})`)
)

// author reads meta author tags, byline elements (the name alone when
// bylineName reads one), then 作者：… lines, then the bylines beside the
// text (authorNearText: "Von Anna Schmidt", "记者 张三"). paras are the
// text's paragraphs, as extracted from runs.
func author(pm *pageMeta, runs []run, paras []string) string {
	for _, k := range [...]string{"author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author", "citation_author"} {
		if a := collapse(pm.get(k)); a != "" && !strings.Contains(a, "://") {
			return byRe.ReplaceAllString(a, "")
		}
	}
	for _, b := range pm.bylines {
		if a, found := zhLabelledAuthor(collapse(b)); found {
			if a != "" {
				return a
			}
			continue
		}
		if a := bylineName(b); a != "" {
			return a
		}
		if a := strings.TrimSpace(byRe.ReplaceAllString(b, "")); a != "" {
			return a
		}
	}
	for _, r := range runs {
		if len(r.text) > 300 {
			continue
		}
		if a, _ := zhLabelledAuthor(r.text); a != "" {
			return a
		}
	}
	return authorNearText(runs, paras)
}

// zhPlaceholderNames are what Chinese templates print in the author's
// slot when they have no name: unknown, anonymous, not given.
var zhPlaceholderNames = map[string]bool{"未知": true, "佚名": true, "不详": true, "匿名": true}

// zhLabelledAuthor returns the name that a Chinese author's label (作者：,
// 记者：) names in the line t, the name only: it ends at a space or a
// bar, so a label after it on the line ("作者：李明 责任编辑：王红") is
// left out. found is false when t holds no such label; a placeholder
// name (zhPlaceholderNames: "作者：未知") is no name, "" with found true.
func zhLabelledAuthor(t string) (name string, found bool) {
	if !mayAuthorRun(t) {
		return "", false
	}
	folded := foldTrad(t)
	m := authorRunRe.FindStringSubmatchIndex(folded)
	if m == nil {
		return "", false
	}
	const trim = "，,;；"
	if zhPlaceholderNames[strings.Trim(folded[m[2]:m[3]], trim)] {
		return "", true
	}
	name = strings.Trim(t[m[2]:m[3]], trim) // 記者 folds; the name is kept as written
	return name + coAuthors(t[m[3]:]), true
}

// coAuthors returns the names that follow a labelled author's name in
// rest, each after a space and each of two to four Han characters alone
// ("作者：张三 李四 王五" → " 李四 王五"), with their spaces; it stops at
// the first word that is anything else: a next label ("责任编辑：…"), a
// date, a bar.
func coAuthors(rest string) string {
	var b strings.Builder
	for {
		word := strings.TrimLeft(rest, " ")
		if len(word) == len(rest) {
			return b.String() // no space before it
		}
		end := strings.IndexByte(word, ' ')
		if end < 0 {
			end = len(word)
		}
		if !hanName(word[:end]) {
			return b.String()
		}
		b.WriteString(" " + word[:end])
		rest = word[end:]
	}
}

// hanName says w is two to four Han characters and nothing else.
func hanName(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 4
}

// mayAuthorRun is a necessary condition of authorRunRe matching
// foldTrad(t), cheaper to check: its labels 作者 and 记者 both end in 者,
// which no Traditional character folds to, and a colon follows them
// after \s (foldTrad keeps spaces and colons as they are). A colon
// anywhere else in the line is none: "来源：… 记者 张三" names no author
// by label.
func mayAuthorRun(t string) bool {
	const zhe = "者"
	for i := 0; ; {
		j := strings.Index(t[i:], zhe)
		if j < 0 {
			return false
		}
		i += j + len(zhe)
		if _, ok := colonAt(t, skipRESpace(t, i)); ok {
			return true
		}
	}
}

// resolver makes hrefs absolute against the page URL and <base href>.
type resolver struct {
	base *url.URL
	root string // rootOf(base)
}

func newResolver(pageURL, baseHref string) resolver {
	return resolverOf(parsePageURL(strings.TrimSpace(pageURL)), baseHref)
}

// pageResolver is newResolver(pageURL, baseHref) given page, pageURL
// parsed (parsePageURL): it is parsed again only when trimming its spaces
// changes it. page is not changed.
func pageResolver(pageURL string, page *url.URL, baseHref string) resolver {
	if strings.TrimSpace(pageURL) != pageURL {
		return newResolver(pageURL, baseHref)
	}
	return resolverOf(page, baseHref)
}

// resolverOf is newResolver of the page URL u, nil when it did not parse.
func resolverOf(u *url.URL, baseHref string) resolver {
	if baseHref != "" {
		if b, err := url.Parse(baseHref); err == nil {
			if u != nil {
				b = u.ResolveReference(b)
			}
			if b.IsAbs() {
				u = b
			}
		}
	}
	return resolver{base: u, root: rootOf(u)}
}

// rootOf returns what base.ResolveReference(ref).String() writes before
// the path when ref is a path from the root: base's scheme and host
// ("https://example.org"). It is "" (abs then parses every href) when
// base is nil or that prefix is not fixed: no host, or user info.
func rootOf(base *url.URL) string {
	if base == nil || base.Scheme == "" || base.Host == "" || base.User != nil {
		return ""
	}
	return (&url.URL{Scheme: base.Scheme, Host: base.Host}).String()
}

// abs returns href absolute without its fragment, or "" for hrefs that lead
// nowhere fetchable (empty, fragment only, javascript:, mailto:, tel:, data:).
func (r resolver) abs(href string) string {
	href = strings.TrimSpace(href)
	if href == "" || href[0] == '#' {
		return ""
	}
	if r.root != "" && urlpath.Plain(href) {
		return r.root + href
	}
	l := strings.ToLower(href)
	for _, p := range [...]string{"javascript:", "mailto:", "tel:", "data:", "about:", "sms:"} {
		if strings.HasPrefix(l, p) {
			return ""
		}
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if r.base != nil {
		u = r.base.ResolveReference(u)
	}
	if !u.IsAbs() {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// logoHeadline returns the headline that stands above the article's
// text on a page whose <title> is only the site's name, "" when there is
// none. title is Document.Title as the page's metadata named it, suffix
// the site name stripped from <title> ("" for a title with no separator),
// first the article's first paragraph. Older government and school sites
// write the site's name as both the <title> and an <h1> around the logo's
// link home, and set the story's headline in a <div>, <h2> or <p> under
// it with no metadata. The title is the site's when a heading run says it
// whole and mostly in a link (the logo); the headline is then the nearest
// run above first that is neither links (a breadcrumb, the menu) nor a
// metadata, date or chrome line: a line of 4 to headlineRunes runes that
// does not end as a sentence ends. A longer or sentence-like run there
// means the text has no headline above it: none is taken. raw is the
// page's <title> collapsed: a page with no <title> named its title from
// the <h1>, and says nothing of its site (a blog's name in its <h1>, its
// sidebar's headings above the post).
func logoHeadline(runs []run, title, raw, suffix, first string) string {
	if title == "" || !siteTitle(raw, title) || suffix != "" || first == "" {
		return ""
	}
	logo, start := -1, -1
	for i, r := range runs {
		t := collapse(r.text)
		if logo < 0 && r.heading && t == title && r.linkUnits*2 >= r.units {
			logo = i
		}
		if logo >= 0 && i > logo && t == first {
			start = i
			break
		}
	}
	for j, seen := start-1, 0; logo >= 0 && j > logo && seen < 8; j, seen = j-1, seen+1 {
		r := runs[j]
		t := collapse(r.text)
		if t == "" || r.linkUnits*2 >= r.units || metaPart(t) || junkLine(t) {
			continue // the menu, a breadcrumb, the date and source line
		}
		n := utf8.RuneCountInString(t)
		if n < 4 || n > headlineRunes || strings.HasSuffix(t, "。") || strings.HasSuffix(t, ".") {
			return ""
		}
		return t
	}
	return ""
}

// siteTitle reports a <title> raw that is the site's name title, or
// that name and a word or two after it with no separator ("某某市人民政府"
// under "某某市人民政府门户网站"): at most siteWordRunes runes more.
func siteTitle(raw, title string) bool {
	rest, ok := strings.CutPrefix(raw, title)
	return ok && utf8.RuneCountInString(rest) <= siteWordRunes
}

// siteWordRunes is the longest word siteTitle lets follow a site's name
// in its <title>: 门户网站, 官方网站.
const siteWordRunes = 4

// headlineRunes is the longest headline logoHeadline takes.
const headlineRunes = 60

// zhTitleSeps are the separators Chinese sites set between a headline
// and the site's name in <title> with no space around them
// ("标题-某某网", "标题——某某网", "标题|某某网"); titleSeps needs the
// spaces an English title has (a hyphen without them joins a word).
var zhTitleSeps = []string{"——", "—", "－", "-", "|"}

// shownTitleHead returns the part of title before its last unspaced
// separator (zhTitleSeps) that stands between two Han characters, when
// the page shows that part alone as one of its lines (runs) and never
// shows title whole; "" otherwise. A Chinese headline may hold a dash
// of its own ("奋斗——记一位村支书"): then the page shows the headline
// whole, and the title stands.
func shownTitleHead(runs []run, title string) string {
	head := ""
	for _, sep := range zhTitleSeps {
		i := strings.LastIndex(title, sep)
		if i <= 0 || i+len(sep) >= len(title) {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(title[:i])
		after, _ := utf8.DecodeRuneInString(title[i+len(sep):])
		if !unicode.Is(unicode.Han, before) || !unicode.Is(unicode.Han, after) {
			continue
		}
		if h := title[:i]; len(h) > len(head) {
			head = h // the last separator of all: the longest head
		}
	}
	if utf8.RuneCountInString(head) < 4 {
		return ""
	}
	shown := false
	for _, r := range runs {
		switch collapse(r.text) {
		case title:
			return ""
		case head:
			shown = true
		}
	}
	if shown {
		return head
	}
	return ""
}

// partRuns is how many of a page's first runs shownPart reads: a
// reference's header (project name, tabs, a summary line) comes before
// its heading.
const partRuns = 16

// shownPart returns the part of title after its one ": " when the page
// shows each part apart near its top: "WidgetLib: WidgetBox Class
// Reference" over a header that opens with the project's name
// ("WidgetLib 3.2") and, a few lines on, the page's own heading
// ("WidgetBox Class Reference", a label after it or not). The part before
// the colon is then the project's name, not the headline's. Each part
// must open a run of its own that is no link line (chrome or not: a
// reference's header is named so), the name before the
// heading; "" otherwise, for a title with no colon or more than one,
// and when the name first shows as a heading: then it is the page's
// subject ("variables: interface for the variable lookup" over an <h2>
// "variables"), and the part after the colon only describes it.
func shownPart(runs []run, title string) string {
	name, head, ok := strings.Cut(title, ": ")
	if !ok || strings.Contains(head, ": ") || name == "" || len(strings.Fields(head)) < 2 {
		return ""
	}
	sawName := false
	for i := 0; i < len(runs) && i < partRuns; i++ {
		r := &runs[i]
		if linkLine(*r) {
			continue
		}
		t := r.text
		switch {
		case !sawName && t != title && strings.HasPrefix(t, name):
			if r.heading {
				return "" // the name is the page's heading: its subject, the rest describes it
			}
			sawName = true
		case sawName && strings.HasPrefix(t, head) && !strings.HasPrefix(t, title):
			return head
		}
	}
	return ""
}

// shownTitlePart returns the part of raw, the page's <title>, on either
// side of its last separator (titleSeps, or zhTitleSeps between two Han
// characters) when the article's first paragraph (first) is that part
// alone: the headline a page shows under a <title> that sets the site's
// name before it ("Ministry of Works - Report on Roads"), or after it
// when the name is too long for stripSiteName to take for one. "" when
// first is no part of raw, or the part is under four runes. cleanTree
// asks it only for a page without an <h1>: where an <h1> is the part
// after the separator, pageTitle has weighed it as the site's name (a
// book's name over its chapter: "Introduction - The Cargo Book").
func shownTitlePart(raw, first string) string {
	if first == "" || first == raw {
		return ""
	}
	i, sep := lastTitleSep(raw)
	if i <= 0 {
		i, sep = lastHanSep(raw)
	}
	if i <= 0 {
		return ""
	}
	for _, part := range []string{strings.TrimSpace(raw[i+len(sep):]), strings.TrimSpace(raw[:i])} {
		if part == first && utf8.RuneCountInString(part) >= 4 {
			return part
		}
	}
	return ""
}

// tailRuns is how many runs above the text's first paragraph
// shownTitleTail reads: the headline, a date and source line, a
// toolbar's lines (font size, print) lie between the two.
const tailRuns = 8

// shownTitleTail returns the part of raw, the page's <title>, after its
// last separator (titleSeps, or zhTitleSeps between two Han characters)
// when the page shows that part alone as a line a few runs above the
// text's first paragraph (first), nearer to it than any line that is the
// part before the separator: the headline of a Chinese page whose
// <title> names the site first ("某某市人民政府 - 关于…的通知",
// "某某局门户网站-…办法") and that shows the headline in an <h1>, a
// <div>, a table's cell or a bold line. The part must hold Han
// characters, four runes or more, and name no page of the site (site:
// the site's home links and names): a line of an English page that
// repeats the site's name under its headline is no headline. "" when no
// such line is found.
func shownTitleTail(runs []run, raw, first, site string) string {
	i, sep := lastTitleSep(raw)
	if i <= 0 {
		i, sep = lastHanSep(raw)
	}
	if i <= 0 || first == "" {
		return ""
	}
	head, tail := strings.TrimSpace(raw[:i]), strings.TrimSpace(raw[i+len(sep):])
	if utf8.RuneCountInString(tail) < 4 || !strings.ContainsFunc(tail, isHan) || namesSite(tail, strings.ToLower(site)) {
		return ""
	}
	start := -1
	for k, r := range runs {
		if collapse(r.text) == first {
			start = k
			break
		}
	}
	for j := start - 1; start > 0 && j >= 0 && j >= start-tailRuns; j-- {
		switch collapse(runs[j].text) {
		case tail:
			return tail
		case head, raw:
			return "" // the head is shown nearer the text: it is the headline
		}
	}
	return ""
}

// isHan reports a Han character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// lastHanSep returns where the last of zhTitleSeps that stands between
// two Han characters begins in t and which it is; -1 and "" for none.
func lastHanSep(t string) (int, string) {
	best, bestSep := -1, ""
	for _, sep := range zhTitleSeps {
		i := strings.LastIndex(t, sep)
		if i <= 0 || i+len(sep) >= len(t) || i <= best {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(t[:i])
		after, _ := utf8.DecodeRuneInString(t[i+len(sep):])
		if unicode.Is(unicode.Han, before) && unicode.Is(unicode.Han, after) {
			best, bestSep = i, sep
		}
	}
	return best, bestSep
}

// fileTitle reports a <title> that names the file a program wrote the
// page from, not the document: "Microsoft Word - report_v3.doc", as word
// processors and their converters set it when the document has no title
// of its own.
func fileTitle(raw string) bool {
	name, ok := strings.CutPrefix(raw, "Microsoft Word - ")
	if !ok {
		return false
	}
	ext := strings.ToLower(name[strings.LastIndex(name, ".")+1:])
	return ext == "doc" || ext == "docx" || ext == "rtf" || ext == "dot"
}

// headlineOfFile returns the document's headline for a page whose <title>
// names its file (fileTitle): its first <h1>, else the text's first
// paragraph when it is short and no sentence (the title a word processor
// sets in a paragraph of its own style). "" when neither is.
func headlineOfFile(h1s, paras []string) string {
	if len(h1s) > 0 {
		if h := collapse(h1s[0]); h != "" {
			return h
		}
	}
	if len(paras) == 0 {
		return ""
	}
	h := collapse(paras[0])
	if n := utf8.RuneCountInString(h); n < 4 || n > headlineRunes || sentenceEnd(h) {
		return ""
	}
	return h
}
