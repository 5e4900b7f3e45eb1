package export

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
)

// selection is what a WARC holds: captures in ID order (the order they
// were made, so a record a revisit names comes before it), and the works
// they belong to.
type selection struct {
	captures []archive.Capture
	byID     map[uint64]membership // a URL's copy: its place in a work
	byText   map[string]membership // any capture of a text: the place of a copy with that text
	confirms map[uint64]uint64     // a 304's capture ID → the ID of the capture it confirms (archive.ConfirmedIn)
}

// selectCaptures returns every capture that brought a response (a fetch
// that failed after its head came too; one that failed before is left
// out) or is a stitched article, that f selects; and for each selected
// 304 the capture it confirms (archive.ConfirmedIn: the URL's latest 200
// before it, whose validators the conditional GET sent), and for
// each stitched article its pages' captures, so that their records name
// records in the file. Captures are matched as copies are: fetched since, by host of
// their URL, by work or text hash.
func selectCaptures(db *archive.DB, f Filter) (*selection, error) {
	works, err := db.WorksBy(f.Similarity)
	if err != nil {
		return nil, err
	}
	if err := holdsWork(db, works, f.Work); err != nil {
		return nil, err
	}
	s := &selection{byID: map[uint64]membership{}, byText: map[string]membership{}, confirms: map[uint64]uint64{}}
	for _, w := range works {
		for _, c := range w.Copies {
			m := membership{w.ID, contractRelation(c.Relation)}
			s.byID[c.CaptureID] = m
			if _, ok := s.byText[c.TextSHA256]; !ok || c.Relation == archive.RelOriginal {
				s.byText[c.TextSHA256] = m
			}
		}
	}
	var all []archive.Capture
	err = db.Captures(func(c archive.Capture) error {
		if c.Status != 0 || c.Kind == archive.KindStitched {
			c.Sketch = nil // not exported; a WARC of many captures need not hold them
			all = append(all, c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	chosen := make([]bool, len(all))
	index := map[uint64]int{}     // capture ID → index in all
	latest200 := map[string]int{} // archive URL → index in all of its latest capture a 304 may confirm
	for i := range all {
		c := &all[i]
		index[c.ID] = i
		if c.Status == http.StatusNotModified {
			if j, ok := latest200[c.URL]; ok {
				s.confirms[c.ID] = all[j].ID
			}
		}
		if f.matchCapture(c, s.member(c)) {
			chosen[i] = true
			for _, p := range c.Pages { // a stitched article names its pages' records
				if j, ok := index[p.CaptureID]; ok {
					chosen[j] = true
				}
			}
			if c.Status == http.StatusNotModified {
				j, ok := latest200[c.URL]
				chosen[i], chosen[j] = ok, chosen[j] || ok // a 304 with nothing to confirm is left out
			}
		}
		if archive.Confirmable(c) {
			latest200[c.URL] = i
		}
	}
	for i := range all {
		if chosen[i] {
			s.captures = append(s.captures, all[i])
		}
	}
	return s, nil
}

// member is c's place in a work: its own when it is a URL's copy, else
// that of a copy with the same text; none when it has no text.
func (s *selection) member(c *archive.Capture) membership {
	if m, ok := s.byID[c.ID]; ok {
		return m
	}
	if c.TextSHA256 == "" {
		return membership{}
	}
	return s.byText[c.TextSHA256]
}

func (f Filter) matchCapture(c *archive.Capture, m membership) bool {
	switch {
	case !f.Since.IsZero() && c.FetchStart.Before(f.Since):
		return false
	case f.Host != "" && !strings.EqualFold(strings.TrimSuffix(f.Host, "."), hostOf(c.URL)):
		return false
	case f.Work != "" && f.Work != m.work && !strings.EqualFold(f.Work, c.TextSHA256):
		return false
	}
	return true
}

// newest is the latest fetch time of the selection: the warcinfo's date.
func (s *selection) newest() time.Time {
	var t time.Time
	for _, c := range s.captures {
		if c.FetchStart.After(t) {
			t = c.FetchStart
		}
	}
	return t
}

// digest names the selection by its capture IDs, for the warcinfo's ID.
func (s *selection) digest() string {
	h := sha256.New()
	for _, c := range s.captures {
		h.Write(binary.BigEndian.AppendUint64(nil, c.ID))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
