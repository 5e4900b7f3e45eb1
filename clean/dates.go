package clean

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Meta tags that state a publication date, and ones that state a later
// modification (candidates, but weak ones).
var (
	publishedMetas = []string{
		"article:published_time", "og:published_time", "og:article:published_time",
		"pubdate", "publishdate", "publish_date", "publish-date", "publication_date",
		"publishedtime", "firstpublishedtime", "datepublished", "dc.date.issued",
		"dc.date", "dcterms.issued", "dcterms.created", "dcterms.date", "date",
		"sailthru.date", "parsely-pub-date", "article.published", "created",
	}
	modifiedMetas = []string{
		"article:modified_time", "og:updated_time", "datemodified", "lastmodifiedtime",
		"dcterms.modified", "last-modified", "lastmod",
	}
)

// Visible date lines: a publication label, then the date.
var (
	// Labels are matched against foldTrad(text): 發布時間 and 發佈時間 match too.
	pubLabelRe = regexp.MustCompile(`(?i)(?:发[布表稿]\s*(?:时\s*间|日\s*期)|发文日期|成文日期|刊发时间|时间|日期|` +
		`first published|published(?: on)?|posted(?: on)?|publication date|date)\s*[:：]?\s*`)
	updLabelRe = regexp.MustCompile(`(?i)(?:更新时间|更新日期|修改时间|last updated|updated(?: on)?|modified)\s*[:：]?\s*`)
	clockRe    = regexp.MustCompile(`今天是|今日|星期[一二三四五六日天]|周[一二三四五六日]`)
)

// Date ranks, best first. The order, and why:
//
//	rule            the site rule's Date selector: a person read this site
//	meta, jsonld    explicit machine-readable publication dates
//	visible         a labelled line on the page: 发布时间：…, Published: …
//	time            <time datetime>: often, but not always, the article's
//	visible:line    a line that is a date (2022年11月07日 13:40, 2022-11-08 来源：…)
//	url             the date in the URL path: the day the CMS filed it
//	modified        article:modified_time, dateModified, Updated: … lines
//	last-modified   the HTTP header: the day the file last changed
//
// Among candidates of one rank the first on the page wins, not the
// earliest: the first labelled line is the one by the headline, later ones
// belong to related items, and the earliest date on a page is as often a
// date the text mentions as the day it appeared.
func dateRank(source string) int {
	switch {
	case source == "rule":
		return 0
	case strings.HasPrefix(source, "meta:") && !isModifiedSource(source), source == "jsonld":
		return 1
	case source == "visible":
		return 2
	case source == "time":
		return 3
	case source == "visible:line":
		return 4
	case source == "url":
		return 5
	case source == "last-modified":
		return 7
	}
	return 6
}

func isModifiedSource(source string) bool {
	k := strings.TrimPrefix(source, "meta:")
	for _, m := range modifiedMetas {
		if k == m {
			return true
		}
	}
	return source == "jsonld:dateModified" || source == "visible:updated"
}

// dateFinder collects candidates; zh selects the +08:00 assumption.
type dateFinder struct {
	zh      bool
	cands   []DateCandidate
	assumed map[int]bool // candidate index → zone +08:00 assumed
}

func (f *dateFinder) add(source, text string) bool {
	st, _, ok := findDate(text)
	if !ok {
		return false
	}
	f.addStamp(source, text, st)
	return true
}

func (f *dateFinder) addStamp(source, text string, st stamp) {
	v, assumed := st.format(f.zh)
	if assumed {
		if f.assumed == nil {
			f.assumed = map[int]bool{}
		}
		f.assumed[len(f.cands)] = true
	}
	f.push(DateCandidate{Value: v, Source: source, Text: clip(text)})
}

// push appends c to the candidates. The first is given room for three
// more: a page has a few (its meta, a date line, its URL, Last-Modified),
// and growing the slice from one was a third of dates' allocations. A page
// without candidates keeps a nil slice.
func (f *dateFinder) push(c DateCandidate) {
	if f.cands == nil {
		f.cands = make([]DateCandidate, 0, 4)
	}
	f.cands = append(f.cands, c)
}

// clipRunes is how many runes of its text a date candidate keeps.
const clipRunes = 120

// clip cuts a candidate's text to clipRunes runes, each byte that is not
// UTF-8 a rune (U+FFFD in a cut text, as string([]rune(text)[:clipRunes])
// has it). Only the runes kept are read and converted: a candidate's text
// may be a whole paragraph.
func clip(text string) string {
	cut := 0
	for n := 0; n < clipRunes && cut < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[cut:])
		cut += size
	}
	if cut == len(text) {
		return text // clipRunes runes or fewer
	}
	return string([]rune(text[:cut]))
}

