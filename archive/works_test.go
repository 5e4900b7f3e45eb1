package archive_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
)

type copySpec struct {
	url, authority, published string
	fetched                   time.Duration // after t0
}

func writeCopies(t *testing.T, db *archive.DB, text string, specs []copySpec) {
	t.Helper()
	for _, s := range specs {
		e := page(s.url, "<p>"+s.url+"</p>", text)
		e.Capture.Authority, e.Capture.Published = s.authority, s.published
		e.Capture.FetchStart = t0.Add(s.fetched)
		MustWrite(t, db, e)
	}
}

func TestWorksElection(t *testing.T) {
	tests := []struct {
		name     string
		copies   []copySpec
		original string
		reasons  []string
	}{
		{"authority first", []copySpec{
			{"http://news.test/a", "news", "2022-11-06", 0},
			{"http://gov.test/a", "official", "2022-11-07", time.Hour},
		}, "http://gov.test/a", []string{"authority official beats news"}},
		{"earliest date among equals", []copySpec{
			{"http://n1.test/a", "news", "2022-11-08T09:00:00+08:00", 0},
			{"http://n2.test/a", "news", "2022-11-07", time.Hour},
			{"http://portal.test/a", "portal", "2022-11-01", 0},
		}, "http://n2.test/a", []string{"authority news beats portal", "published 2022-11-07, earliest (next 2022-11-08T09:00:00+08:00)"}},
		{"unknown dates last", []copySpec{
			{"http://n1.test/a", "news", "", 0},
			{"http://n2.test/a", "news", "2022-11-09", time.Hour},
		}, "http://n2.test/a", []string{"published 2022-11-09; the others are undated"}},
		{"first fetched", []copySpec{
			{"http://n1.test/a", "", "", time.Hour},
			{"http://n2.test/a", "bogus", "not a date", 0},
		}, "http://n2.test/a", []string{"first fetched 2026-11-23T10:00:00Z, earliest (next 2026-11-23T11:00:00Z)"}},
		{"lowest id", []copySpec{
			{"http://n2.test/a", "agency", "2022-11-07", 0},
			{"http://n1.test/a", "agency", "2022-11-07", 0},
		}, "http://n2.test/a", []string{"tie broken by capture ID: 1 before 2"}},
		{"single", []copySpec{{"http://a.test/", "", "", 0}}, "http://a.test/", []string{"only copy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpen(t)
			writeCopies(t, db, "one text "+tt.name, tt.copies)
			works, err := db.Works()
			if err != nil || len(works) != 1 {
				t.Fatalf("works = %+v, %v", works, err)
			}
			w := works[0]
			if w.Original.URL != tt.original || w.Copies[0].URL != tt.original || w.Copies[0].Relation != "original" {
				t.Errorf("original = %+v, want %s", w.Original, tt.original)
			}
			if !reflect.DeepEqual(w.Reasons, tt.reasons) {
				t.Errorf("reasons = %q\nwant %q", w.Reasons, tt.reasons)
			}
			for _, c := range w.Copies[1:] {
				if c.Relation != "identical" {
					t.Errorf("copy %s relation %q", c.URL, c.Relation)
				}
			}
			if w.ID != w.TextSHA256[:12] || len(w.Copies) != len(tt.copies) {
				t.Errorf("work = %+v", w)
			}
		})
	}
}

// "First fetched" is when a URL was first archived with a page, not its
// latest capture's time: a refetch of the earlier copy does not hand the
// election to a copy archived after it.
func TestFirstFetchedIsTheURLsFirstCapture(t *testing.T) {
	db := MustOpen(t)
	const text = "one text fetched twice"
	writeCopies(t, db, text, []copySpec{{"http://n1.test/a", "news", "", 0}})
	writeCopies(t, db, text, []copySpec{{"http://n2.test/a", "news", "", time.Hour}})
	writeCopies(t, db, text, []copySpec{{"http://n1.test/a", "news", "", 2 * time.Hour}}) // refetched, unchanged
	works, err := db.Works()
	if err != nil || len(works) != 1 {
		t.Fatalf("works = %+v, %v", works, err)
	}
	want := []string{"first fetched 2026-11-23T10:00:00Z, earliest (next 2026-11-23T11:00:00Z)"}
	if w := works[0]; w.Original.URL != "http://n1.test/a" || !reflect.DeepEqual(w.Reasons, want) {
		t.Errorf("original %s, reasons %q; want http://n1.test/a, %q", w.Original.URL, w.Reasons, want)
	}
}

