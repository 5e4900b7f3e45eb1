package main

import (
	"context"

	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/trace"
)

func runDiff(ctx context.Context, e *env, args []string) error {
	fs := newFlags("diff", "A [B]", e.stderr)
	dbFlag, asJSON := addDBFlag(fs), addJSONFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) > 2 {
		return usagef("see 'prov diff -h'", "give a copy A (URL, text hash or file) and optionally B (default: the original of A's work)")
	}
	db, err := openForRead(dbPath(*dbFlag, e.getenv))
	if err != nil {
		return err
	}
	defer db.Close()
	b := ""
	if len(pos) == 2 {
		b = pos[1]
	}
	res, err := trace.Diff(db, pos[0], b)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, res)
	}
	report.Diff(e.stdout, res)
	return nil
}
