package archive

import (
	"cmp"
	"strings"
	"time"
)

// The election's third ground, the earliest credible publication date.
//
// A date without a time names a calendar day in a zone nobody wrote
// down, so it is compared with another date by calendar date: a time's
// date in its own offset ("2024-03-02T06:00:00+08:00" is the 2nd,
// though 22:00 UTC on the 1st), and two copies of one date tie on this
// ground. Two times are compared as instants. These two readings do not
// make one order when a day and times of different offsets meet (a day
// ties with two times of its date that are hours apart, and a time late
// on the 6th in New York is after one early on the 7th in Beijing), and
// the election needs one. So an election in which some credible date is
// a day alone compares every date by calendar date first, and times of
// one date as instants unless a day alone falls on that date (then all
// of that date tie); an election of times alone compares instants.
// Across dates, two times of different offsets near midnight may then
// be ordered by their dates, not their instants: the price of a day
// never losing to a later day's time.
//
// A date the page states (metadata, a dated line, the site rule's
// selector, the URL path) outranks one taken from the server's HTTP
// Last-Modified header, which only says when the file last changed: a
// copy dated by its header is weighed after every copy whose page states
// a date, and before the undated ones (clean records where the date it
// chose came from at the head of PublishedWhy).

// pubDate is a copy's credible publication date as the election weighs
// it; the zero pubDate is undated.
type pubDate struct {
	at     time.Time // the date as written, in its own offset (a day alone: its midnight UTC)
	day    int       // its calendar date in that offset, as yyyymmdd
	timed  bool      // it gives a time of day
	header bool      // it is the server's Last-Modified time, not a date the page states
	dated  bool
}

func newPubDate(c *Capture) pubDate {
	t, ok := credibleDate(c)
	if !ok {
		return pubDate{}
	}
	y, m, d := t.Date()
	_, err := time.Parse(time.DateOnly, c.Published)
	return pubDate{at: t, day: y*10000 + int(m)*100 + d, timed: err != nil, header: dateFromHeader(c), dated: true}
}

// dateFromHeader reports whether c's publication date is its server's
// Last-Modified time: clean's PublishedWhy names the chosen candidate's
// source first ("last-modified: the HTTP Last-Modified header ...").
func dateFromHeader(c *Capture) bool {
	source, _, _ := strings.Cut(c.PublishedWhy, ":")
	return source == "last-modified"
}

// standing ranks a date's kind: stated on the page, from the header,
// none.
func (d pubDate) standing() int {
	switch {
	case !d.dated:
		return 2
	case d.header:
		return 1
	}
	return 0
}

// dateOrder is how one election compares dates (see above).
type dateOrder struct {
	byDay   bool         // some credible date is a day alone
	untimed map[int]bool // the dates that some copy gives as a day alone
}

func newDateOrder(dates []pubDate) dateOrder {
	o := dateOrder{untimed: map[int]bool{}}
	for _, d := range dates {
		if d.dated && !d.timed && !d.header {
			o.byDay, o.untimed[d.day] = true, true
		}
	}
	return o
}

// compare orders a before b when it is the earlier date: dates the pages
// state first, then Last-Modified times, then the undated.
func (o dateOrder) compare(a, b pubDate) int {
	switch {
	case a.standing() != b.standing() || !a.dated:
		return cmp.Compare(a.standing(), b.standing())
	case o.byDay && a.day != b.day:
		return cmp.Compare(a.day, b.day)
	case o.untimed[a.day] && a.day == b.day:
		return 0
	}
	return a.at.Compare(b.at)
}

// credibleDate is the copy's publication date unless it is missing,
// unreadable or later than a day after the copy was fetched.
func credibleDate(c *Capture) (time.Time, bool) {
	t, ok := ParsePublished(c.Published)
	if ok && !c.FetchStart.IsZero() && t.After(c.FetchStart.Add(24*time.Hour)) {
		return t, false
	}
	return t, ok
}

// ParsePublished reads a publication date: RFC 3339, or YYYY-MM-DD taken
// as midnight UTC. ok is false for "" and anything else.
func ParsePublished(s string) (t time.Time, ok bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}
