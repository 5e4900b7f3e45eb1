package serve

import (
	"net/http"

	"github.com/prov-archive/prov/archive"
)

// copyRow is one copy on a work's page: the work's view of it and what
// its capture says.
type copyRow struct {
	archive.Copy
	Title             string
	Attribution       string
	PublishedWhy      string
	DateCandidates    []archive.DateCandidate
	Charset           string
	CharsetEvidence   string
	CharsetConfidence int
	CharsetNote       string
	Fetched           string
}

// Measure is how close the copy is to the original, as prov works says
// it: "near 0.912", "excerpt, 100% in original", or the relation alone.
func (c copyRow) Measure() string {
	switch c.Relation {
	case archive.RelNear:
		return c.Relation + " " + sim(c.Similarity)
	case archive.RelExcerpt:
		return c.Relation + ", " + pct(c.Containment) + " in original"
	}
	return c.Relation
}

type workPage struct {
	Work    archive.Work
	Title   string // the original's
	Copies  []copyRow
	Exports []exportLink
}

func (p workPage) title() string { return "Work " + p.Work.ID }

type exportLink struct {
	Format, Label string
}

// workExports are the formats a work exports to (export.go).
var workExports = []exportLink{
	{"jsonl", "JSONL"}, {"bundle", "text bundle (.tar.gz)"}, {"warc", "WARC"}, {"wacz", "WACZ"},
}

func (s *Server) work(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	var p workPage
	err := s.readGrouping(func(db *archive.DB) error {
		wk, err := s.findWork(db, id)
		if err != nil {
			return err
		}
		p.Work, p.Exports = wk, workExports
		for _, cp := range wk.Copies {
			c, err := db.Capture(cp.CaptureID)
			if err != nil {
				return err
			}
			if cp.CaptureID == wk.Original.CaptureID {
				p.Title = c.Title
			}
			p.Copies = append(p.Copies, copyRow{Copy: cp, Title: c.Title, Attribution: c.Attribution,
				PublishedWhy: c.PublishedWhy, DateCandidates: c.DateCandidates, Charset: c.Charset,
				CharsetEvidence: c.CharsetEvidence, CharsetConfidence: c.CharsetConfidence, CharsetNote: c.CharsetNote,
				Fetched: stamp(c.FetchStart)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "work", p)
	return nil
}

// findWork returns the work whose ID (or original's full text sha256) is id.
func (s *Server) findWork(db *archive.DB, id string) (archive.Work, error) {
	if !isWorkID(id) {
		return archive.Work{}, badRequest("work %q: want the 12 hex digits of a work's ID", id)
	}
	works, err := db.WorksBy(s.sim)
	if err != nil {
		return archive.Work{}, err
	}
	for _, wk := range works {
		if wk.ID == id || wk.TextSHA256 == id {
			return wk, nil
		}
	}
	return archive.Work{}, httpError{http.StatusNotFound, "no work " + id + " in the archive (works change ID when a better original is archived: see the works page)"}
}

func isWorkID(id string) bool {
	if len(id) != 12 && len(id) != 64 {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}
