package archive

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The pairwise election as it stood before the per-copy keys (issue #20),
// kept as the oracle that the election must agree with: every pair of
// copies is compared, and the URLs parsed, on each comparison. It is
// quadratic; tests run it on a few hundred copies.

// OracleElect orders core and rest and gives the reasons, as buildWork
// did with the pairwise election.
func OracleElect(core, rest []Capture) ([]Capture, []string) {
	ordered, reasons, _ := OracleElection(core, rest)
	return ordered, reasons
}

// OracleElection is OracleElect with the derivations it found, by
// capture ID ("" for a copy that derives from none).
func OracleElection(core, rest []Capture) ([]Capture, []string, map[uint64]string) {
	all := append(slices.Clone(core), rest...)
	e := newOracle(all)
	core, rest = slices.Clone(core), slices.Clone(rest)
	slices.SortStableFunc(core, e.compare)
	if len(core) > 0 {
		// An excerpt that beats the best full text on provenance,
		// authority or date stands with the full texts.
		var kept []Capture
		for _, c := range rest {
			if e.compareOn(3, c, core[0]) < 0 {
				core = append(core, c)
			} else {
				kept = append(kept, c)
			}
		}
		rest = kept
		slices.SortStableFunc(core, e.compare)
	}
	slices.SortStableFunc(rest, e.compare)
	derived := map[uint64]string{}
	for _, c := range all {
		derived[c.ID] = e.derived[c.ID]
	}
	return append(core, rest...), e.reasons(core), derived
}

type oracle struct {
	derived  map[uint64]string
	untimed  map[string]bool // dates given as a day alone
	byDay    bool
	criteria []oracleCriterion
}

type oracleCriterion struct {
	compare func(a, b Capture) int
	explain func(winner, beaten Capture) string
}

func newOracle(all []Capture) *oracle {
	e := &oracle{derived: map[uint64]string{}, untimed: oracleUntimed(all)}
	e.byDay = len(e.untimed) > 0
	for _, a := range all {
		for _, b := range all {
			if why := oracleDerivedFrom(a, b); why != "" && e.derived[a.ID] == "" {
				e.derived[a.ID] = why
			}
		}
	}
	e.criteria = []oracleCriterion{
		{func(a, b Capture) int {
			return cmp.Compare(oracleBool(e.derived[a.ID] != ""), oracleBool(e.derived[b.ID] != ""))
		}, func(win, beaten Capture) string {
			why := oracleDerivedFrom(beaten, win)
			if why == "" {
				why = e.derived[beaten.ID]
			}
			return fmt.Sprintf("%s is a copy: %s", beaten.URL, why)
		}},
		{func(a, b Capture) int {
			return cmp.Compare(authorityRank(&b), authorityRank(&a))
		}, func(w, b Capture) string { return explainAuthority(&w, &b) }},
		{e.byPublished, func(w, b Capture) string { return explainPublished(&w, &b) }},
		{func(a, b Capture) int { return fetchedSecond(&a).Compare(fetchedSecond(&b)) }, func(w, b Capture) string { return explainFetched(&w, &b) }},
		{func(a, b Capture) int { return cmp.Compare(a.ID, b.ID) }, func(w, b Capture) string { return explainID(&w, &b) }},
	}
	return e
}

func oracleDerivedFrom(a, b Capture) string {
	if oracleHost(a.URL) == oracleHost(b.URL) {
		return ""
	}
	if a.Canonical != "" && (a.Canonical == b.URL || a.Canonical == b.FinalURL) {
		return fmt.Sprintf("its canonical link names %s", b.URL)
	}
	if oracleNamesSource(a.Attribution, b.Publisher) {
		return fmt.Sprintf("its attribution %q names the publisher of %s", a.Attribution, b.URL)
	}
	return ""
}

func oracleNamesSource(attribution, publisher string) bool {
	a := strings.ToLower(strings.Join(strings.Fields(attribution), ""))
	p := strings.ToLower(strings.Join(strings.Fields(publisher), ""))
	if len([]rune(a)) < 2 || len([]rune(p)) < 2 {
		return false
	}
	return strings.Contains(a, p) || strings.Contains(p, a)
}

func oracleHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

func (e *oracle) compare(a, b Capture) int { return e.compareOn(len(e.criteria), a, b) }

func (e *oracle) compareOn(n int, a, b Capture) int {
	for _, c := range e.criteria[:n] {
		if r := c.compare(a, b); r != 0 {
			return r
		}
	}
	return 0
}

func oracleBool(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (e *oracle) reasons(caps []Capture) []string {
	if len(caps) == 1 {
		return []string{"only copy"}
	}
	win, rest := caps[0], caps[1:]
	var out []string
	for _, c := range e.criteria {
		if len(rest) == 0 {
			break
		}
		var tied []Capture
		for _, o := range rest {
			if c.compare(win, o) == 0 {
				tied = append(tied, o)
			}
		}
		if len(tied) < len(rest) {
			beaten := rest[0]
			for _, o := range rest {
				if !slices.ContainsFunc(tied, func(t Capture) bool { return t.ID == o.ID }) {
					beaten = o
					break
				}
			}
			out = append(out, c.explain(win, beaten))
		}
		rest = tied
	}
	return out
}

// oracleByPublished compares credible dates: by calendar date in their
// own offsets first when any copy of all gives a day alone, then, on one
// date, as instants unless some copy gives that date as a day alone.
func (e *oracle) byPublished(a, b Capture) int {
	ta, oka := oracleCredible(a)
	tb, okb := oracleCredible(b)
	if ha, hb := oka && oracleFromHeader(a), okb && oracleFromHeader(b); oka && okb && ha != hb {
		return cmp.Compare(oracleBool(ha), oracleBool(hb)) // a date the page states first
	}
	switch {
	case oka && okb:
		da, db := ta.Format(time.DateOnly), tb.Format(time.DateOnly)
		if e.byDay && da != db {
			return strings.Compare(da, db)
		}
		if da == db && e.untimed[da] {
			return 0
		}
		return ta.Compare(tb)
	case oka:
		return -1
	case okb:
		return 1
	}
	return 0
}

// oracleCredible is a copy's credible date, in the offset it was written in.
func oracleCredible(c Capture) (t time.Time, ok bool) {
	t, ok = ParsePublished(c.Published)
	if ok && !c.FetchStart.IsZero() && t.After(c.FetchStart.Add(24*time.Hour)) {
		return t, false
	}
	return t, ok
}

// oracleUntimed returns the dates that copies of all give as a day alone.
func oracleUntimed(all []Capture) map[string]bool {
	days := map[string]bool{}
	for _, c := range all {
		if _, ok := oracleCredible(c); ok && len(c.Published) == len(time.DateOnly) && !oracleFromHeader(c) {
			days[c.Published] = true
		}
	}
	return days
}

func oracleFromHeader(c Capture) bool { return strings.HasPrefix(c.PublishedWhy, "last-modified:") }
