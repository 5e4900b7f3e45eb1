package main

import (
	"context"
	"encoding/json"

	"github.com/prov-archive/prov/report"
)

func runRuns(ctx context.Context, e *env, args []string) error {
	fs := newFlags("runs", "", e.stderr)
	dbFlag, asJSON := addDBFlag(fs), addJSONFlag(fs)
	db, err := openReading(fs, dbFlag, args, e)
	if err != nil {
		return err
	}
	defer db.Close()
	runs, err := db.Runs()
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(runs)
	}
	report.Runs(e.stdout, runs)
	return nil
}
