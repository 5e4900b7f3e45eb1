package serve

import (
	"net/http"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/watch"
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
// it: "near 0.912", "excerpt, 100% in original", "contains, 43% in
// original", or the relation alone.
func (c copyRow) Measure() string {
	switch c.Relation {
	case archive.RelNear:
		return c.Relation + " " + sim(c.Similarity)
	case archive.RelExcerpt, archive.RelContains:
		return c.Relation + ", " + pct(c.Containment) + " in original"
	}
	return c.Relation
}

type workPage struct {
	Work    archive.Work
	Title   string // the original's
	Copies  []copyRow
	Exports []exportLink
	// Online says what became of the original since (watch.Status, as
	// prov works words it), OnlineStatus its status as a class name
	// ("not-checked"), OnlineFailed why
	// its URL's last fetch failed ("" when it did not).
	Online, OnlineStatus, OnlineFailed string
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
		if err := p.online(db, wk.Original); err != nil {
			return err
		}
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

// online fills the page's words on what became of the original.
func (p *workPage) online(db *archive.DB, orig archive.Ref) error {
	checker, err := watch.NewChecker(db)
	if err != nil {
		return err
	}
	st, err := checker.Status(orig)
	if err != nil {
		return err
	}
	p.Online, p.OnlineStatus = report.StatusWords(st), strings.ReplaceAll(st.Status, " ", "-")
	if st.LastFailed != nil {
		p.OnlineFailed = report.FailedWords(*st.LastFailed)
	}
	return nil
}

// findWork returns the work whose original's text sha256 starts with id:
// its ID, the whole hash, or as many digits as prov trace takes (eight at
// least, as the CLI).
func (s *Server) findWork(db *archive.DB, id string) (archive.Work, error) {
	id = strings.ToLower(id)
	if !isHex(id, archive.MinPrefix, 64) {
		return archive.Work{}, badRequest("work %q: want a work's ID: 8 to 64 hex digits of its original's text sha256", id)
	}
	works, err := db.WorksBy(s.sim)
	if err != nil {
		return archive.Work{}, err
	}
	var found []archive.Work
	for _, wk := range works {
		if strings.HasPrefix(wk.TextSHA256, id) {
			found = append(found, wk)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return archive.Work{}, noWork(id)
	}
	return archive.Work{}, badRequest("work %q: %d works begin so; give more digits", id, len(found))
}

// noWork is the 404 of a work id names that the archive does not hold.
func noWork(id string) error {
	return httpError{http.StatusNotFound, "no work " + id + " in the archive (works change ID when a better original is archived: see the works page)"}
}

// isWorkID reports a work's ID or its original's whole text sha256, as
// exports take them.
func isWorkID(id string) bool { return (len(id) == 12 || len(id) == 64) && isHex(id, 12, 64) }

// isHex reports lowercase hex digits, from least to most of them.
func isHex(id string, least, most int) bool {
	if len(id) < least || len(id) > most {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}
