package archive

import (
	"cmp"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Thresholds of Works and Similar, calibrated on labelled pairs built from
// the seed corpus and the demo mini-web (cmd/prov TestCalibrateThresholds
// prints the table): 141 pairs, 96 of one work (the mini-web's copies; its
// texts and seed 003 with 1–6 paragraphs removed, extended or reworded;
// contiguous excerpts of 10–60%), 45 of different works (the 2019 concept
// paper against the 2022 white paper, the Chinese text against the
// English, excerpts of one work against another). A pair is one work when
// Jaccard ≥ Near or the shorter text's containment ≥ Contains.
//
//	threshold  Jaccard alone         containment alone
//	           precision  recall     precision  recall
//	0.20       1.000      0.927      0.873      1.000
//	0.30       1.000      0.896      0.906      1.000
//	0.40       1.000      0.885      1.000      1.000
//	0.50       1.000      0.865      1.000      1.000
//	0.70       1.000      0.792      1.000      1.000
//	0.80       1.000      0.771      1.000      1.000
//	0.95       1.000      0.562      1.000      1.000
//	defaults (Near 0.5 or Contains 0.8): precision 1.000, recall 1.000
//
// The concept paper shares stock phrases with the white paper: Jaccard
// 0.197, 35% of the shorter in the longer; containment must stay above
// that. Jaccard alone misses excerpts, which containment catches.
const (
	DefaultNear     = 0.5
	DefaultContains = 0.8
)

// Similarity says how Works and Similar compare two texts.
type Similarity struct {
	// Shingles returns the sorted, distinct shingle hashes of a text, made
	// as the stored sketches were (clean.Shingles). When nil, resemblance
	// is estimated from the sketches (standard error about 0.04) instead
	// of computed from the stored texts.
	Shingles func(text string) []uint64
	Near     float64 // Jaccard from which two texts are near copies; default DefaultNear
	Contains float64 // share of a shorter text found in a longer one from which it is an excerpt; default DefaultContains
}

func (s Similarity) withDefaults() Similarity {
	if s.Near <= 0 {
		s.Near = DefaultNear
	}
	if s.Contains <= 0 {
		s.Contains = DefaultContains
	}
	return s
}

// Resemblance compares a text A with a text B by their shingle sets.
type Resemblance struct {
	Jaccard     float64 `json:"jaccard"`     // |A∩B| / |A∪B|
	Containment float64 `json:"containment"` // |A∩B| / |A|: how much of A is in B
	Contains    float64 `json:"contains"`    // |A∩B| / |B|: how much of B is in A
	Estimated   bool    `json:"estimated,omitempty"`
}

// textInfo is one document as the comparisons see it.
type textInfo struct {
	sha      string
	docID    uint64 // first capture
	sketch   []uint32
	shingles int
	text     *string  // loaded on first use
	set      []uint64 // computed on first use
}

// comparer computes resemblances inside one read transaction, caching
// each text's shingle set. stop, when set, is checked by the loops that
// compare texts one after another (DB.Interrupted).
type comparer struct {
	tx   *bolt.Tx
	sim  Similarity
	stop func() error
}

// stopped is cp.stop's error, nil without one.
func (cp *comparer) stopped() error {
	if cp.stop == nil {
		return nil
	}
	return cp.stop()
}

func (cp *comparer) resemble(a, b *textInfo) (Resemblance, error) {
	if cp.sim.Shingles == nil {
		return estimate(a.sketch, b.sketch, a.shingles, b.shingles), nil
	}
	sa, err := cp.shingleSet(a)
	if err != nil {
		return Resemblance{}, err
	}
	sb, err := cp.shingleSet(b)
	if err != nil {
		return Resemblance{}, err
	}
	return resemblance(sa, sb), nil
}

// prepare makes the shingle sets that resemble(a, b) would.
func (cp *comparer) prepare(a, b *textInfo) error {
	if cp.sim.Shingles == nil {
		return nil
	}
	if _, err := cp.shingleSet(a); err != nil {
		return err
	}
	_, err := cp.shingleSet(b)
	return err
}

func (cp *comparer) shingleSet(t *textInfo) ([]uint64, error) {
	if t.set != nil || t.text != nil {
		return t.set, nil
	}
	h, err := ParseHash(t.sha)
	if err != nil {
		return nil, err
	}
	d, err := getDocument(cp.tx, h)
	if err != nil {
		return nil, err
	}
	t.text, t.set = &d.Text, cp.sim.Shingles(d.Text)
	return t.set, nil
}

// resemblance compares two sorted sets of distinct hashes.
func resemblance(a, b []uint64) Resemblance {
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return fromCounts(float64(inter), float64(len(a)), float64(len(b)), false)
}

// estimate derives a resemblance from two MinHash sketches and the sizes
// of the sets they were taken over.
func estimate(a, b []uint32, na, nb int) Resemblance {
	if !validSketch(a) || !validSketch(b) || na == 0 || nb == 0 {
		return Resemblance{Estimated: true}
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	j := float64(eq) / float64(len(a))
	inter := min(j*float64(na+nb)/(1+j), float64(min(na, nb)))
	return fromCounts(inter, float64(na), float64(nb), true)
}

func fromCounts(inter, na, nb float64, est bool) Resemblance {
	r := Resemblance{Estimated: est}
	if union := na + nb - inter; union > 0 {
		r.Jaccard = inter / union
	}
	if na > 0 {
		r.Containment = inter / na
	}
	if nb > 0 {
		r.Contains = inter / nb
	}
	return r
}

// loadText describes the document with this text hash, with the sketch its
// first capture carries (none for archives written before sketches).
func loadText(tx *bolt.Tx, sha string) (*textInfo, error) {
	h, err := ParseHash(sha)
	if err != nil {
		return nil, err
	}
	d, err := getDocument(tx, h)
	if err != nil {
		return nil, err
	}
	t := &textInfo{sha: sha, docID: d.FirstCapture}
	if c, err := getCapture(tx, d.FirstCapture); err == nil {
		t.sketch, t.shingles = c.Sketch, c.Shingles
	}
	return t, nil
}

func getDocument(tx *bolt.Tx, h Hash) (Document, error) {
	v := idxDocuments.in(tx).get(h[:])
	if v == nil {
		return Document{}, notFound("document %s", h.Short())
	}
	d, err := decodeDocument(tx, v)
	if err != nil {
		return d, fmt.Errorf("archive: document %s: %w", h.Short(), err)
	}
	return d, nil
}

func sortedCandidates(hits map[uint64]*Candidate) []Candidate {
	out := make([]Candidate, 0, len(hits))
	for _, c := range hits {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b Candidate) int { return cmp.Compare(a.DocID, b.DocID) })
	return out
}
