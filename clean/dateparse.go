package clean

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date forms found in pages. Each gives year, month, day and, optionally,
// hour, minute, second and a zone.
var (
	isoDateRe = regexp.MustCompile(`(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:(?:T|\s+)(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?`)
	cjkDateRe = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?`)
	mdyDateRe = regexp.MustCompile(`(?i)\b` + mdyDate)
	dmyDateRe = regexp.MustCompile(`(?i)\b` + dmyDate)
)

// The English forms after their leading word boundary.
const (
	mdyDate = `(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?(?:\s*\(?(utc|gmt|z|edt|est|bst|cet|cest|jst|hkt)\b)?)?`
	dmyDate = `(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2})[:.](\d{2})\s*([ap]\.?m\.?)?(?:\s*\(?(utc|gmt|z|edt|est|bst|cet|cest|jst|hkt)\b)?)?`
)

// formStarts are findDate's forms (isoDateRe, cjkDateRe, mdyDateRe,
// dmyDateRe, in order) anchored where a match may begin, with a test of
// those places. Every match of a form begins at such a place and reads
// nothing before it but the leading word boundary of the English forms,
// which the test checks (the anchored patterns leave it out), so
// formMatch runs a form only there: searching the whole line from every
// byte was most of findDate's time.
var formStarts = [...]struct {
	anchored *regexp.Regexp
	at       func(s string, i int) bool
}{
	{regexp.MustCompile(`^(?:` + isoDateRe.String() + `)`), func(s string, i int) bool { return fourDigitsAt(s, i) && afterSpaceIs(s, i+4, "-/.") }},
	{regexp.MustCompile(`^(?:` + cjkDateRe.String() + `)`), func(s string, i int) bool { return fourDigitsAt(s, i) && afterSpaceIs(s, i+4, "年") }},
	{regexp.MustCompile(`(?i)^(?:` + mdyDate + `)`), func(s string, i int) bool { return wordBoundary(s, i) && monthAt(s[i:]) }},
	{regexp.MustCompile(`(?i)^(?:` + dmyDate + `)`), func(s string, i int) bool { return wordBoundary(s, i) && isDigit(s[i]) && dayLead(s[i:]) }},
	// the day-first forms of other languages (bylinelang.go)
	{regexp.MustCompile(`(?i)^(?:` + intlNameDateExpr + `)`), func(s string, i int) bool { return wordBoundary(s, i) && isDigit(s[i]) }},
	{regexp.MustCompile(`^(?:` + dotDate + `)`), func(s string, i int) bool { return wordBoundary(s, i) && isDigit(s[i]) }},
	{regexp.MustCompile(`^(?:` + slashDate + `)`), func(s string, i int) bool { return wordBoundary(s, i) && isDigit(s[i]) }},
}

// afterSpaceIs reports whether s, from i on past \s (ASCII white space
// but \v, as Go's regexp reads it), goes on with one of the runes of
// next: what isoDateRe needs after its year (a separator) and cjkDateRe
// (年).
func afterSpaceIs(s string, i int, next string) bool {
	i = skipRegexpSpace(s, i)
	for _, r := range next {
		if strings.HasPrefix(s[i:], string(r)) {
			return true
		}
	}
	return false
}

// monthAt reports whether s begins with a month's abbreviation as (?i)
// reads it (mdyDate's first group): three ASCII letters in either case,
// or ſ, which folds to s, and "ep" (the other letters of the months fold
// to no rune past ASCII).
func monthAt(s string) bool {
	if rest, ok := strings.CutPrefix(s, "ſ"); ok {
		return len(rest) >= 2 && rest[0]|0x20 == 'e' && rest[1]|0x20 == 'p'
	}
	if len(s) < 3 {
		return false
	}
	_, ok := monthIndex[string([]byte{s[0] | 0x20, s[1] | 0x20, s[2] | 0x20})]
	return ok
}

// dayLead reports whether s, which begins with a digit, may begin
// dmyDate: one or two digits, then \s or the first letter of st, nd, rd
// or th (s in either case or as ſ, whose UTF-8 begins C5). \d{1,2}
// taking one digit of two leaves a digit where those must be.
func dayLead(s string) bool {
	d := 1
	if len(s) > 1 && isDigit(s[1]) {
		d = 2
	}
	if d == len(s) {
		return false
	}
	switch c := s[d]; c | 0x20 {
	case 's', 'n', 'r', 't':
		return true
	default:
		return c == 0xC5 || isRegexpSpace(c)
	}
}

// formMatch is FindStringSubmatchIndex(s) of findDate's form f, for a
// match beginning before before: the first place where formStarts[f]
// begins a match, with its offsets.
func formMatch(f int, s string, before int) []int {
	fs := formStarts[f]
	for i := range min(before, len(s)) {
		if !formMayBegin(f, s[i]) || !fs.at(s, i) {
			continue
		}
		if m := anchoredMatch(f, s[i:]); m != nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
			return m
		}
	}
	return nil
}

// formMayBegin is a necessary condition of formStarts[f].at at a byte c,
// told without a call: every form but mdyDateRe begins with a digit, and
// mdyDateRe with the first letter of a month in either case (monthAt), or
// with the first byte of ſ. Most bytes of a line begin none.
func formMayBegin(f int, c byte) bool {
	if f != 2 {
		return isDigit(c)
	}
	switch c | 0x20 {
	case 'j', 'f', 'm', 'a', 's', 'o', 'n', 'd':
		return true
	}
	return c == 0xC5
}

// anchoredMatch is formStarts[f].anchored.FindStringSubmatchIndex(s), the
// ISO form read by hand (isoMatch).
func anchoredMatch(f int, s string) []int {
	if f != 0 {
		return formStarts[f].anchored.FindStringSubmatchIndex(s)
	}
	var m [16]int
	if !isoMatch(s, &m) {
		return nil
	}
	return append([]int(nil), m[:]...)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// fourDigitsAt reports four ASCII digits at s[i:].
func fourDigitsAt(s string, i int) bool {
	return i+4 <= len(s) && isDigit(s[i]) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3])
}

// wordBoundary is \b at s[i] as Go's regexp reads it: an ASCII word
// character on one side and not on the other.
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	return before != (i < len(s) && isWordByte(s[i]))
}

func isWordByte(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || isDigit(c) || c == '_'
}

var monthIndex = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// zoneOffsets are the zone names whose offset is unambiguous; CST and IST
// name several zones and are ignored.
var zoneOffsets = map[string]int{
	"utc": 0, "gmt": 0, "z": 0, "edt": -4 * 3600, "est": -5 * 3600, "bst": 3600,
	"cet": 3600, "cest": 2 * 3600, "jst": 9 * 3600, "hkt": 8 * 3600,
}

// chinaZone is the zone assumed for a time written without one on a
// Chinese page: China, Hong Kong, Macao and Taiwan all keep UTC+8.
var chinaZone = time.FixedZone("+08:00", 8*3600)

// stamp is a date read from text.
type stamp struct {
	y, mo, d, h, mi, s int
	hasTime, hasZone   bool
	off                int // seconds east of UTC, when hasZone
}

// format renders a stamp as RFC 3339 when the time and its zone are known
// (the zone as the page wrote it, or +08:00 assumed when zh and none was
// written), else as YYYY-MM-DD. assumed reports the +08:00 assumption.
func (st stamp) format(zh bool) (value string, assumed bool) {
	if st.hasTime && (st.hasZone || zh) {
		loc := chinaZone
		if st.hasZone {
			loc = time.FixedZone("", st.off)
		} else {
			assumed = true
		}
		return time.Date(st.y, time.Month(st.mo), st.d, st.h, st.mi, st.s, 0, loc).Format(time.RFC3339), assumed
	}
	return time.Date(st.y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), false
}

func (st stamp) valid() bool {
	if st.y < 1980 || st.y > 2100 || st.mo < 1 || st.mo > 12 || st.d < 1 || st.h > 23 || st.mi > 59 || st.s > 60 {
		return false
	}
	t := time.Date(st.y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC)
	return t.Day() == st.d
}

// findDate returns the first date in s (the one that starts earliest) and
// the offset where it starts, or ok=false.
func findDate(s string) (st stamp, at int, ok bool) {
	if !hasYearDigits(s) { // every form has a four-digit year
		return stamp{}, 0, false
	}
	return firstDate(s, mayMatchForm)
}

// firstDate is findDate over the forms that may(s, form) lets through.
func firstDate(s string, may func(s string, form int) bool) (st stamp, at int, ok bool) {
	at = -1
	for i := range formStarts {
		if !may(s, i) {
			continue
		}
		before := len(s)
		if at >= 0 {
			before = at
		}
		m := formMatch(i, s, before)
		if m == nil || at >= 0 && m[0] >= at {
			continue
		}
		if c, good := stampOf(s, m, i); good {
			st, at, ok = c, m[0], true
		}
	}
	return st, at, ok
}

// hasYearDigits reports whether s has four ASCII digits in a row.
func hasYearDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			run = 0
		} else if run++; run == 4 {
			return true
		}
	}
	return false
}

// mayMatchForm is a cheap test that s holds what date form i (an index of
// findDate's list) cannot match without: 年 for the Chinese form, a letter
// for the forms with month names. It saves the regexps on most lines.
func mayMatchForm(s string, form int) bool {
	switch form {
	case 1:
		return strings.Contains(s, "年")
	case 2, 3:
		return strings.IndexFunc(s, func(r rune) bool { return r < 0x80 && ('a' <= r|0x20 && r|0x20 <= 'z') }) >= 0
	case 5:
		return strings.Contains(s, ".")
	case 6:
		return strings.Contains(s, "/")
	}
	return true
}

func stampOf(s string, m []int, form int) (stamp, bool) {
	g := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	if form >= 4 {
		return dayFirstOf(g, form)
	}
	var st stamp
	switch form {
	case 0, 1:
		st.y, st.mo, st.d = atoi(g(1)), atoi(g(2)), atoi(g(3))
	case 2:
		st.mo, st.d, st.y = monthIndex[strings.ToLower(g(1))[:3]], atoi(g(2)), atoi(g(3))
	case 3:
		st.d, st.mo, st.y = atoi(g(1)), monthIndex[strings.ToLower(g(2))[:3]], atoi(g(3))
	}
	if g(4) != "" {
		st.hasTime = true
		st.h, st.mi, st.s = atoi(g(4)), atoi(g(5)), atoi(g(6))
	}
	switch form {
	case 0:
		if z := g(7); z != "" && st.hasTime {
			st.hasZone, st.off = true, parseOffset(z)
		}
	case 2, 3:
		ampm := strings.ToLower(strings.ReplaceAll(g(6), ".", ""))
		if ampm == "pm" && st.h < 12 {
			st.h += 12
		} else if ampm == "am" && st.h == 12 {
			st.h = 0
		}
		st.s = 0
		if off, ok := zoneOffsets[strings.ToLower(g(7))]; ok && st.hasTime {
			st.hasZone, st.off = true, off
		}
	}
	return st, st.valid()
}

// dayFirstOf reads the day-first forms of other languages (forms 4 to
// 6: day, month or its name, year, hour, minute; g returns a group's
// text) into a stamp without a zone.
func dayFirstOf(g func(int) string, form int) (stamp, bool) {
	mo := atoi(g(2))
	if form == 4 {
		mo = intlMonth(g(2))
	}
	st, ok := dayFirstStamp(atoi(g(1)), mo, atoi(g(3)), form == 6)
	if !ok {
		return stamp{}, false
	}
	if g(4) != "" {
		st.hasTime, st.h, st.mi = true, atoi(g(4)), atoi(g(5))
	}
	return st, st.valid()
}

func parseOffset(z string) int {
	if z == "Z" {
		return 0
	}
	z = strings.ReplaceAll(z, ":", "")
	if len(z) != 5 {
		return 0
	}
	off := atoi(z[1:3])*3600 + atoi(z[3:5])*60
	if z[0] == '-' {
		off = -off
	}
	return off
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// URL path dates: /2022-11/07/, /202211/08/, /2022/11/07/, /2022/1107/,
// /2022-11-07/, t20221107_ and /20221107/.
var urlDateRes = []*regexp.Regexp{
	regexp.MustCompile(`/((?:19|20)\d{2})-(\d{2})/(\d{2})/`),
	regexp.MustCompile(`/((?:19|20)\d{2})(\d{2})/(\d{2})/`),
	regexp.MustCompile(`/((?:19|20)\d{2})/(\d{2})/(\d{2})/`),
	regexp.MustCompile(`/((?:19|20)\d{2})/(\d{2})(\d{2})/`),
	regexp.MustCompile(`/((?:19|20)\d{2})-(\d{2})-(\d{2})[/_.-]`),
	regexp.MustCompile(`[/_-]t?((?:19|20)\d{2})(\d{2})(\d{2})(?:[_/.-]|\d{2,}[_/.-])`),
}

// urlDateAnchored are urlDateRes anchored where a match begins, and
// urlDateNext the bytes each lets follow its year. Every pattern begins
// with one of "/_-" (a '/' but for the last), then a 't' or not (the last
// only), then its year, (?:19|20)\d{2}, and reads nothing before; so a
// match begins only where urlYearAt finds a year, and only when the byte
// after the year is one of urlDateNext's. urlDateMatch runs a pattern
// only there: searching the whole path from every byte was most of
// urlDate's time.
var (
	urlDateAnchored = func() []*regexp.Regexp {
		out := make([]*regexp.Regexp, len(urlDateRes))
		for i, re := range urlDateRes {
			out[i] = regexp.MustCompile(`^(?:` + re.String() + `)`)
		}
		return out
	}()
	urlDateNext = [...]string{"-", "0123456789", "/", "/", "-", "0123456789"}
)

// urlYearAt returns the index of the year when a pattern of urlDateRes
// may match from path[i] (see urlDateAnchored), else -1.
func urlYearAt(path string, i int) int {
	if c := path[i]; c != '/' && c != '_' && c != '-' {
		return -1
	}
	if i++; i < len(path) && path[i] == 't' {
		i++
	}
	if !fourDigitsAt(path, i) || !(path[i] == '1' && path[i+1] == '9' || path[i] == '2' && path[i+1] == '0') {
		return -1
	}
	return i
}

// urlDateMatch is urlDateRes[k].FindStringSubmatch(path): the match that
// begins first, found by the anchored pattern at the places it may begin.
func urlDateMatch(k int, path string) []string {
	for i := range path {
		if c := path[i]; c != '/' && c != '_' && c != '-' {
			continue // urlYearAt's first test, without the call
		}
		y := urlYearAt(path, i)
		if y < 0 || y+4 == len(path) || strings.IndexByte(urlDateNext[k], path[y+4]) < 0 {
			continue
		}
		if m := urlDateAnchored[k].FindStringSubmatch(path[i:]); m != nil {
			return m
		}
	}
	return nil
}

// urlDate returns the date in a URL's path, if any: the first pattern of
// urlDateRes whose first match is a valid date.
func urlDate(path string) (stamp, string, bool) {
	for k := range urlDateRes {
		m := urlDateMatch(k, path)
		if m == nil {
			continue
		}
		st := stamp{y: atoi(m[1]), mo: atoi(m[2]), d: atoi(m[3])}
		if st.valid() {
			return st, m[0], true
		}
	}
	return stamp{}, "", false
}

// ruleDate reads the text of a rule's Date selector: with layout (a Go time
// layout) when set, the generic date forms otherwise. A layout without a
// zone on a Chinese page gets +08:00; a layout without a clock gives a date.
func ruleDate(text, layout string, zh bool) (DateCandidate, bool) {
	c := DateCandidate{Source: "rule", Text: text}
	if layout == "" {
		st, _, ok := findDate(text)
		if !ok {
			return c, false
		}
		c.Value, _ = st.format(zh)
		return c, true
	}
	hasZone := strings.Contains(layout, "Z07") || strings.Contains(layout, "-07") || strings.Contains(layout, "MST")
	hasClock := strings.Contains(layout, "15") || strings.Contains(layout, "03") || strings.Contains(layout, ":04")
	loc := time.UTC
	if zh && !hasZone {
		loc = chinaZone
	}
	t, err := time.ParseInLocation(layout, strings.TrimSpace(text), loc)
	if err != nil {
		// the selector's text often holds more than the date: find it
		st, _, ok := findDate(text)
		if !ok {
			return c, false
		}
		c.Value, _ = st.format(zh)
		return c, true
	}
	if hasClock && (hasZone || zh) {
		c.Value = t.Format(time.RFC3339)
	} else {
		c.Value = t.Format(time.DateOnly)
	}
	return c, true
}
