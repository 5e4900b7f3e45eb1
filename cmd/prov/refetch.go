package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/trace"
	"github.com/prov-archive/prov/watch"
)

// prov verify --refetch: fetch archived originals again, politely, record
// each fetch as a new capture in a run of its own, and say what became of
// each original (package watch judges; this prints its verdicts).

// registerRefetch registers the flags --refetch shares with prov crawl.
func (o *crawlOptions) registerRefetch(fs *flag.FlagSet) {
	fs.Var(&o.rulesFiles, "rules", "with --refetch: site rules `FILE` (repeatable); give the crawl's, so texts are extracted alike")
	fs.Var(&o.connectTo, "connect-to", "with --refetch: `HOST:PORT:HOST2:PORT2`: connect to HOST2:PORT2 for HOST:PORT (repeatable)")
	fs.BoolVar(&o.allowPrivate, "allow-private", false, "with --refetch: allow loopback, private and link-local addresses")
	fs.DurationVar(&o.delay, "delay", time.Second, "with --refetch: wait between requests to one host")
	fs.StringVar(&o.contact, "contact", "", "with --refetch: contact `URL` (or mailto:) named in the User-Agent")
}

// refetchOnly are the flags that mean nothing without --refetch.
var refetchOnly = map[string]bool{"rules": true, "connect-to": true, "allow-private": true, "delay": true, "contact": true}

// checkRefetchFlags refuses URLs or refetch flags given without --refetch.
func checkRefetchFlags(fs *flag.FlagSet, refetch bool, pos []string) error {
	if refetch {
		return nil
	}
	if len(pos) > 0 {
		return usagef("add --refetch to fetch URLs again", "unexpected argument %q", pos[0])
	}
	var bad string
	fs.Visit(func(f *flag.Flag) {
		if refetchOnly[f.Name] && bad == "" {
			bad = f.Name
		}
	})
	if bad != "" {
		return usagef("see 'prov verify -h'", "--%s needs --refetch", bad)
	}
	return nil
}

// runRefetch is prov verify --refetch: the run lock, the fixity check, then
// the refetch of the originals of urls (of every work when none). It exits
// 3 when the fixity check found anything or any original is not unchanged.
func runRefetch(ctx context.Context, e *env, o *verifyOptions, urls []string) error {
	if o.crawl.delay < 0 {
		return usagef("see 'prov verify -h'", "--delay must be ≥ 0")
	}
	set, err := loadRules(o.crawl.rulesFiles)
	if err != nil {
		return err
	}
	cfg, err := o.crawl.crawlConfig(set)
	if err != nil {
		return err
	}
	path := dbPath(o.db, e.getenv)
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no archive at %s (crawl first, or give --db)", path)
	}
	s, err := watch.Start(path, "prov verify --refetch")
	if err != nil {
		return err
	}
	defer s.Close()
	origs, err := s.Originals(urls)
	if err != nil {
		return originalsError(err)
	}
	// The plain verify first, under the run lock, so the texts compared
	// against are known sound; its findings (exit 3) do not stop the
	// refetch: new captures only add.
	fixity := s.Do(func(db *archive.DB) error { return verify(ctx, db, o.asJSON, e.stdout, e.stderr) })
	if pe := (*partialError)(nil); fixity != nil && !errors.As(fixity, &pe) {
		return fixity
	}
	counts, runID, err := watch.Refetch(ctx, s, cfg, set, origs, resultPrinter(e.stdout, o.asJSON))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "refetched %d originals in run %d: %s\n", len(origs), runID, counts)
	if n := counts.NotUnchanged(); n > 0 {
		return errors.Join(fixity, &partialError{msg: fmt.Sprintf("%d originals changed, moved or gone", n)})
	}
	return fixity
}

// originalsError makes a URL that cannot be refetched a usage error.
func originalsError(err error) error {
	if ue := (*watch.URLError)(nil); !errors.As(err, &ue) {
		return err
	}
	hint := "give archived http(s) URLs"
	if errors.Is(err, watch.ErrNotArchived) {
		hint = "see 'prov works' for the archived originals"
	}
	return usagef(hint, "%v", err)
}

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
			now, was := trace.Subject{Label: r.Now.Label, TextSHA256: r.Now.TextSHA256}, trace.Subject{Label: r.Against.Label, TextSHA256: r.Against.TextSHA256}
			report.Diff(w, trace.DiffResult{Copy: now, Against: was, Changes: r.Diff})
			_, err = fmt.Fprintln(w)
		}
		return err
	}
}
