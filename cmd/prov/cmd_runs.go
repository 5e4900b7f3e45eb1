package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
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
	printRuns(e.stdout, runs)
	return nil
}

func printRuns(w io.Writer, runs []archive.Run) {
	fmt.Fprintf(w, "%4s  %-20s  %-20s  %-11s %5s %7s %5s %7s %9s %6s %10s  %s\n", "run", "start (UTC)", "end (UTC)",
		"status", "seeds", "fetched", "new", "changed", "unchanged", "failed", "bytes", "failed by reason")
	for _, r := range runs {
		failed := 0
		for _, n := range r.Failed {
			failed += n
		}
		fmt.Fprintf(w, "%4d  %-20s  %-20s  %-11s %5d %7d %5d %7d %9d %6d %10d  %s\n", r.ID, stamp(r.Start), stamp(r.End),
			r.Status, len(r.Seeds), r.Fetched, r.New, r.Changed, r.Unchanged, failed, r.Bytes, reasons(r.Failed))
	}
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// reasons lists failures by reason: "http 404: 2, timeout: 1".
func reasons(failed map[string]int) string {
	var parts []string
	for _, k := range sortedKeys(failed) {
		parts = append(parts, fmt.Sprintf("%s: %d", k, failed[k]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}
