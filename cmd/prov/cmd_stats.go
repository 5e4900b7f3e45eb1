package main

import (
	"context"
	"encoding/json"

	"github.com/prov-archive/prov/report"
)

func runStats(ctx context.Context, e *env, args []string) error {
	fs := newFlags("stats", "", e.stderr)
	db, asJSON := addDBFlag(fs), addJSONFlag(fs)
	if err := parseNone(fs, args); err != nil {
		return err
	}
	a, skipped, err := openSkipping(dbPath(*db, e.getenv), e, "stats")
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.Stats()
	if err != nil {
		return err
	}
	if *asJSON {
		return skipped.done(json.NewEncoder(e.stdout).Encode(st))
	}
	report.Stats(e.stdout, st)
	return skipped.done(nil)
}
