package main

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
)

// Stitching: an article split over pages (下一页, name_2.htm, ?page=2) is
// archived page by page, each page a capture of its own with its exact
// bytes. Once every page of it is in the archive, a stitch sweep writes one
// capture of kind "stitched" for the first page's URL: no payload, its text
// the pages' texts joined in order (clean.StitchText), hashed and sketched
// like any document, its Pages the page captures it was made from. Works
// and exports then see the stitched capture as the first page's copy and
// the later pages as parts of it (archive.DB.LatestContent).
//
// The sweep runs at the start and at the end of every crawl, over every
// split article in the archive: pages may arrive in any order and across
// runs, and a crawl killed between its page writes and its sweep is
// repaired by the next one. It never overwrites: an article whose pages'
// texts are those of its newest stitched capture gets no new one; a
// changed page gets a new stitched version, and the old stays. An
// incomplete article (a page failed, is out of scope or has no text) is
// not stitched: its pages stay their own copies, and the run summary says
// which page is missing.

// stitchSweep stitches every complete split article whose newest stitched
// capture (if any) is not made of its pages' current texts, as part of run
// runID. It returns the first-page URLs it stitched, and the incomplete
// articles with a page fetched in run runID, with why.
func stitchSweep(h archiveHandle, runID uint64) (stitched, incomplete []string, err error) {
	var todo []archive.Series
	err = h.Do(func(db *archive.DB) error {
		return db.Series(func(s archive.Series) error {
			switch {
			case !s.Complete && touchedIn(s, runID):
				incomplete = append(incomplete, s.First+": "+s.Missing)
			case s.Complete && !s.Current:
				todo = append(todo, s)
			}
			return nil
		})
	})
	if err != nil || len(todo) == 0 {
		return nil, incomplete, err
	}
	err = h.Do(func(db *archive.DB) error {
		entries := make([]archive.Entry, 0, len(todo))
		for _, s := range todo {
			e, err := stitchedEntry(db, s, runID)
			if err != nil {
				return err
			}
			entries = append(entries, e)
			stitched = append(stitched, fmt.Sprintf("%s (%d pages)", s.First, len(s.Pages)))
		}
		_, err := db.Write(entries)
		return err
	})
	if err != nil {
		return nil, incomplete, fmt.Errorf("stitch: %w", err)
	}
	return stitched, incomplete, nil
}

func touchedIn(s archive.Series, runID uint64) bool {
	return slices.ContainsFunc(s.Pages, func(c archive.Capture) bool { return c.RunID == runID })
}

// stitchedEntry makes the stitched capture of a complete series: the
// first page's metadata (title, dates, publisher, attribution — the
// first page that names one — language, charset), the pages' joined text
// and their captions in page order,
// fetch times spanning the pages' fetches, truncated when a page was.
func stitchedEntry(db *archive.DB, s archive.Series, runID uint64) (archive.Entry, error) {
	texts := make([]string, len(s.Pages))
	for i, p := range s.Pages {
		d, err := db.Document(p.TextSHA256)
		if err != nil {
			return archive.Entry{}, fmt.Errorf("stitch %s: page %d %s: %w", s.First, i+1, p.URL, err)
		}
		texts[i] = d.Text
	}
	text := clean.StitchText(texts)
	c := s.Pages[0]
	c.ID, c.Kind, c.RunID, c.Pages = 0, archive.KindStitched, runID, s.Refs()
	c.Status, c.Error, c.Redirects, c.RemoteAddr = 200, "", nil, ""
	c.RequestHeader, c.ResponseHeader = nil, contentTypeOnly(c.ResponseHeader)
	c.PayloadSHA256, c.PayloadLength = "", 0
	c.NextPage, c.PrevPage, c.PageNumber = "", "", 0
	c.ToolVersion = "prov/" + crawl.Version
	c.TextSHA256, c.NormVersion = clean.TextHash(text), clean.NormVersion
	c.Sketch, c.Shingles = clean.Sketch(text)
	c.Captions = slices.Clone(c.Captions) // appended to below: not the first page's array
	for _, p := range s.Pages[1:] {
		c.FetchStart, c.FetchEnd = minTime(c.FetchStart, p.FetchStart), maxTime(c.FetchEnd, p.FetchEnd)
		if p.Truncated {
			c.Truncated, c.Limit = true, max(c.Limit, p.Limit)
		}
		if c.Attribution == "" {
			c.Attribution = p.Attribution
		}
		c.Captions = append(c.Captions, p.Captions...)
	}
	return archive.Entry{Capture: c, Text: text}, nil
}

// contentTypeOnly keeps the first page's Content-Type: what the stitched
// text was read from, for exports; the other headers were one fetch's.
func contentTypeOnly(h map[string][]string) map[string][]string {
	ct := http.Header(h).Get("Content-Type")
	if ct == "" {
		return nil
	}
	return map[string][]string{"Content-Type": {ct}}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// sweepInto runs a stitch sweep for t's run and records what it did.
func sweepInto(h archiveHandle, t *tally) error {
	stitched, incomplete, err := stitchSweep(h, t.run.ID)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stitched = append(t.stitched, stitched...)
	t.incomplete = incomplete // the last sweep's view
	return err
}
