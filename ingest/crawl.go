package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

// Options tune Crawl. The zero value crawls with no site rules.
type Options struct {
	Rules   *rules.Set // site rules: extraction, capture patterns, authority
	Workers int        // pages cleaned at once; default 2

	// Began, when set, is called with the run's ID once its record exists
	// (a run lock names the run).
	Began func(runID uint64)
	// Watch, when set, is called when the crawl starts, with the run's
	// tally (a progress line reads it); the function it returns is called
	// when the crawl ends.
	Watch func(ctx context.Context, t *Tally) (stop func())
	// FailCommit is the writer's test hook (archive.WriterConfig).
	FailCommit func() error

	// Committed, when set, is called for each page once the batch holding
	// its capture has committed (and been counted): with the page, the
	// entry made of it and the capture as stored (ID, Kind and payload
	// hash filled). It is called on the archive writer's goroutine, in
	// commit order, and holds up the next commit while it runs. A page
	// whose capture was never committed is never seen. With Committed set
	// every document is cleaned afresh (a revisit's clean fields are not
	// copied, Entry), so that each entry holds its page's text.
	Committed func(p crawl.Page, e archive.Entry, c archive.Capture)
	// CommittedTexts, when set, is called once per committed batch, after
	// its captures are counted, with the captures as stored and the text
	// each brought ("" when none), in commit order, on the archive
	// writer's goroutine (archive.WriterConfig.OnCommitTexts): a search
	// index reads the run's texts from there, not from the archive.
	CommittedTexts func(caps []archive.Capture, texts []string)
	// Unconditional turns off conditional GETs: every page is fetched
	// whole, never answered 304 from the archive's validators (a refetch
	// compares payloads).
	Unconditional bool
	// Worker and SharedCrawl, set for one worker of a shared crawl, name
	// the worker on each capture and the crawl on the run record.
	Worker, SharedCrawl string
	// RunKind is the run record's Kind ("" for a crawl).
	RunKind string
}

// Crawl runs one crawl into the archive st: a run record, crawl.Run
// feeding the pipeline, a stitch sweep at the start and at the end, and
// the run closed with its counts whatever happened. cfg's archive
// callbacks (Validators, Stored, Captured, LastCaptured) are set from st.
// It returns the run's tally and the first error: of the archive, of the
// crawl, or of a frontier that could not account for every URL taken.
func Crawl(ctx context.Context, st Store, cfg crawl.Config, opt Options) (*Tally, error) {
	var run archive.Run
	err := st.Do(func(db *archive.DB) (err error) {
		run, err = db.BeginRun(cfg.Seeds, opt.RunKind)
		return err
	})
	if err != nil {
		return nil, err
	}
	if opt.Began != nil {
		opt.Began(run.ID)
	}
	if opt.SharedCrawl != "" {
		run.Crawl, run.Workers = opt.SharedCrawl, []string{opt.Worker}
	}
	t := NewTally(run)
	startErr := sweep(st, t) // repairs a run killed before its sweep
	look := newLookup(st)
	cfg.Validators, cfg.Stored, cfg.Captured, cfg.LastCaptured = look.validators, look.stored, look.captured, look.lastCaptured
	if opt.Unconditional {
		cfg.Validators = nil
	}
	cfg.Overhead = overhead // memory.go
	if cfg.Stats == nil {
		cfg.Stats = new(crawl.Stats)
	}
	cfg.Unsent = refusedSeeds(t, cfg.Unsent)
	if opt.Watch != nil {
		defer opt.Watch(ctx, t)()
	}
	err = firstErr(startErr, pipe(ctx, st, cfg, opt, t, look))
	if err == nil && ctx.Err() == nil {
		err = accounted(frontierOf(cfg))
	}
	t.Skipped(cfg.Stats)
	t.Finish(err != nil || ctx.Err() != nil)
	if ferr := st.Do(func(db *archive.DB) error { return db.FinishRun(t.Run()) }); ferr != nil && err == nil {
		err = ferr
	}
	return t, err
}

// refusedSeeds is a crawl.Config.Unsent that counts a seed robots.txt
// disallows as failed in t, then tells next, the caller's Unsent, when set.
func refusedSeeds(t *Tally, next func(url string, why error)) func(url string, why error) {
	return func(url string, why error) {
		if errors.Is(why, crawl.ErrSeedDisallowed) {
			t.refused(url, crawl.FailRobots, why)
		}
		if next != nil {
			next(url, why)
		}
	}
}

// pipe runs the crawler into the workers and the writer, then the
// closing stitch sweep once every page of the run is committed.
func pipe(ctx context.Context, st Store, cfg crawl.Config, opt Options, t *Tally, look lookup) error {
	var held *holding
	if opt.Committed != nil {
		held = &holding{pages: map[string][]heldPage{}}
	}
	w := st.Writer(archive.WriterConfig{OnCommit: committed(frontierOf(cfg), t, held, opt.Committed), RunRecord: t.counted, FailCommit: opt.FailCommit,
		OnCommitTexts: opt.CommittedTexts})
	if cfg.Shared != nil {
		cfg.Waiting = w.Flush // the next depth may wait for this batch
	}
	pages := make(chan crawl.Page, 64)
	ingestErr := make(chan error, 1)
	crawlCtx, stopCrawl := context.WithCancelCause(ctx)
	defer stopCrawl(nil)
	go func() { ingestErr <- work(ctx, pages, w, opt, t, held, look, stopCrawl) }()
	crawlErr := crawl.Run(crawlCtx, cfg, pages)
	err := firstErr(<-ingestErr, w.Close(), frontierErr(frontierOf(cfg)))
	if err == nil {
		err = sweep(st, t)
	}
	return firstErr(err, crawlErr)
}