func TestWorksUseLatestContentAndAreDeterministic(t *testing.T) {
	db := MustOpen(t)
	writeCopies(t, db, "old text", []copySpec{{"http://a.test/", "official", "", 0}})
	writeCopies(t, db, "new text", []copySpec{{"http://a.test/", "official", "", 0}, {"http://b.test/", "news", "", 0}})
	writeCopies(t, db, "other", []copySpec{{"http://c.test/", "", "", 0}})
	gone := page("http://c.test/", "", "")
	gone.Payload, gone.Capture.Status = nil, 404
	MustWrite(t, db, gone)

	first, err := db.Works()
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 2 {
		t.Fatalf("%d works, want 2 (old text replaced; 404 keeps the archived copy)", len(first))
	}
	for i := 0; i < 5; i++ {
		again, _ := db.Works()
		if !reflect.DeepEqual(first, again) {
			t.Fatal("Works is not deterministic")
		}
	}
}

func paragraphsOf(seed, n int) []string {
	var ps []string
	for p := 0; p < n; p++ {
		var w []string
		for i := 0; i < 30; i++ {
			w = append(w, fmt.Sprintf("w%d", (seed*7919+p*131+i*17)%100003))
		}
		ps = append(ps, strings.Join(w, " "))
	}
	return ps
}

func TestWorksNearAndExcerpt(t *testing.T) {
	full := paragraphsOf(1, 20)
	edited := slices.Clone(full)
	edited[5] = "changed words here " + edited[5]
	texts := map[string]string{
		"http://gov.test/a":    strings.Join(full, "\n\n"),
		"http://portal.test/a": strings.Join(edited, "\n\n"),
		"http://blog.test/a":   strings.Join(full[10:15], "\n\n"),
		"http://cut.test/a":    strings.Join(full[:12], "\n\n"), // cut short: Jaccard 0.6, but a part
		"http://other.test/a":  strings.Join(paragraphsOf(2, 20), "\n\n"),
	}
	auth := map[string]string{"http://gov.test/a": "official", "http://portal.test/a": "portal", "http://blog.test/a": "aggregator",
		"http://cut.test/a": "aggregator", "http://other.test/a": "news"}
	db := MustOpen(t)
	for _, u := range []string{"http://blog.test/a", "http://cut.test/a", "http://portal.test/a", "http://gov.test/a", "http://other.test/a"} {
		e := page(u, "<p>"+u+"</p>", texts[u])
		e.Capture.Authority = auth[u]
		e.Capture.Sketch, e.Capture.Shingles = archivetest.WordSketch(texts[u])
		MustWrite(t, db, e)
	}
	for _, sim := range []archive.Similarity{{}, {Shingles: archivetest.WordShingles}} {
		works, err := db.WorksBy(sim)
		if err != nil || len(works) != 2 {
			t.Fatalf("estimated=%v: works %+v, %v", sim.Shingles == nil, works, err)
		}
		rel := map[string]string{}
		for _, w := range works {
			for _, c := range w.Copies {
				rel[c.URL] = c.Relation
			}
		}
		want := map[string]string{"http://gov.test/a": "original", "http://portal.test/a": "near", "http://blog.test/a": "excerpt",
			"http://cut.test/a": "excerpt", "http://other.test/a": "original"}
		if !reflect.DeepEqual(rel, want) {
			t.Errorf("estimated=%v: relations %v, want %v", sim.Shingles == nil, rel, want)
		}
	}
}

// "First fetched" counts only the captures of a URL that brought the
// copy's text: a URL that held another item first, and was then reused
// for this text, was not first with it.
func TestFirstFetchedIsTheFirstCaptureOfTheText(t *testing.T) {
	db := MustOpen(t)
	const text = "one text on a reused URL"
	for i, c := range []struct{ url, text string }{
		{"http://x.test/a/latest.html", "an unrelated item about the city budget"},
		{"http://y.test/a/1.html", text},
		{"http://x.test/a/latest.html", text},
		{"http://y.test/a/1.html", text}, // refetched, unchanged
	} {
		e := page(c.url, "<p>"+c.text+"</p>", c.text)
		e.Capture.FetchStart = t0.Add(time.Duration(i) * time.Hour)
		MustWrite(t, db, e)
	}
	works, err := db.Works()
	if err != nil || len(works) != 1 {
		t.Fatalf("works = %+v, %v", works, err)
	}
	want := []string{"first fetched 2026-11-23T11:00:00Z, earliest (next 2026-11-23T12:00:00Z)"}
	if w := works[0]; w.Original.URL != "http://y.test/a/1.html" || !reflect.DeepEqual(w.Reasons, want) {
		t.Errorf("original %s, reasons %q; want http://y.test/a/1.html, %q", w.Original.URL, w.Reasons, want)
	}
}
