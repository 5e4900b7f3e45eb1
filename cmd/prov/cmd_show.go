package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/report"
)

// runShow lists a URL's captures over time: every version, revisit and
// failure, oldest first. Nothing in the archive is ever overwritten.
func runShow(ctx context.Context, e *env, args []string) error {
	fs := newFlags("show", "URL", e.stderr)
	dbFlag, asJSON := addDBFlag(fs), addJSONFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("prov show URL", "want one URL")
	}
	key, err := crawl.Canonicalize(pos[0])
	if err != nil {
		return usagef("prov show URL", "%v", err)
	}
	db, err := openForRead(dbPath(*dbFlag, e.getenv))
	if err != nil {
		return err
	}
	defer db.Close()
	caps, err := db.History(key)
	if err != nil {
		return err
	}
	if len(caps) == 0 {
		return fmt.Errorf("%s: %w", key, archive.ErrNotFound)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(shownCaptures(caps))
	}
	report.History(e.stdout, key, caps)
	s, ok, err := db.SeriesOf(key)
	if ok {
		report.Series(e.stdout, key, s)
	}
	return err
}

// shownCapture is a capture as prov show --json prints it: its fields,
// and for a not-modified revisit (a 304) the ID of the capture whose
// bytes it confirms (archive.ConfirmedIn), which it does not record.
type shownCapture struct {
	archive.Capture
	Confirms uint64 `json:"confirms,omitempty"`
}

func shownCaptures(caps []archive.Capture) []shownCapture {
	out := make([]shownCapture, len(caps))
	for i, c := range caps {
		out[i].Capture = c
		if p, ok := archive.ConfirmedIn(caps, c); ok {
			out[i].Confirms = p.ID
		}
	}
	return out
}
