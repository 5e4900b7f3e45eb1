package main

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"
)

// site is the generated site: page i is served at pagePath(i), page 0 at
// "/" too. Page i links to pages 10i+1 … 10i+10, so every page is reached
// within ⌈log₁₀ n⌉+1 levels, and to random others up to 10–20 article
// links in all (the count drawn per page), besides the navigation chrome
// every page carries. Each page's text is its own (prose.go); with same,
// it is drawn from one pool of a dozen sentences, so that every page's
// text is nearly every other's (the benchmark before issue #20). Pages
// are made once, from a seed per page, so every run serves the same bytes.
type site struct {
	pages    [][]byte
	requests atomic.Int64 // requests served, robots.txt included
}

const robotsTxt = "User-agent: *\nAllow: /\n"

func newSite(n int, same bool) *site {
	s := &site{pages: make([][]byte, n)}
	for i := range s.pages {
		s.pages[i] = []byte(renderPage(i, n, same))
	}
	return s
}

func pagePath(i int) string { return fmt.Sprintf("/news/%04d/%05d.html", 2000+i%25, i) }

// serve starts the site on 127.0.0.1:0.
func (s *site) serve() *httptest.Server {
	byPath := make(map[string][]byte, len(s.pages)+1)
	for i, p := range s.pages {
		byPath[pagePath(i)] = p
	}
	byPath["/"] = s.pages[0]
	modified := time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Write([]byte(robotsTxt))
			return
		}
		body, ok := byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Last-Modified", modified)
		w.Write(body)
	}))
}

// links returns the article pages page i links to: its children, then
// random others, 10 to 20 in all (fewer only on a site that small).
func links(i, n int, rng *rand.Rand) []int {
	var out []int
	for c := 10*i + 1; c <= 10*i+10 && c < n; c++ {
		out = append(out, c)
	}
	for want := 10 + rng.IntN(11); len(out) < want && n > 1; {
		if j := rng.IntN(n); j != i {
			out = append(out, j)
		}
	}
	return out
}

func renderPage(i, n int, same bool) string {
	rng := rand.New(rand.NewPCG(uint64(i), 0x70726f76))
	zh := i%3 != 2 // two pages in three Chinese, the rest English
	title := headline(rng, zh)
	var b strings.Builder
	b.Grow(6 << 10)
	fmt.Fprintf(&b, pageHead, langOf(zh), title, 2000+i%25, 1+i%12, 1+i%28)
	b.WriteString(chrome)
	fmt.Fprintf(&b, "<main><article>\n<h1>%s</h1>\n<p class=\"meta\">%s %04d-%02d-%02d · %s</p>\n",
		title, sourceLabel(zh), 2000+i%25, 1+i%12, 1+i%28, author(rng, zh))
	for p, paras := 0, 3+rng.IntN(4); p < paras; p++ {
		b.WriteString("<p>")
		b.WriteString(paragraph(rng, zh, same))
		b.WriteString("</p>\n")
	}
	b.WriteString("</article>\n<aside class=\"related\"><h2>相关阅读 Related</h2><ul>\n")
	for _, j := range links(i, n, rng) {
		href := pagePath(j)
		if j%7 == 0 {
			href = "http://" + benchHost + href
		}
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", href, headline(rand.New(rand.NewPCG(uint64(j), 1)), j%3 != 2))
	}
	b.WriteString("</ul></aside></main>\n")
	b.WriteString(footer)
	return b.String()
}

func langOf(zh bool) string {
	if zh {
		return "zh-CN"
	}
	return "en"
}

func sourceLabel(zh bool) string {
	if zh {
		return "来源：本站综合"
	}
	return "Source: Bench Daily"
}

func headline(rng *rand.Rand, zh bool) string {
	if zh {
		return pick(rng, zhTopics) + pick(rng, zhHeads)
	}
	return pick(rng, enHeads) + " " + pick(rng, enTopics)
}

func author(rng *rand.Rand, zh bool) string {
	if zh {
		return "记者 " + pick(rng, zhNames)
	}
	return "By " + pick(rng, enNames)
}

// paragraph returns 3 to 6 sentences: made up for the page (prose.go),
// or with same picked from the dozen of one pool.
func paragraph(rng *rand.Rand, zh, same bool) string {
	sentence, sep := enSentence, " "
	if zh {
		sentence, sep = zhSentence, ""
	}
	if same {
		pool := enSentences
		if zh {
			pool = zhSentences
		}
		sentence = func(rng *rand.Rand) string { return pick(rng, pool) }
	}
	k := 3 + rng.IntN(4)
	parts := make([]string, k)
	for i := range parts {
		parts[i] = sentence(rng)
	}
	return strings.Join(parts, sep)
}

func pick(rng *rand.Rand, pool []string) string { return pool[rng.IntN(len(pool))] }
