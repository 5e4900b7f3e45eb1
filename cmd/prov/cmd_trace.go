package main

import (
	"context"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/trace"
	"github.com/prov-archive/prov/watch"
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
	st, err := originalStatus(db, res)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, tracedJSON{res, st})
	}
	report.Trace(e.stdout, res, st)
	return nil
}

// tracedJSON is prov trace --json: the trace's fields, and what became of
// the work's original since (watch.Status; absent with no work).
type tracedJSON struct {
	trace.Result
	Online *watch.Status `json:"online,omitempty"`
}

// originalStatus is the status of res's work's original, nil when no
// work holds the subject.
func originalStatus(db *archive.DB, res trace.Result) (*watch.Status, error) {
	if res.Work == nil {
		return nil, nil
	}
	checker, err := watch.NewChecker(db)
	if err != nil {
		return nil, err
	}
	st, err := checker.Status(res.Work.Original)
	return &st, err
}
