package report

import (
	"fmt"
	"io"

	"github.com/prov-archive/prov/trace"
	"github.com/prov-archive/prov/watch"
)

// Refetch is prov verify --refetch's line for one original: its verdict,
// URL and detail (and where it moved), then for a changed text the diff
// as prov diff prints it. It returns the first write error, so a closed
// pipe stops the refetch's output.
func Refetch(w io.Writer, r watch.Result) error {
	var err error
	switch {
	case r.Status == watch.Changed || r.Diff != nil:
		_, err = fmt.Fprintf(w, "%-10s %s: %s\n", r.Status, r.URL, r.Detail)
	case r.NewURL != "":
		_, err = fmt.Fprintf(w, "%-10s %s -> %s (%s)\n", r.Status, r.URL, r.NewURL, r.Detail)
	default:
		_, err = fmt.Fprintf(w, "%-10s %s (%s)\n", r.Status, r.URL, r.Detail)
	}
	if r.Diff == nil || err != nil {
		return err
	}
	if r.NewURL != "" {
		fmt.Fprintf(w, "  now at %s\n", r.NewURL)
	}
	now := trace.Subject{Label: r.Now.Label, TextSHA256: r.Now.TextSHA256}
	was := trace.Subject{Label: r.Against.Label, TextSHA256: r.Against.TextSHA256}
	Diff(w, trace.DiffResult{Copy: now, Against: was, Changes: r.Diff})
	_, err = fmt.Fprintln(w)
	return err
}
