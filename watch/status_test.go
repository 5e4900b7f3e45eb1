package watch

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// statusURL is the original's URL of TestStatus's archives, statusNew
// where it moves.
const (
	statusURL = "http://gov.test/doc/1.html"
	statusNew = "http://gov.test/doc/new/1.html"
)

var statusT0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// fetched is a capture of statusURL at hour h of what kind says: a
// text ("text:…"), or a status with no text.
func fetched(h int, status int, text string) archive.Entry {
	at := statusT0.Add(time.Duration(h) * time.Hour)
	c := archive.Capture{RequestedURL: statusURL, FinalURL: statusURL, URL: statusURL, Method: "GET", Status: status,
		FetchStart: at, FetchEnd: at, ToolVersion: "test"}
	e := archive.Entry{Capture: c}
	if text != "" {
		e.Capture.TextSHA256 = archive.Sum([]byte(text)).String()
		e.Payload, e.Text = []byte("<p>"+text+"</p>"), text
	}
	if status == 410 {
		e.Payload = []byte("gone")
	}
	return e
}

// wide and narrow are one text in full-width and in half-width
// punctuation: one text once normalised, with other characters.
const wide, narrow = "决策部署，进一步推进。", "决策部署,进一步推进。"

// asNormalised gives e's text the text hash of like's, as the cleaner
// gives two texts that differ only in what normalising folds.
func asNormalised(e archive.Entry, like string) archive.Entry {
	e.Capture.TextSHA256 = archive.Sum([]byte(like)).String()
	return e
}

// framed gives e's page other bytes around the same text.
func framed(e archive.Entry) archive.Entry {
	e.Payload = append([]byte("<nav>menu</nav>"), e.Payload...)
	return e
}

func failedAt(h int, why string) archive.Entry {
	e := fetched(h, 0, "")
	e.Capture.Kind, e.Capture.Error = archive.KindFailed, why
	return e
}

// movedAt is a fetch of statusURL at hour h that a 301 led to statusNew,
// filed there, which served text.
func movedAt(h int, text string) archive.Entry {
	e := fetched(h, 200, text)
	e.Capture.FinalURL, e.Capture.URL = statusNew, statusNew
	e.Capture.Redirects = []archive.Hop{{URL: statusURL, Status: 301}, {URL: statusNew, Status: 200}}
	return e
}

// statusOf writes entries, each in a write of its own, and returns the
// status of the original of the work statusURL's text is in.
func statusOf(t *testing.T, entries ...archive.Entry) (Status, []uint64) {
	t.Helper()
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []uint64
	for _, e := range entries {
		got, err := db.Write([]archive.Entry{e})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, got...)
	}
	works, err := db.Works()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range works {
		if w.Original.URL != statusURL {
			continue
		}
		k, err := NewChecker(db)
		if err != nil {
			t.Fatal(err)
		}
		st, err := k.Status(w.Original)
		if err != nil {
			t.Fatal(err)
		}
		return st, ids
	}
	t.Fatalf("no work elects %s: %+v", statusURL, works)
	return Status{}, nil
}

// TestStatus: each later fetch of the original's URL, read as a refetch
// is, gives the original its status, named by the fetch that found it.
func TestStatus(t *testing.T) {
	const text, edited = "Forty percent by the end of the decade.", "Thirty percent by the end of the decade."
	refused := "crawl: fetch " + statusURL + ": dial tcp 127.0.0.1:9: connect: connection refused"
	cases := []struct {
		name           string
		entries        []archive.Entry
		status, detail string
		check          int // index in entries of the check; -1 for none
		failed         int // index of the failed last check; -1 for none
		newURL, there  string
	}{
		{"fetched once", []archive.Entry{fetched(0, 200, text)}, NotChecked, "", -1, -1, "", ""},
		{"same bytes again", []archive.Entry{fetched(0, 200, text), fetched(1, 200, text)}, Unchanged, "payload identical", 1, -1, "", ""},
		{"304", []archive.Entry{fetched(0, 200, text), fetched(1, 304, "")}, Unchanged, "304 Not Modified, confirming capture 1", 1, -1, "", ""},
		{"new text", []archive.Entry{fetched(0, 200, text), fetched(1, 200, edited)}, Changed, "another text than capture 1", 1, -1, "", ""},
		{"410", []archive.Entry{fetched(0, 200, text), fetched(1, 410, "")}, Gone, "410 Gone", 1, -1, "", ""},
		{"no such host", []archive.Entry{fetched(0, 200, text), failedAt(1, "crawl: fetch "+statusURL+": dial tcp: lookup gov.test: no such host")},
			Gone, "DNS: no such host", 1, -1, "", ""},
		{"resolver down", []archive.Entry{fetched(0, 200, text), failedAt(1, "crawl: fetch "+statusURL+": dial tcp: lookup gov.test: server misbehaving")},
			NotChecked, "", -1, 1, "", ""},
		{"moved, same text", []archive.Entry{fetched(0, 200, text), movedAt(1, text)}, Moved, "301 Moved Permanently; moved+unchanged (payload identical)", 1, -1, statusNew, Unchanged},
		{"moved, edited", []archive.Entry{fetched(0, 200, text), movedAt(1, edited)}, Moved, "301 Moved Permanently; moved+changed (another text than capture 1)", 1, -1, statusNew, Changed},
		{"gone, then refused", []archive.Entry{fetched(0, 200, text), fetched(1, 410, ""), failedAt(2, refused)}, Gone, "410 Gone", 1, 2, "", ""},
		{"same bytes, then refused", []archive.Entry{fetched(0, 200, text), fetched(1, 200, text), failedAt(2, refused)}, Unchanged, "payload identical", 1, 2, "", ""},
		{"same text, other bytes", []archive.Entry{fetched(0, 200, text), framed(fetched(1, 200, text))}, Unchanged, textIdentical, 1, -1, "", ""},
		{"same text once normalised", []archive.Entry{fetched(0, 200, wide), asNormalised(fetched(1, 200, narrow), wide)},
			Unchanged, textIdenticalNormalised, 1, -1, "", ""},
		{"moved, same text once normalised", []archive.Entry{fetched(0, 200, wide), asNormalised(movedAt(1, narrow), wide)},
			Moved, "301 Moved Permanently; moved+unchanged (" + textIdenticalNormalised + ")", 1, -1, statusNew, Unchanged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, ids := statusOf(t, c.entries...)
			if st.URL != statusURL || st.Status != c.status || st.Detail != c.detail || st.NewURL != c.newURL || st.TextThere != c.there {
				t.Errorf("got %s %q → %q (%s), want %s %q → %q (%s)", st.Status, st.Detail, st.NewURL, st.TextThere, c.status, c.detail, c.newURL, c.there)
			}
			switch {
			case c.check < 0 && st.Check != nil:
				t.Errorf("checked by %+v, want no check", st.Check)
			case c.check >= 0 && (st.Check == nil || st.Check.CaptureID != ids[c.check] || !st.Check.At.Equal(c.entries[c.check].Capture.FetchStart)):
				t.Errorf("checked by %+v, want capture %d", st.Check, ids[c.check])
			}
			switch {
			case c.failed < 0 && st.LastFailed != nil:
				t.Errorf("last check failed %+v, want none", st.LastFailed)
			case c.failed >= 0 && (st.LastFailed == nil || st.LastFailed.CaptureID != ids[c.failed] || st.LastFailed.Detail == ""):
				t.Errorf("last check failed %+v, want capture %d", st.LastFailed, ids[c.failed])
			}
		})
	}
}
