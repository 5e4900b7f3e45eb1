package crawl

import (
	"net/url"
	"regexp"
	"strings"
)

// Trap limits: links that look like crawler traps are not followed.
const (
	DefaultMaxURLLength   = 2048
	DefaultMaxQueryParams = 8 // more parameters than this is a runaway query
	maxSegmentRepeats     = 2 // a path segment repeated more often is a loop (/a/b/a/b/a/)
)

// calendarPath matches paths of calendar-like pages whose links go on
// forever (…/calendar/2031/07/, ?month=2031-07, /events/day/2031-07-04).
var calendarPath = regexp.MustCompile(`(?i)(calendar|kalender|events?|agenda)[/?=._-]`)

// traps spots links that would keep a crawler busy forever.
type traps struct {
	maxLen, maxParams int
}

func newTraps(cfg Config) *traps {
	t := &traps{maxLen: cfg.MaxURLLength, maxParams: DefaultMaxQueryParams}
	if t.maxLen <= 0 {
		t.maxLen = DefaultMaxURLLength
	}
	return t
}

// trapped reports whether a link to u should not be followed.
func (t *traps) trapped(u *url.URL) bool {
	s := u.String()
	if len(s) > t.maxLen {
		return true
	}
	if u.RawQuery != "" && strings.Count(u.RawQuery, "&")+1 > t.maxParams {
		return true
	}
	if repeatsSegment(u.Path) {
		return true
	}
	return calendarPath.MatchString(u.Path) && hasDate(u.RequestURI())
}

// repeatsSegment reports whether a path segment occurs more than
// maxSegmentRepeats times.
func repeatsSegment(path string) bool {
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

var datePart = regexp.MustCompile(`(19|20)\d\d[-/]?(0[1-9]|1[0-2])`)

func hasDate(s string) bool { return datePart.MatchString(s) }
