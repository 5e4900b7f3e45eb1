package archive_test

import (
	"testing"

	"github.com/prov-archive/prov/archive"
)

// A 304 confirms the latest earlier 200 of its own URL that the
// conditional GET took its validators from: not a 404, a failure, a
// stitched article, a capture filed under another URL, or a later one.
func TestConfirmedIn(t *testing.T) {
	const u = "http://a.test/"
	caps := []archive.Capture{
		{ID: 1, URL: u, Kind: archive.KindResponse, Status: 200},
		{ID: 2, URL: u, Kind: archive.KindStitched},
		{ID: 3, URL: "http://a.test/new", Kind: archive.KindResponse, Status: 200},
		{ID: 4, URL: u, Kind: archive.KindResponse, Status: 404},
		{ID: 5, URL: u, Kind: archive.KindFailed, Status: 200, Error: "reset"},
		{ID: 6, URL: u, Kind: archive.KindNotModified, Status: 304},
		{ID: 7, URL: u, Kind: archive.KindResponse, Status: 200},
		{ID: 8, URL: u, Kind: archive.KindNotModified, Status: 304},
	}
	for _, c := range []struct {
		i    int
		want uint64
	}{{5, 1}, {7, 7}, {0, 0}, {6, 0}} {
		p, ok := archive.ConfirmedIn(caps, caps[c.i])
		if p.ID != c.want || ok != (c.want != 0) {
			t.Errorf("capture %d confirms %d (%v), want %d", caps[c.i].ID, p.ID, ok, c.want)
		}
	}
}
