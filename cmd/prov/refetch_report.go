package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/prov-archive/prov/watch"
)

// resultPrinter prints one line per original (and a changed one's diff,
// as prov diff prints it), or one JSON object per line.
func resultPrinter(w io.Writer, asJSON bool) func(watch.Result) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return func(r watch.Result) error { return enc.Encode(r) }
	}
	return func(r watch.Result) error {
		var err error
		switch {
		case r.Status == watch.Changed || r.Diff != nil:
			_, err = fmt.Fprintf(w, "%-10s %s: %s\n", r.Status, r.URL, r.Detail)
		case r.NewURL != "":
			_, err = fmt.Fprintf(w, "%-10s %s -> %s (%s)\n", r.Status, r.URL, r.NewURL, r.Detail)
		default:
			_, err = fmt.Fprintf(w, "%-10s %s (%s)\n", r.Status, r.URL, r.Detail)
		}
		if r.Diff != nil && err == nil {
			if r.NewURL != "" {
				fmt.Fprintf(w, "  now at %s\n", r.NewURL)
			}
			copy, against := subject{Label: r.Now.Label, TextSHA256: r.Now.TextSHA256}, subject{Label: r.Against.Label, TextSHA256: r.Against.TextSHA256}
			printDiff(w, diffResult{Copy: copy, Against: against, Changes: r.Diff})
			_, err = fmt.Fprintln(w)
		}
		return err
	}
}

// refetchProblem is exit 3 when any original is not unchanged.
func refetchProblem(c watch.Counts) error {
	if n := c.NotUnchanged(); n > 0 {
		return &partialError{msg: fmt.Sprintf("%d originals changed, moved or gone", n)}
	}
	return nil
}
