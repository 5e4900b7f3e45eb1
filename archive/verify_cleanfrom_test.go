package archive_test

import (
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// Verify checks each CleanFrom: it must name an earlier capture of the
// same URL with the same bytes, text and clean key.
func TestVerifyChecksCleanFrom(t *testing.T) {
	db := MustOpen(t)
	orig := page("http://a.test/doc", htmlOf("doc"), "doc text")
	orig.Capture.CleanKey = "k"
	other := page("http://a.test/other", htmlOf("other"), "other text")
	other.Capture.CleanKey = "k"
	ids := MustWrite(t, db, orig, other)

	revisit := func(from uint64) archive.Entry {
		e := page("http://a.test/doc", htmlOf("doc"), "")
		e.Capture.TextSHA256, e.Capture.CleanKey, e.Capture.CleanFrom = orig.Capture.TextSHA256, "k", from
		return e
	}
	good := MustWrite(t, db, revisit(ids[0]))[0]
	findings := func() []archive.Finding {
		var out []archive.Finding
		if _, err := db.VerifyWith(archive.VerifyOptions{}, func(f archive.Finding) error {
			out = append(out, f)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if f := findings(); len(f) != 0 {
		t.Fatalf("a revisit copied from its original: findings %+v", f)
	}
	missing := MustWrite(t, db, revisit(99))[0]
	elsewhere := MustWrite(t, db, revisit(ids[1]))[0]
	rekeyed := revisit(ids[0])
	rekeyed.Capture.CleanKey = "j"
	otherKey := MustWrite(t, db, rekeyed)[0]
	got := map[uint64]string{}
	for _, f := range findings() {
		got[f.Capture] = f.Kind + ": " + f.Detail
	}
	if len(got) != 3 || !strings.Contains(got[missing], "not stored") || !strings.Contains(got[elsewhere], "not an earlier capture of") ||
		!strings.Contains(got[otherKey], "other bytes, text or clean key") {
		t.Errorf("findings by capture %v; want %d's reference missing, %d's of another URL and %d's of another key, none for %d",
			got, missing, elsewhere, otherKey, good)
	}
}
