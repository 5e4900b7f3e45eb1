package crawl

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// gate paces the requests to each host: at most parallel at once, starts
// at least delay apart (the larger of the site's delay and its robots.txt
// Crawl-delay), and none before a pause the host asked for (Retry-After,
// or backoff after a 429 or 503) is over.
//
// With a shared store, the turns and pauses are the store's, so every
// worker of the crawl keeps the same pace per host: a host with a delay
// gets one request at a time from all of them, each at least delay after
// the last one ended; parallel stays a bound per process.
type gate struct {
	now    func() time.Time
	mu     sync.Mutex
	hosts  map[string]*hostGate
	shared *sharedQueue // nil: the turns are this process's
}

type hostGate struct {
	name  string
	slots chan struct{}
	delay time.Duration
	next  time.Time // earliest start of the next request (after its delay, or a pause it asked for)
}

func newGate(now func() time.Time) *gate {
	return &gate{now: now, hosts: map[string]*hostGate{}}
}

// host returns the gate of host, made with parallel slots and delay the
// first time it is asked for.
func (g *gate) host(host string, parallel int, delay time.Duration) *hostGate {
	g.mu.Lock()
	defer g.mu.Unlock()
	h := g.hosts[host]
	if h == nil {
		h = &hostGate{name: host, slots: make(chan struct{}, max(parallel, 1)), delay: delay}
		g.hosts[host] = h
	}
	return h
}

// tryAcquire takes a slot and h's turn for key if both are free now,
// without waiting: granted, the caller must call release with the pause
// the response asked for (0 for none). Not granted, wait is how long
// until h's next start (0 when all its slots are out: one frees at a
// release). With a shared store it fails with ErrTakenOver when key is
// no longer this worker's.
//
// A turn is taken when a request goes, never reserved ahead: starts to a
// host are at least its delay apart, and none is before a pause the host
// asked for is over, whichever request asked.
func (g *gate) tryAcquire(h *hostGate, key string) (granted bool, wait time.Duration, err error) {
	select {
	case h.slots <- struct{}{}:
	default:
		return false, 0, nil
	}
	if g.shared != nil {
		wait, err = g.sharedTurn(h, key)
	} else {
		wait = g.turn(h)
	}
	if err != nil || wait > 0 {
		<-h.slots
		return false, wait, err
	}
	return true, 0, nil
}

// acquire waits for a slot and h's turn for key, as tryAcquire takes them
// (for a worker of a shared crawl, which waits on its host).
func (g *gate) acquire(ctx context.Context, h *hostGate, key string) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	for {
		var wait time.Duration
		var err error
		if g.shared != nil {
			wait, err = g.sharedTurn(h, key)
		} else {
			wait = g.turn(h)
		}
		if err == nil && wait > 0 {
			err = sleep(ctx, wait)
		} else if err == nil {
			return nil
		}
		if err != nil {
			<-h.slots
			return err
		}
	}
}

// ready reports whether tryAcquire could grant h's turn now, as far as
// this process knows (a shared store's turns are only known by asking),
// and else when it may: the time of h's next start, or zero when it waits
// for a slot.
func (g *gate) ready(h *hostGate) (bool, time.Time) {
	if len(h.slots) == cap(h.slots) {
		return false, time.Time{}
	}
	if g.shared != nil {
		return true, time.Time{}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if h.next.After(g.now()) {
		return false, h.next
	}
	return true, time.Time{}
}

// sharedTurn asks the shared store for h's next request, for key: 0 when
// granted, else how long to wait before asking again.
func (g *gate) sharedTurn(h *hostGate, key string) (time.Duration, error) {
	wait, err := g.shared.s.Turn(h.name, key, h.delay)
	if errors.Is(err, ErrTakenOver) {
		return 0, err // not the store's failure: the run goes on
	}
	return wait, g.shared.check(err)
}

// turn takes h's start now when it is due, and else returns how long
// until it is.
func (g *gate) turn(h *hostGate) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if h.next.After(now) {
		return h.next.Sub(now)
	}
	h.next = now.Add(h.delay)
	return 0
}

func (g *gate) release(h *hostGate, pause time.Duration) {
	if g.shared != nil && (h.delay > 0 || pause > 0) {
		g.shared.check(g.shared.s.EndTurn(h.name, h.delay, pause))
	} else if g.shared == nil && pause > 0 {
		g.mu.Lock()
		until := g.now().Add(pause)
		if until.After(h.next) {
			h.next = until
		}
		g.mu.Unlock()
	}
	<-h.slots
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryable reports whether a page is worth asking again: a 429 or 503,
// or a fetch that failed on the connection before any response or before
// its body was whole.
func retryable(p Page) bool {
	if p.Err == nil {
		return p.Status == http.StatusTooManyRequests || p.Status == http.StatusServiceUnavailable
	}
	return (p.Status == 0 || p.Incomplete != "") && (errors.Is(p.Err, syscall.ECONNREFUSED) || errors.Is(p.Err, syscall.ECONNRESET) ||
		errors.Is(p.Err, io.EOF) || errors.Is(p.Err, io.ErrUnexpectedEOF) || timedOut(p.Err))
}

// backoff is the pause before try number attempt+1 (attempt counts from 1):
// the response's Retry-After when it names one, bounded by maxWait, else
// base doubled for each try.
func backoff(p Page, attempt int, base, maxWait time.Duration, now time.Time) time.Duration {
	if d, ok := retryAfter(p.Header, now); ok {
		return min(d, maxWait)
	}
	return min(base<<(attempt-1), maxWait)
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
