package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/trace"
)

// similarity is how prov compares texts, in every command: trace.Similarity.
var similarity = trace.Similarity

// subject and diffResult are trace's, under the names refetch_report.go uses.
type (
	subject    = trace.Subject
	diffResult = trace.DiffResult
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
		printWork(e.stdout, w)
	}
	return skipped.done(nil)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func printWork(w io.Writer, wk archive.Work) {
	fmt.Fprintf(w, "work %s  (%d copies)\n", wk.ID, len(wk.Copies))
	fmt.Fprintf(w, "  original: %s\n", wk.Original.URL)
	for _, r := range wk.Reasons {
		fmt.Fprintf(w, "    because %s\n", r)
	}
	for _, c := range wk.Copies {
		printCopy(w, c)
	}
	fmt.Fprintln(w)
}

func printCopy(w io.Writer, c archive.Copy) {
	sim := ""
	if c.Relation == archive.RelNear || c.Relation == archive.RelExcerpt {
		sim = fmt.Sprintf("  (similarity %.3f, %.0f%% in original)", c.Similarity, 100*c.Containment)
	}
	fmt.Fprintf(w, "  %-9s %-10s %-25s %s  %s%s\n", c.Relation, orNone(c.Authority), orNone(c.Published), c.URL, c.Publisher, sim)
	for i, p := range c.Pages {
		fmt.Fprintf(w, "  %-9s page %d: %s (capture %d)\n", "", i+1, p.URL, p.CaptureID)
	}
}
