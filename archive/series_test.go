package archive_test

import (
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

const (
	p1 = "http://gov.test/a/c123.htm"
	p2 = "http://gov.test/a/c123_2.htm"
	p3 = "http://gov.test/a/c123_3.htm"
)

// splitPage is page n of the c123 article, with text.
func splitPage(url, prev, next, text string, n int) archive.Entry {
	e := page(url, "<html>"+text+"</html>", text)
	e.Capture.PrevPage, e.Capture.NextPage, e.Capture.PageNumber = prev, next, n
	return e
}

func threePages(texts ...string) []archive.Entry {
	return []archive.Entry{
		splitPage(p1, "", p2, texts[0], 1),
		splitPage(p2, p1, p3, texts[1], 2),
		splitPage(p3, p2, "", texts[2], 3),
	}
}

// stitch writes the stitched capture of s, its text the pages' joined.
func stitch(tb testing.TB, db *archive.DB, s archive.Series, texts []string) uint64 {
	tb.Helper()
	text := strings.Join(texts, "\n\n")
	e := archive.Entry{Capture: archive.Capture{Kind: archive.KindStitched, URL: s.First, RequestedURL: s.First, FinalURL: s.First,
		Status: 200, TextSHA256: archive.Sum([]byte(text)).String(), Pages: s.Refs(), ToolVersion: "test"}, Text: text}
	return MustWrite(tb, db, e)[0]
}

func allSeries(tb testing.TB, db *archive.DB) []archive.Series {
	tb.Helper()
	var out []archive.Series
	if err := db.Series(func(s archive.Series) error { out = append(out, s); return nil }); err != nil {
		tb.Fatal(err)
	}
	return out
}

func copies(tb testing.TB, db *archive.DB) map[string]archive.Capture {
	tb.Helper()
	out := map[string]archive.Capture{}
	if err := db.LatestContent(func(c archive.Capture) error { out[c.URL] = c; return nil }); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestSeriesInReverseOrderThenStitched(t *testing.T) {
	db := MustOpen(t)
	pages := threePages("one", "two", "three")
	for i := len(pages) - 1; i >= 0; i-- { // last page first
		MustWrite(t, db, pages[i])
	}
	ss := allSeries(t, db)
	if len(ss) != 1 || !ss[0].Complete || ss[0].Stitched != nil || len(ss[0].Pages) != 3 || ss[0].First != p1 {
		t.Fatalf("series = %+v", ss)
	}
	if got := copies(t, db); len(got) != 3 {
		t.Errorf("before stitching every page is its own copy: %d copies", len(got))
	}
	id := stitch(t, db, ss[0], []string{"one", "two", "three"})
	ss = allSeries(t, db)
	if !ss[0].Current || ss[0].Stitched.ID != id {
		t.Fatalf("after stitching: %+v", ss[0])
	}
	got := copies(t, db)
	if len(got) != 1 || got[p1].ID != id || len(got[p1].Pages) != 3 || got[p1].Pages[2].URL != p3 {
		t.Errorf("copies = %+v, want only the stitched capture", got)
	}
	works, err := db.Works()
	if err != nil || len(works) != 1 || len(works[0].Copies) != 1 || len(works[0].Copies[0].Pages) != 3 {
		t.Errorf("works = %+v, %v", works, err)
	}
	if p, _ := db.Previous(p1); p.PayloadSHA256 == "" {
		t.Error("Previous must skip the stitched capture: the page's validators are lost")
	}
	checkClean(t, db)
}

func TestSeriesChangedPageIsNotCurrent(t *testing.T) {
	db := MustOpen(t)
	MustWrite(t, db, threePages("one", "two", "three")...)
	stitch(t, db, allSeries(t, db)[0], []string{"one", "two", "three"})
	MustWrite(t, db, splitPage(p2, p1, p3, "two, revised", 2))
	s := allSeries(t, db)[0]
	if !s.Complete || s.Current || s.Stitched == nil {
		t.Fatalf("series = %+v, want complete, not current", s)
	}
	if got := copies(t, db); len(got) != 3 || got[p1].Kind == archive.KindStitched {
		t.Errorf("a stale stitch must not stand for changed pages: %+v", got)
	}
}

func TestSeriesIncomplete(t *testing.T) {
	cases := []struct {
		name    string
		entries []archive.Entry
		missing string
	}{
		{"missing last page", threePages("one", "two", "three")[:2], "page 3 " + p3 + " is not archived"},
		{"missing first page", threePages("one", "two", "three")[1:], "no first page leads to " + p2},
		{"page without text", append(threePages("one", "two", "three")[:2], splitPage(p3, p2, "", "", 3)), "page 3 " + p3 + " has no text"},
		{"loop", []archive.Entry{splitPage(p1, "", p2, "one", 1), splitPage(p2, "", p1, "two", 2)}, "no first page leads to"},
		{"wrong previous page", []archive.Entry{splitPage(p1, "", p2, "one", 1), splitPage(p2, p3, "", "two", 2)}, "names " + p3 + " as its previous page"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := MustOpen(t)
			MustWrite(t, db, c.entries...)
			ss := allSeries(t, db)
			if len(ss) == 0 || ss[0].Complete || !strings.Contains(ss[0].Missing, c.missing) {
				t.Fatalf("series = %+v, want incomplete: %q", ss, c.missing)
			}
			if got := copies(t, db); len(got) != len(c.entries) {
				t.Errorf("an incomplete article stays as its pages: %d copies, want %d", len(got), len(c.entries))
			}
		})
	}
}

// TestVerifyStitched damages a stitched capture's page reference and its
// text: each gives one stitch-broken finding.
func TestVerifyStitched(t *testing.T) {
	db := MustOpen(t)
	MustWrite(t, db, threePages("one", "two", "three")...)
	s := allSeries(t, db)[0]
	stitch(t, db, s, []string{"one", "two", "three"})
	checkClean(t, db)

	bad := s
	bad.Pages = append([]archive.Capture(nil), s.Pages...)
	bad.Pages[1].TextSHA256 = archive.Sum([]byte("other")).String()
	stitch(t, db, bad, []string{"one", "two", "three"})
	stitch(t, db, s, []string{"one", "three"})
	var got []archive.Finding
	join := func(p []string) string { return strings.Join(p, "\n\n") }
	_, err := db.VerifyWith(archive.VerifyOptions{Stitch: join}, func(f archive.Finding) error {
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != archive.FindStitchBroken || got[0].Key != p2 ||
		got[1].Kind != archive.FindStitchBroken || !strings.Contains(got[1].Detail, "not its pages' texts joined") {
		t.Errorf("findings = %+v", got)
	}
}

func checkClean(t *testing.T, db *archive.DB) {
	t.Helper()
	join := func(p []string) string { return strings.Join(p, "\n\n") }
	_, err := db.VerifyWith(archive.VerifyOptions{Stitch: join}, func(f archive.Finding) error {
		t.Errorf("finding: %v", f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
