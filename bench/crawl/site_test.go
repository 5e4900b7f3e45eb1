package main

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

var (
	article      = regexp.MustCompile(`(?s)<article>.*</article>`)
	paragraphs   = regexp.MustCompile(`<p>([^<]*)</p>`)
	sentenceStop = regexp.MustCompile(`。|\.( |$)`)
)

// sentencesOf returns the sentences of a generated page's article.
func sentencesOf(page string) []string {
	var out []string
	for _, m := range paragraphs.FindAllStringSubmatch(article.FindString(page), -1) {
		for _, s := range sentenceStop.Split(m[1], -1) {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// TestDistinctText: with distinct text, few sentences recur across 200
// pages; with -same-text nearly all do.
func TestDistinctText(t *testing.T) {
	for _, tc := range []struct {
		same        bool
		minRepeated float64
		maxRepeated float64
	}{
		{same: false, minRepeated: 0, maxRepeated: 0.05},
		{same: true, minRepeated: 0.9, maxRepeated: 1},
	} {
		seen := map[string]int{}
		total := 0
		for i := range 200 {
			for _, s := range sentencesOf(renderPage(i, 20000, tc.same)) {
				seen[s]++
				total++
			}
		}
		if total < 200*9 {
			t.Fatalf("same=%v: %d sentences in 200 pages, want at least 9 a page", tc.same, total)
		}
		repeated := 0
		for _, n := range seen {
			if n > 1 {
				repeated += n
			}
		}
		if f := float64(repeated) / float64(total); f < tc.minRepeated || f > tc.maxRepeated {
			t.Errorf("same=%v: %.3f of sentences recur, want %.2f–%.2f", tc.same, f, tc.minRepeated, tc.maxRepeated)
		}
	}
}

func TestLinksPerPage(t *testing.T) {
	for i := range 500 {
		rng := rand.New(rand.NewPCG(uint64(i), 1))
		if n := len(links(i, 20000, rng)); n < 10 || n > 20 {
			t.Fatalf("page %d links to %d article pages, want 10–20", i, n)
		}
	}
}
