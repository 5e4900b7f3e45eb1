package crawl

import (
	"encoding/binary"
	"net/url"

	bolt "go.etcd.io/bbolt"
)

// A stopped crawl resumes from its frontier, whose queue was screened
// (enqueue's screen) under the scope of the run that queued it. The
// operator may have changed it since: a site taken out of the rules (its
// owner asked us to stop), a deny pattern added, a depth lowered. So
// before a resumed run takes anything, every URL still queued is screened
// again under this run's scope, and what it no longer admits leaves the
// queue unfetched, counted as skipped for the reason a link found now
// would be.

// rescreen takes out of the queue the URLs a stopped run queued that this
// run's scope no longer admits, and counts each as skipped. This run's
// seeds stay, as enqueueSeeds queues them: scope does not apply to a seed.
// A failed write stops the run and is returned.
//
// A shared crawl has nothing to screen again: every worker has the
// crawl's seeds and rules (one whose differ is refused), so what is
// queued was screened under this worker's rules.
func (cr *crawler) rescreen(seeds []*url.URL) error {
	isSeed := make(map[string]bool, len(seeds))
	for _, u := range seeds {
		isSeed[u.String()] = true
	}
	rejoin := cr.scope.rejoiner()
	dropped, err := cr.front.dropQueued(func(key string, depth int, kind byte) string {
		if kind == kindPage && isSeed[key] {
			return ""
		}
		return cr.admitsQueued(key, depth, kind, rejoin)
	})
	if cr.fail(err) {
		return err
	}
	for _, s := range dropped {
		cr.skipped(s.key, s.reason)
	}
	if len(dropped) > 0 {
		cr.cfg.Logger.Info("not fetched: queued by the stopped crawl, no longer admitted by the rules", "urls", len(dropped))
	}
	return nil
}

// admitsQueued returns why a URL queued at depth as kind by an earlier
// run is not to be fetched under this run's scope, "" when it is: the
// answer screen gives a link found now, bar what screen learns from
// robots.txt (checked when the URL's turn comes) and sitemaps. A page
// queued at depth 0 is an earlier run's seed (only seeds are queued so):
// it is kept while its host is in scope and its site does not deny it.
// rejoin brings back into scope a host a redirect of the stopped run
// may have brought in (scope.rejoiner).
func (cr *crawler) admitsQueued(key string, depth int, kind byte, rejoin func(host string)) string {
	u, err := url.Parse(key)
	if err != nil {
		return SkipOutOfScope
	}
	rejoin(u.Hostname())
	switch {
	case kind == kindPage && depth == 0:
		return cr.scope.admits(u, 0)
	case kind == kindPage:
		if why := cr.scope.follows(u, depth); why != "" {
			return why
		}
	default: // a document is worth reading only if its pages may be followed
		if why := cr.scope.admits(u, depth+1); why != "" {
			return why
		}
	}
	return cr.traps.trapped(key, u)
}

// rejoiner returns a function that brings host back into scope when it is
// on the same site (registrable domain) as a host in scope now: such a host
// joined the stopped run's scope by a redirect (admitRedirect, a site
// moved to www. or to a new name), which a resumed run, whose pages before
// the move are stored, does not follow again. A host of a site taken out
// of the rules shares no site with a host in scope, and stays out.
func (s *scope) rejoiner() func(host string) {
	sites := map[string]bool{}
	for _, h := range s.hostList() {
		if d := registrable(h); d != "" {
			sites[d] = true
		}
	}
	return func(host string) {
		if s.inScope(host) || !sites[registrable(host)] {
			return
		}
		s.mu.Lock()
		s.hosts[host] = true
		s.mu.Unlock()
	}
}

// dropQueued takes out of the queue, in one transaction, every URL why
// gives a reason for ("" keeps it), and returns them with their reasons.
// A URL taken out leaves the seen set and its host's count too, as if it
// had never been queued: a link to it found later in the run is screened
// afresh. It is for the start of a run, before anything is queued; the
// seen cache, which only learns, is emptied.
func (f *Frontier) dropQueued(why func(key string, depth int, kind byte) string) (dropped []skip, err error) {
	f.own.reset()
	err = f.update(func(tx *bolt.Tx) error {
		dropped = dropped[:0]
		var doomed [][]byte // their pending keys, in dropped's order
		pending := tx.Bucket(fbPending)
		err := pending.ForEach(func(k, v []byte) error {
			d, n := binary.Uvarint(v)
			key := string(v[n:])
			if r := why(key, int(d), kindOf(tx, key)); r != "" {
				doomed = append(doomed, append([]byte(nil), k...))
				dropped = append(dropped, skip{key, r})
			}
			return nil
		})
		if err != nil {
			return err
		}
		var counts counterChanges
		for i, k := range doomed {
			if err := pending.Delete(k); err != nil {
				return err
			}
			if err := f.forget(tx, dropped[i].key, &counts); err != nil {
				return err
			}
		}
		return counts.write(tx)
	})
	if err != nil {
		return nil, err
	}
	if len(dropped) > 0 {
		f.seenKeys.reset()
	}
	return dropped, nil
}

// forget undoes what push and admit wrote for a queued key, bar its place
// in the pending queue: its seen state, its kind, its host's count.
func (f *Frontier) forget(tx *bolt.Tx, key string, counts *counterChanges) error {
	class := "p "
	if kind := kindOf(tx, key); kind != kindPage {
		class = "d "
		if err := tx.Bucket(fbKinds).Delete([]byte(key)); err != nil {
			return err
		}
		counts.docs--
	}
	counts.queued--
	if err := f.seenIn(tx).delete([]byte(key)); err != nil {
		return err
	}
	hosts := tx.Bucket(fbHosts)
	hk := []byte(class + hostOf(key))
	if v := hosts.Get(hk); len(v) == 8 && binary.BigEndian.Uint64(v) > 0 {
		return hosts.Put(hk, binary.BigEndian.AppendUint64(nil, binary.BigEndian.Uint64(v)-1))
	}
	return nil
}

// reset empties the cache: keys left the seen set (dropQueued).
func (c *seenCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slots = nil
}
