package archive

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/prov-archive/prov/rules"
)

// election orders the copies of one work, the likely original first, on
// these grounds in turn:
//
//  1. provenance: a copy whose canonical link names another copy's URL on
//     another host, or whose attribution names another copy's publisher,
//     is a copy of that one and loses to every copy that is not derived;
//  2. publisher authority (official > agency > news > portal > aggregator
//     > unknown);
//  3. the earliest credible publication date: one that parses and is not
//     later than a day after the copy was fetched (unknown dates last); a
//     day alone is compared by calendar date, and a date from the HTTP
//     Last-Modified header ranks below every date a page states
//     (elect_dates.go);
//  4. first fetched: when the copy's URL first brought its text
//     (firstFetched), to the second;
//  5. lowest capture ID.
//
// Each copy's standing on these grounds is worked out once, in its
// ballot, so that ordering n copies costs n log n comparisons of ballots
// and nothing is parsed twice; whom a copy derives from is found through
// indexes of the work's URLs and publishers (elect_index.go), not by
// comparing every pair.
type election struct {
	ballots  map[uint64]*ballot // by capture ID
	dates    dateOrder
	criteria []criterion
}

// ballot is one copy's standing.
type ballot struct {
	derived string  // why it is a copy of another; "" when it is not
	rank    int     // authority rank (rules.Authority.Rank)
	date    pubDate // credible publication date (elect_dates.go)
}

// criterion compares two candidates on one ground (negative: a is the
// better original) and explains a win.
type criterion struct {
	compare func(a, b *ballot, ca, cb *Capture) int
	explain func(winner, beaten *Capture) string
}

// newElection prepares an election among all the copies of a work. A
// copy derives from the first copy of all, in order, that its canonical
// link or attribution names (see derivedFrom).
func newElection(all []*Capture) *election {
	hosts := make([]string, len(all))
	for i := range all {
		hosts[i] = hostOf(all[i].URL)
	}
	links, pubs := newURLIndex(all, hosts), newPublisherIndex(all, hosts)
	e := &election{ballots: make(map[uint64]*ballot, len(all))}
	for i, c := range all {
		b := e.ballots[c.ID]
		if b == nil {
			b = &ballot{rank: authorityRank(c), date: newPubDate(c)}
			e.ballots[c.ID] = b
		}
		if b.derived == "" {
			b.derived = derivedFrom(c, hosts[i], all, links, pubs)
		}
	}
	dates := make([]pubDate, 0, len(e.ballots))
	for _, b := range e.ballots {
		dates = append(dates, b.date)
	}
	e.dates = newDateOrder(dates)
	e.criteria = []criterion{
		{byProvenance, e.explainProvenance},
		{byAuthority, explainAuthority},
		{e.byPublished, explainPublished},
		{byFetched, explainFetched},
		{byID, explainID},
	}
	return e
}

