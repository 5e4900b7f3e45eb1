package archive_test

import (
	"github.com/prov-archive/prov/archive"
	"testing"
	"time"
)

// A capture requested as one URL and redirected to another is in both
// URLs' histories: the 301 of a page that moved is a fact about the URL
// that moved. Filed under its final URL, it is that URL's copy alone.
func TestHistoryHoldsRedirectedRequests(t *testing.T) {
	db := MustOpen(t)
	const old, moved = "http://gov.test/old", "http://gov.test/new"
	MustWrite(t, db, fetchedAt(page(old, "<p>v1</p>", "the first text"), 0))
	e := fetchedAt(page(moved, "<p>v2</p>", "the text where it moved"), time.Hour)
	e.Capture.RequestedURL = old
	MustWrite(t, db, e)
	for url, want := range map[string]int{old: 2, moved: 1} {
		h, err := db.History(url)
		if err != nil || len(h) != want {
			t.Errorf("History(%s): %d captures, %v; want %d", url, len(h), err, want)
		}
	}
	lines := 0
	db.LatestContent(func(c archive.Capture) error { lines++; return nil })
	if lines != 2 {
		t.Errorf("%d copies, want 2: the moved capture is no copy of the old URL", lines)
	}
}
