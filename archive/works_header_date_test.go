package archive_test

import (
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

const (
	whyHeader = "last-modified: the HTTP Last-Modified header (nothing else dates the page)"
	whyPage   = "visible: a labelled publication line on the page (no publication metadata)"
)

func headerDated(url, text, published, why string, fetched time.Duration) archive.Entry {
	e := datedCopy(url, text, published, fetched)
	e.Capture.PublishedWhy = why
	return e
}

// A server's Last-Modified time is weaker evidence than a date the page
// states: it ranks below every page-stated date, above no date at all,
// and the reason says where it came from.
func TestLastModifiedRanksBelowAPageDate(t *testing.T) {
	const text = "one text dated by a page and by a header"
	w := electOne(t,
		headerDated("http://n2.test/a/1.html", text, "2024-03-05T00:00:00Z", whyHeader, 0),
		headerDated("http://n1.test/a/1.html", text, "2024-03-10T10:00:00+08:00", whyPage, time.Hour))
	checkElected(t, w, "http://n1.test/a/1.html", []string{
		"published 2024-03-10T10:00:00+08:00 on the page; the next copy's date, 2024-03-05T00:00:00Z, is only its server's Last-Modified header"})

	w = electOne(t,
		headerDated("http://n3.test/a/1.html", text, "2024-03-06T00:00:00Z", whyHeader, 0),
		headerDated("http://n2.test/a/1.html", text, "2024-03-05T00:00:00Z", whyHeader, time.Hour),
		datedCopy("http://n4.test/a/1.html", text, "", 0))
	checkElected(t, w, "http://n2.test/a/1.html", []string{
		"last modified 2024-03-05T00:00:00Z by its server's Last-Modified header (no date on its page), earliest (next 2024-03-06T00:00:00Z)"})

	w = electOne(t,
		datedCopy("http://n4.test/a/1.html", text, "", 0),
		headerDated("http://n2.test/a/1.html", text, "2024-03-05T00:00:00Z", whyHeader, time.Hour))
	checkElected(t, w, "http://n2.test/a/1.html", []string{
		"last modified 2024-03-05T00:00:00Z by its server's Last-Modified header (no date on its page); the others are undated"})
}
