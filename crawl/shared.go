package crawl

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// queue is what a run needs of its crawl state: *Frontier (one process,
// a bbolt file) and sharedQueue (a Shared store many processes crawl
// from) implement it.
type queue interface {
	add(keys []string, depth int, kind byte, b budget) (added int, over []skip, err error)
	markReached(key string) (bool, error)
	state(key string) byte
	take(maxPages int) (e entry, ok, over bool, err error)
	levelOpen(depth int) bool
	releaseLevel(e entry)
	kind(key string) byte
	settle(key string) error
	claim(canonical, requested string) (earlier string, err error)
	giveUpClaim(key string) error
	wait() <-chan struct{}
	drained() bool
	requeueTaken(stored func(url string) bool) error
	dropQueued(why func(key string, depth int, kind byte) string) ([]skip, error)
	queuedPages(fn func(key string)) error
	Queued() int
	Resumed() int
	Begun() time.Time
	Err() error
	Failed() <-chan struct{}
}

// drained is true for a frontier whose take found nothing: only this
// process's workers could queue more, and the run counts them.
func (f *Frontier) drained() bool { return true }

// Kinds of URL a Shared store keeps: a page, or a document read only for
// the URLs it lists.
const (
	KindPage    = kindPage
	KindRobots  = kindRobots
	KindSitemap = kindSitemap
	KindFeed    = kindFeed
)

// Budget bounds what Shared.Add queues: Pages (> 0) pages taken over the
// whole crawl, PerHost (> 0) pages queued per host, DocsPerHost documents
// (sitemaps, feeds, robots.txt) queued per host.
type Budget struct{ Pages, PerHost, DocsPerHost int }

// Skipped is a URL Shared.Add did not queue, and why (a Skip* constant).
type Skipped struct{ Key, Reason string }

// Taken is a URL handed to one worker by Shared.Take.
type Taken struct {
	Key   string
	Depth int
	Kind  byte // KindPage, or the kind of document
}

// TakeState is what Shared.Take found.
type TakeState int

const (
	TakeGot      TakeState = iota // a URL is handed out
	TakeWait                      // none now: others are fetching, or a shallower depth is not done
	TakeDrained                   // the queue is empty and no URL is taken anywhere: the crawl is done
	TakeOverPage                  // the page budget is spent
)

// Shared is a crawl state several processes (workers) crawl from at once.
// It keeps what Frontier keeps (the depth-ordered queue, the seen set,
// the claims of canonical URLs, per-host counts) and what one process
// otherwise keeps in memory: when each host may be asked next, and the
// robots.txt answers. Every method is safe for concurrent use; an error
// from any of them means the store is lost and the run stops (Err).
type Shared interface {
	// Add queues each key not seen yet at depth, within b, and returns how
	// many it queued and which it left out for a limit.
	Add(keys []string, depth int, kind byte, b Budget) (added int, over []Skipped, err error)
	// MarkReached adds key to the seen set without queueing it; true
	// when it was not seen before.
	MarkReached(key string) (bool, error)
	// Seen reports whether key is in the seen set.
	Seen(key string) (bool, error)
	// Take hands out the next URL, leased to this worker until Done or
	// Settle: of the first URLs of the queue's first depth, the first
	// whose host may be sent a request now (Turn would grant it), else
	// the first. No URL deeper than the shallowest one taken anywhere and
	// not done yet is handed out: a URL of depth d+1 is fetched only
	// once every URL of depth d is stored (its capture committed to a
	// worker's shard) or settled, so a worker that dies after a fetch
	// and before its commit keeps the next depth waiting until its URL
	// is taken over and stored.
	Take(maxPages int) (Taken, TakeState, error)
	// Kind returns the kind key was queued as.
	Kind(key string) (byte, error)
	// Settle marks key done without a capture and gives up its claim.
	Settle(key string) error
	// Claim records that requested's fetch produced canonical; when
	// another fetch claimed it first it returns that fetch's URL.
	Claim(canonical, requested string) (earlier string, err error)
	// GiveUpClaim gives up the claim key's take made (its fetch failed).
	GiveUpClaim(key string) error
	// Done marks urls stored: their leases end.
	Done(urls ...string) error
	// RequeueTaken settles the URLs this worker had taken in an earlier
	// run: done when stored says its capture is kept, else queued again.
	RequeueTaken(stored func(url string) bool) (resumed int, err error)
	// Queued returns how many URLs wait in the queue.
	Queued() (int, error)
	// Begun is when the crawl began (its first worker).
	Begun() time.Time
	// Turn grants the request for key to host now (0), or returns how
	// long to wait before asking again. A host with a delay has one
	// request at a time across all workers, each granted at least delay
	// after the one before ended (EndTurn); so the site sees them at
	// least delay apart however late a worker sends what it was granted.
	// When key (not "") is no longer this worker's, its lease having run
	// out and another worker having taken it over, Turn grants nothing
	// and returns ErrTakenOver: the URL is the other worker's to fetch.
	Turn(host, key string, delay time.Duration) (time.Duration, error)
	// EndTurn says the request Turn granted is over: the next to host is
	// granted no sooner than the larger of delay and pause (Retry-After,
	// or a backoff after a 429 or 503) from now.
	EndTurn(host string, delay, pause time.Duration) error
	// Robots returns the robots.txt answer stored for robotsURL, calling
	// fetch (in one worker only, the others wait) when there is none.
	Robots(ctx context.Context, robotsURL string, fetch func() (status int, body []byte, err error)) (status int, body []byte, err error)
	// Drained reports whether the queue is empty and no URL is taken by
	// any worker: the crawl is over.
	Drained() (bool, error)
	// Taken returns how many URLs this worker holds and has not settled.
	Taken() (int, error)
	// Err returns the store's first failure, nil while none: after one,
	// every method fails.
	Err() error
	// Failed is closed at the store's first failure, whichever call (or
	// the store's own background work) met it.
	Failed() <-chan struct{}
}

