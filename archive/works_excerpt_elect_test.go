package archive_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
)

type textCopy struct {
	url, authority, published string
	paragraphs                []string
}

// worksOfTexts writes the copies, with sketches, and returns the works
// with resemblance estimated and computed.
func worksOfTexts(t *testing.T, copies []textCopy) map[bool][]archive.Work {
	t.Helper()
	db := MustOpen(t)
	for _, c := range copies {
		text := strings.Join(c.paragraphs, "\n\n")
		e := page(c.url, "<p>"+c.url+"</p>", text)
		e.Capture.Authority, e.Capture.Published = c.authority, c.published
		e.Capture.Sketch, e.Capture.Shingles = archivetest.WordSketch(text)
		MustWrite(t, db, e)
	}
	out := map[bool][]archive.Work{}
	for _, sim := range []archive.Similarity{{}, {Shingles: archivetest.WordShingles}} {
		works, err := db.WorksBy(sim)
		if err != nil || len(works) != 1 {
			t.Fatalf("estimated=%v: works %+v, %v", sim.Shingles == nil, works, err)
		}
		out[sim.Shingles == nil] = works
	}
	return out
}

func relations(w archive.Work) map[string]string {
	rel := map[string]string{}
	for _, c := range w.Copies {
		rel[c.URL] = c.Relation
	}
	return rel
}

// A copy that holds the official text and adds its own is not the
// original because it holds more: the official text, which outranks it on
// authority and date, is elected, and the longer copy contains it.
func TestExcerptOutrankingTheFullTextIsElected(t *testing.T) {
	official := paragraphsOf(11, 9)
	tests := []struct {
		name   string
		copies []textCopy
	}{
		{"aggregator adds commentary", []textCopy{
			{"http://gov.test/a/1.html", "official", "2024-03-01T09:00:00+08:00", official},
			{"http://agg.test/a/1.html", "aggregator", "2024-03-02", append(official[:9:9], paragraphsOf(12, 12)...)},
		}},
		{"official page shorter than a later news copy", []textCopy{
			{"http://gov.test/a/1.html", "official", "2024-03-01", official[:3]},
			{"http://agg.test/a/1.html", "news", "2024-03-02", official},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for estimated, works := range worksOfTexts(t, tt.copies) {
				w := works[0]
				want := map[string]string{"http://gov.test/a/1.html": archive.RelOriginal, "http://agg.test/a/1.html": archive.RelContains}
				if w.Original.URL != "http://gov.test/a/1.html" || !reflect.DeepEqual(relations(w), want) {
					t.Errorf("estimated=%v: original %s, relations %v; want gov.test, %v", estimated, w.Original.URL, relations(w), want)
				}
				if why := []string{"authority official beats " + tt.copies[1].authority}; !reflect.DeepEqual(w.Reasons, why) {
					t.Errorf("estimated=%v: reasons %q, want %q", estimated, w.Reasons, why)
				}
			}
		})
	}
}

// An excerpt that does not outrank the full text, on authority or date,
// stays apart: the full text is the original, as the only full text.
func TestExcerptNotOutrankingStaysAnExcerpt(t *testing.T) {
	full := paragraphsOf(13, 9)
	for estimated, works := range worksOfTexts(t, []textCopy{
		{"http://news.test/a/1.html", "news", "2024-03-02", full},
		{"http://blog.test/a/1.html", "news", "2024-03-02", full[:3]}, // cut short, fetched no later
	}) {
		w := works[0]
		want := map[string]string{"http://news.test/a/1.html": archive.RelOriginal, "http://blog.test/a/1.html": archive.RelExcerpt}
		if !reflect.DeepEqual(relations(w), want) || !reflect.DeepEqual(w.Reasons, []string{"only full text: the other copies are excerpts of it"}) {
			t.Errorf("estimated=%v: relations %v, reasons %q", estimated, relations(w), w.Reasons)
		}
	}
}
