package crawl

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
)

// crawler holds one run: the collector and the state its callbacks share.
// colly is used synchronously, by the run's workers (worker.go); the
// callbacks run in the worker's goroutine, and every field is safe for
// concurrent workers.
type crawler struct {
	cfg    Config
	ctx    context.Context
	t      *transport
	robots *robots
	scope  *scope
	front  queue
	gate   *gate
	out    *outbox
	c      *colly.Collector
	traps  *traps
	cancel context.CancelCauseFunc // ends ctx: the run stops at once

	following sync.Map    // URLs whose stored links are being queued (unchanged)
	away      sync.Map    // host → time.Time: it asked, by a Retry-After beyond MaxWait, for no request before then
	anyAway   atomic.Bool // away holds a host
}

// tryState is what a worker and colly's callbacks share of one try (one
// request through the collector), kept in the request's colly.Context
// under ctxTry: try makes it, the callbacks read it and note what they
// did in it. colly runs the callbacks in the worker's goroutine, during
// Collector.Request, so no lock guards it. One typed value, where a value
// each under its own key cost the Context an allocation each (a string in
// an interface), and numbers and pauses a round trip through text.
type tryState struct {
	key   string     // the canonical URL taken from the frontier
	depth int        // its depth
	kind  byte       // what the URL is fetched for (kindPage, kindSitemap…)
	try   int        // 1 for the first try
	v     validators // of the URL's last capture

	fetchID   string        // the transport's fetch id, set by onRequest
	handled   bool          // set by a callback that dealt with the fetch
	retry     bool          // set by a callback: try again after retryWait
	retryWait time.Duration // the pause before the next try
	hostPause time.Duration // set by a callback: the pause the host asked for
}

// ctxTry is the colly.Context key of a request's tryState.
const ctxTry = "prov.try"

// stateOf returns the tryState of a request's context. A request try did
// not make (none is: colly reads robots.txt through the transport, not
// the callbacks) gets an empty one, of a page, which nobody reads back.
func stateOf(ctx *colly.Context) *tryState {
	if st, ok := ctx.GetAny(ctxTry).(*tryState); ok {
		return st
	}
	return &tryState{kind: kindPage}
}

func newCrawler(ctx context.Context, cfg Config, seeds []*url.URL, out *outbox) (*crawler, error) {
	cr := &crawler{cfg: cfg, ctx: ctx, out: out, front: cfg.Frontier, gate: newGate(cfg.Now)}
	cr.t = newTransport(ctx, cfg)
	if cfg.Shared != nil {
		q := newSharedQueue(ctx, cfg.Shared)
		q.waiting = cfg.Waiting
		cr.front, cr.gate.shared, cr.t.robots.shared = q, q, q
	}
	cr.robots = newRobots(cr.t, cfg)
	cr.scope = newScope(cfg, seeds)
	cr.traps = newTraps(cfg)
	c, err := cr.collector()
	if err != nil {
		return nil, err
	}
	cr.c = c
	return cr, nil
}

// collector builds the colly collector. Its fields are set after
// NewCollector, which reads COLLY_* environment variables, so the
// environment cannot change what an archiver relies on. Pacing is ours
// (polite.go), so the collector has no limit rules.
func (cr *crawler) collector() (*colly.Collector, error) {
	c := colly.NewCollector()
	c.Async = false                 // the workers call it, one fetch each
	c.IgnoreRobotsTxt = false       // colly checks too; its robots.txt fetch is served by the memo
	c.AllowURLRevisit = true        // dedup is ours, by canonical URL
	c.MaxDepth = 0                  // ours, per site
	c.MaxRequests = 0               // ours (MaxPages)
	c.MaxBodySize = 0               // the transport bounds the body and flags the cut
	c.ParseHTTPErrorResponse = true // every status reaches OnResponse
	c.DetectCharset = false
	c.CacheDir = ""
	c.CheckHead = false
	c.UserAgent = cr.cfg.UserAgent
	// No AllowedDomains: scope is ours (enqueue, and admitRedirect for a
	// redirect, which colly would refuse as "Forbidden domain" even to
	// www. of a seed's host).
	c.Context = cr.ctx
	c.WithTransport(cr.t)
	c.SetRequestTimeout(0) // the transport ends a fetch at Config.Timeout (RoundTrip)
	policy := &redirectPolicy{robots: cr.robots, scope: cr.scope, front: cr.front, stats: cr.cfg.Stats, log: cr.cfg.Logger}
	c.SetRedirectHandler(policy.check)
	c.OnRequest(cr.onRequest)
	c.OnResponse(cr.onResponse)
	c.OnError(cr.onError)
	return c, nil
}