func (f *dateFinder) fromMeta(pm *pageMeta) {
	for _, m := range pm.metas {
		if contains(publishedMetas, m.key) || contains(modifiedMetas, m.key) {
			f.add("meta:"+m.key, m.content)
		}
	}
	for _, js := range pm.jsonld {
		f.fromJSONLD(js)
	}
	for _, t := range pm.times {
		f.add("time", t.datetime)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// fromJSONLD reads datePublished and dateModified anywhere in a JSON-LD
// block (top level, @graph, arrays).
func (f *dateFinder) fromJSONLD(js string) {
	var v any
	if json.Unmarshal([]byte(js), &v) != nil {
		return
	}
	var walk func(any, int)
	walk = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok {
				f.add("jsonld", s)
			}
			if s, ok := x["dateModified"].(string); ok {
				f.add("jsonld:dateModified", s)
			}
			for k, c := range x {
				if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" {
					walk(c, depth+1)
				}
			}
		case []any:
			for _, c := range x {
				walk(c, depth+1)
			}
		}
	}
	walk(v, 0)
}

// fromRuns reads labelled and bare date lines from the page's visible
// text. Labels are matched on foldTrad(text), so 發布時間 reads as 发布时间.
func (f *dateFinder) fromRuns(runs []run, title string) {
	labelled, bare, updated := 0, 0, 0
	afterTitle := -1 // runs since the title's heading, -1 before it
	normTitle := Normalize(title)
	for _, r := range runs {
		if afterTitle >= 0 {
			afterTitle++
		}
		if r.heading && titleHeading(r.text, normTitle) {
			afterTitle = 0
		}
		if len(r.text) > 300 || !hasYearDigits(r.text) {
			continue // every date findDate reads has a year of four digits, which foldTrad keeps: fold only lines that can date
		}
		t := foldTrad(r.text)
		found, from := false, len(f.cands)
		if labelled < 4 && f.labelled(t) {
			labelled++
			found = true
		}
		if updated < 2 {
			if loc := findUpdLabel(t); loc != nil && f.dateRightAfter("visible:updated", t, loc[1]) {
				updated++
				found = true
			}
		}
		if !found && bare < 4 {
			if st, ok := bareDateLine(r, t, afterTitle > 0 && afterTitle <= 3); ok {
				f.addStamp("visible:line", r.text, st)
				bare++
			}
		}
		for i := from; i < len(f.cands); i++ {
			f.cands[i].Text = clip(r.text) // as written, not folded
		}
	}
}

// bareDateLine reports whether run r (text t, folded) is a line that dates
// the page without a label, and the date (findDate's): a short line that
// starts with a date, outside chrome and links; or, in the few lines under
// the title's heading or on a line that names a source (2022-11-08
// 来源：…), a date anywhere in a short line with few links, chrome or not
// ("head-line" blocks hold them). A chrome or link line can only be of the
// second kind, which is told before its date is looked for: most such
// lines (a footer's "© 2000-2024") are neither under the title nor name a
// source, and need no findDate.
func bareDateLine(r run, t string, nearTitle bool) (stamp, bool) {
	if runesUpTo(t, 81) > 80 || containsRuneOf(t, "今星周") && clockRe.MatchString(t) { // each of its words has one
		return stamp{}, false
	}
	secondKind := func() bool { return r.linkUnits*2 < r.units && (nearTitle || sourceFromLine(t) != "") }
	if r.chrome || r.linkUnits != 0 {
		if !secondKind() {
			return stamp{}, false
		}
		st, _, ok := findDate(t)
		return st, ok
	}
	st, at, ok := findDate(t)
	if !ok {
		return stamp{}, false
	}
	return st, at <= 8 || secondKind()
}

// titleHeading reports whether a heading's text is the page's title, or
// holds it, or is held by it.
func titleHeading(h, normTitle string) bool {
	if normTitle == "" {
		return false
	}
	var mem [256]byte // a heading's normal form, in no memory of its own: nh is read here only
	nh := bytesString(appendNormal(mem[:0], h))
	return nh != "" && (strings.Contains(nh, normTitle) || strings.Contains(normTitle, nh) && len(nh)*2 >= len(normTitle))
}

// labelled adds the date after the first publication label in t; a bare
// 时间/日期 label that follows 更新 or 修改 is an update label, not one.
func (f *dateFinder) labelled(t string) bool {
	if !mayHavePubLabel(t) {
		return false
	}
	var locs [4][2]int
	for _, loc := range pubLabels(t, locs[:0]) {
		head := t[:loc[0]]
		if strings.HasSuffix(head, "更新") || strings.HasSuffix(head, "修改") {
			continue
		}
		if f.dateRightAfter("visible", t, loc[1]) {
			return true
		}
	}
	return false
}

