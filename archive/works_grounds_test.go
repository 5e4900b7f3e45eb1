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