// refused handles a URL that was not requested: robots.txt said no (counted,
// settled, not sent; ErrSeedDisallowed for a seed), or its robots.txt or
// queueing failed (sent as a failed page).
func (cr *crawler) refused(e entry, err error) {
	if errors.Is(err, ErrRobotsDisallowed) || errors.Is(err, colly.ErrRobotsTxtBlocked) {
		why := ErrRobotsDisallowed
		if e.depth == 0 && e.kind == kindPage { // only seeds are queued so (enqueueSeeds)
			why = ErrSeedDisallowed
		}
		cr.robotsBlocked(e.key, why)
		cr.fail(cr.front.settle(e.key))
		return
	}
	if cr.ctx.Err() != nil {
		return
	}
	p := pageFrom(nil, e.key, cr.cfg)
	p.Depth = e.depth
	p.Err = fetchFailed(e.key, err)
	cr.emit(p, e.key, e.kind, nil)
}

// fail stops the run when err (a frontier write's) is not nil, and
// reports whether it did. The frontier keeps its first error, which Run
// returns.
// robotsBlocked counts key as a URL robots.txt disallows, never
// requested, and tells Config.Unsent why (ErrRobotsDisallowed, or
// ErrSeedDisallowed for a seed).
func (cr *crawler) robotsBlocked(key string, why error) {
	cr.cfg.Stats.RobotsBlocked.Add(1)
	cr.cfg.Logger.Debug("robots.txt disallows", "url", key)
	cr.unsent(key, fmt.Errorf("crawl: %s: %w", key, why))
}

// unsent tells Config.Unsent, when set, why key is not sent.
func (cr *crawler) unsent(key string, why error) {
	if cr.cfg.Unsent != nil {
		cr.cfg.Unsent(key, why)
	}
}

// ErrDuplicate is why a fetched page is not sent: its canonical URL was
// fetched before in the run (Config.Unsent).
var ErrDuplicate = errors.New("a page of the same canonical URL was fetched")

func (cr *crawler) fail(err error) bool {
	if err == nil {
		return false
	}
	cr.cancel(err)
	return true
}

func (cr *crawler) onRequest(r *colly.Request) {
	if cr.ctx.Err() != nil {
		r.Abort()
		return
	}
	st := stateOf(r.Ctx)
	st.fetchID = cr.t.newID()
	setHeaders(*r.Headers, cr.cfg, st.fetchID, st.v)
}

func (cr *crawler) onResponse(resp *colly.Response) {
	st := stateOf(resp.Request.Ctx)
	p := cr.page(resp.Request, st)
	if cr.retry(st, p) {
		p.Memory.Release()
		return
	}
	found, err := readLinks(&p, st.kind)
	if err != nil {
		cr.cfg.Logger.Debug("links not read", "url", p.RequestedURL, "err", err)
	}
	if p.Status == 304 && st.kind == kindPage {
		found = cr.storedLinks(p)
	}
	cr.emit(p, st.key, st.kind, found)
}

func (cr *crawler) onError(resp *colly.Response, err error) {
	st := stateOf(resp.Request.Ctx)
	p := cr.page(resp.Request, st)
	p.Err = fetchError(p, err)
	if cr.retry(st, p) {
		p.Memory.Release()
		return
	}
	cr.emit(p, st.key, st.kind, nil)
}

// retry marks the fetch handled and, when p is worth another try and tries
// are left, records the pause before it instead of sending p. A 429 or 503
// also pauses the whole host, retried or not. A page whose Retry-After
// is beyond MaxWait is not tried again this run: it fails with its
// status, and the host's pause is MaxWait.
func (cr *crawler) retry(st *tryState, p Page) bool {
	st.handled = true
	if !retryable(p) {
		return false
	}
	pause := backoff(p, st.try, cr.cfg.RetryBase, cr.cfg.MaxWait, cr.cfg.Now())
	if p.Err == nil {
		st.hostPause = pause
	}
	if st.try > cr.cfg.Retries {
		return false
	}
	if d, ok := retryAfter(p.Header, cr.cfg.Now()); ok && d > cr.cfg.MaxWait {
		cr.cfg.Logger.Debug("not tried again this run: Retry-After beyond the longest wait",
			"url", p.RequestedURL, "retry_after", d, "max_wait", cr.cfg.MaxWait)
		cr.markAway(p, d)
		return false
	}
	st.retry, st.retryWait = true, pause
	return true
}

// page joins colly's request to the transport's record by the fetch id.
func (cr *crawler) page(r *colly.Request, st *tryState) Page {
	rec := cr.t.take(st.fetchID)
	requested := st.key
	if requested == "" {
		requested = r.URL.String()
	}
	p := pageFrom(rec, requested, cr.cfg)
	if rec == nil {
		p.Err = fmt.Errorf("crawl: fetch %s: no transport record for fetch %q", p.RequestedURL, st.fetchID)
	}
	p.Depth = st.depth
	return p
}

// emit queues found, what p's fetch found, then sends p unless it is a
// document read only for its URLs (a sitemap, feed or robots.txt found by
// discovery), or a page with the same canonical URL was already sent for
// another fetch (a rel=canonical duplicate); those are settled here since
// they are not stored. key is the frontier's URL for the fetch, and kind
// the kind the frontier took it as (entry.kind), which a URL keeps once
// queued: passed along with the fetch, it costs no read of the frontier.
//
// A URL is done (settled here, or stored once sent) only after its links
// are queued: a run stopped by a failed frontier write in between fetches
// the URL again, rather than losing what it links to. Nothing is sent
// after a failed write. A page not sent gives back its memory hold.
func (cr *crawler) emit(p Page, key string, kind byte, found []link) {
	if !cr.deliver(p, key, kind, found) {
		p.Memory.Release()
	}
}

