package main

import (
	"context"
	"encoding/json"
	"fmt"
)

func runStats(ctx context.Context, e *env, args []string) error {
	var db, asJSON = "", false
	fs := newFlags("stats", "", e.stderr)
	fs.StringVar(&db, "db", "", "archive `PATH` (default $PROV_DB or prov.db)")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	a, err := openForRead(dbPath(db, e.getenv))
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.Stats()
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(e.stdout).Encode(st)
	}
	fmt.Fprintf(e.stdout, "%+v\n", st)
	return nil
}
