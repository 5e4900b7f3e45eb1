package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/prov-archive/prov/memory"
)

// Run crawls from cfg.Seeds (or, when there are none, the seeds of the
// rules' sites) and sends every fetch on pages, successful or not (Err set
// for failures), then closes pages. A page is sent once per canonical URL;
// URLs that robots.txt disallows are neither requested nor sent (see Stats).
//
// Run returns nil when the crawl is done, ctx.Err() as soon as ctx is
// cancelled (pages not yet sent are dropped; requests still waiting for
// their host's turn give up without touching the network), and an error
// before crawling when the configuration is unusable.
//
// A failed write of the frontier (a full disk), whoever made it (Done is
// the caller's), stops the run at once, as a cancelled ctx does, and Run
// returns that first error: nothing is fetched on the strength of a write
// that did not happen.
func Run(ctx context.Context, cfg Config, pages chan<- Page) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	out := &outbox{ch: pages, ctx: ctx}
	defer out.close()
	cfg = cfg.withDefaults()
	if cfg.Memory == nil {
		cfg.Memory = memory.NewBudget(DefaultMemory)
	}
	seeds, err := seedURLs(cfg)
	if err != nil {
		return err
	}
	if cfg.Frontier == nil && cfg.Shared == nil {
		f, err := OpenFrontier("")
		if err != nil {
			return err
		}
		defer f.Finish()
		cfg.Frontier = f
	}
	cr, err := newCrawler(ctx, cfg, seeds, out)
	if err != nil {
		return err
	}
	cr.cancel = cancel
	go stopOnFailure(ctx, cr.front, cancel)
	err = cr.run(ctx, seeds)
	if ferr := cr.front.Err(); ferr != nil {
		return ferr
	}
	return err
}

// stopOnFailure ends ctx at f's first failed write, until ctx ends.
func stopOnFailure(ctx context.Context, f queue, cancel context.CancelCauseFunc) {
	select {
	case <-f.Failed():
		cancel(f.Err())
	case <-ctx.Done():
	}
}

// seedURLs canonicalises the seeds; a bad seed is a configuration error.
func seedURLs(cfg Config) ([]*url.URL, error) {
	raw := cfg.Seeds
	if len(raw) == 0 && cfg.Rules != nil {
		for _, site := range cfg.Rules.Sites {
			raw = append(raw, site.Seeds...)
		}
	}
	if len(raw) == 0 {
		return nil, errors.New("crawl: no seeds")
	}
	var out []*url.URL
	for _, s := range raw {
		key, err := checkSeed(s, cfg.MaxURLLength)
		if err != nil {
			return nil, err
		}
		u, _ := url.Parse(key)
		out = append(out, u)
	}
	return out, nil
}

// ErrBadSeed is wrapped by the error of a seed that cannot be crawled.
var ErrBadSeed = errors.New("bad seed")

// CheckSeed returns why raw cannot be a seed of a run with the default
// MaxURLLength, nil when it can: it must be an http(s) URL with a host
// and a valid port, no longer than DefaultMaxURLLength once canonical
// (the longest URL the frontier keeps; Run refuses longer seeds, it never
// drops them).
func CheckSeed(raw string) error {
	_, err := checkSeed(raw, 0)
	return err
}

func checkSeed(raw string, maxLen int) (string, error) {
	if maxLen <= 0 {
		maxLen = DefaultMaxURLLength
	}
	key, err := canonicalize(raw)
	if err != nil {
		return "", fmt.Errorf("crawl: %w %q: %w", ErrBadSeed, raw, err)
	}
	if len(key) > maxLen {
		return "", fmt.Errorf("crawl: %w: %.60s…: %d bytes, longer than %d", ErrBadSeed, key, len(key), maxLen)
	}
	return key, nil
}

// outbox sends pages until it is closed; a send gives up when the run's
// context is done, so closing never waits on a reader that left.
type outbox struct {
	mu     sync.RWMutex
	closed bool
	ch     chan<- Page
	ctx    context.Context
}

func (o *outbox) send(p Page) bool {
	o.mu.RLock()
	defer o.mu.RUnlock()
	if o.closed || o.ctx.Err() != nil {
		return false
	}
	select {
	case o.ch <- p:
		return true
	case <-o.ctx.Done():
		return false
	}
}

func (o *outbox) close() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.closed {
		o.closed = true
		close(o.ch)
	}
}

// run queues the seeds (a resumed frontier has them already) and runs the
// workers until the frontier is empty, or ctx ends. What a stopped run
// queued is screened again under this run's scope first (rescreen).
func (cr *crawler) run(ctx context.Context, seeds []*url.URL) error {
	var stored func(string) bool
	if cr.cfg.Captured != nil {
		stored = func(u string) bool { return cr.cfg.Captured(u, cr.front.Begun()) }
	}
	if err := cr.front.requeueTaken(stored); err != nil {
		return err
	}
	if n := cr.front.Resumed(); n > 0 {
		cr.cfg.Stats.Resumed.Store(int64(n))
		cr.cfg.Logger.Info("resuming a stopped crawl", "pending", n, "begun", cr.front.Begun().Format(time.RFC3339))
	}
	if err := cr.rescreen(seeds); err != nil {
		return err
	}
	cr.enqueueSeeds(seeds)
	cr.discoverSeeds(seeds)
	cr.work(cr.scope.workers(cr.cfg))
	if ctx.Err() == nil {
		cr.flushOrphans()
	} else {
		for _, rec := range cr.t.orphans() {
			rec.hold.Release() // not sent: a stopped run sends nothing more
		}
	}
	cr.t.base.CloseIdleConnections()
	return ctx.Err()
}
