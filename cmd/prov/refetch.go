package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/watch"
)

// prov verify --refetch: fetch archived originals again, politely, record
// each fetch as a new capture in a run of its own, and say what became of
// each original (package watch; refetch_report.go prints its verdicts).

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
	var origs []watch.Original
	if err := s.Do(func(db *archive.DB) (err error) {
		origs, err = watch.Originals(db, urls)
		return err
	}); err != nil {
		return originalsError(err)
	}
	fixity, err := refetchFixity(ctx, e, s, o.asJSON)
	if err != nil {
		return err
	}
	counts, runID, err := watch.Refetch(ctx, s, cfg, set, origs, resultPrinter(e.stdout, o.asJSON))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "refetched %d originals in run %d: %s\n", len(origs), runID, counts)
	return errors.Join(fixity, refetchProblem(counts))
}

// refetchFixity runs the plain verify first, under the run lock, so the
// stored texts the refetch compares against are known sound. Its findings
// are returned (exit 3) but do not stop the refetch: new captures only add.
func refetchFixity(ctx context.Context, e *env, s *watch.Session, asJSON bool) (findings error, err error) {
	err = s.Do(func(db *archive.DB) error { return verify(ctx, db, asJSON, e.stdout, e.stderr) })
	var pe *partialError
	if errors.As(err, &pe) {
		return err, nil
	}
	return nil, err
}

// originalsError makes a URL that cannot be refetched a usage error.
func originalsError(err error) error {
	var ue *watch.URLError
	switch {
	case errors.Is(err, watch.ErrNotArchived):
		return usagef("see 'prov works' for the archived originals", "%v", err)
	case errors.As(err, &ue):
		return usagef("give archived http(s) URLs", "%v", err)
	}
	return err
}
