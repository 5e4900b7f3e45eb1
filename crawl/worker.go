package crawl

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
)

var errNotSent = errors.New("request not sent")

// workers takes URLs from the frontier until it is empty, no worker is
// busy (a busy worker may still queue links) and no URL is parked, or the
// run is cancelled.
//
// A worker never waits on a host. A URL whose host has no free slot, whose
// next start is later (its delay or Crawl-delay, a pause it asked for
// with a 429 or 503), or whose retry's pause is not over is parked, and
// the worker goes on with a URL that can go now: a parked one whose host
// is ready, else the frontier's next. So a slow, hanging or throttling
// host holds back its own URLs only. A URL whose depth may not start yet
// (breadth first: a shallower URL is still out) is parked too, so the
// workers stay free for the parked URLs of that shallower depth. With a
// shared store nothing is parked: see fetchWaiting.
type workers struct {
	cr      *crawler
	mu      sync.Mutex
	busy    int
	parked  []*job        // in the order they were parked
	over    bool          // the frontier said MaxPages is spent: take no more
	changed chan struct{} // closed and replaced when a worker frees a slot or a depth, or the alarm rings
	alarm   time.Time     // when timer rings, zero when it is not set
	timer   *time.Timer   // rings (wakes the workers) when the first parked URL's pause is over
}

// job is one URL from its take to its end: the tries it made, and the
// earliest time it may go again.
type job struct {
	e     entry
	h     *hostGate // nil until robots.txt allowed the URL
	v     validators
	try   int       // the next try, from 1
	after time.Time // not before: a retry's pause, or its host's next start
}

// maxParked bounds the URLs parked at once, and so the memory they hold
// (a URL is at most DefaultMaxURLLength bytes). With that many parked,
// the workers take nothing more from the frontier until one goes.
const maxParked = 4096

func (cr *crawler) work(n int) {
	w := &workers{cr: cr, changed: make(chan struct{})}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop()
		}()
	}
	wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer != nil {
		w.timer.Stop()
	}
}

func (w *workers) loop() {
	cr := w.cr
	for cr.ctx.Err() == nil {
		queued, changed := cr.front.wait(), w.changes()
		j := w.next()
		freed := false
		if j != nil {
			freed = cr.step(w, j)
		}
		if w.done(j != nil, freed) {
			return // nothing queued or parked, nobody who could queue more
		}
		if j == nil {
			w.idle(queued, changed)
		}
	}
}

// next counts the worker busy and returns a URL that can go: a parked
// one whose host is ready, else the frontier's next.
func (w *workers) next() *job {
	w.mu.Lock()
	w.busy++
	j, deeper := w.unpark()
	take := j == nil && !w.over && !deeper && len(w.parked) < maxParked
	w.mu.Unlock()
	if !take {
		return j
	}
	cr := w.cr
	e, ok, over, err := cr.front.take(cr.cfg.MaxPages)
	cr.fail(err)
	if over {
		w.spent()
	}
	if !ok {
		return nil
	}
	return &job{e: e, try: 1}
}

// unpark removes and returns the first parked URL that can go now, as far
// as its host's gate and the depth it is at say (the gate is asked again
// when it goes). It looks at every parked URL, and sets the alarm for the
// first time one of the others may go. deeper says a URL taken from the
// frontier waits for its depth: the frontier's next are as deep or
// deeper, so the workers take no more until that depth starts, as many
// URLs held back as before URLs were parked. Called with w.mu held.
func (w *workers) unpark() (j *job, deeper bool) {
	if len(w.parked) == 0 {
		return nil, false // the common case: no clock read, no maps
	}
	cr := w.cr
	now := cr.cfg.Now()
	notReady := map[*hostGate]bool{}
	open := map[int]bool{} // depth → levelOpen
	found := -1
	for i, p := range w.parked {
		if p.after.After(now) {
			w.arm(now, p.after)
			continue
		}
		o, known := open[p.e.depth]
		if !known {
			o = cr.front.levelOpen(p.e.depth)
			open[p.e.depth] = o
		}
		if !o {
			deeper = deeper || p.h == nil
			continue
		}
		if p.h != nil && notReady[p.h] {
			continue
		}
		if p.h != nil {
			if ready, at := cr.gate.ready(p.h); !ready {
				notReady[p.h] = true
				w.arm(now, at)
				continue
			}
		}
		if found < 0 {
			found = i
		}
	}
	if found < 0 {
		return nil, deeper
	}
	j = w.parked[found]
	w.parked = slices.Delete(w.parked, found, found+1)
	return j, deeper
}

// park sets j aside until its host is ready; the worker goes on.
func (w *workers) park(j *job) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.parked = append(w.parked, j)
	w.arm(w.cr.cfg.Now(), j.after)
}

// arm makes the alarm wake the waiting workers at at, unless it rings
// sooner already; a zero or past at is none. Called with w.mu held.
func (w *workers) arm(now, at time.Time) {
	d := at.Sub(now)
	if at.IsZero() || d <= 0 || (!w.alarm.IsZero() && !at.Before(w.alarm)) {
		return
	}
	w.alarm = at
	if w.timer == nil {
		w.timer = time.AfterFunc(d, w.ring)
	} else {
		w.timer.Reset(d)
	}
}

// ring wakes the waiting workers: a parked URL's pause is over. They look
// at the parked URLs again, which sets the alarm for the next one.
func (w *workers) ring() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.alarm = time.Time{}
	w.wake()
}

// wake wakes the waiting workers. Called with w.mu held.
func (w *workers) wake() {
	close(w.changed)
	w.changed = make(chan struct{})
}