// sharedQueue is a run's queue on a Shared store. It saves a round trip
// where it can: the kind of a URL this process took is known from its
// take, and the queue's length (for progress) is asked at most every
// queuedEvery.
type sharedQueue struct {
	s       Shared
	fail    *broken
	poll    time.Duration
	waiting func() // Config.Waiting, or nil

	kinds sync.Map // key → kind, of the URLs taken here and not released

	mu     sync.Mutex
	queued int
	asked  time.Time
	idle   time.Time // until then, a take or drained here is answered "nothing" without asking
}

const queuedEvery = 250 * time.Millisecond

// sharedPoll is how often a worker with nothing to take asks again: the
// store cannot wake workers of other processes.
const sharedPoll = 25 * time.Millisecond

// newSharedQueue returns the queue on s; until ctx ends, a failure of s
// met elsewhere (its lease renewals) is the queue's too, and stops the run.
func newSharedQueue(ctx context.Context, s Shared) *sharedQueue {
	q := &sharedQueue{s: s, fail: newBroken(), poll: sharedPoll}
	go func() {
		select {
		case <-s.Failed():
			q.check(s.Err())
		case <-ctx.Done():
		}
	}()
	return q
}

// ErrTakenOver is Shared.Turn's error for a URL this worker held and
// lost: its lease ran out while the worker was stopped or starved, and
// another worker took it over. The worker does not send its request: the
// URL is fetched and stored once, by the other, and a URL of the next
// depth is never fetched after the other worker stored it and opened
// that depth.
var ErrTakenOver = errors.New("crawl: URL taken over by another worker")

// ErrSharedLost is wrapped by the error of a run whose Shared store
// failed: the worker stops, and the same command resumes once the store
// is back.
var ErrSharedLost = errors.New("shared frontier lost")

// check keeps err, the first, as the queue's error.
func (q *sharedQueue) check(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrSharedLost) {
		return q.fail.set(err)
	}
	return q.fail.set(fmt.Errorf("crawl: %w (run the same command again once it is back): %w", ErrSharedLost, err))
}

func (q *sharedQueue) add(keys []string, depth int, kind byte, b budget) (int, []skip, error) {
	if len(keys) == 0 {
		return 0, nil, nil
	}
	added, over, err := q.s.Add(keys, depth, kind, Budget{Pages: b.pages, PerHost: b.perHost, DocsPerHost: maxDocsPerHost})
	if err = q.check(err); err != nil {
		return 0, nil, err
	}
	if added > 0 {
		q.wake()
	}
	out := make([]skip, len(over))
	for i, s := range over {
		out[i] = skip{s.Key, s.Reason}
	}
	return added, out, nil
}

func (q *sharedQueue) markReached(key string) (bool, error) {
	added, err := q.s.MarkReached(key)
	return added, q.check(err)
}

