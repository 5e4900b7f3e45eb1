package crawl

import (
	"context"
	"errors"
	"io"
	"net"
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
	name   string
	slots  chan struct{}
	delay  time.Duration
	next   time.Time // earliest start of the next request
	paused time.Time // end of the last pause the host asked for
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

// acquire waits for a slot and the host's turn for key. The caller must
// call release with the pause the response asked for (0 for none). With
// a shared store it fails with ErrTakenOver when key is no longer this
// worker's.
func (g *gate) acquire(ctx context.Context, h *hostGate, key string) error {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	var err error
	if g.shared != nil {
		err = g.sharedTurn(ctx, h, key)
	} else {
		err = g.localTurn(ctx, h)
	}
	if err != nil {
		<-h.slots
		return err
	}
	return nil
}

// sharedTurn waits until the shared store grants h's next request, for
// key.
func (g *gate) sharedTurn(ctx context.Context, h *hostGate, key string) error {
	for {
		wait, err := g.shared.s.Turn(h.name, key, h.delay)
		if errors.Is(err, ErrTakenOver) {
			return err // not the store's failure: the run goes on
		}
		if err = g.shared.check(err); err != nil || wait <= 0 {
			return err
		}
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// localTurn waits for h's next start. A pause the host asked for while
// this request waited for a start reserved before it (another request's
// 429 or 503) is waited out too, from a start reserved anew.
func (g *gate) localTurn(ctx context.Context, h *hostGate) error {
	for {
		if err := sleep(ctx, g.turn(h)); err != nil {
			return err
		}
		g.mu.Lock()
		paused := h.paused.After(g.now())
		g.mu.Unlock()
		if !paused {
			return nil
		}
	}
}

// turn reserves h's next start and returns how long to wait for it.
func (g *gate) turn(h *hostGate) time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	start := now
	if h.next.After(now) {
		start = h.next
	}
	h.next = start.Add(h.delay)
	return start.Sub(now)
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
		if until.After(h.paused) {
			h.paused = until
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
	var ne net.Error
	return (p.Status == 0 || p.Incomplete != "") && (errors.Is(p.Err, syscall.ECONNREFUSED) || errors.Is(p.Err, syscall.ECONNRESET) ||
		errors.Is(p.Err, io.EOF) || errors.Is(p.Err, io.ErrUnexpectedEOF) || (errors.As(p.Err, &ne) && ne.Timeout()))
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
