package archive

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Relations of a copy to its work's original.
const (
	RelOriginal  = "original"
	RelIdentical = "identical" // same normalised text as the original
	RelNear      = "near"      // a closely matching text (Copy.Similarity)
	RelExcerpt   = "excerpt"   // a shorter text that the original holds (Copy.Containment)
	// RelContains (similar_query.go): a longer text that holds the
	// original's, not near it (an excerpt elected original: elect_excerpts.go).
)

// Work is a group of copies of one text, or of closely matching texts and
// their excerpts, with its elected original. ID is the short text hash of
// the original's text (the first 12 hex digits), its URL's latest: stable
// across runs as long as the same copy wins the election and its text
// stays; it changes when a better-placed copy of the work is archived, or
// when the original's own text changes (trace then names the original's
// earlier capture a copy made before the change is faithful to).
type Work struct {
	ID         string   `json:"id"`
	TextSHA256 string   `json:"text_sha256"` // the original's text
	Original   Ref      `json:"original"`
	Reasons    []string `json:"reasons"` // why the original won, most decisive first
	Copies     []Copy   `json:"copies"`  // the original first, then in election order, excerpts last
}

// Ref names a capture.
type Ref struct {
	CaptureID uint64 `json:"capture_id"`
	URL       string `json:"url"`
}

// Copy is one copy of a work. Similarity and Containment compare its text
// with the original's (1 for the original and identical copies).
type Copy struct {
	CaptureID   uint64    `json:"capture_id"`
	URL         string    `json:"url"`
	Relation    string    `json:"relation"`
	Publisher   string    `json:"publisher,omitempty"`
	Authority   string    `json:"authority,omitempty"`
	Published   string    `json:"published,omitempty"`
	TextSHA256  string    `json:"text_sha256"`
	Similarity  float64   `json:"similarity"`  // Jaccard of the shingle sets
	Containment float64   `json:"containment"` // share of this copy's shingles found in the original
	Estimated   bool      `json:"estimated,omitempty"`
	Why         string    `json:"why,omitempty"`   // evidence for the relation
	Pages       []PageRef `json:"pages,omitempty"` // a stitched copy's pages, in order
}

// Works is WorksBy with the default Similarity: resemblance estimated from
// the stored sketches.
func (db *DB) Works() ([]Work, error) { return db.WorksBy(Similarity{}) }

// WorksBy groups the latest content capture of each URL (status 200, with
// a text hash) into works (see grouping) and elects each work's original
// (see elect). Works are ordered by TextSHA256; the result is
// deterministic. Documents stored before sketches existed only group with
// identical texts.
func (db *DB) WorksBy(sim Similarity) ([]Work, error) {
	sim = sim.withDefaults()
	skip := db.skipper()
	var works []Work
	err := db.view(func(tx *bolt.Tx) error {
		copies, shas, err := latestCopies(tx, skip, db.Interrupted)
		if err != nil {
			return err
		}
		cp := &comparer{tx: tx, sim: sim, stop: db.Interrupted}
		groups, excerpts, texts, err := groupTexts(tx, cp, shas)
		if err != nil {
			return err
		}
		for _, members := range groups {
			w, err := buildWork(cp, texts, members, copies, excerpts)
			if err != nil {
				return err
			}
			works = append(works, w)
		}
		return nil
	})
	slices.SortFunc(works, func(a, b Work) int { return cmp.Compare(a.TextSHA256, b.TextSHA256) })
	return works, err
}

// latestCopies returns the copy of each URL that has a text (see
// LatestContent: a stitched article stands for its pages), by text hash,
// and the text hashes in order. With skip set, a copy whose capture or
// document cannot be read is handed to skip and left out. stop is checked
// at every copy (DB.Interrupted).
func latestCopies(tx *bolt.Tx, skip skipFunc, stop func() error) (map[string][]*Capture, []string, error) {
	copies := map[string][]*Capture{}
	err := forEachCopyOf(tx, skip, func(c Capture, ids []uint64) error {
		if err := stop(); err != nil {
			return err
		}
		if c.TextSHA256 != "" {
			slim := slimCopy(&c)
			slim.FetchStart = firstFetched(tx, &c, ids)
			copies[c.TextSHA256] = append(copies[c.TextSHA256], slim)
		}
		return nil
	})
	shas := make([]string, 0, len(copies))
	for sha := range copies {
		if skip != nil {
			if err := documentReadable(tx, sha); err != nil {
				skip(Skipped{Bucket: "documents", Key: sha, Err: err})
				delete(copies, sha)
				continue
			}
		}
		shas = append(shas, sha)
	}
	slices.Sort(shas)
	return copies, shas, err
}