// derivedFrom says why copy a (on host) is a copy of another of all: the
// first copy on another host that a's canonical link names (by URL or
// final URL) or whose publisher a's attribution names (publisherIndex),
// the canonical link first when one copy is named both ways; "" when a
// names none.
func derivedFrom(a *Capture, host string, all []*Capture, links *firstIndex, pubs *publisherIndex) string {
	byLink, byName := -1, pubs.named(a.Attribution, host)
	if a.Canonical != "" {
		byLink = links.other(a.Canonical, host)
	}
	switch {
	case byLink >= 0 && (byName < 0 || byLink <= byName):
		return fmt.Sprintf("its canonical link names %s", all[byLink].URL)
	case byName >= 0:
		return fmt.Sprintf("its attribution %q names the publisher of %s", a.Attribution, all[byName].URL)
	}
	return ""
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// sort orders caps, the likely original first. Ties on every ground (the
// same capture twice) keep their order.
func (e *election) sort(caps []*Capture) {
	type voter struct {
		c *Capture
		b *ballot
	}
	vs := make([]voter, len(caps))
	for i, c := range caps {
		vs[i] = voter{c, e.ballots[c.ID]}
	}
	slices.SortStableFunc(vs, func(x, y voter) int { return e.compare(x.b, y.b, x.c, y.c) })
	for i := range vs {
		caps[i] = vs[i].c
	}
}

func (e *election) compare(a, b *ballot, ca, cb *Capture) int {
	for _, c := range e.criteria {
		if r := c.compare(a, b, ca, cb); r != 0 {
			return r
		}
	}
	return 0
}

func byProvenance(a, b *ballot, _, _ *Capture) int {
	return cmp.Compare(boolInt(a.derived != ""), boolInt(b.derived != ""))
}

// explainProvenance names the winner as what beaten derives from when
// beaten's canonical link or attribution names it, though the first copy
// it names may be another (the same publisher at another URL): the reason
// is about the original.
func (e *election) explainProvenance(win, beaten *Capture) string {
	why := derivation(beaten, win)
	if why == "" {
		why = e.ballots[beaten.ID].derived
	}
	return fmt.Sprintf("%s is a copy: %s", beaten.URL, why)
}

// derivation says why a is a copy of o: a's canonical link names o's URL
// or final URL, or a's attribution names o's publisher (sourceKey: one
// holds the other), o on another host; "" when it names neither.
func derivation(a, o *Capture) string {
	if hostOf(a.URL) == hostOf(o.URL) {
		return ""
	}
	if a.Canonical != "" && (a.Canonical == o.URL || a.Canonical == o.FinalURL) {
		return fmt.Sprintf("its canonical link names %s", o.URL)
	}
	ka, ko := sourceKey(a.Attribution), sourceKey(o.Publisher)
	if ka != "" && ko != "" && (strings.Contains(ka, ko) || strings.Contains(ko, ka)) {
		return fmt.Sprintf("its attribution %q names the publisher of %s", a.Attribution, o.URL)
	}
	return ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// reasons explains why caps[0] (sorted) beat the others: for each ground,
// in order, the copies still tied before it and beaten on it yield one
// reason, named against the best of them (the first beaten, in election
// order).
func (e *election) reasons(caps []*Capture) []string {
	if len(caps) == 1 {
		return []string{"only copy"}
	}
	win, rest := caps[0], caps[1:]
	wb := e.ballots[win.ID]
	var out []string
	for _, c := range e.criteria {
		if len(rest) == 0 {
			break
		}
		tied := rest[:0:0]
		var beaten *Capture
		for _, o := range rest {
			if c.compare(wb, e.ballots[o.ID], win, o) == 0 {
				tied = append(tied, o)
			} else if beaten == nil {
				beaten = o
			}
		}
		if beaten != nil {
			out = append(out, c.explain(win, beaten))
		}
		rest = tied
	}
	return out
}

func authorityRank(c *Capture) int { return rules.Authority(c.Authority).Rank() }

func byAuthority(a, b *ballot, _, _ *Capture) int { return cmp.Compare(b.rank, a.rank) }

func (e *election) byPublished(a, b *ballot, _, _ *Capture) int {
	return e.dates.compare(a.date, b.date)
}

// byFetched compares first fetches to the second, as the reason prints
// them: fetches within one second do not separate two copies (they are
// the order one crawl happened to take its queue in), and a reason that
// read "first fetched 16:29:40Z, earliest (next 16:29:40Z)" would give a
// ground that did not decide.
func byFetched(_, _ *ballot, a, b *Capture) int { return fetchedSecond(a).Compare(fetchedSecond(b)) }

// fetchedSecond is c's first fetch to the whole second: what the
// election's "first fetched" compares.
func fetchedSecond(c *Capture) time.Time { return c.FetchStart.Truncate(time.Second) }

func byID(_, _ *ballot, a, b *Capture) int { return cmp.Compare(a.ID, b.ID) }
