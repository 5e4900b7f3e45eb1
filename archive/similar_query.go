package archive

import (
	"cmp"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Query is a text to look up in the archive: its clean text, its text
// hash, and its sketch with the count of its shingles (clean.Sketch).
type Query struct {
	Text       string
	TextSHA256 string
	Sketch     []uint32
	Shingles   int
}

// Match is an archived document that resembles a query. Resemblance
// compares the query (A) with the document (B).
type Match struct {
	TextSHA256 string `json:"text_sha256"`
	DocID      uint64 `json:"doc_id"` // the capture that first brought the document
	Resemblance
	// Relation of the query to the document: identical (same text hash),
	// near (Jaccard ≥ Near), excerpt (the query lies in the document),
	// contains (the document lies in the query).
	Relation string `json:"relation"`
}

// RelContains is the relation of a query to a match that it holds, and
// of a copy to a work's original that it holds (with more of its own).
const RelContains = "contains"

// Similar finds the archived documents that resemble q: candidates from
// the sketch index, each verified (computed from the stored text when
// sim.Shingles is set, estimated otherwise), strongest first. Documents
// that resemble q below both thresholds are left out.
func (db *DB) Similar(q Query, sim Similarity) ([]Match, error) {
	sim = sim.withDefaults()
	var out []Match
	err := db.view(func(tx *bolt.Tx) error {
		cp := &comparer{tx: tx, sim: sim}
		qi := &textInfo{sha: q.TextSHA256, sketch: q.Sketch, shingles: q.Shingles, text: &q.Text}
		if sim.Shingles != nil {
			qi.set = sim.Shingles(q.Text)
		}
		for _, c := range candidates(tx, q.Sketch, nil) {
			m, ok, err := verify(tx, cp, qi, c.DocID)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, m)
			}
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(relationRank(a.Relation), relationRank(b.Relation)),
			cmp.Compare(b.Jaccard, a.Jaccard))
	})
	return out, err
}

// verify compares the query with the document that capture doc brought.
func verify(tx *bolt.Tx, cp *comparer, q *textInfo, doc uint64) (Match, bool, error) {
	c, err := getCapture(tx, doc)
	if err != nil {
		return Match{}, false, err
	}
	t, err := loadText(tx, c.TextSHA256)
	if err != nil {
		return Match{}, false, err
	}
	r, err := cp.resemble(q, t)
	if err != nil {
		return Match{}, false, err
	}
	m := Match{TextSHA256: t.sha, DocID: doc, Resemblance: r}
	m.Relation = relationOf(q.sha == t.sha, r, cp.sim)
	return m, m.Relation != "", nil
}

// relationOf names how A relates to B given their resemblance; "" when
// they are not of one work.
func relationOf(sameHash bool, r Resemblance, sim Similarity) string {
	switch {
	case sameHash:
		return RelIdentical
	case shorterPart(r, sim):
		return RelExcerpt
	case r.Jaccard >= sim.Near:
		return RelNear
	case r.Contains >= sim.Contains:
		return RelContains
	}
	return ""
}

// shorterPart reports whether A is a part of B: B holds most of A's text
// (Containment) and A not most of B's (Contains). A copy cut short or
// quoted in part is so, however near its Jaccard; an edited copy holds
// most of the original as the original holds most of it, and is near.
func shorterPart(r Resemblance, sim Similarity) bool {
	return r.Containment >= sim.Contains && r.Contains < sim.Contains
}

func relationRank(rel string) int {
	return slices.Index([]string{RelIdentical, RelNear, RelExcerpt, RelContains}, rel)
}
