package crawl

import (
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Trap limits: links that look like crawler traps are not followed.
const (
	DefaultMaxURLLength   = 2048
	DefaultMaxQueryParams = 8 // more parameters than this is a runaway query
	maxParamRepeats       = 2 // a parameter name given more often is a runaway query (?a=1&a=2&a=3)
	maxSegmentRepeats     = 2 // a path segment repeated more often is a loop (/a/b/a/b/a/)
	calendarHorizon       = 365 * 24 * time.Hour
)

// calendarHints are the path segments and query parameter names that mark
// a calendar or a date archive; compared case-insensitively.
var calendarHints = map[string]bool{
	"calendar": true, "cal": true, "kalender": true, "agenda": true, "date": true,
	"archive": true, "archives": true, "day": true, "week": true, "month": true, "year": true,
}

// traps spots links that would keep a crawler busy forever.
type traps struct {
	maxLen, maxParams int
	now               func() time.Time
}

func newTraps(cfg Config) *traps {
	t := &traps{maxLen: cfg.MaxURLLength, maxParams: DefaultMaxQueryParams, now: cfg.Now}
	if t.maxLen <= 0 {
		t.maxLen = DefaultMaxURLLength
	}
	if t.now == nil {
		t.now = time.Now
	}
	return t
}

// trapped returns why a link to u, parsed from raw, should not be
// followed, "" when it may be.
func (t *traps) trapped(raw string, u *url.URL) string {
	switch {
	case t.long(raw, u):
		return TrapLongURL
	case runawayQuery(u.RawQuery, t.maxParams):
		return TrapRunawayQuery
	case repeatsSegment(u.Path):
		return TrapRepeatedSegment
	case t.calendar(u):
		return TrapCalendar
	}
	return ""
}

// long reports whether u, parsed from raw, is longer than maxLen written
// out (u.String()). Written out, a URL is at most maxGrowth times raw's
// length and maxAdded bytes more (urlGrowth): most links are far shorter
// than maxLen, and are known short without writing u out, which screen
// would do for every link of every page.
func (t *traps) long(raw string, u *url.URL) bool {
	if maxGrowth*len(raw)+maxAdded <= t.maxLen {
		return false
	}
	return len(u.String()) > t.maxLen
}

// How much longer url.URL.String writes a URL than the string it was
// parsed from: each byte of the user info, host, path and fragment is
// written at most percent-encoded (three bytes for one); the scheme and
// query are written as they came; and String may add "//" before the
// host and "/" before the path, or "./" before a path of no scheme or
// host (three bytes at most; maxAdded leaves room). TestURLGrowth holds
// net/url to it.
const (
	maxGrowth = 3
	maxAdded  = 8
)

// runawayQuery reports whether a query has more than maxParams parameters
// or names one more than maxParamRepeats times.
func runawayQuery(raw string, maxParams int) bool {
	if raw == "" {
		return false
	}
	params := strings.Split(raw, "&")
	if len(params) > maxParams {
		return true
	}
	counts := map[string]int{}
	for _, p := range params {
		name, _, _ := strings.Cut(p, "=")
		counts[name]++
		if counts[name] > maxParamRepeats {
			return true
		}
	}
	return false
}

// repeatsSegment reports whether a path segment occurs more than
// maxSegmentRepeats times. The segments of a path of up to
// len(segments) are compared in an array, not counted in a map: screen
// asks for every link of every page.
func repeatsSegment(path string) bool {
	var segments [16]string
	n := 0
	for rest, more := path, true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "/")
		if seg == "" {
			continue
		}
		if n == len(segments) {
			return repeatsSegmentMap(path)
		}
		times := 1
		for _, s := range segments[:n] {
			if s == seg {
				times++
			}
		}
		if times > maxSegmentRepeats {
			return true
		}
		segments[n] = seg
		n++
	}
	return false
}

// repeatsSegmentMap is repeatsSegment for a path of many segments.
func repeatsSegmentMap(path string) bool {
	counts := map[string]int{}
	for _, seg := range strings.Split(path, "/") {
		if seg == "" {
			continue
		}
		counts[seg]++
		if counts[seg] > maxSegmentRepeats {
			return true
		}
	}
	return false
}

// calendar reports whether u looks like a page of an endless calendar: a
// calendar hint (a path segment or query parameter named calendar, cal,
// archive, date, day, month, year…) together with a date more than a year
// from now. Calendars page forward for ever; a dated article
// (/2022-11/07/c_1.htm, /events/2024-05-10-talk.html) carries no hint, and
// an archive of past months is worth crawling, so neither is a trap.
func (t *traps) calendar(u *url.URL) bool {
	if !hasCalendarHint(u) {
		return false
	}
	year, month := latestDate(u)
	if year == 0 {
		return false
	}
	d := time.Date(year, time.Month(max(month, 1)), 1, 0, 0, 0, 0, time.UTC)
	return d.After(t.now().Add(calendarHorizon))
}

func hasCalendarHint(u *url.URL) bool {
	for rest, more := u.Path, true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "/")
		if isCalendarHint(seg) {
			return true
		}
	}
	if u.RawQuery == "" {
		return false // most links; u.Query() would make a map to say so
	}
	for name := range u.Query() {
		if isCalendarHint(name) {
			return true
		}
	}
	return false
}

// isCalendarHint reports whether s is one of calendarHints, in any case.
// Most path segments are not, and most of those are told by their length
// or first byte (hintShape), without lowering and hashing them. Only an
// ASCII s is told so: strings.ToLower makes some other letters ASCII and
// shorter (the Kelvin sign K, three bytes, is k).
func isCalendarHint(s string) bool {
	if (len(s) < hintShape.minLen || len(s) > hintShape.maxLen || !hintShape.first[s[0]]) && !hasNonASCII(s) {
		return false
	}
	return calendarHints[strings.ToLower(s)]
}

// hintShape is what the names in calendarHints have in common: the
// range of their lengths, and their first letters in either case.
var hintShape = func() (h struct {
	minLen, maxLen int
	first          [256]bool
}) {
	h.minLen = math.MaxInt
	for name := range calendarHints {
		h.minLen, h.maxLen = min(h.minLen, len(name)), max(h.maxLen, len(name))
		h.first[name[0]] = true
		h.first[strings.ToUpper(name[:1])[0]] = true
	}
	return h
}()

// datePart matches a year (1900–2999) with an optional month, not inside a
// longer number: 2031, 2031-07, 2031/07, 203107.
var datePart = regexp.MustCompile(`(?:^|[^0-9])((?:19|2[0-9])[0-9]{2})(?:[-/_.]?(0[1-9]|1[0-2]))?(?:[^0-9]|$)`)

// latestDate returns the latest year and month (0 when none) named in u's
// path, its query values, or its year= and month= parameters.
func latestDate(u *url.URL) (year, month int) {
	consider := func(y, m int) {
		if y > year || (y == year && m > month) {
			year, month = y, m
		}
	}
	q := u.Query()
	texts := []string{u.Path}
	for _, vs := range q {
		texts = append(texts, vs...)
	}
	for _, s := range texts {
		for _, m := range datePart.FindAllStringSubmatch(s, -1) {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			consider(y, mo)
		}
	}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y >= 1900 && y < 3000 {
		mo, _ := strconv.Atoi(q.Get("month"))
		consider(y, min(max(mo, 0), 12))
	}
	return year, month
}