func (q *sharedQueue) state(key string) byte {
	seen, err := q.s.Seen(key)
	if q.check(err) != nil || seen {
		return stDone // a lost store queues nothing more
	}
	return 0
}

// take asks the store for a URL, unless the store said "nothing" less
// than a poll ago and this process changed nothing since: a process's
// idle workers then ask once per poll between them, not once each.
func (q *sharedQueue) take(maxPages int) (entry, bool, bool, error) {
	if err := q.fail.get(); err != nil {
		return entry{}, false, false, err
	}
	if q.resting() {
		return entry{}, false, false, nil
	}
	t, st, err := q.s.Take(maxPages)
	if err = q.check(err); err != nil {
		return entry{}, false, false, err
	}
	if st == TakeWait {
		q.rest()
		if q.waiting != nil {
			q.waiting()
		}
	}
	switch st {
	case TakeGot:
		q.kinds.Store(t.Key, t.Kind)
		return entry{key: t.Key, depth: t.Depth, kind: t.Kind}, true, false, nil
	case TakeOverPage:
		return entry{}, false, true, nil
	}
	return entry{}, false, false, nil
}

// levelOpen is always true: Take hands out no URL deeper than one still
// being fetched.
func (q *sharedQueue) levelOpen(depth int) bool { return true }

// resting reports whether the store said "nothing" less than a poll ago.
func (q *sharedQueue) resting() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return time.Now().Before(q.idle)
}

func (q *sharedQueue) rest() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.idle = time.Now().Add(q.poll)
}

// wake ends a rest: this process queued or released something.
func (q *sharedQueue) wake() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.idle = time.Time{}
}

// releaseLevel forgets e's kind: the store opens the next depth when
// e is done (stored or settled), not when its fetch is over.
func (q *sharedQueue) releaseLevel(e entry) {
	defer q.wake()
	q.kinds.Delete(e.key)
}

func (q *sharedQueue) kind(key string) byte {
	if k, ok := q.kinds.Load(key); ok {
		return k.(byte)
	}
	k, err := q.s.Kind(key)
	q.check(err)
	return k
}

func (q *sharedQueue) settle(key string) error { return q.check(q.s.Settle(key)) }

func (q *sharedQueue) claim(canonical, requested string) (string, error) {
	earlier, err := q.s.Claim(canonical, requested)
	return earlier, q.check(err)
}

func (q *sharedQueue) giveUpClaim(key string) error { return q.check(q.s.GiveUpClaim(key)) }

// wait returns a channel closed after the poll interval: the other
// workers' changes are seen by asking again.
func (q *sharedQueue) wait() <-chan struct{} {
	ch := make(chan struct{})
	time.AfterFunc(q.poll, func() { close(ch) })
	return ch
}

// drained asks the store whether the crawl is over everywhere (not while
// resting: the store said "nothing yet" less than a poll ago).
func (q *sharedQueue) drained() bool {
	if q.fail.get() != nil {
		return true
	}
	if q.resting() {
		return false
	}
	done, err := q.s.Drained()
	if !done && err == nil {
		q.rest()
	}
	return q.check(err) != nil || done
}

func (q *sharedQueue) requeueTaken(stored func(url string) bool) error {
	_, err := q.s.RequeueTaken(stored)
	return q.check(err)
}

// dropQueued drops nothing: every worker of a shared crawl has its seeds
// and rules (the store refuses one whose differ,
// redisfrontier.ErrConfigDiffers), so what others queued was screened
// under this worker's rules.
func (q *sharedQueue) dropQueued(func(key string, depth int, kind byte) string) ([]skip, error) {
	return nil, nil
}

// queuedPages tells nothing: what is queued in a shared crawl is the
// crawl's, which the other workers go on taking from.
func (q *sharedQueue) queuedPages(func(key string)) error { return nil }

func (q *sharedQueue) Queued() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	if time.Since(q.asked) < queuedEvery {
		return q.queued
	}
	n, err := q.s.Queued()
	q.check(err)
	q.queued, q.asked = n, time.Now()
	return n
}

// Resumed is 0: a shared crawl goes on whichever worker starts.
func (q *sharedQueue) Resumed() int            { return 0 }
func (q *sharedQueue) Begun() time.Time        { return q.s.Begun() }
func (q *sharedQueue) Err() error              { return q.fail.get() }
func (q *sharedQueue) Failed() <-chan struct{} { return q.fail.ch }
