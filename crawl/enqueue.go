package crawl

import (
	"bytes"
	"net/url"
)

// budget is what the frontier may still queue for this run.
func (cr *crawler) budget() budget {
	return budget{pages: cr.cfg.MaxPages, perHost: cr.cfg.MaxPagesPerHost}
}

// enqueueSeeds queues the seeds at depth 0; scope and traps do not apply.
func (cr *crawler) enqueueSeeds(seeds []*url.URL) {
	keys := make([]string, len(seeds))
	for i, u := range seeds {
		keys[i] = u.String()
	}
	cr.add(keys, 0, kindPage)
}

// discoverSeeds queues, for each seed host, its robots.txt (read for its
// Sitemap: lines) and its /sitemap.xml, at depth 0.
func (cr *crawler) discoverSeeds(seeds []*url.URL) {
	if cr.cfg.NoDiscovery {
		return
	}
	var found []link
	done := map[string]bool{}
	for _, u := range seeds {
		origin := u.Scheme + "://" + u.Host
		if done[origin] {
			continue
		}
		done[origin] = true
		found = append(found, link{URL: origin + "/robots.txt", Kind: kindRobots},
			link{URL: origin + "/sitemap.xml", Kind: kindSitemap})
	}
	cr.enqueue(found, 0)
}

// enqueue queues what was found on a document at depth: pages one level
// deeper, sitemaps and feeds (read for more pages, not a step of their
// own) at depth. What is out of scope, a trap, over a limit, or listed by
// a sitemap as unchanged since its last capture is skipped and counted.
// It returns the frontier's error when a write failed (the run stops).
func (cr *crawler) enqueue(found []link, depth int) error {
	var byKind [len(queuedKinds)][]string // as queuedKinds
	for _, l := range found {
		if l.Kind == kindFeed && cr.cfg.NoDiscovery {
			continue
		}
		d := depth
		if l.Kind == kindPage {
			d = depth + 1
		}
		if why := cr.screen(l, d); why == skipFollowing || why == skipRobots {
			continue
		} else if why != "" {
			cr.skipped(l.URL, why)
			continue
		}
		if i := bytes.IndexByte(queuedKinds[:], l.Kind); i >= 0 {
			if byKind[i] == nil {
				byKind[i] = make([]string, 0, len(found)) // the links of a page are pages: one allocation, not one each time it grows
			}
			byKind[i] = append(byKind[i], l.URL)
		}
	}
	for i, kind := range queuedKinds {
		d := depth
		if kind == kindPage {
			d = depth + 1
		}
		if err := cr.add(byKind[i], d, kind); err != nil {
			return err
		}
	}
	return cr.front.Err()
}

// queuedKinds are the kinds of link enqueue queues, in the order it
// queues them.
var queuedKinds = [...]byte{kindPage, kindRobots, kindSitemap, kindFeed}

// screen returns why l, found for depth, is not queued; "" when it may be.
func (cr *crawler) screen(l link, depth int) string {
	u, err := parseKey(l.URL) // a value on screen's stack: no allocation a link
	if err != nil {
		return SkipOutOfScope
	}
	var why string
	if l.Kind == kindPage {
		why = cr.scope.follows(&u, depth)
	} else {
		// a document is worth reading only if its pages may be followed
		why = cr.scope.admits(&u, depth+1)
	}
	if why == "" {
		why = cr.traps.trapped(l.URL, &u)
	}
	if why == "" && l.Kind == kindPage {
		why = cr.disallowed(u)
	}
	if why == "" {
		why = cr.unchanged(l, depth)
	}
	return why
}

// skipRobots is screen's answer for a link its host's robots.txt, read
// already, disallows: counted as robots-blocked once (the link is marked
// seen), not as a skip.
const skipRobots = "robots"

