package archive

import (
	"cmp"
	"slices"
	"time"

	"github.com/prov-archive/prov/rules"
)

// Relations of a copy to its work's original.
const (
	RelOriginal  = "original"
	RelIdentical = "identical" // same normalised text as the original
)

// Work is a group of copies that share one text, with its elected original.
type Work struct {
	ID         string   `json:"id"` // short form of TextSHA256
	TextSHA256 string   `json:"text_sha256"`
	Original   Ref      `json:"original"`
	Reasons    []string `json:"reasons"` // why the original won, most decisive first
	Copies     []Copy   `json:"copies"`  // the original first, then in election order
}

// Ref names a capture.
type Ref struct {
	CaptureID uint64 `json:"capture_id"`
	URL       string `json:"url"`
}

// Copy is one copy of a work.
type Copy struct {
	CaptureID uint64 `json:"capture_id"`
	URL       string `json:"url"`
	Relation  string `json:"relation"`
	Publisher string `json:"publisher,omitempty"`
	Authority string `json:"authority,omitempty"`
	Published string `json:"published,omitempty"`
}

// Works groups the latest content capture of each URL (status 200, with a
// text hash) by exact text and elects each group's original: highest
// publisher authority, then earliest publication date (unknown dates
// last), then first fetched, then lowest capture ID. Works are ordered by
// TextSHA256; the result is deterministic.
func (db *DB) Works() ([]Work, error) {
	groups := map[string][]Capture{}
	err := db.LatestContent(func(c Capture) error {
		if c.TextSHA256 != "" {
			groups[c.TextSHA256] = append(groups[c.TextSHA256], c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	works := make([]Work, 0, len(groups))
	for sha, caps := range groups {
		works = append(works, elect(sha, caps))
	}
	slices.SortFunc(works, func(a, b Work) int { return cmp.Compare(a.TextSHA256, b.TextSHA256) })
	return works, nil
}

// elect orders the copies of one text and names the first the original.
func elect(sha string, caps []Capture) Work {
	slices.SortFunc(caps, compareCandidates)
	w := Work{TextSHA256: sha, ID: shortHex(sha), Reasons: reasons(caps)}
	w.Original = Ref{CaptureID: caps[0].ID, URL: caps[0].URL}
	for i, c := range caps {
		rel := RelIdentical
		if i == 0 {
			rel = RelOriginal
		}
		w.Copies = append(w.Copies, Copy{CaptureID: c.ID, URL: c.URL, Relation: rel,
			Publisher: c.Publisher, Authority: c.Authority, Published: c.Published})
	}
	return w
}

func shortHex(sha string) string {
	if h, err := ParseHash(sha); err == nil {
		return h.Short()
	}
	return sha
}

// criterion compares two candidates on one ground (negative: a is the
// better original) and explains a win.
type criterion struct {
	compare func(a, b Capture) int
	explain func(winner, beaten Capture) string
}

var criteria = []criterion{
	{byAuthority, explainAuthority},
	{byPublished, explainPublished},
	{byFetched, explainFetched},
	{byID, explainID},
}

func compareCandidates(a, b Capture) int {
	for _, c := range criteria {
		if r := c.compare(a, b); r != 0 {
			return r
		}
	}
	return 0
}

// reasons explains why caps[0] (sorted) beat the others: for each ground,
// in order, the copies still tied before it and beaten on it yield one
// reason, named against the best of them.
func reasons(caps []Capture) []string {
	if len(caps) == 1 {
		return []string{"only copy"}
	}
	win, rest := caps[0], caps[1:]
	var out []string
	for _, c := range criteria {
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
	ta, oka := ParsePublished(a.Published)
	tb, okb := ParsePublished(b.Published)
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