// work consumes pages until the channel closes: it makes each an entry on
// one of opt.Workers goroutines and hands it to w, the archive's one
// writer. The first write error stops the work and the crawl (stop ends
// the crawl's context: the crawler gives up the pages it was sending) and
// is returned: a crawl whose pages cannot be stored must not go on
// fetching them.
func work(ctx context.Context, pages <-chan crawl.Page, w *archive.Writer, opt Options, t *Tally, held *holding, look lookup, stop context.CancelCauseFunc) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = 2
	}
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range pages {
				prev := look.take(p.RequestedURL, urlOf(p))
				after := prev
				if opt.Committed != nil {
					after = archive.Previous{}
				}
				e := Entry(p, opt.Rules, t.run.ID, after)
				e.Capture.Worker = opt.Worker
				e.Previous = &prev // the writer derives the kind from it: not decoded again
				t.queued(e, p.Failure(), prev)
				held.hold(p, e)
				if held != nil {
					e.Memory = nil // the held page keeps its bytes, and its hold, to its commit
				}
				if err := w.Add(ctx, e); err != nil {
					stop(err)
					errc <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	var errs []error
	for err := range errc {
		errs = append(errs, err)
	}
	return firstErr(errs...) // the writer's error is sticky: the others repeat it
}

// committed is the writer's OnCommit: the stored captures are counted
// (the batch's transaction stored the run record counting them already,
// from Tally.counted), shown with their pages to seen (Options.Committed)
// when it is set, and their URLs are done in the frontier (a failure there
// stops the crawl through the frontier).
func committed(front frontier, t *Tally, held *holding, seen func(crawl.Page, archive.Entry, archive.Capture)) func([]archive.Capture) {
	return func(caps []archive.Capture) {
		t.stored(caps)
		for _, c := range caps {
			if h, ok := held.take(c.RequestedURL); ok {
				seen(h.page, h.entry, c)
				h.page.Memory.Release()
			}
		}
		if front != nil {
			urls := make([]string, len(caps))
			for i, c := range caps {
				urls[i] = c.RequestedURL
			}
			front.Done(urls...)
		}
	}
}

// holding keeps the pages handed to the writer, by requested URL, until
// their batch commits (for Options.Committed). A nil holding holds
// nothing. It is safe for concurrent use.
type holding struct {
	mu    sync.Mutex
	pages map[string][]heldPage
}

type heldPage struct {
	page  crawl.Page
	entry archive.Entry
}

func (h *holding) hold(p crawl.Page, e archive.Entry) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	u := e.Capture.RequestedURL
	h.pages[u] = append(h.pages[u], heldPage{p, e})
}

// take returns the first page held for url, matched as Tally.stored
// matches: a run fetches a URL once, a second fetch is matched in order.
func (h *holding) take(url string) (heldPage, bool) {
	if h == nil {
		return heldPage{}, false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	q := h.pages[url]
	if len(q) == 0 {
		return heldPage{}, false
	}
	if len(q) == 1 {
		delete(h.pages, url)
	} else {
		h.pages[url] = q[1:]
	}
	return q[0], true
}

// StitchOptions are the text functions of clean that a stitch sweep uses.
func StitchOptions() archive.StitchOptions {
	return archive.StitchOptions{Join: clean.StitchText, Hash: clean.TextHash, NormVersion: clean.NormVersion,
		Sketch: clean.Sketch, ToolVersion: "prov/" + crawl.Version}
}

// sweep stitches the archive's complete split articles as part of t's
// run and records what it did.
func sweep(st Store, t *Tally) error {
	var rep archive.StitchReport
	err := st.Do(func(db *archive.DB) (err error) {
		rep, err = db.Stitch(t.run.ID, StitchOptions())
		return err
	})
	t.stitchedBy(rep)
	return err
}

// frontier is what the pipeline asks of a run's crawl state: a
// crawl.Frontier, or a shared one (sharedFrontier).
type frontier interface {
	Done(urls ...string) error
	Err() error
	Taken() (int, error)
	Path() string
}

// frontierOf returns cfg's frontier, nil when it has none.
func frontierOf(cfg crawl.Config) frontier {
	switch {
	case cfg.Shared != nil:
		return sharedFrontier{cfg.Shared}
	case cfg.Frontier != nil:
		return cfg.Frontier
	}
	return nil
}

// sharedFrontier is a crawl.Shared seen as a frontier.
type sharedFrontier struct{ s crawl.Shared }

func (f sharedFrontier) Done(urls ...string) error { return f.s.Done(urls...) }
func (f sharedFrontier) Err() error                { return f.s.Err() }
func (f sharedFrontier) Taken() (int, error)       { return f.s.Taken() }
func (f sharedFrontier) Path() string              { return "(shared)" }

// frontierErr is f's first failed write: the last Done may fail after
// crawl.Run returned.
func frontierErr(f frontier) error {
	if f == nil {
		return nil
	}
	return f.Err()
}

// accounted checks, at the end of a run that went well, that every URL it
// took is done: a run is recorded as done, and its frontier removed, only
// when no URL it took could still be missing from the archive.
func accounted(f frontier) error {
	if f == nil {
		return nil
	}
	n, err := f.Taken()
	if err == nil && n > 0 {
		err = fmt.Errorf("crawl: URLs taken and not accounted for: %d; the frontier %s is kept for the next run", n, f.Path())
	}
	return err
}

// firstErr is the first non-nil error of errs.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
