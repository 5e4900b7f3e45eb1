package archive_test

import (
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// at is e fetched d after t0, so a URL's captures have distinct times.
func at(e archive.Entry, d time.Duration) archive.Entry {
	e.Capture.FetchStart, e.Capture.FetchEnd = t0.Add(d), t0.Add(d+time.Second)
	return e
}

func failed(url, why string, status int) archive.Entry {
	return archive.Entry{Capture: archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET",
		Status: status, Error: why, FetchStart: t0, FetchEnd: t0, ToolVersion: "test"}}
}

// TestNewestTextAndPayload writes one URL's history with the captures each
// query must pass over (a stitched article, a cut body, a failure, a 200
// without text) and checks which capture each returns.
func TestNewestTextAndPayload(t *testing.T) {
	const u = "http://a.test/x"
	db := MustOpen(t)
	cut := page(u, "<p>half", "")
	cut.Capture.Error = "body cut at the size limit"
	ids := MustWrite(t, db,
		at(page(u, htmlOf("one"), "one"), 0),         // 0: text and payload
		at(page(u, htmlOf("two"), "two"), time.Hour), // 1: the newest with both
		at(page(u, "<img>", ""), 2*time.Hour),        // 2: payload, no text
		at(cut, 3*time.Hour),                         // 3: payload, but cut
		at(failed(u, "http 500", 500), 4*time.Hour),  // 4: a failure
		at(failed(u, "timeout", 0), 5*time.Hour),     // 5: no response
	)
	text := archive.Sum([]byte("stitched")).String()
	MustWrite(t, db, archive.Entry{Capture: archive.Capture{Kind: archive.KindStitched, URL: u, RequestedURL: u, FinalURL: u,
		Status: 200, TextSHA256: text, FetchStart: t0.Add(6 * time.Hour), ToolVersion: "test"}, Text: "stitched"})

	cases := []struct {
		name  string
		query func(string) (archive.Capture, bool, error)
		url   string
		want  uint64 // 0: none
	}{
		{"text skips stitched, failures, text-less", db.NewestText, u, ids[1]},
		{"payload skips failures and a cut body", db.NewestPayload, u, ids[2]},
		{"text of an unknown URL", db.NewestText, "http://a.test/none", 0},
		{"payload of an unknown URL", db.NewestPayload, "http://a.test/none", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok, err := c.query(c.url)
			if err != nil {
				t.Fatal(err)
			}
			if ok != (c.want != 0) || got.ID != c.want {
				t.Errorf("got capture %d (ok %v), want %d", got.ID, ok, c.want)
			}
		})
	}
}

// TestNewestOnlyFailures: a URL that never brought content has neither.
func TestNewestOnlyFailures(t *testing.T) {
	const u = "http://a.test/gone"
	db := MustOpen(t)
	MustWrite(t, db, failed(u, "http 404", 404), at(failed(u, "timeout", 0), time.Hour))
	for name, q := range map[string]func(string) (archive.Capture, bool, error){"text": db.NewestText, "payload": db.NewestPayload} {
		if c, ok, err := q(u); ok || err != nil {
			t.Errorf("%s: got capture %d, ok %v, err %v; want none", name, c.ID, ok, err)
		}
	}
}