// spent notes that MaxPages is spent (counted once, with the URLs it
// left queued).
func (w *workers) spent() {
	w.mu.Lock()
	first := !w.over
	w.over = true
	w.mu.Unlock()
	if !first {
		return
	}
	cr := w.cr
	cr.cfg.Stats.skip(SkipMaxPages, cr.front.Queued())
	if cr.cfg.LeftOut != nil {
		cr.fail(cr.front.queuedPages(cr.cfg.LeftOut))
	}
}

// done ends the worker's turn through the loop, and reports whether the
// crawl is over for it: it found nothing to do, nobody is busy, nothing
// is parked and the frontier has nothing more (or MaxPages is spent). It
// wakes the waiting workers when the turn freed a host's slot or a depth
// (freed), or nobody is busy any more.
func (w *workers) done(worked, freed bool) bool {
	w.mu.Lock()
	w.busy--
	if freed || w.busy == 0 {
		w.wake()
	}
	idle, over := w.busy == 0 && len(w.parked) == 0 && !worked, w.over
	w.mu.Unlock()
	return idle && (over || w.cr.front.drained())
}

func (w *workers) changes() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.changed
}

// idle waits until a URL is queued, a worker frees a slot or a depth, a
// parked URL's pause is over (the alarm) or the run ends.
func (w *workers) idle(queued, changed <-chan struct{}) {
	select {
	case <-queued:
	case <-changed:
	case <-w.cr.ctx.Done():
	}
}

// step takes j as far as it can go now: robots.txt first, then one try in
// its host's turn. A URL that cannot go yet (its depth, its host's slot
// or turn) or is to be tried again after a pause is parked; else it is
// over, and its depth released. step reports whether it freed a host's
// slot or a depth, which parked URLs may wait for.
func (cr *crawler) step(w *workers, j *job) (freed bool) {
	if !cr.front.levelOpen(j.e.depth) {
		w.park(j)
		return false
	}
	if j.h == nil && !cr.admit(j) || cr.hostAway(j) {
		cr.front.releaseLevel(j.e)
		return true
	}
	if cr.gate.shared != nil {
		cr.fetchWaiting(j)
		cr.front.releaseLevel(j.e)
		return true
	}
	granted, wait, err := cr.gate.tryAcquire(j.h, j.e.key)
	switch {
	case errors.Is(err, ErrTakenOver):
		cr.cfg.Logger.Debug("not fetched: taken over by another worker", "url", j.e.key)
	case err != nil:
	case !granted:
		j.after = cr.cfg.Now().Add(wait)
		w.park(j)
		return false
	default:
		retry, pause := cr.try(j)
		if retry && cr.ctx.Err() == nil {
			cr.cfg.Stats.Retried.Add(1)
			j.try++
			j.after = cr.cfg.Now().Add(pause)
			w.park(j)
			return true
		}
	}
	cr.front.releaseLevel(j.e)
	return true
}

// fetchWaiting makes j's tries as a worker of a shared crawl does: it
// waits for the host's turns and the retries' pauses itself. A URL parked
// in one process is one no other can take, and one a killed process
// leaves to be taken over only when its lease runs out; and the store,
// which grants the turns to every process, hands out no URL deeper than
// one still out, so the worker has no other depth to go on with. So that
// the workers do not all wait on one host, the store hands out a URL
// whose host is ready when one is near the head of the queue.
func (cr *crawler) fetchWaiting(j *job) {
	for ; cr.ctx.Err() == nil; j.try++ {
		if err := cr.gate.acquire(cr.ctx, j.h, j.e.key); err != nil {
			if errors.Is(err, ErrTakenOver) {
				cr.cfg.Logger.Debug("not fetched: taken over by another worker", "url", j.e.key)
			}
			return
		}
		retry, pause := cr.try(j)
		if !retry {
			return
		}
		cr.cfg.Stats.Retried.Add(1)
		if sleep(cr.ctx, pause) != nil {
			return
		}
	}
}

// admit readies j, taken from the frontier, for its tries: a URL
// robots.txt allows gets its host's gate and its validators. A robots.txt
// queued for its Sitemap: lines is read through the robots.txt memo
// instead. admit reports whether j goes on to its tries.
func (cr *crawler) admit(j *job) bool {
	e := j.e
	cr.cfg.Stats.Queued.Store(int64(cr.front.Queued()))
	if e.kind == kindRobots {
		cr.readRobots(e.key, e.depth)
		return false
	}
	key, err := parseKey(e.key)
	if err != nil {
		cr.fail(cr.front.settle(e.key))
		return false
	}
	u := &key
	if err := cr.robots.check(cr.ctx, u); err != nil {
		cr.refused(e, err)
		return false
	}
	j.h = cr.gate.host(u.Host, cr.scope.parallel(u, cr.cfg), cr.scope.delay(u, cr.cfg, cr.robots))
	j.v = validatorsOf(cr.cfg, e.key)
	return true
}

// try makes j's request through colly, in the host's turn (the gate
// granted it: try releases it), and reports whether to try again after
// pause.
func (cr *crawler) try(j *job) (retry bool, pause time.Duration) {
	e := j.e
	st := &tryState{key: e.key, depth: e.depth, kind: e.kind, try: j.try, v: j.v}
	ctx := colly.NewContext()
	ctx.Put(ctxTry, st)
	err := cr.c.Request("GET", e.key, nil, ctx, nil)
	cr.gate.release(j.h, st.hostPause)
	if !st.handled {
		cr.unhandled(st, e, err)
		return false, 0
	}
	return st.retry, st.retryWait
}

// unhandled deals with a request no callback saw: refused before it was
// sent (colly's own checks), or dropped by colly after the transport had
// it (a charset colly could not convert).
func (cr *crawler) unhandled(st *tryState, e entry, err error) {
	if cr.ctx.Err() != nil {
		return
	}
	id := st.fetchID
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