// buildWork elects the original among the copies of the member texts that
// are not excerpts (all of them when every one is), and the excerpts'
// copies that outrank all of those on evidence (elect_excerpts.go), and
// relates each copy to it. texts holds every member text; each is compared with the
// original's once, however many copies carry it.
func buildWork(cp *comparer, texts map[string]*textInfo, members []string, copies map[string][]*Capture, excerpts map[string]bool) (Work, error) {
	var core, rest []*Capture
	for _, sha := range members {
		if excerpts[sha] {
			rest = append(rest, copies[sha]...)
		} else {
			core = append(core, copies[sha]...)
		}
	}
	if len(core) == 0 {
		core, rest = rest, nil
	}
	e := newElection(append(slices.Clone(core), rest...))
	e.sort(core)
	core, rest = e.admit(core, rest)
	e.sort(core)
	e.sort(rest)
	ordered := append(core, rest...)
	orig := ordered[0]
	w := Work{ID: shortHex(orig.TextSHA256), TextSHA256: orig.TextSHA256,
		Original: Ref{CaptureID: orig.ID, URL: orig.URL}, Reasons: e.reasons(core)}
	if len(core) == 1 && len(rest) > 0 {
		w.Reasons = []string{"only full text: the other copies are excerpts of it"}
	}
	w.Copies = make([]Copy, 0, len(ordered))
	against := map[string]Resemblance{} // text hash → its resemblance to the original's
	for i, c := range ordered {
		if err := cp.stopped(); err != nil {
			return w, err
		}
		cc, err := relate(cp, texts, against, c, orig, i == 0)
		if err != nil {
			return w, err
		}
		w.Copies = append(w.Copies, cc)
	}
	return w, nil
}

// firstFetched is when c's URL first brought c's text: its earliest
// capture (ids oldest first) with c's text hash or c's payload bytes (a
// stitched copy's: its first page's text, or its own). It is the
// election's "first fetched": a refetch that brings the text again (the
// same bytes, a 304) does not move it, and a capture of the URL that held
// another text, before the URL was reused for this one, does not count.
// A capture that does not read is passed over, as the copy's own time
// stands.
func firstFetched(tx *bolt.Tx, c *Capture, ids []uint64) time.Time {
	for _, id := range ids {
		if id == c.ID {
			break
		}
		if first, err := getCapture(tx, id); err == nil && hasContent(first) && first.FetchStart.Before(c.FetchStart) && broughtText(&first, c) {
			return first.FetchStart
		}
	}
	return c.FetchStart
}

// broughtText reports whether capture o of c's URL brought c's text.
func broughtText(o, c *Capture) bool {
	switch {
	case o.TextSHA256 == c.TextSHA256, c.PayloadSHA256 != "" && o.PayloadSHA256 == c.PayloadSHA256:
		return true
	}
	return len(c.Pages) > 0 && o.TextSHA256 == c.Pages[0].TextSHA256
}

// slimCopy is what Works keeps of a copy: what the election weighs and
// what a Copy shows. A work of many copies holds only this much of each;
// latestCopies sets its FetchStart to when its URL first brought its text
// (firstFetched).
func slimCopy(c *Capture) *Capture {
	return &Capture{ID: c.ID, URL: c.URL, FinalURL: c.FinalURL, Canonical: c.Canonical,
		Attribution: c.Attribution, Publisher: c.Publisher, Authority: c.Authority, Published: c.Published,
		PublishedWhy: c.PublishedWhy, FetchStart: c.FetchStart, TextSHA256: c.TextSHA256, Pages: c.Pages}
}

// relate describes copy c against the original; texts and against are
// as buildWork's.
func relate(cp *comparer, texts map[string]*textInfo, against map[string]Resemblance, c, orig *Capture, isOrig bool) (Copy, error) {
	cc := Copy{CaptureID: c.ID, URL: c.URL, Publisher: c.Publisher, Authority: c.Authority,
		Published: c.Published, TextSHA256: c.TextSHA256, Similarity: 1, Containment: 1, Pages: c.Pages}
	switch {
	case isOrig:
		cc.Relation, cc.Why = RelOriginal, "elected"
		return cc, nil
	case c.TextSHA256 == orig.TextSHA256:
		cc.Relation, cc.Why = RelIdentical, "same normalised text hash"
		return cc, nil
	}
	r, seen := against[c.TextSHA256]
	if !seen {
		var err error
		if r, err = cp.resemble(texts[c.TextSHA256], texts[orig.TextSHA256]); err != nil {
			return cc, err
		}
		against[c.TextSHA256] = r
	}
	cc.Similarity, cc.Containment, cc.Estimated = round3(r.Jaccard), round3(r.Containment), r.Estimated
	cc.Relation = RelNear
	cc.Why = fmt.Sprintf("Jaccard %.3f, %s of its text in the original", cc.Similarity, Percent(cc.Containment))
	switch {
	case shorterPart(r, cp.sim):
		cc.Relation = RelExcerpt
	case r.Jaccard < cp.sim.Near && r.Contains >= cp.sim.Contains:
		cc.Relation = RelContains
		cc.Why += fmt.Sprintf("; it holds %s of the original's", Percent(round3(r.Contains)))
	}
	return cc, nil
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// Percent is a share (a containment) as every report and page prints
// it: the share to three places, as a Copy keeps it, then to a whole
// percent, halves up ("93%" for 0.9254 and for 0.925 alike).
func Percent(share float64) string {
	return fmt.Sprintf("%d%%", int(math.Round(100*round3(share))))
}

func shortHex(sha string) string {
	if h, err := ParseHash(sha); err == nil {
		return h.Short()
	}
	return sha
}
