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
		return enc.Encode(caps)
	}
	report.History(e.stdout, key, caps)
	s, ok, err := db.SeriesOf(key)
	if ok {
		report.Series(e.stdout, key, s)
	}
	return err
}