// pubLabelAnchored is pubLabelRe anchored where a match begins. Every
// label begins with 发, 成, 刊, 时 or 日, or with an f, p or d in either
// case (no other rune folds to them under (?i)), and the expression reads
// nothing before it; pubLabels runs it only where one of those begins.
var pubLabelAnchored = regexp.MustCompile(`^(?:` + pubLabelRe.String() + `)`)

// pubLabelStart reports whether a label of pubLabelRe may begin at t[i].
func pubLabelStart(t string, i int) bool {
	switch t[i] | 0x20 {
	case 'f', 'p', 'd':
		return true
	}
	if t[i] < 0xE5 || t[i] > 0xE6 { // the first byte of 发 成 刊 时 日
		return false
	}
	rest := t[i:]
	return strings.HasPrefix(rest, "发") || strings.HasPrefix(rest, "成") || strings.HasPrefix(rest, "刊") ||
		strings.HasPrefix(rest, "时") || strings.HasPrefix(rest, "日")
}

// pubLabels is pubLabelRe.FindAllStringIndex(t, 4), appended to dst:
// the first match that begins at or after the end of the last, up to
// four, each found by the anchored expression at the places a label may
// begin (searching from every byte was most of labelled's time).
func pubLabels(t string, dst [][2]int) [][2]int {
	for i := 0; i < len(t) && len(dst) < 4; i++ {
		if !pubLabelStart(t, i) {
			continue
		}
		if m := pubLabelAnchored.FindStringIndex(t[i:]); m != nil {
			dst = append(dst, [2]int{i, i + m[1]})
			i += m[1] - 1 // the next match begins after this one (a label is never empty)
		}
	}
	return dst
}

// dateRightAfter adds the date that starts within a few bytes of at.
func (f *dateFinder) dateRightAfter(source, t string, at int) bool {
	rest := t[at:]
	st, pos, ok := findDate(rest)
	if !ok || pos > 6 {
		return false
	}
	f.addStamp(source, t, st)
	return true
}

func (f *dateFinder) fromURL(u *url.URL) {
	if u == nil {
		return
	}
	if st, text, ok := urlDate(u.EscapedPath()); ok {
		f.addStamp("url", text, st)
	}
}

func (f *dateFinder) fromHeader(h http.Header) {
	lm := h.Get("Last-Modified")
	if lm == "" {
		return
	}
	if v, ok := headerDate(lm); ok {
		f.push(DateCandidate{Value: v, Source: "last-modified", Text: lm})
	}
}

// headerDate is the date of an HTTP date header's value lm, in UTC, as a
// candidate's Value; ok is false when lm is no HTTP date.
func headerDate(lm string) (value string, ok bool) {
	t, err := http.ParseTime(lm)
	if err != nil {
		return "", false
	}
	return t.UTC().Format("2006-01-02T15:04:05Z07:00"), true
}

// choose picks the best candidate by dateRank, the first on the page among
// equals, and says why. A date-only choice takes the time of a later,
// lower-ranked candidate of the same day that has one (not a modification
// date). It returns "" when there are no candidates.
func (f *dateFinder) choose() (value, why string) {
	var mem [16]int
	ranks := candidateRanks(f.cands, mem[:0])
	best := -1
	for i, r := range ranks {
		if best < 0 || r < ranks[best] {
			best = i
		}
	}
	if best < 0 {
		return "", ""
	}
	c := f.cands[best]
	value = c.Value
	why = c.Source + ": " + rankReason[ranks[best]]
	if f.assumed[best] {
		why += "; no zone written, +08:00 assumed for a Chinese page"
	}
	if len(value) == len("2006-01-02") {
		for i, o := range f.cands {
			if i != best && ranks[i] <= 5 && len(o.Value) > len(value) && strings.HasPrefix(o.Value, value) {
				value = o.Value
				why += "; time of day from " + o.Source
				if f.assumed[i] {
					why += " (+08:00 assumed)"
				}
				break
			}
		}
	}
	if n := len(f.cands); n > 1 {
		why += "; " + strconv.Itoa(n) + " candidates"
	}
	return value, why
}

// candidateRanks appends the dateRank of each candidate's source to dst:
// choose compares them pairwise, and a rank is several string comparisons.
func candidateRanks(cands []DateCandidate, dst []int) []int {
	for _, c := range cands {
		dst = append(dst, dateRank(c.Source))
	}
	return dst
}

var rankReason = [...]string{
	0: "the site rule's date selector",
	1: "explicit publication metadata, which outranks visible lines, <time>, the URL path, modification dates and Last-Modified",
	2: "a labelled publication line on the page (no publication metadata)",
	3: "a <time datetime> element (no publication metadata or labelled line)",
	4: "a date line on the page (no metadata, labelled line or <time>)",
	5: "the date in the URL path (nothing on the page states one)",
	6: "a modification date (nothing states the publication date)",
	7: "the HTTP Last-Modified header (nothing else dates the page)",
}

