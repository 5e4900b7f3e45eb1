package archive

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Stitching: an article split over pages (下一页, name_2.htm, ?page=2) is
// archived page by page, each page a capture of its own with its exact
// bytes. Once every page of it is in the archive, a stitch sweep writes one
// capture of kind "stitched" for the first page's URL: no payload, its text
// the pages' texts joined in order (StitchOptions.Join), hashed and
// sketched like any document, its Pages the page captures it was made
// from. Works and exports then see the stitched capture as the first
// page's copy and the later pages as parts of it (DB.LatestContent).
//
// A crawl sweeps at its start and at its end, over every split article in
// the archive: pages may arrive in any order and across runs, and a crawl
// killed between its page writes and its sweep is repaired by the next
// one. A sweep never overwrites: an article whose pages' texts are those
// of its newest stitched capture gets no new one; a changed page gets a
// new stitched version, and the old stays. An incomplete article (a page
// failed, is out of scope or has no text) is not stitched: its pages stay
// their own copies.

// StitchOptions are what a stitch sweep needs that the archive does not
// own: text normalisation and sketching live in clean, which the archive
// does not import. Every function must be set.
type StitchOptions struct {
	Join        func(pages []string) string                       // joins page texts (clean.StitchText)
	Hash        func(text string) string                          // a text's hex key (clean.TextHash)
	NormVersion int                                               // the normalisation Hash applies (clean.NormVersion)
	Sketch      func(text string) (sketch []uint32, shingles int) // clean.Sketch
	ToolVersion string                                            // "prov/<version>", as captures record
}

// StitchReport is what one sweep did: the first-page URLs it stitched,
// "URL (N pages)", and the incomplete articles with a page captured in
// the sweep's run, "URL: why".
type StitchReport struct {
	Stitched   []string
	Incomplete []string
}

// Stitch sweeps the archive as part of run runID: every complete split
// article whose newest stitched capture (if any) is not made of its
// pages' current texts gets a stitched capture, all in one transaction.
func (db *DB) Stitch(runID uint64, opts StitchOptions) (StitchReport, error) {
	var rep StitchReport
	var todo []Series
	err := db.Series(func(s Series) error {
		switch {
		case !s.Complete && touchedIn(s, runID):
			rep.Incomplete = append(rep.Incomplete, s.First+": "+s.Missing)
		case s.Complete && !s.Current:
			todo = append(todo, s)
		}
		return nil
	})
	if err != nil || len(todo) == 0 {
		return rep, err
	}
	entries := make([]Entry, 0, len(todo))
	for _, s := range todo {
		e, err := db.stitchedEntry(s, runID, opts)
		if err != nil {
			return rep, err
		}
		entries = append(entries, e)
	}
	if _, err := db.Write(entries); err != nil {
		return rep, fmt.Errorf("stitch: %w", err)
	}
	for _, s := range todo {
		rep.Stitched = append(rep.Stitched, fmt.Sprintf("%s (%d pages)", s.First, len(s.Pages)))
	}
	return rep, nil
}

func touchedIn(s Series, runID uint64) bool {
	return slices.ContainsFunc(s.Pages, func(c Capture) bool { return c.RunID == runID })
}

// stitchedEntry makes the stitched capture of a complete series: the
// first page's metadata (title, dates, publisher, attribution — the
// first page that names one — language, charset), the pages' joined text
// and their captions in page order, fetch times spanning the pages'
// fetches, truncated when a page was.
func (db *DB) stitchedEntry(s Series, runID uint64, opts StitchOptions) (Entry, error) {
	texts := make([]string, len(s.Pages))
	for i, p := range s.Pages {
		t, err := db.CaptureText(p) // the page's own text, not another copy's
		if err != nil {
			return Entry{}, fmt.Errorf("stitch %s: page %d %s: %w", s.First, i+1, p.URL, err)
		}
		texts[i] = t
	}
	text := opts.Join(texts)
	c := s.Pages[0]
	c.ID, c.Kind, c.RunID, c.Pages = 0, KindStitched, runID, s.Refs()
	c.Status, c.Error, c.Redirects, c.RemoteAddr = 200, "", nil, ""
	c.RequestHeader, c.ResponseHeader = nil, contentTypeOnly(c.ResponseHeader)
	c.PayloadSHA256, c.PayloadLength = "", 0
	c.NextPage, c.PrevPage, c.PageNumber = "", "", 0
	c.ToolVersion = opts.ToolVersion
	c.CleanKey, c.CleanFrom = "", 0 // made by the stitch from its pages (Pages), not cleaned or copied
	c.TextSHA256, c.NormVersion = opts.Hash(text), opts.NormVersion
	c.Sketch, c.Shingles = opts.Sketch(text)
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
	return Entry{Capture: c, Text: text}, nil
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
