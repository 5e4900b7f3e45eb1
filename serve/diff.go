package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/textdiff"
	"github.com/prov-archive/prov/trace"
)

// diffPage is a comparison drawn side by side.
type diffPage struct {
	Result  trace.DiffResult
	Rows    []diffRow
	A, B    string // the query's a and b
	JSON    string // link to the same result as JSON
	Prev    string // link to the previous step between versions of the copy's URL
	Next    string
	Against string // link to the comparison with the previous version
}

func (p diffPage) title() string { return "Diff " + isolate(p.Result.Copy.Label) }

// diffRow is one changed, removed or added paragraph: B's (the compared
// against) on the left, the copy's on the right. Numbers count from 1.
type diffRow struct {
	Kind        string
	Left, Right []textdiff.Span
	LeftN       int // 0 when the side has no such paragraph
	RightN      int
	Note        string // a move, a cut, or what the comparison could not do (noteOf)
}

// diffOf compares the copy a names against b, or the original of its work
// when b is "": for a URL or hash, exactly what prov diff A [B] reports.
func diffOf(db *archive.DB, a, b string) (trace.DiffResult, error) {
	if a == "" {
		return trace.DiffResult{}, badRequest("diff needs a: a capture number, an archived URL or a text sha256")
	}
	sa, err := trace.ResolveArchived(db, a) // never a file: a web form may not read them
	if err != nil {
		return trace.DiffResult{}, err
	}
	var sb trace.Subject
	if b == "" {
		sb, err = trace.OriginalOf(db, sa)
	} else {
		sb, err = trace.ResolveArchived(db, b)
	}
	if err != nil {
		return trace.DiffResult{}, err
	}
	return trace.DiffSubjects(sa, sb), nil
}

func (s *Server) diffJSON(w http.ResponseWriter, r *http.Request) error {
	a, b := strings.TrimSpace(r.URL.Query().Get("a")), strings.TrimSpace(r.URL.Query().Get("b"))
	var res trace.DiffResult
	if err := s.readGrouping(func(db *archive.DB) (err error) { res, err = diffOf(db, a, b); return err }); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

func (s *Server) diff(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p := diffPage{A: strings.TrimSpace(q.Get("a")), B: strings.TrimSpace(q.Get("b"))}
	err := s.readGrouping(func(db *archive.DB) error {
		res, err := diffOf(db, p.A, p.B)
		if err != nil {
			return err
		}
		p.Result = res
		return p.steps(db)
	})
	if err != nil {
		return err
	}
	p.JSON = "/diff.json?" + q.Encode()
	for _, op := range p.Result.Changes {
		p.Rows = append(p.Rows, rowOf(op))
	}
	s.render(w, http.StatusOK, "diff", p)
	return nil
}

func rowOf(op textdiff.Op) diffRow {
	row := diffRow{Kind: op.Kind, LeftN: op.AIndex + 1, RightN: op.BIndex + 1, Note: noteOf(op)}
	switch op.Kind {
	case textdiff.Changed:
		for _, sp := range textdiff.Spans(op.A, op.B) {
			if sp.Kind != textdiff.Added {
				row.Left = append(row.Left, sp)
			}
			if sp.Kind != textdiff.Removed {
				row.Right = append(row.Right, sp)
			}
		}
	case textdiff.Removed:
		row.Left = []textdiff.Span{{Kind: textdiff.Removed, Text: op.A}}
	case textdiff.Added:
		row.Right = []textdiff.Span{{Kind: textdiff.Added, Text: op.B}}
	}
	return row
}

// noteOf says what prov diff says of op besides its text: where a
// paragraph moved, that it was cut short, and op.Note.
func noteOf(op textdiff.Op) string {
	var says []string
	if op.MovedTo != nil {
		says = append(says, fmt.Sprintf("moved: paragraph %d of the copy", *op.MovedTo+1))
	}
	if op.MovedFrom != nil {
		says = append(says, fmt.Sprintf("paragraph %d, moved here", *op.MovedFrom+1))
	}
	if op.CutShort {
		says = append(says, "cut short")
	}
	if op.Note != "" {
		says = append(says, op.Note)
	}
	return strings.Join(says, "; ")
}

// steps links the comparison to the neighbouring versions of the copy's
// URL: its versions are its captures with a text, a run of captures of
// one text counting once.
func (p *diffPage) steps(db *archive.DB) error {
	c := p.Result.Copy
	if c.URL == "" || c.CaptureID == 0 {
		return nil
	}
	caps, err := db.History(c.URL)
	if err != nil {
		return err
	}
	v := archive.TextVersions(caps)
	i := indexOfVersion(v, c.CaptureID, c.TextSHA256)
	if i < 0 {
		return nil
	}
	stepping := i > 0 && p.Result.Against.CaptureID == v[i-1].ID
	switch {
	case stepping && i > 1:
		p.Prev = versionLink(v[i-1], v[i-2])
	case !stepping && i > 0:
		p.Against = versionLink(v[i], v[i-1])
	}
	if stepping && i+1 < len(v) {
		p.Next = versionLink(v[i+1], v[i])
	}
	return nil
}

// indexOfVersion finds the version a capture (or, failing that, its text) is.
func indexOfVersion(v []archive.Capture, id uint64, sha string) int {
	for i := range v {
		if v[i].ID == id {
			return i
		}
	}
	for i := len(v) - 1; i >= 0; i-- {
		if v[i].TextSHA256 == sha {
			return i
		}
	}
	return -1
}

func versionLink(a, b archive.Capture) string {
	return "/diff?a=" + strconv.FormatUint(a.ID, 10) + "&b=" + strconv.FormatUint(b.ID, 10)
}
