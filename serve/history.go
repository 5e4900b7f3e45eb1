package serve

import (
	"errors"
	"net/http"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// historyRow is one capture of a URL and what it was to the one before.
type historyRow struct {
	C      archive.Capture
	Change string // new, changed, identical revisit, not modified, failed, stitched
	Marked bool   // a new text: the row is a change
	Diff   string // link to the diff against the previous version
}

type historyPage struct {
	URL      string
	Rows     []historyRow
	Versions int
}

func (p historyPage) title() string { return "History of " + isolate(p.URL) }

func (s *Server) history(w http.ResponseWriter, r *http.Request) error {
	raw := strings.TrimSpace(r.URL.Query().Get("u"))
	if raw == "" {
		return badRequest("history needs u: an archived URL")
	}
	key, err := crawl.Canonicalize(raw)
	if err != nil {
		return badRequest("u %q: %v", raw, errors.Unwrap(err)) // its reason: err names raw again
	}
	p := historyPage{URL: key}
	err = s.read(func(db *archive.DB) error {
		caps, err := db.History(key)
		if err != nil {
			return err
		}
		if len(caps) == 0 {
			return httpError{http.StatusNotFound, key + ": no capture of this URL in the archive"}
		}
		p.Rows = historyRows(caps)
		p.Versions = len(archive.TextVersions(caps))
		return nil
	})
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "history", p)
	return nil
}

// historyRows says of each capture what it was to the URL's previous
// content: the first text is new, a different one changed (linked to its
// diff against the previous version), the same bytes an identical revisit.
func historyRows(caps []archive.Capture) []historyRow {
	var rows []historyRow
	var prev *archive.Capture // the last capture with a text
	for _, c := range caps {
		row := historyRow{C: c}
		switch {
		case c.Kind == archive.KindFailed:
			row.Change = "failed"
		case c.Kind == archive.KindNotModified:
			row.Change = "not modified"
		case c.Kind == archive.KindRevisit:
			row.Change = "identical revisit"
		case c.TextSHA256 == "":
			row.Change = c.Kind + ", no text"
		case prev == nil:
			row.Change, row.Marked = "new", true
		case prev.TextSHA256 != c.TextSHA256:
			row.Change, row.Marked = "changed", true
			row.Diff = versionLink(c, *prev)
		default:
			row.Change = "same text"
		}
		if c.Kind == archive.KindStitched {
			row.Change = "stitched: " + row.Change
		}
		if c.TextSHA256 != "" && c.Kind != archive.KindFailed {
			cp := c
			prev = &cp
		}
		rows = append(rows, row)
	}
	return rows
}