// deliver is emit but for the memory hold; it reports whether p was sent.
func (cr *crawler) deliver(p Page, key string, kind byte, found []link) bool {
	if kind != kindPage {
		if cr.enqueue(found, p.Depth) == nil {
			cr.readDoc(p, key)
		}
		return false
	}
	if p.Err != nil && cr.fail(cr.front.giveUpClaim(key)) {
		return false
	}
	earlier := ""
	if p.Err == nil && p.CanonicalURL != "" {
		var err error
		if earlier, err = cr.front.claim(p.CanonicalURL, p.RequestedURL); cr.fail(err) {
			return false
		}
	}
	if cr.enqueue(found, p.Depth) != nil {
		return false
	}
	if earlier != "" {
		cr.cfg.Stats.Duplicates.Add(1)
		cr.cfg.Logger.Debug("canonical already fetched; page not sent",
			"url", p.RequestedURL, "canonical", p.CanonicalURL, "fetched_as", earlier)
		cr.unsent(key, fmt.Errorf("crawl: %s: %w: %s (canonical %s)", key, ErrDuplicate, earlier, p.CanonicalURL))
		cr.fail(cr.front.settle(key))
		return false
	}
	if !cr.out.send(p) {
		return false
	}
	cr.cfg.Stats.Fetched.Add(1)
	return true
}

// flushOrphans sends the fetches whose response colly never handed back,
// so every fetch that reached the network is sent.
func (cr *crawler) flushOrphans() {
	for _, rec := range cr.t.orphans() {
		p := pageFrom(rec, "", cr.cfg)
		if p.Err == nil {
			p.Err = fmt.Errorf("crawl: fetch %s: response not processed by the collector", p.RequestedURL)
		}
		cr.emit(p, p.RequestedURL, cr.front.kind(p.RequestedURL), nil)
	}
}

// readDoc settles a sitemap or feed that was fetched for its URLs. One
// that failed is not a failed page: it is noted, and the crawl goes on.
func (cr *crawler) readDoc(p Page, key string) {
	if cr.fail(cr.front.settle(key)) {
		return
	}
	if p.Err != nil || p.Status < 200 || p.Status > 299 {
		cr.cfg.Logger.Debug("sitemap or feed not read", "url", key, "status", p.Status, "err", p.Err)
		return
	}
	cr.cfg.Stats.Discovery.Add(1)
}

// storedLinks returns the links of the copy the archive holds of a page
// that answered 304 Not Modified.
func (cr *crawler) storedLinks(p Page) []link {
	if cr.cfg.Stored == nil {
		return nil
	}
	payload, header := cr.cfg.Stored(p.CanonicalURL)
	if payload == nil {
		return nil
	}
	content, _, err := decode(payload, header.Get("Content-Encoding"), cr.cfg.MaxBodySize, false)
	if err != nil {
		return nil
	}
	q := p
	q.Status, q.Header, q.Payload, q.Content = 200, header, payload, content
	return inspect(&q)
}

// markAway notes that p's host asked, by a Retry-After of d beyond
// MaxWait, for no request before then: the run sends it none until then
// (hostAway), where each of its pages would otherwise wait out the host's
// pause of MaxWait in turn, be asked once and fail the same way.
func (cr *crawler) markAway(p Page, d time.Duration) {
	u, err := url.Parse(cmp.Or(p.FinalURL, p.RequestedURL))
	if err != nil || u.Host == "" {
		return
	}
	cr.away.Store(u.Host, cr.cfg.Now().Add(d))
	cr.anyAway.Store(true)
}

// hostAway settles j without a request when its host asked for none
// until a time still to come (markAway), counting it skipped
// (SkipHostAway); it reports whether it did.
func (cr *crawler) hostAway(j *job) bool {
	if !cr.anyAway.Load() {
		return false
	}
	u, err := url.Parse(j.e.key)
	if err != nil {
		return false
	}
	until, ok := cr.away.Load(u.Host)
	if !ok || !cr.cfg.Now().Before(until.(time.Time)) {
		return false
	}
	cr.cfg.Stats.skip(SkipHostAway, 1)
	cr.cfg.Logger.Debug("not fetched: its host asked for no request before then (Retry-After)", "url", j.e.key, "until", until)
	cr.unsent(j.e.key, fmt.Errorf("crawl: %s: %w", j.e.key, ErrHostAway))
	cr.fail(cr.front.settle(j.e.key))
	return true
}

// ErrHostAway is why a URL is not sent: its host answered another page
// with a Retry-After beyond the longest wait (Config.MaxWait), asking for
// no request until after it (Config.Unsent).
var ErrHostAway = errors.New("its host asked for no request until later (Retry-After beyond the longest wait)")
