package archive_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// electOne writes the entries, each a copy of one work, and returns the
// work's original and reasons.
func electOne(t *testing.T, entries ...archive.Entry) archive.Work {
	t.Helper()
	db := MustOpen(t)
	for _, e := range entries {
		MustWrite(t, db, e)
	}
	works, err := db.Works()
	if err != nil || len(works) != 1 {
		t.Fatalf("works = %+v, %v", works, err)
	}
	return works[0]
}

func copyAt(url, text string, fetched time.Time) archive.Entry {
	e := page(url, "<p>"+url+"</p>", text)
	e.Capture.FetchStart = fetched
	return e
}

func checkElected(t *testing.T, w archive.Work, original string, reasons []string) {
	t.Helper()
	if w.Original.URL != original || !reflect.DeepEqual(w.Reasons, reasons) {
		t.Errorf("original %s, reasons %q\nwant %s, %q", w.Original.URL, w.Reasons, original, reasons)
	}
}

// Two copies fetched within one second are not separated by their first
// fetch: the reason must not read "first fetched 10:00:00Z, earliest
// (next 10:00:00Z)".
func TestFirstFetchedWithinASecondIsATie(t *testing.T) {
	const text = "one text fetched twice in a second"
	w := electOne(t,
		copyAt("http://n2.test/a", text, t0.Add(700*time.Millisecond)),
		copyAt("http://n1.test/a", text, t0.Add(200*time.Millisecond)))
	checkElected(t, w, "http://n2.test/a", []string{"tie broken by capture ID: 1 before 2"})
}

func datedCopy(url, text, published string, fetched time.Duration) archive.Entry {
	e := copyAt(url, text, t0.Add(fetched))
	e.Capture.Authority, e.Capture.Published = "news", published
	return e
}

// A date without a time is compared with a time by calendar date, the
// time's date taken in its own offset: the 1st is before 06:00 on the
// 2nd in +08:00 (22:00 UTC on the 1st), and a time on the same date ties
// with it.
func TestPublishedDayAgainstTime(t *testing.T) {
	const text = "one text dated two ways"
	w := electOne(t,
		datedCopy("http://b.news.test/n/1.html", text, "2024-03-02T06:00:00+08:00", 0),
		datedCopy("http://a.news.test/n/1.html", text, "2024-03-01", time.Hour))
	checkElected(t, w, "http://a.news.test/n/1.html", []string{"published 2024-03-01, earliest (next 2024-03-02T06:00:00+08:00)"})

	w = electOne(t,
		datedCopy("http://b.news.test/n/1.html", text, "2024-03-01T09:00:00+08:00", time.Hour),
		datedCopy("http://a.news.test/n/1.html", text, "2024-03-01", 0))
	checkElected(t, w, "http://a.news.test/n/1.html", []string{"first fetched 2026-11-23T10:00:00Z, earliest (next 2026-11-23T11:00:00Z)"})
}

// Times on one date are compared as instants when no copy gives that
// date alone, even in an election where another date is a day alone.
func TestPublishedTimesOfOneDate(t *testing.T) {
	const text = "one text dated three ways"
	w := electOne(t,
		datedCopy("http://b.news.test/n/1.html", text, "2024-03-01T20:00:00+08:00", 0),
		datedCopy("http://a.news.test/n/1.html", text, "2024-03-01T09:00:00+08:00", time.Hour),
		datedCopy("http://c.news.test/n/1.html", text, "2024-03-05", 0))
	checkElected(t, w, "http://a.news.test/n/1.html", []string{"published 2024-03-01T09:00:00+08:00, earliest (next 2024-03-01T20:00:00+08:00)"})
}

// A copy whose attribution names the publisher of several copies is
// called a copy of the original when the original is one of them, not of
// the first such copy in the archive's order.
func TestProvenanceReasonNamesTheOriginal(t *testing.T) {
	const text = "one text from one ministry at two addresses"
	ministry := func(url, published string) archive.Entry {
		e := copyAt(url, text, t0)
		e.Capture.Authority, e.Capture.Publisher, e.Capture.Published = "official", "Ministry", published
		return e
	}
	news := copyAt("http://news.test/a/1.html", text, t0)
	news.Capture.Authority, news.Capture.Publisher, news.Capture.Attribution = "official", "News", "Ministry"
	w := electOne(t, ministry("http://gov.test/a/1.html", "2024-03-02"), ministry("http://gov.test/b/1.html", "2024-03-01"), news)
	checkElected(t, w, "http://gov.test/b/1.html", []string{
		`http://news.test/a/1.html is a copy: its attribution "Ministry" names the publisher of http://gov.test/b/1.html`,
		"published 2024-03-01, earliest (next 2024-03-02)"})
}
