// Package archivetest generates archive entries for tests and benchmarks
// of the archive's reads. It is not part of prov's product: nothing but
// tests and the programs under bench/ import it.
package archivetest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
)

// Work describes a generated work: one text republished Copies times.
type Work struct {
	Copies int // entries, one per URL
	Texts  int // distinct texts among them (at least 1): the full text, near variants, excerpts
	// Paragraphs of the full text, 40 words each (about 16 KB in all at
	// the default, 40; at least 12); an excerpt is a quarter of them.
	Paragraphs int
	Seed       uint64 // the same seed yields the same entries
	// Sketch makes a text's sketch and shingle count as the crawl does
	// (clean.Sketch); nil: a MinHash over word 3-grams (WordSketch).
	Sketch func(text string) ([]uint32, int)
}

// T0 is when the generated copies were first fetched.
var T0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// OneWork returns w.Copies entries that are copies of one work, varied as
// the republished copies of a wire story are: many hosts, a few of them
// with several copies; every authority class, unknown and misspelt ones;
// publication dates in both forms, missing, unreadable or later than the
// fetch; fetch times with ties; attributions that name other copies'
// publishers (or not); canonical links to other copies, to their final
// URLs, or to themselves; redirects. Texts are the full text (about half
// of the copies), near variants with one paragraph changed, and excerpts
// of a quarter of it. The entries are deterministic for a seed; written in
// order into a new archive, entry i becomes capture i+1.
func OneWork(w Work) []archive.Entry {
	if w.Sketch == nil {
		w.Sketch = WordSketch
	}
	r := rand.New(rand.NewPCG(w.Seed, 20))
	texts := variants(max(w.Texts, 1), cmp.Or(max(w.Paragraphs, 0), 40), r)
	sketches := make([][]uint32, len(texts))
	counts := make([]int, len(texts))
	for i, t := range texts {
		sketches[i], counts[i] = w.Sketch(t)
	}
	hosts := max(w.Copies/3, 1)
	out := make([]archive.Entry, w.Copies)
	for i := range out {
		host := r.IntN(hosts)
		u := fmt.Sprintf("http://h%d.test/news/%d.html", host, i)
		ti := 0
		if len(texts) > 1 && r.IntN(2) == 0 {
			ti = 1 + r.IntN(len(texts)-1)
		}
		c := copyCapture(r, u, host, i, w.Copies)
		c.TextSHA256 = archive.Sum([]byte(texts[ti])).String()
		c.Sketch, c.Shingles = sketches[ti], counts[ti]
		out[i] = archive.Entry{Capture: c, Payload: []byte("<html><body><p>" + u + "</p></body></html>"), Text: texts[ti]}
	}
	for i := range out {
		out[i].Capture.Canonical = canonical(r, out, i)
	}
	return out
}

// canonical picks copy i's canonical link: mostly none; else its own
// URL, another copy's URL or final URL, or a URL no copy has.
func canonical(r *rand.Rand, copies []archive.Entry, i int) string {
	other := copies[r.IntN(len(copies))].Capture
	switch r.IntN(20) {
	case 0:
		return copies[i].Capture.URL
	case 1:
		return other.URL
	case 2:
		return other.FinalURL
	case 3:
		return fmt.Sprintf("http://elsewhere.test/%d.html", i)
	}
	return ""
}

var (
	authorities = []string{"official", "agency", "news", "portal", "aggregator", "", "bogus"}
	publishers  = []string{"State Council Information Office", "国务院新闻办公室", "Xinhua", "新华社", "新华网",
		"China Daily", "人民网", "Security Portal", "Daily English", "Mirror Blog", "X"}
	attributions = []string{"", "", "", "来源：新华社", "Source: Xinhua", "据新华社北京11月7日电", "来源：国务院新闻办公室",
		"Source: state council information office", "来源：本站", "Source: China  Daily", "X", "来源：h%d"}
	dates = []string{"2022-11-07", "2022-11-07T10:00:00+08:00", "2022-11-07T02:00:00Z", "2022-11-08",
		"2022-11-06T23:59:00-05:00", "", "", "not a date", "2031-01-01", "2022-11-09T08:30:00+08:00"}
)

// copyCapture makes the provenance of copy i of n, on host h.
func copyCapture(r *rand.Rand, u string, h, i, n int) archive.Capture {
	c := archive.Capture{URL: u, RequestedURL: u, FinalURL: u, Method: "GET", Status: 200, ToolVersion: "archivetest",
		FetchStart: T0.Add(time.Duration(r.IntN(50)) * time.Minute), Charset: "utf-8", Title: fmt.Sprintf("copy %d", i)}
	c.FetchEnd = c.FetchStart.Add(time.Second)
	if r.IntN(10) == 0 {
		c.FinalURL = fmt.Sprintf("http://h%d.test/final/%d.html", r.IntN(max(n/3, 1)), i)
	}
	c.Authority = authorities[r.IntN(len(authorities))]
	c.Publisher = publishers[h%len(publishers)]
	if h%7 == 3 {
		c.Publisher = fmt.Sprintf("h%d", h)
	}
	if a := attributions[r.IntN(len(attributions))]; strings.Contains(a, "%d") {
		c.Attribution = fmt.Sprintf(a, r.IntN(max(n/3, 1)))
	} else {
		c.Attribution = a
	}
	c.Published = dates[r.IntN(len(dates))]
	return c
}

// variants returns n texts of one work: the full text first, then near
// variants (one paragraph rewritten) and excerpts (a quarter of the
// paragraphs), alternating.
func variants(n, paragraphs int, r *rand.Rand) []string {
	full := make([]string, max(paragraphs, 12))
	for p := range full {
		full[p] = sentence(r, 40)
	}
	out := []string{strings.Join(full, "\n\n")}
	for v := 1; len(out) < n; v++ {
		if v%2 == 1 {
			edited := append([]string(nil), full...)
			edited[r.IntN(len(edited))] = fmt.Sprintf("variant %d: %s", v, sentence(r, 40))
			out = append(out, strings.Join(edited, "\n\n"))
			continue
		}
		k := len(full) / 4
		at := r.IntN(len(full) - k)
		out = append(out, fmt.Sprintf("excerpt %d\n\n%s", v, strings.Join(full[at:at+k], "\n\n")))
	}
	return out
}

var vocabulary = strings.Fields("cyberspace community shared future development security cooperation governance " +
	"digital economy internet data privacy infrastructure white paper council office information jointly build " +
	"网络 空间 命运 共同体 发展 安全 合作 治理")

func sentence(r *rand.Rand, words int) string {
	w := make([]string, words)
	for i := range w {
		w[i] = vocabulary[r.IntN(len(vocabulary))] + fmt.Sprint(r.IntN(50))
	}
	return strings.Join(w, " ")
}
