package main

import (
	"context"

	"github.com/prov-archive/prov/report"
)

func runWorks(ctx context.Context, e *env, args []string) error {
	fs := newFlags("works", "", e.stderr)
	dbFlag, asJSON := addDBFlag(fs), addJSONFlag(fs)
	if err := parseNone(fs, args); err != nil {
		return err
	}
	db, skipped, err := openSkipping(dbPath(*dbFlag, e.getenv), e, "works")
	if err != nil {
		return err
	}
	defer db.Close()
	works, err := db.WorksBy(similarity())
	if err != nil {
		return err
	}
	if *asJSON {
		return skipped.done(writeJSON(e.stdout, works))
	}
	for _, w := range works {
		report.Work(e.stdout, w)
	}
	return skipped.done(nil)
}
