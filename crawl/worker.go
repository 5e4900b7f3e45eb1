package crawl

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
)

var errNotSent = errors.New("request not sent")

// workers takes URLs from the frontier until it is empty and no worker is
// busy (a busy worker may still queue links), or the run is cancelled.
type workers struct {
	cr   *crawler
	mu   sync.Mutex
	busy int
	idle chan struct{} // closed and replaced whenever a worker finishes a URL
}

func (cr *crawler) work(n int) {
	w := &workers{cr: cr, idle: make(chan struct{})}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop()
		}()
	}
	wg.Wait()
}

func (w *workers) loop() {
	cr := w.cr
	for cr.ctx.Err() == nil {
		queued, finished := cr.front.wait(), w.waitIdle()
		w.setBusy(1, false)
		e, ok, over, err := cr.front.take(cr.cfg.MaxPages)
		cr.fail(err)
		if ok {
			if cr.front.awaitLevel(cr.ctx, e.depth) == nil {
				cr.fetch(e)
			}
			cr.front.releaseLevel(e)
		}
		if w.setBusy(-1, ok) == 0 && !ok && cr.front.drained() {
			return // nothing queued, nobody who could queue more
		}
		if over {
			cr.cfg.Stats.skip(SkipMaxPages, cr.front.Queued())
			return
		}
		if !ok {
			select {
			case <-queued:
			case <-finished:
			case <-cr.ctx.Done():
			}
		}
	}
}

// setBusy changes the busy count and returns it; it wakes the waiting
// workers when one finished a URL (worked) or nobody is busy any more.
func (w *workers) setBusy(delta int, worked bool) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.busy += delta
	if delta < 0 && (worked || w.busy == 0) {
		close(w.idle)
		w.idle = make(chan struct{})
	}
	return w.busy
}

func (w *workers) waitIdle() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.idle
}

// fetch fetches one URL taken from the frontier: robots.txt first, then
// up to 1+Retries tries, each in its host's turn. A robots.txt queued for
// its Sitemap: lines is read through the robots.txt memo instead.
func (cr *crawler) fetch(e entry) {
	cr.cfg.Stats.Queued.Store(int64(cr.front.Queued()))
	if e.kind == kindRobots {
		cr.readRobots(e.key, e.depth)
		return
	}
	u, err := url.Parse(e.key)
	if err != nil {
		cr.fail(cr.front.settle(e.key))
		return
	}
	if err := cr.robots.check(cr.ctx, u); err != nil {
		cr.refused(e, err)
		return
	}
	h := cr.gate.host(u.Host, cr.scope.parallel(u, cr.cfg), cr.scope.delay(u, cr.cfg, cr.robots))
	v := validatorsOf(cr.cfg, e.key)
	for try := 1; cr.ctx.Err() == nil; try++ {
		retry, pause := cr.try(h, e, v, try)
		if !retry {
			return
		}
		cr.cfg.Stats.Retried.Add(1)
		if sleep(cr.ctx, pause) != nil {
			return
		}
	}
}

// try makes one request for key through colly, in the host's turn, and
// reports whether to try again after pause.
func (cr *crawler) try(h *hostGate, e entry, v validators, try int) (retry bool, pause time.Duration) {
	if err := cr.gate.acquire(cr.ctx, h, e.key); err != nil {
		if errors.Is(err, ErrTakenOver) {
			cr.cfg.Logger.Debug("not fetched: taken over by another worker", "url", e.key)
		}
		return false, 0
	}
	ctx := colly.NewContext()
	ctx.Put(ctxKey, e.key)
	ctx.Put(ctxDepth, strconv.Itoa(e.depth))
	ctx.Put(ctxKind, string([]byte{e.kind}))
	ctx.Put(ctxTry, strconv.Itoa(try))
	ctx.Put(ctxETag, v.etag)
	ctx.Put(ctxLastMod, v.lastModified)
	err := cr.c.Request("GET", e.key, nil, ctx, nil)
	hostPause, _ := time.ParseDuration(ctx.Get(ctxPause))
	cr.gate.release(h, hostPause)
	if ctx.Get(ctxHandled) == "" {
		cr.unhandled(ctx, e, err)
		return false, 0
	}
	if v := ctx.Get(ctxRetry); v != "" {
		pause, _ = time.ParseDuration(v)
		return true, pause
	}
	return false, 0
}

// unhandled deals with a request no callback saw: refused before it was
// sent (colly's own checks), or dropped by colly after the transport had
// it (a charset colly could not convert).
func (cr *crawler) unhandled(ctx *colly.Context, e entry, err error) {
	if cr.ctx.Err() != nil {
		return
	}
	id := ctx.Get(ctxFetchID)
	if id == "" {
		if err == nil {
			err = errNotSent
		}
		cr.refused(e, err)
		return
	}
	rec := cr.t.take(id)
	p := pageFrom(rec, e.key, cr.cfg)
	p.Depth = e.depth
	if p.Err == nil {
		p.Err = fetchError(p, err)
	}
	if p.Err == nil {
		p.Err = fmt.Errorf("crawl: fetch %s: response not processed by the collector", e.key)
	}
	cr.emit(p, e.key, e.kind, nil)
}
