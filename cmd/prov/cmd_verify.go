package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/watch"
)

type verifyOptions struct {
	db      string
	asJSON  bool
	refetch bool
	crawl   crawlOptions // the fetch flags of --refetch
}

// runVerify checks the archive's fixity and references. It prints each
// finding as found (one JSON object per line with --json), then a summary
// on stderr, and exits 3 when anything was found. It may run during a
// crawl: like every read command it checks a snapshot (openForRead), which
// is the archive file's stored bytes as of one moment, copied by bbolt,
// after the file's own meta pages were checked.
//
// With --refetch it then fetches the originals again (or the archived
// URLs given) and reports each unchanged, changed, moved or gone; see
// runRefetch.
func runVerify(ctx context.Context, e *env, args []string) error {
	var o verifyOptions
	fs := newFlags("verify", "[--refetch [URL...]]", e.stderr)
	fs.StringVar(&o.db, "db", "", dbUsage)
	fs.BoolVar(&o.asJSON, "json", false, "print each finding (and each refetched URL) as a JSON object, one per line")
	fs.BoolVar(&o.refetch, "refetch", false, "after the fixity check, fetch the originals of every work (or the archived URLs given) again, record the fetches, and report each unchanged, changed, moved or gone")
	o.crawl.registerRefetch(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := checkRefetchFlags(fs, o.refetch, pos); err != nil {
		return err
	}
	if o.refetch {
		return runRefetch(ctx, e, &o, pos)
	}
	db, err := openReadUntil(dbPath(o.db, e.getenv), e.interrupt)
	if err != nil {
		return err
	}
	defer db.Close()
	return verify(ctx, db, o.asJSON, e.stdout, e.stderr)
}

func verify(ctx context.Context, db *archive.DB, asJSON bool, out, summary io.Writer) error {
	print := findingPrinter(out, asJSON)
	opts := archive.VerifyOptions{TextHasher: clean.TextHash, NormVersion: clean.NormVersion, Stitch: clean.StitchText}
	st, err := db.VerifyWith(opts, func(f archive.Finding) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return print(f)
	})
	if err != nil {
		return fmt.Errorf("verify %s: %w", db.Path(), err)
	}
	findings := report.Count(st.Findings, "finding")
	fmt.Fprintf(summary, "verified %s, %s, %s: %s\n", report.Count(st.Captures, "capture"),
		report.Count(st.Payloads, "payload"), report.Count(st.Documents, "document"), findings)
	if st.Findings > 0 {
		return &partialError{msg: fmt.Sprintf("%s in %s", findings, db.Path())}
	}
	return nil
}

func findingPrinter(w io.Writer, asJSON bool) func(archive.Finding) error {
	if asJSON {
		enc := json.NewEncoder(w)
		return func(f archive.Finding) error { return enc.Encode(f) }
	}
	return func(f archive.Finding) error {
		_, err := fmt.Fprintln(w, f.Error())
		return err
	}
}

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
		return usagef("", "--delay %v: want 0 or more, such as 2s or 500ms", o.crawl.delay)
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
	if err := watch.RulesCover(origs, set); err != nil {
		return usagef("give the crawl's --rules", "%v: refetched without it, its capture would lose the rule's authority and publisher, and the election of the original with them", err)
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
	fmt.Fprintf(e.stderr, "refetched %s in run %d: %s\n", report.Count(len(origs), "original"), runID, counts)
	if msg := refetchProblems(counts); msg != "" {
		return errors.Join(fixity, &partialError{msg: msg})
	}
	return fixity
}

// refetchProblems says what verify --refetch found that is not
// unchanged, "" when nothing: originals changed, moved or gone apart
// from those it could not fetch (a server down is not a page changed).
func refetchProblems(c watch.Counts) string {
	var parts []string
	if n := c[watch.Changed] + c[watch.Moved] + c[watch.Gone]; n > 0 {
		parts = append(parts, report.Count(n, "original")+" changed, moved or gone")
	}
	if n := c[watch.Failed]; n > 0 {
		parts = append(parts, report.Count(n, "original")+" could not be fetched")
	}
	return strings.Join(parts, "; ")
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

// resultPrinter prints one line per original (and a changed one's diff),
// or one JSON object per line.
func resultPrinter(w io.Writer, asJSON bool) func(watch.Result) error {
	if !asJSON {
		return func(r watch.Result) error { return report.Refetch(w, r) }
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return func(r watch.Result) error { return enc.Encode(r) }
}
