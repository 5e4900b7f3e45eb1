package main

import (
	"context"
	"fmt"
	"io"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/textdiff"
)

// diffResult is what `prov diff` reports: how copy A differs from B,
// paragraph by paragraph. Indexes are 0-based (a_index into B's
// paragraphs, b_index into A's) in JSON, 1-based in text.
type diffResult struct {
	Copy    subject       `json:"copy"`
	Against subject       `json:"against"`
	Changes []textdiff.Op `json:"changes"`
}

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
	res, err := diff(db, pos)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, res)
	}
	printDiff(e.stdout, res)
	return nil
}

// diff compares pos[0] against pos[1], or against the original of its work.
func diff(db *archive.DB, pos []string) (diffResult, error) {
	a, err := resolve(db, pos[0])
	if err != nil {
		return diffResult{}, err
	}
	var b subject
	if len(pos) == 2 {
		b, err = resolve(db, pos[1])
	} else {
		b, err = originalOf(db, pos[0])
	}
	if err != nil {
		return diffResult{}, err
	}
	ops := textdiff.Changes(textdiff.Diff(b.text, a.text))
	if ops == nil {
		ops = []textdiff.Op{}
	}
	return diffResult{Copy: a, Against: b, Changes: ops}, nil
}

// originalOf resolves the original of the work that arg belongs to.
func originalOf(db *archive.DB, arg string) (subject, error) {
	t, err := trace(db, arg)
	if err != nil {
		return subject{}, err
	}
	if t.Work == nil {
		return subject{}, fmt.Errorf("%s: %w; name B", arg, errNoWork)
	}
	return resolve(db, t.Work.Original.URL)
}

func printDiff(w io.Writer, r diffResult) {
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
