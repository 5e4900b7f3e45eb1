package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/gocolly/colly/v2"
)

// crawler holds one run: the collector and the state its callbacks share.
// colly calls the callbacks concurrently; every field is safe for that.
type crawler struct {
	cfg    Config
	ctx    context.Context
	t      *transport
	robots *robots
	scope  *scope
	front  *frontier
	out    *outbox
	c      *colly.Collector
}

func newCrawler(ctx context.Context, cfg Config, seeds []*url.URL, out *outbox) (*crawler, error) {
	cr := &crawler{cfg: cfg, ctx: ctx, out: out, front: newFrontier(cfg.MaxPages)}
	cr.t = newTransport(ctx, cfg)
	cr.robots = newRobots(cr.t, cfg)
	cr.scope = newScope(cfg, seeds)
	c, err := cr.collector()
	if err != nil {
		return nil, err
	}
	cr.c = c
	return cr, nil
}

// collector builds the colly collector. Its fields are set after
// NewCollector, which reads COLLY_* environment variables, so the
// environment cannot change what an archiver relies on.
func (cr *crawler) collector() (*colly.Collector, error) {
	c := colly.NewCollector()
	c.Async = true
	c.IgnoreRobotsTxt = false       // colly checks seeds and links too; its robots.txt fetch is served by the memo
	c.AllowURLRevisit = true        // dedup is ours, by canonical URL
	c.MaxDepth = 0                  // ours, per site
	c.MaxRequests = 0               // ours (MaxPages)
	c.MaxBodySize = 0               // the transport bounds the body and flags the cut
	c.ParseHTTPErrorResponse = true // every status reaches OnResponse
	c.DetectCharset = false
	c.CacheDir = ""
	c.CheckHead = false
	c.UserAgent = cr.cfg.UserAgent
	c.AllowedDomains = cr.scope.hostList()
	c.Context = cr.ctx
	c.WithTransport(cr.t)
	c.SetRequestTimeout(cr.cfg.Timeout)
	policy := &redirectPolicy{robots: cr.robots, scope: cr.scope, front: cr.front, stats: cr.cfg.Stats, log: cr.cfg.Logger}
	c.SetRedirectHandler(policy.check)
	if err := c.Limits(cr.scope.limitRules(cr.cfg)); err != nil {
		return nil, fmt.Errorf("crawl: limit rules: %w", err)
	}
	c.OnRequest(cr.onRequest)
	c.OnResponse(cr.onResponse)
	c.OnError(cr.onError)
	return c, nil
}

// enqueue queues the canonical URL key found at depth (0 for a seed) on the
// page of parent (nil for a seed), unless it is out of scope, seen, over the
// page budget, or disallowed by robots.txt.
func (cr *crawler) enqueue(parent *colly.Request, key string, depth int) {
	u, err := url.Parse(key)
	if err != nil {
		return
	}
	if parent != nil && !cr.scope.follows(u, depth) {
		cr.cfg.Stats.Skipped.Add(1)
		return
	}
	if !cr.front.markSeen(key) {
		return
	}
	if err := cr.robots.check(cr.ctx, u); err != nil {
		cr.refused(key, depth, err)
		return
	}
	if !cr.front.spend() {
		cr.cfg.Stats.Skipped.Add(1)
		return
	}
	if parent == nil {
		err = cr.c.Visit(key)
	} else {
		err = parent.Visit(key)
	}
	if err != nil {
		cr.refused(key, depth, err)
	}
}

// refused handles a URL that was not requested: robots.txt said no (counted,
// not sent), or its robots.txt or queueing failed (sent as a failed page).
func (cr *crawler) refused(key string, depth int, err error) {
	if errors.Is(err, ErrRobotsDisallowed) || errors.Is(err, colly.ErrRobotsTxtBlocked) {
		cr.cfg.Stats.RobotsBlocked.Add(1)
		cr.cfg.Logger.Debug("robots.txt disallows", "url", key)
		return
	}
	if cr.ctx.Err() != nil {
		return
	}
	u, _ := url.Parse(key)
	p := pageFrom(nil, key, cr.cfg)
	p.Depth, p.Rule = depth, cr.scope.ruleName(u)
	p.Err = fmt.Errorf("crawl: fetch %s: %w", key, err)
	cr.emit(p)
}

func (cr *crawler) onRequest(r *colly.Request) {
	if cr.ctx.Err() != nil {
		r.Abort()
		return
	}
	setHeaders(*r.Headers, cr.cfg, cr.t.newID(), r.URL.String())
}

func (cr *crawler) onResponse(resp *colly.Response) {
	p := cr.page(resp.Request)
	links := inspect(&p)
	cr.emit(p)
	for _, l := range links {
		cr.enqueue(resp.Request, l, p.Depth+1)
	}
}

func (cr *crawler) onError(resp *colly.Response, err error) {
	p := cr.page(resp.Request)
	p.Err = fetchError(p, err)
	cr.emit(p)
}

// page joins colly's request to the transport's record by the fetch id.
func (cr *crawler) page(r *colly.Request) Page {
	id := r.Headers.Get(fetchIDHeader)
	rec := cr.t.take(id)
	p := pageFrom(rec, r.URL.String(), cr.cfg)
	if rec == nil {
		p.Err = fmt.Errorf("crawl: fetch %s: no transport record for fetch %q", p.RequestedURL, id)
	}
	p.Depth = r.Depth - 1 // colly counts seeds as 1
	if u, err := url.Parse(p.RequestedURL); err == nil {
		p.Rule = cr.scope.ruleName(u)
	}
	return p
}

// emit sends p unless a page with the same canonical URL was already sent
// for another fetch (a rel=canonical duplicate).
func (cr *crawler) emit(p Page) {
	if p.Err == nil && p.CanonicalURL != "" {
		if earlier := cr.front.claim(p.CanonicalURL, p.RequestedURL); earlier != "" {
			cr.cfg.Stats.Duplicates.Add(1)
			cr.cfg.Logger.Debug("canonical already fetched; page not sent",
				"url", p.RequestedURL, "canonical", p.CanonicalURL, "fetched_as", earlier)
			return
		}
	}
	if cr.out.send(p) {
		cr.cfg.Stats.Fetched.Add(1)
	}
}

// flushOrphans sends the fetches whose response colly never handed back
// (colly drops a response whose charset it cannot convert), so every fetch
// that reached the network is sent.
func (cr *crawler) flushOrphans() {
	for _, rec := range cr.t.orphans() {
		p := pageFrom(rec, "", cr.cfg)
		if p.Err == nil {
			p.Err = fmt.Errorf("crawl: fetch %s: response not processed by the collector", p.RequestedURL)
		}
		cr.emit(p)
	}
}
