package main

import (
	"bufio"
	"context"
	"errors"

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
	out := bufio.NewWriter(e.stdout) // a line per copy: one write per line was a system call each
	if *asJSON {
		return skipped.done(errors.Join(writeJSON(out, works), out.Flush()))
	}
	for _, w := range works {
		if err := db.Interrupted(); err != nil {
			return errors.Join(err, out.Flush())
		}
		report.Work(out, w)
	}
	return skipped.done(out.Flush())
}
