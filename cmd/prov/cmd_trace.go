package main

import (
	"context"
	"fmt"
	"io"

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
		return usagef("see 'prov trace -h'", "trace takes one URL, text hash or file")
	}
	db, err := openForRead(dbPath(*dbFlag, e.getenv))
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
	printTrace(e.stdout, res)
	return nil
}

func printTrace(w io.Writer, r trace.Result) {
	fmt.Fprintf(w, "subject: %s\n  text sha256 %s\n", r.Subject.Label, r.Subject.TextSHA256)
	if r.Work == nil {
		fmt.Fprintln(w, "no work in the archive holds this text or resembles it")
		return
	}
	fmt.Fprintf(w, "work %s (%d copies)\n  original: %s\n", r.Work.ID, len(r.Work.Copies), r.Work.Original.URL)
	for _, why := range r.Work.Reasons {
		fmt.Fprintf(w, "    because %s\n", why)
	}
	switch {
	case r.Copy != nil:
		fmt.Fprintf(w, "this copy: %s — %s\n", r.Copy.Relation, r.Copy.Why)
	case r.Match != nil:
		fmt.Fprintf(w, "this text against the original: %s (Jaccard %.3f, %.0f%% of it in the original, %.0f%% of the original in it)\n",
			r.Match.Relation, r.Match.Jaccard, 100*r.Match.Containment, 100*r.Match.Contains)
	}
	fmt.Fprintf(w, "faithful to the original: %s\n", yesNo(r.Faithful))
	fmt.Fprintln(w, "copies:")
	for _, c := range r.Work.Copies {
		printCopy(w, c)
	}
}

func yesNo(b bool) string {
	if b {
		return "yes (same normalised text)"
	}
	return "no (see prov diff)"
}