// disallowed returns skipRobots for a page link whose host's robots.txt
// this run has read and disallows it, "" otherwise (robots.txt not read
// yet is read when the URL's turn comes). Under a page budget such a
// link is not queued: queued, it would take a place under MaxPages or
// MaxPagesPerHost from a page that can be fetched. Without one it is
// queued and refused at its turn, the same outcome, without testing
// every link of every page (most of them seen already) here. link
// is copied to the heap (the robots check keeps it) only past that test.
func (cr *crawler) disallowed(link url.URL) string {
	if cr.cfg.MaxPages <= 0 && cr.cfg.MaxPagesPerHost <= 0 {
		return ""
	}
	copied := link
	u := &copied
	if !cr.robots.known(u) || cr.robots.check(cr.ctx, u) == nil {
		return ""
	}
	key := u.String()
	if added, err := cr.front.markReached(key); cr.fail(err) || !added {
		return skipRobots // counted when first met
	}
	cr.robotsBlocked(key, ErrRobotsDisallowed)
	return skipRobots
}

// skipFollowing is screen's answer for a link whose stored links are being
// followed already (unchanged): it is neither queued nor counted.
const skipFollowing = "following"

// unchanged returns SkipUnchanged when a sitemap says l has not changed
// since its last capture: the links of its stored copy are queued, then
// it is marked seen so no other link fetches it this run. In that order,
// so that a run stopped in between follows them again. A link met again
// while its links are followed (a cycle, or another worker) is
// skipFollowing; "" when l is to be queued.
func (cr *crawler) unchanged(l link, depth int) string {
	if l.LastMod.IsZero() || cr.cfg.LastCaptured == nil {
		return ""
	}
	last := cr.cfg.LastCaptured(l.URL)
	if last.IsZero() || !last.After(l.LastMod) || cr.front.state(l.URL) != 0 {
		return ""
	}
	if _, busy := cr.following.LoadOrStore(l.URL, true); busy {
		return skipFollowing
	}
	defer cr.following.Delete(l.URL)
	if cr.followStored(l.URL, depth) != nil {
		return skipFollowing // the run stops
	}
	added, err := cr.front.markReached(l.URL)
	if cr.fail(err) || !added {
		return skipFollowing // queued or reached meanwhile
	}
	return SkipUnchanged
}

// followStored queues the links of the stored copy of a page a sitemap
// says is unchanged, as for a page that answered 304.
func (cr *crawler) followStored(key string, depth int) error {
	found := cr.storedLinks(Page{RequestedURL: key, FinalURL: key, CanonicalURL: key, Depth: depth})
	if len(found) == 0 {
		return nil
	}
	return cr.enqueue(found, depth)
}

// add queues keys of kind at depth and counts those over a limit; a
// failed write stops the run and is returned.
func (cr *crawler) add(keys []string, depth int, kind byte) error {
	_, over, err := cr.front.add(keys, depth, kind, cr.budget())
	if cr.fail(err) {
		return err
	}
	for _, s := range over {
		cr.skipped(s.key, s.reason)
	}
	return nil
}

// skipped counts a link not queued and notes why.
func (cr *crawler) skipped(key, reason string) {
	cr.cfg.Stats.skip(reason, 1)
	cr.cfg.Logger.Debug("link skipped", "url", key, "reason", reason)
	if reason == SkipMaxPages && cr.cfg.LeftOut != nil {
		cr.cfg.LeftOut(key)
	}
}

// readRobots reads the Sitemap: lines of the robots.txt at key (fetched
// once per run, for the robots.txt check too), queues the sitemaps, then
// settles key.
func (cr *crawler) readRobots(key string, depth int) {
	if cr.enqueue(cr.robotsSitemaps(key), depth) == nil {
		cr.fail(cr.front.settle(key))
	}
}

// robotsSitemaps returns the sitemaps the robots.txt at key names.
func (cr *crawler) robotsSitemaps(key string) []link {
	u, err := url.Parse(key)
	if err != nil {
		return nil
	}
	data, err := cr.robots.rules(cr.ctx, u)
	if err != nil {
		cr.cfg.Logger.Debug("robots.txt not read for sitemaps", "url", key, "err", err)
		return nil
	}
	cr.cfg.Stats.Discovery.Add(1)
	var found []link
	for _, s := range data.Sitemaps {
		if c := resolve(u, s); c != "" {
			found = append(found, link{URL: c, Kind: kindSitemap})
		}
	}
	return found
}
