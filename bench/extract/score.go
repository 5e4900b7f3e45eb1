package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/prov-archive/prov/evalscore"
)

// A result is one extractor's score on one page.
type result struct {
	p, r, cp, cr float64                 // shingle and character precision and recall (text truth)
	snip         evalscore.SnippetCounts // snippet outcomes (snippet truth)
	f1           float64                 // the page's F1: of p and r, or of snip
	empty        bool                    // the extractor gave no text
	ms           float64
}

// A scored page holds the results of the extractors run, and the page F1
// of the others, which only decides whether the page is set apart.
type scored struct {
	page
	res    map[string]result
	others map[string]float64
}

// apart reports whether every extractor's F1 on the page is under floor.
func (s scored) apart(floor float64) bool {
	for _, r := range s.res {
		if r.f1 >= floor {
			return false
		}
	}
	for _, f1 := range s.others {
		if f1 >= floor {
			return false
		}
	}
	return true
}

// f1 is an extractor's F1 on the page, run or not.
func (s scored) f1(name string) float64 {
	if r, ok := s.res[name]; ok {
		return r.f1
	}
	return s.others[name]
}

// score scores an extractor's text against the page's truth.
func score(pg page, text string) result {
	res := result{empty: strings.TrimSpace(text) == ""}
	if pg.snippets != nil {
		res.snip = pg.snippets.Score(text)
		res.f1 = res.snip.F1()
		return res
	}
	res.p, res.r = evalscore.PRF(evalscore.Shingles(text), evalscore.Shingles(pg.truth))
	res.cp, res.cr = evalscore.PRF(evalscore.CharBag(text), evalscore.CharBag(pg.truth))
	res.f1 = evalscore.F1(res.p, res.r)
	return res
}

// A scorer runs the extractors over the pages.
type scorer struct {
	dir, dump string
	run, rest []extractor // reported; only consulted for setting pages apart
	cache     *f1Cache
	view      func([]byte) []byte // what the extractors read of a page's body (the -blind and -plain views)
}

func (sc scorer) scoreAll(pages []page) ([]scored, error) {
	out := make([]scored, 0, len(pages))
	for _, pg := range pages {
		s, err := sc.scorePage(pg)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// scorePage times and scores the extractors run on one page, and finds
// the others' F1 in the cache (or runs them, untimed, on a miss).
func (sc scorer) scorePage(pg page) (scored, error) {
	body, err := os.ReadFile(filepath.Join(sc.dir, pg.file))
	if err != nil {
		return scored{}, err
	}
	if sc.view != nil {
		body = sc.view(body)
	}
	s := scored{page: pg, res: map[string]result{}, others: map[string]float64{}}
	input := sync.OnceValue(func() string { return digest(decoded(body)) }) // what the peers are given
	for _, ex := range sc.run {
		start := time.Now()
		text := ex.run(pageURL(pg), body)
		ms := float64(time.Since(start).Microseconds()) / 1000
		res := score(pg, text)
		res.ms = ms
		s.res[ex.name] = res
		if ex.module != "" {
			sc.cache.put(ex, pg, input(), res.f1)
		}
		if err := dumpText(sc.dump, pg, ex.name, text); err != nil {
			return scored{}, err
		}
	}
	for _, ex := range sc.rest {
		f1, ok := sc.cache.get(ex, pg, input())
		if !ok {
			f1 = score(pg, ex.run(pageURL(pg), body)).f1
			sc.cache.put(ex, pg, input(), f1)
		}
		s.others[ex.name] = f1
	}
	return s, nil
}

func pageURL(pg page) string { return "http://example.com/" + pg.file }

// dumpText writes one extractor's text of a tune page under dir, when dir
// is set. It never writes a check page's text: those are read only as
// scores.
func dumpText(dir string, pg page, extractor, text string) error {
	if dir == "" || pg.half != evalscore.Tune {
		return nil
	}
	path := filepath.Join(dir, strings.TrimSuffix(pg.file, ".html")+"."+extractor+".txt")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	return nil
}
