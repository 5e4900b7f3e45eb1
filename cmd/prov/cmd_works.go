package main

import (
	"bufio"
	"context"
	"errors"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/watch"
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
	checker, err := watch.NewChecker(db)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(e.stdout) // a line per copy: one write per line was a system call each
	if *asJSON {
		shown, err := shownWorks(db, checker, works)
		if err != nil {
			return err
		}
		return skipped.done(errors.Join(writeJSON(out, shown), out.Flush()))
	}
	for _, w := range works {
		if err := db.Interrupted(); err != nil {
			return errors.Join(err, out.Flush())
		}
		st, err := onlineOf(db, checker, w)
		if err != nil {
			return errors.Join(err, out.Flush())
		}
		report.Work(out, w, st)
	}
	return skipped.done(out.Flush())
}

// shownWork is a work as prov works --json prints it: its fields, and
// what became of its original since (watch.Status; absent when its
// captures cannot be read).
type shownWork struct {
	archive.Work
	Online *watch.Status `json:"online,omitempty"`
}

func shownWorks(db *archive.DB, checker *watch.Checker, works []archive.Work) ([]shownWork, error) {
	out := make([]shownWork, len(works))
	for i, w := range works {
		st, err := onlineOf(db, checker, w)
		if err != nil {
			return nil, err
		}
		out[i] = shownWork{w, st}
	}
	return out, nil
}

// onlineOf is the status of w's original; nil, with the error handed to
// the archive's skip (a warning, and exit status 3, for an archive opened
// skipping), when its URL's captures cannot be read.
func onlineOf(db *archive.DB, checker *watch.Checker, w archive.Work) (*watch.Status, error) {
	st, err := checker.Status(w.Original)
	if err != nil {
		return nil, db.Skip("captures", w.Original.URL, err)
	}
	return &st, nil
}