// mayHavePubLabel is a necessary condition of pubLabelRe, cheaper to check:
// its Chinese labels hold 时 and 间 (时间, 时 间) or 日 and 期 (t is
// folded), its English ones "publi", "date" or "po" and "ted" (of
// "posted", whose s (?i) also matches as ſ); none of these letters has a
// case fold outside ASCII. Words as common as "ed" would let most English
// paragraphs through to the expression, and 日 alone every Chinese date.
func mayHavePubLabel(t string) bool {
	return strings.Contains(t, "时") && strings.Contains(t, "间") || strings.Contains(t, "日") && strings.Contains(t, "期") ||
		containsFoldASCII(t, "publi") || containsFoldASCII(t, "date") ||
		containsFoldASCII(t, "po") && containsFoldASCII(t, "ted")
}

// findUpdLabel is updLabelRe.FindStringIndex, after a necessary condition:
// its labels hold 更新, 修改, "updated" or "modified". A line that holds
// neither English word (a Chinese paragraph about 城市更新) can have a
// label only where 更新 or 修改 begins: the expression is run anchored
// (updLabelAnchored) there alone, not searched for from every byte, which
// cost a line of prose as much as the rest of fromRuns.
func findUpdLabel(t string) []int {
	english := containsFoldASCII(t, "updated") || containsFoldASCII(t, "modified")
	if english {
		return updLabelRe.FindStringIndex(t)
	}
	for i := 0; i < len(t); {
		k := indexEither(t, i, "更新", "修改")
		if k < 0 {
			return nil
		}
		if m := updLabelAnchored.FindStringIndex(t[k:]); m != nil {
			m[0], m[1] = k, k+m[1] // m[0] was 0: the match begins at t[k]
			return m
		}
		i = k + len("更新")
	}
	return nil
}

// updLabelAnchored is updLabelRe anchored where a match begins. The
// expression reads nothing before its label, so its leftmost match is
// the anchored one at the first place it matches.
var updLabelAnchored = regexp.MustCompile(`^(?:` + updLabelRe.String() + `)`)

// indexEither returns where the first a or b in t[from:] begins, counted
// from the start of t; -1 when neither does. a and b have the same length
// and neither overlaps itself or the other.
func indexEither(t string, from int, a, b string) int {
	i, j := strings.Index(t[from:], a), strings.Index(t[from:], b)
	switch {
	case i < 0 && j < 0:
		return -1
	case i < 0 || j >= 0 && j < i:
		return from + j
	}
	return from + i
}

// containsFoldASCII reports whether s holds sub (lower-case ASCII letters)
// in any ASCII case: some s[i:i+len(sub)] whose every byte, its 0x20 bit
// set, is sub's. In a line, only where s has sub's first byte in either
// case is the rest compared; those places are found with IndexByte (most
// lines of a Chinese page have none at all, and a byte loop read every
// byte). A string shorter than shortFold (a class name) is read a byte at
// a time: two IndexByte calls cost it more.
func containsFoldASCII(s, sub string) bool {
	if len(s) < shortFold {
		return containsFoldBytewise(s, sub)
	}
	if len(sub) == 0 {
		return true
	}
	lo := sub[0]
	if lo|0x20 != lo {
		return false // no byte with its 0x20 bit set is lo
	}
	end := len(s) - len(sub) + 1 // where a match may begin: s[:end]
	if end <= 0 {
		return false
	}
	up := lo &^ 0x20
	a, b := indexByteFrom(s[:end], 0, lo), indexByteFrom(s[:end], 0, up)
	for a >= 0 || b >= 0 {
		i := a
		if a < 0 || b >= 0 && b < a {
			i = b
		}
		if hasFoldASCIIAt(s, i+1, sub[1:]) {
			return true
		}
		if i == a {
			a = indexByteFrom(s[:end], i+1, lo)
		} else {
			b = indexByteFrom(s[:end], i+1, up)
		}
	}
	return false
}

// shortFold is the length from which containsFoldASCII looks for the
// first byte of its word with IndexByte.
const shortFold = 48

// containsFoldBytewise is containsFoldASCII trying every byte of s.
func containsFoldBytewise(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if hasFoldASCIIAt(s, i, sub) {
			return true
		}
	}
	return false
}

// indexByteFrom is the index of the first c in s[from:], counted from the
// start of s; -1 when there is none.
func indexByteFrom(s string, from int, c byte) int {
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return -1
}

// hasFoldASCIIAt reports whether s[at:] begins with sub as
// containsFoldASCII compares: each byte with its 0x20 bit set.
func hasFoldASCIIAt(s string, at int, sub string) bool {
	if len(s)-at < len(sub) {
		return false
	}
	for j := range len(sub) {
		if s[at+j]|0x20 != sub[j] {
			return false
		}
	}
	return true
}
