package watch

import (
	"context"
	"errors"
	"fmt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
	"github.com/prov-archive/prov/rules"
)

// Session is what a refetch holds: the archive's run lock, as a crawl
// takes it (a crawl meanwhile is refused at once, and so is a refetch
// during a crawl), and the archive opened shared, only to work. It does
// not touch a crawl's frontier.
type Session struct {
	*archive.Running
}

// Start takes the run lock of the existing archive at path for holder
// (its pid is added) and opens the archive shared.
func Start(path, holder string) (*Session, error) {
	r, err := archive.OpenRunning(path, holder)
	if err != nil {
		return nil, err
	}
	return &Session{r}, nil
}

// Do runs fn with the archive open.
func (s *Session) Do(fn func(db *archive.DB) error) error { return s.Shared.Do(fn) }

// Originals are the originals of urls, or of every work (see Originals).
func (s *Session) Originals(urls []string) (origs []Original, err error) {
	err = s.Do(func(db *archive.DB) (err error) {
		origs, err = Originals(db, urls)
		return err
	})
	return origs, err
}

// ErrRulesMissing is wrapped by RulesCover's error: an original was
// captured under a site rule the refetch is not given.
var ErrRulesMissing = errors.New("its site rule is not given")

// RulesCover checks that set gives each original the site rule its
// archived capture was made under (Capture.Rule). Refetched without it,
// the new capture would have no authority or publisher, and the next
// works election would pass the original over for a copy.
func RulesCover(origs []Original, set *rules.Set) error {
	for _, o := range origs {
		if o.Base.Rule == "" {
			continue
		}
		if site := set.ForHost(hostOf(o.URL)); site == nil || site.Name != o.Base.Rule {
			return fmt.Errorf("%s was captured under site rule %q: %w", o.URL, o.Base.Rule, ErrRulesMissing)
		}
	}
	return nil
}

// Refetch fetches origs again in a run of their own and calls report
// with the verdict on each, in the order of Order(origs), each as soon as
// it and those before it are judged. It returns the verdicts counted, the
// run's ID (0 when no run began) and the first error: report's (which
// stops the refetch), the archive's or the crawl's (ctx's when it ended).
// An original whose fetch was not stored before the refetch stopped gets
// no verdict.
//
// The refetch is a crawl (ingest.Crawl) of the originals' URLs alone, no
// link followed and nothing discovered, fetching every page whole (no
// conditional GET); cfg says how (connect-to, private addresses, delay,
// User-Agent, rules as the archive's crawl had them); its Seeds, depth and
// discovery are set here. Parallel 0 means one request at a time per host.
func Refetch(ctx context.Context, s *Session, cfg crawl.Config, set *rules.Set, origs []Original, report func(Result) error) (Counts, uint64, error) {
	if len(origs) == 0 {
		runID, err := emptyRun(s)
		return Counts{}, runID, err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	r := newReporter(origs, report, stop)
	cfg = refetchConfig(cfg, origs)
	cfg.Unsent = r.notSent
	opt := ingest.Options{Rules: set, Began: func(id uint64) { s.Lock.SetRun(id) }, Unconditional: true, RunKind: archive.RunRefetch,
		Committed: func(p crawl.Page, e archive.Entry, c archive.Capture) {
			if i, ok := r.index[p.RequestedURL]; ok {
				text, sha := ingest.DocumentText(p, e, set)
				r.judged(i, judge(origs[i], p, c, fetchedText{text, sha}))
			}
		}}
	t, err := ingest.Crawl(ctx, ingest.SharedStore(s.Shared), cfg, opt)
	if err == nil && ctx.Err() == nil {
		r.unsent()
	}
	r.flush(true)
	var runID uint64
	if t != nil {
		runID = t.Run().ID
	}
	if rerr := r.failure(); rerr != nil {
		err = rerr
	}
	return r.counted(), runID, err
}

// emptyRun records the run of a refetch of no originals, done at once: a
// crawl with no seeds would crawl the rules' seeds instead.
func emptyRun(s *Session) (runID uint64, err error) {
	err = s.Do(func(db *archive.DB) error {
		run, err := db.BeginRun([]string{}, archive.RunRefetch) // as a refetch of originals records its seeds
		if err != nil {
			return err
		}
		runID = run.ID
		t := ingest.NewTally(run)
		t.Finish(false)
		return db.FinishRun(t.Run())
	})
	return runID, err
}

// refetchConfig is cfg for a crawl of the originals' URLs alone.
func refetchConfig(cfg crawl.Config, origs []Original) crawl.Config {
	cfg.Seeds = make([]string, len(origs))
	for i, o := range origs {
		cfg.Seeds[i] = o.URL
	}
	cfg.MaxDepth, cfg.DepthOverRules = -1, true // the seeds only, whatever a site's max_depth
	cfg.NoDiscovery = true
	cfg.MaxPages, cfg.MaxPagesPerHost = 0, 0
	cfg.Frontier = nil // a temporary one: a crawl's own frontier is not touched
	cfg.Stats = new(crawl.Stats)
	if cfg.Parallel == 0 {
		cfg.Parallel = 1
	}
	return cfg
}

// Order is the order verdicts are reported in: the originals round-robin
// by host, each host's in their order (the order prov verify --refetch
// has always printed).
func Order(origs []Original) []int {
	var hosts []string
	by := map[string][]int{}
	for i, o := range origs {
		h := hostOf(o.URL)
		if by[h] == nil {
			hosts = append(hosts, h)
		}
		by[h] = append(by[h], i)
	}
	out := make([]int, 0, len(origs))
	for len(out) < len(origs) {
		for _, h := range hosts {
			if q := by[h]; len(q) > 0 {
				out, by[h] = append(out, q[0]), q[1:]
			}
		}
	}
	return out
}
