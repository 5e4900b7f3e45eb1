package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
	"github.com/prov-archive/prov/rules"
)

// prov verify --refetch: fetch archived originals again, politely, record
// each fetch as a new capture in a run of its own, and say what became of
// each original (see refetch_report.go for the judgement and the output).

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

// original is an archived copy to fetch again: its canonical URL and the
// capture (and text) it is compared against.
type original struct {
	url  string
	base archive.Capture
	text string
}

// runRefetch is prov verify --refetch: the run lock, the fixity check, then
// one polite fetch per original. It exits 3 when the fixity check found
// anything or any original is not unchanged.
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
	s, err := startRefetch(dbPath(o.db, e.getenv))
	if err != nil {
		return err
	}
	defer s.close()
	var origs []original
	if err := s.shared.Do(func(db *archive.DB) (err error) {
		origs, err = originals(db, urls)
		return err
	}); err != nil {
		return err
	}
	fixity, err := s.fixity(ctx, e, o.asJSON)
	if err != nil {
		return err
	}
	rf := &refetcher{s: s, cfg: cfg, set: set, pace: pacer{delay: o.crawl.delay}, out: resultPrinter(e.stdout, o.asJSON)}
	counts, runID, err := rf.run(ctx, origs)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "refetched %d originals in run %d: %s\n", len(origs), runID, countsText(counts))
	return errors.Join(fixity, counts.problem())
}

// refetchSession is what verify --refetch holds: the run lock, as a crawl
// does (a crawl meanwhile exits 75, and so does a refetch during a crawl),
// and the archive opened only to work.
type refetchSession struct {
	lock   *archive.RunLock
	shared *archive.Shared
}

// startRefetch takes the run lock of the existing archive at path and
// opens it shared. It does not touch a crawl's frontier.
func startRefetch(path string) (*refetchSession, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no archive at %s (crawl first, or give --db)", path)
	}
	if err := archive.Check(path); err != nil {
		return nil, err
	}
	holder := fmt.Sprintf("prov verify --refetch (pid %d)", os.Getpid())
	lock, err := archive.LockRun(path, holder, time.Now())
	if err != nil {
		return nil, err
	}
	s := &refetchSession{lock: lock}
	if s.shared, err = archive.OpenShared(path, archive.SharedOptions{}); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

func (s *refetchSession) close() {
	if s.shared != nil {
		s.shared.Close()
	}
	s.lock.Release()
}

// fixity runs the plain verify first, under the run lock, so the stored
// texts the refetch compares against are known sound. Its findings are
// returned (exit 3) but do not stop the refetch: new captures only add.
func (s *refetchSession) fixity(ctx context.Context, e *env, asJSON bool) (findings error, err error) {
	err = s.shared.Do(func(db *archive.DB) error { return verify(ctx, db, asJSON, e.stdout, e.stderr) })
	var pe *partialError
	if errors.As(err, &pe) {
		return err, nil
	}
	return nil, err
}

// originals returns what to refetch: the archived copies of urls, or with
// none the original of every work. A URL with no archived copy is a usage
// error that names it.
func originals(db *archive.DB, urls []string) ([]original, error) {
	if len(urls) == 0 {
		return workOriginals(db)
	}
	var out []original
	seen := map[string]bool{}
	for _, raw := range urls {
		key, err := crawl.Canonicalize(raw)
		if err != nil {
			return nil, usagef("give archived http(s) URLs", "%q: %v", raw, err)
		}
		o, ok, err := archivedCopy(db, key)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, usagef("see 'prov works' for the archived originals", "%s is not archived", raw)
		}
		if !seen[o.url] {
			seen[o.url] = true
			out = append(out, o)
		}
	}
	return out, nil
}

