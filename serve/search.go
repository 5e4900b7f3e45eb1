package serve

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/search"
)

type searchHit struct {
	Title   []segment
	URLs    []string
	Snippet []segment
	SHA     string
	Score   int
}

type searchPage struct {
	Q     string
	Hits  []searchHit
	Total int
	Note  string // why the results may be behind the archive
	pager
}

func (p searchPage) title() string {
	if p.Q == "" {
		return "Search"
	}
	return "Search: " + isolate(p.Q)
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	page, err := pageOf(r.URL.Query())
	if err != nil {
		return err
	}
	p := searchPage{Q: q, pager: pager{Page: page}}
	if q != "" {
		if err := s.find(&p); err != nil {
			return err
		}
	}
	if p.pager, err = paginate(r.URL.Query(), page, p.Total, s.cfg.PageSize); err != nil {
		return err
	}
	s.renderTitled(w, http.StatusOK, "search", p.title(), q, p)
	return nil
}

// find fills p with the page of hits it asks for, bringing the index up
// to date first (a note says so when it could not).
func (s *Server) find(p *searchPage) error {
	stale := s.refreshIndex()
	if errors.Is(stale, errForeignIndex) {
		p.Note = stale.Error()
		return nil
	}
	if stale != nil {
		p.Note = fmt.Sprintf("the search index could not be brought up to date, so the newest captures may be missing: %v", stale)
	}
	res, err := s.query(p.Q, p.Page)
	if errors.Is(err, errNoIndex) && stale != nil {
		return fmt.Errorf("%w, and none could be built: %w", err, stale)
	}
	if err != nil {
		return err
	}
	p.Total = res.Total
	terms := search.Terms(p.Q)
	return s.read(func(db *archive.DB) error {
		for _, h := range res.Hits {
			d, err := db.Document(h.TextSHA256)
			if errors.Is(err, archive.ErrNotFound) {
				p.Note = fmt.Sprintf("the search index %s names texts this archive does not hold (was the archive replaced?); remove the index and it is built again", search.PathFor(s.cfg.DB))
				continue
			}
			if err != nil {
				return err
			}
			hit := searchHit{URLs: h.URLs, SHA: h.TextSHA256, Score: h.Score, Snippet: snippet(d.Text, terms)}
			if len(h.Titles) > 0 {
				t := []rune(h.Titles[0])
				hit.Title = highlight(t, lowerRunes(t), terms)
			}
			p.Hits = append(p.Hits, hit)
		}
		return nil
	})
}

var errNoIndex = errors.New("no search index to read")

// query asks the index beside the archive for a page of q's hits, holding
// the index only while it does: closed however the search ends, since a
// handle left open keeps its lock, and so every update out, for the life
// of the server.
func (s *Server) query(q string, page int) (search.Result, error) {
	ix, err := search.Open(search.PathFor(s.cfg.DB), true, s.cfg.OpenTimeout)
	if err != nil {
		return search.Result{}, fmt.Errorf("%w (%w)", errNoIndex, err)
	}
	defer ix.Close()
	return ix.Search(q, (page-1)*s.cfg.PageSize, s.cfg.PageSize)
}

// indexLast is how far the index beside the archive has read
// (search.Index.Last), the index closed however the read ends.
func (s *Server) indexLast() (uint64, error) {
	ix, err := search.Open(search.PathFor(s.cfg.DB), true, s.cfg.OpenTimeout)
	if err != nil {
		return 0, err
	}
	defer ix.Close()
	return ix.Last()
}

// errForeignIndex says the index beside the archive was made from another.
var errForeignIndex = errors.New("the search index was made from another archive")

// refreshIndex brings the search index beside the archive up to date when
// the archive has captures it has not read; one update at a time.
func (s *Server) refreshIndex() error {
	s.indexing.Lock()
	defer s.indexing.Unlock()
	var newest uint64
	if err := s.read(func(db *archive.DB) (err error) { newest, err = db.LastCaptureID(); return err }); err != nil {
		return err
	}
	if last, err := s.indexLast(); err == nil {
		if last > newest {
			return fmt.Errorf("%w: %s has read up to capture %d, the archive holds %d; remove it and it is built again", errForeignIndex, search.PathFor(s.cfg.DB), last, newest)
		}
		if last == newest {
			return nil
		}
	}
	st, err := search.Update(s.cfg.DB, search.UpdateOptions{Timeout: s.cfg.OpenTimeout})
	if st.Rebuilt != "" && s.cfg.Log != nil {
		s.cfg.Log.Printf("search index %s was of layout %s: rebuilt from the archive", search.PathFor(s.cfg.DB), st.Rebuilt)
	}
	return err
}
