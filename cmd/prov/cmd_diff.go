package main

import (
	"context"
	"fmt"
	"github.com/prov-archive/prov/trace"
	"io"

	"github.com/prov-archive/prov/textdiff"
)

func runDiff(ctx context.Context, e *env, args []string) error {
	fs := newFlags("diff", "A [B]", e.stderr)
	dbFlag, asJSON := addDBFlag(fs), addJSONFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) > 2 {
		return usagef("see 'prov diff -h'", "diff takes a copy A (URL, text hash or file) and optionally B (default: the original of A's work)")
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
	printDiff(e.stdout, res)
	return nil
}

func printDiff(w io.Writer, r trace.DiffResult) {
	fmt.Fprintf(w, "--- %s (%s)\n+++ %s (%s)\n", r.Against.Label, short(r.Against.TextSHA256), r.Copy.Label, short(r.Copy.TextSHA256))
	if len(r.Changes) == 0 {
		fmt.Fprintln(w, "no differences")
		return
	}
	for _, op := range r.Changes {
		switch op.Kind {
		case textdiff.Changed:
			fmt.Fprintf(w, "\nparagraph %d changed (now %d):\n  %s\n", op.AIndex+1, op.BIndex+1, op.Marked)
		case textdiff.Removed:
			fmt.Fprintf(w, "\nparagraph %d removed:\n  [-%s-]\n", op.AIndex+1, op.A)
		case textdiff.Added:
			fmt.Fprintf(w, "\nparagraph %d of the copy added:\n  {+%s+}\n", op.BIndex+1, op.B)
		}
	}
}

func short(sha string) string { return sha[:min(12, len(sha))] }