func workOriginals(db *archive.DB) ([]original, error) {
	works, err := db.WorksBy(similarity())
	if err != nil {
		return nil, err
	}
	out := make([]original, 0, len(works))
	for _, w := range works {
		c, err := db.Capture(w.Original.CaptureID)
		if err != nil {
			return nil, err
		}
		o, err := withText(db, c)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// archivedCopy returns key's latest capture that brought content.
func archivedCopy(db *archive.DB, key string) (original, bool, error) {
	c, ok, err := db.NewestPayload(key)
	if err != nil || !ok {
		return original{}, false, err
	}
	o, err := withText(db, c)
	return o, true, err
}

func withText(db *archive.DB, c archive.Capture) (original, error) {
	o := original{url: c.URL, base: c}
	if c.TextSHA256 == "" {
		return o, nil
	}
	d, err := db.Document(c.TextSHA256)
	o.text = d.Text
	return o, err
}

// refetcher fetches originals one at a time into a run of its own.
type refetcher struct {
	s    *refetchSession
	cfg  crawl.Config
	set  *rules.Set
	pace pacer
	out  func(refetchResult) error
}

// run begins a run whose seeds are the originals, refetches each (hosts
// interleaved, so the per-host delay rarely waits), and closes the run
// with the crawl's counters, interrupted when it did not get through.
func (r *refetcher) run(ctx context.Context, origs []original) (refetchCounts, uint64, error) {
	counts := refetchCounts{}
	seeds := make([]string, len(origs))
	for i, o := range origs {
		seeds[i] = o.url
	}
	var run archive.Run
	if err := r.s.shared.Do(func(db *archive.DB) (err error) {
		run, err = db.BeginRun(seeds)
		return err
	}); err != nil {
		return counts, 0, err
	}
	r.s.lock.SetRun(run.ID)
	t := ingest.NewTally(run)
	var err error
	for _, o := range interleave(origs) {
		var res refetchResult
		if res, err = r.one(ctx, o, run.ID, t); err != nil {
			break
		}
		counts[res.Status]++
		if err = r.out(res); err != nil {
			break
		}
	}
	t.Finish(err != nil || ctx.Err() != nil)
	ferr := r.s.shared.Do(func(db *archive.DB) error { return db.FinishRun(t.Run()) })
	return counts, run.ID, firstErr(err, ctx.Err(), ferr)
}

// one fetches an original after the host's delay, stores the fetch as a
// capture through entryFor as a crawl does, and judges it.
func (r *refetcher) one(ctx context.Context, o original, runID uint64, t *ingest.Tally) (refetchResult, error) {
	host := hostOf(o.url)
	if err := r.pace.wait(ctx, host); err != nil {
		return refetchResult{}, err
	}
	p, _ := crawl.Fetch(ctx, r.cfg, o.url)
	r.pace.done(host)
	if err := ctx.Err(); err != nil {
		return refetchResult{}, err // a fetch cut short says nothing of the original
	}
	e := ingest.Entry(p, r.set, runID)
	var prev archive.Previous
	var stored archive.Capture
	err := r.s.shared.Do(func(db *archive.DB) error {
		var err error
		if prev, err = db.Previous(e.Capture.URL); err != nil {
			return err
		}
		ids, err := db.Write([]archive.Entry{e})
		if err == nil {
			stored, err = db.Capture(ids[0])
		}
		return err
	})
	if err != nil {
		return refetchResult{}, fmt.Errorf("store refetch of %s: %w", o.url, err)
	}
	t.Add(stored, p.Failure(), prev)
	res := judge(o, p, stored, refetchedText(p, e, r.set))
	res.CaptureID = stored.ID
	if res.Diff != nil {
		res.copy.Label += fmt.Sprintf(" as capture %d", res.CaptureID)
	}
	return res, nil
}

// interleave orders originals round-robin by host, keeping each host's
// order, so consecutive fetches go to different hosts where they can.
func interleave(origs []original) []original {
	var hosts []string
	by := map[string][]original{}
	for _, o := range origs {
		h := hostOf(o.url)
		if by[h] == nil {
			hosts = append(hosts, h)
		}
		by[h] = append(by[h], o)
	}
	out := make([]original, 0, len(origs))
	for len(out) < len(origs) {
		for _, h := range hosts {
			if q := by[h]; len(q) > 0 {
				out, by[h] = append(out, q[0]), q[1:]
			}
		}
	}
	return out
}

// pacer keeps delay between the end of one fetch from a host and the
// start of the next.
type pacer struct {
	delay time.Duration
	last  map[string]time.Time
}

func (p *pacer) wait(ctx context.Context, host string) error {
	t, ok := p.last[host]
	if !ok {
		return ctx.Err()
	}
	d := p.delay - time.Since(t)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

func (p *pacer) done(host string) {
	if p.last == nil {
		p.last = map[string]time.Time{}
	}
	p.last[host] = time.Now()
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
