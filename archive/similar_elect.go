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
//     later than a day after the copy was fetched (unknown dates last);
//  4. first fetched;
//  5. lowest capture ID.
type election struct {
	derived  map[uint64]string // capture ID → why it is a copy of another
	criteria []criterion
}

// criterion compares two candidates on one ground (negative: a is the
// better original) and explains a win.
type criterion struct {
	compare func(a, b Capture) int
	explain func(winner, beaten Capture) string
}

// newElection prepares an election among all the copies of a work.
func newElection(all []Capture) *election {
	e := &election{derived: map[uint64]string{}}
	for _, a := range all {
		for _, b := range all {
			if why := derivedFrom(a, b); why != "" && e.derived[a.ID] == "" {
				e.derived[a.ID] = why
			}
		}
	}
	e.criteria = []criterion{
		{e.byProvenance, e.explainProvenance},
		{byAuthority, explainAuthority},
		{byPublished, explainPublished},
		{byFetched, explainFetched},
		{byID, explainID},
	}
	return e
}

// derivedFrom says why a is a copy of b, or "" when nothing on a names b.
func derivedFrom(a, b Capture) string {
	if hostOf(a.URL) == hostOf(b.URL) {
		return ""
	}
	if a.Canonical != "" && (a.Canonical == b.URL || a.Canonical == b.FinalURL) {
		return fmt.Sprintf("its canonical link names %s", b.URL)
	}
	if namesSource(a.Attribution, b.Publisher) {
		return fmt.Sprintf("its attribution %q names the publisher of %s", a.Attribution, b.URL)
	}
	return ""
}

// namesSource says whether an attribution line names publisher: equal, or
// one holding the other, ignoring case and spaces.
func namesSource(attribution, publisher string) bool {
	a := strings.ToLower(strings.Join(strings.Fields(attribution), ""))
	p := strings.ToLower(strings.Join(strings.Fields(publisher), ""))
	if len([]rune(a)) < 2 || len([]rune(p)) < 2 {
		return false
	}
	return strings.Contains(a, p) || strings.Contains(p, a)
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

func (e *election) sort(caps []Capture) { slices.SortStableFunc(caps, e.compare) }

func (e *election) compare(a, b Capture) int {
	for _, c := range e.criteria {
		if r := c.compare(a, b); r != 0 {
			return r
		}
	}
	return 0
}

func (e *election) byProvenance(a, b Capture) int {
	return cmp.Compare(boolInt(e.derived[a.ID] != ""), boolInt(e.derived[b.ID] != ""))
}

func (e *election) explainProvenance(_, beaten Capture) string {
	return fmt.Sprintf("%s is a copy: %s", beaten.URL, e.derived[beaten.ID])
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// reasons explains why caps[0] (sorted) beat the others: for each ground,
// in order, the copies still tied before it and beaten on it yield one
// reason, named against the best of them.
func (e *election) reasons(caps []Capture) []string {
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
			out = append(out, c.explain(win, firstBeaten(rest, tied)))
		}
		rest = tied
	}
	return out
}

// firstBeaten returns the first of rest (in election order) not in tied:
// the strongest copy beaten on this ground.
func firstBeaten(rest, tied []Capture) Capture {
	for _, o := range rest {
		if !slices.ContainsFunc(tied, func(t Capture) bool { return t.ID == o.ID }) {
			return o
		}
	}
	return rest[0]
}

func authorityRank(c Capture) int { return rules.Authority(c.Authority).Rank() }

func byAuthority(a, b Capture) int { return cmp.Compare(authorityRank(b), authorityRank(a)) }

func byPublished(a, b Capture) int {
	ta, oka := credibleDate(a)
	tb, okb := credibleDate(b)
	switch {
	case oka && okb:
		return ta.Compare(tb)
	case oka:
		return -1
	case okb:
		return 1
	}
	return 0
}

// credibleDate is the copy's publication date unless it is missing,
// unreadable or later than a day after the copy was fetched.
func credibleDate(c Capture) (time.Time, bool) {
	t, ok := ParsePublished(c.Published)
	if ok && !c.FetchStart.IsZero() && t.After(c.FetchStart.Add(24*time.Hour)) {
		return t, false
	}
	return t, ok
}

func byFetched(a, b Capture) int { return a.FetchStart.Compare(b.FetchStart) }

func byID(a, b Capture) int { return cmp.Compare(a.ID, b.ID) }

// ParsePublished reads a publication date: RFC 3339, or YYYY-MM-DD taken
// as midnight UTC. ok is false for "" and anything else.
func ParsePublished(s string) (t time.Time, ok bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}
