package serve

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/rules"
)

// relations are the relations of a copy to its original, in the order a
// work's counts show them.
var relations = []string{archive.RelOriginal, archive.RelIdentical, archive.RelNear, archive.RelExcerpt, archive.RelContains}

// workRow is one work on the works page.
type workRow struct {
	ID         string
	URL        string // the original's
	CaptureID  uint64
	Title      string
	Authority  string
	Published  string
	Copies     int
	ByRelation []relCount
}

type relCount struct {
	Relation string
	N        int
}

// worksFilter is what the works page's form asks for.
type worksFilter struct {
	Host, Relation, From, To string
	Page                     int
}

type worksPage struct {
	Filter    worksFilter
	Relations []string
	Rows      []workRow
	Total     int // works that pass the filter
	All       int // works in the archive
	pager
}

func (worksPage) title() string { return "Works" }

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// parseWorksFilter reads and checks the works page's query.
func parseWorksFilter(q url.Values) (worksFilter, error) {
	f := worksFilter{Host: strings.TrimSpace(q.Get("host")), Relation: q.Get("relation"),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to"))}
	host, err := filterHost(f.Host)
	if err != nil {
		return f, err
	}
	f.Host = host
	if f.Relation != "" && !contains(relations, f.Relation) {
		return f, badRequest("relation %q: want one of %s", f.Relation, strings.Join(relations, ", "))
	}
	for name, v := range map[string]string{"from": f.From, "to": f.To} {
		if _, err := time.Parse(time.DateOnly, v); v != "" && err != nil {
			return f, badRequest("%s %q: want a date as YYYY-MM-DD", name, v)
		}
	}
	f.Page, err = pageOf(q)
	return f, err
}

// filterHost is the works filter's host h as hostOf gives hosts, lower
// case, punycode for a Unicode name, without a trailing dot; "" for none.
// A URL, a port or a path is a bad request, not a filter nothing passes.
func filterHost(h string) (string, error) {
	host, err := rules.ASCIIHost(h)
	if err != nil {
		return "", badRequest("host %q: want a host name alone, without scheme, port or path (www.example.test)", h)
	}
	return strings.TrimSuffix(host, "."), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// keeps says whether work w passes the filter.
func (f worksFilter) keeps(w archive.Work) bool {
	if f.Host != "" && !anyCopy(w, func(c archive.Copy) bool { return hostOf(c.URL) == f.Host }) {
		return false
	}
	if f.Relation != "" && !anyCopy(w, func(c archive.Copy) bool { return c.Relation == f.Relation }) {
		return false
	}
	if f.From == "" && f.To == "" {
		return true
	}
	date := datePart(w.Copies[0].Published)
	return date != "" && (f.From == "" || date >= f.From) && (f.To == "" || date <= f.To)
}

func anyCopy(w archive.Work, ok func(archive.Copy) bool) bool {
	for _, c := range w.Copies {
		if ok(c) {
			return true
		}
	}
	return false
}

// hostOf is a URL's host, lower-cased, without its port.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// datePart is the YYYY-MM-DD a published date starts with, "" if none.
func datePart(published string) string {
	if len(published) >= 10 && isoDate.MatchString(published[:10]) {
		return published[:10]
	}
	return ""
}

func (s *Server) works(w http.ResponseWriter, r *http.Request) error {
	f, err := parseWorksFilter(r.URL.Query())
	if err != nil {
		return err
	}
	var p worksPage
	err = s.readGrouping(func(db *archive.DB) (err error) {
		p, err = s.worksPageOf(db, f, r.URL.Query())
		return err
	})
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "works", p)
	return nil
}

// worksPageOf is the page of the works that pass f that f asks for; q is
// the query, for the links to other pages.
func (s *Server) worksPageOf(db *archive.DB, f worksFilter, q url.Values) (worksPage, error) {
	p := worksPage{Filter: f, Relations: relations}
	works, err := db.WorksBy(s.sim)
	if err != nil {
		return p, err
	}
	p.All = len(works)
	var kept []archive.Work
	for _, wk := range works {
		if f.keeps(wk) {
			kept = append(kept, wk)
		}
	}
	p.Total = len(kept)
	if p.pager, err = paginate(q, f.Page, len(kept), s.cfg.PageSize); err != nil {
		return p, err
	}
	start := (f.Page - 1) * s.cfg.PageSize
	for _, wk := range kept[start:min(start+s.cfg.PageSize, len(kept))] {
		row, err := workRowOf(db, wk)
		if err != nil {
			return p, err
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

func workRowOf(db *archive.DB, wk archive.Work) (workRow, error) {
	orig := wk.Copies[0]
	c, err := db.Capture(wk.Original.CaptureID)
	if err != nil {
		return workRow{}, err
	}
	row := workRow{ID: wk.ID, URL: wk.Original.URL, CaptureID: wk.Original.CaptureID, Title: c.Title,
		Authority: orig.Authority, Published: orig.Published, Copies: len(wk.Copies)}
	for _, rel := range relations {
		n := 0
		for _, cp := range wk.Copies {
			if cp.Relation == rel {
				n++
			}
		}
		if n > 0 {
			row.ByRelation = append(row.ByRelation, relCount{rel, n})
		}
	}
	return row, nil
}
