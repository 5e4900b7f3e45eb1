package main

import (
	"context"

	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/trace"
)

func runTrace(ctx context.Context, e *env, args []string) error {
	fs := newFlags("trace", "URL|HASH|FILE", e.stderr)
	dbFlag, asJSON := addDBFlag(fs), addJSONFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("see 'prov trace -h'", "give one URL, text hash or file")
	}
	db, err := openReadUntil(dbPath(*dbFlag, e.getenv), e.interrupt)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := trace.Trace(db, pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, res)
	}
	report.Trace(e.stdout, res)
	return nil
}
