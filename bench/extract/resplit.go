package main

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/prov-archive/prov/evalscore"
)

// resplitDraws is how many random splits printResplits draws per dataset,
// from a fixed seed, so two runs on the same scores print the same shares.
const resplitDraws = 2000

// printResplits sets each extractor's tune/check gap beside chance. Per
// dataset it draws random splits of the dataset's sites, each with as
// many tune sites as the fixed split has, and prints for every extractor
// the share of draws whose |F1 tune − F1 check| is over 0.02 and the
// share whose F1 tune − F1 check is at least the real split's. Pages set
// apart are left out, as in the rows. A gap over 0.02 in most draws is
// what halves of that size differ by anyway. Fitting to the tune pages
// raises the real tune half above its check half more than chance does:
// few draws then reach it, for prov alone.
func printResplits(out io.Writer, pages []scored, datasets []string, exs []extractor, floor float64) {
	var lines []string
	for _, d := range datasets {
		sites, tuneSites := sitesOf(pages, d, floor)
		if tuneSites == 0 || tuneSites == len(sites) {
			continue
		}
		line := fmt.Sprintf("%-12s", d)
		for _, ex := range exs {
			over, atLeast := resplit(sites, tuneSites, ex.name)
			line += fmt.Sprintf("  %s %.2f / %.2f", ex.name, over, atLeast)
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(out, "\nRandom splits of each dataset's sites (%d draws, as many tune sites as the fixed split): share of draws with a gap over 0.02 / share with F1 tune - F1 check at least the real split's (small: the real tune half favoured):\n", resplitDraws)
	fmt.Fprintln(out, strings.Join(lines, "\n"))
}

// A site is the scored pages of one site of a dataset, all in one half.
type site struct {
	tune  bool
	pages []scored
}

// sitesOf groups dataset d's tune and check pages that are not set apart
// by site (evalscore.Site; a page the split does not list is a site of
// its own), in name order, and counts the sites of the tune half.
func sitesOf(pages []scored, d string, floor float64) (sites []site, tune int) {
	byName := map[string]*site{}
	var names []string
	for _, s := range pages {
		if s.dataset != d || s.apart(floor) || s.half != evalscore.Tune && s.half != evalscore.Check {
			continue
		}
		name := evalscore.Site(s.file)
		if name == "" {
			name = s.file
		}
		if byName[name] == nil {
			byName[name] = &site{tune: s.half == evalscore.Tune}
			names = append(names, name)
		}
		byName[name].pages = append(byName[name].pages, s)
	}
	slices.Sort(names)
	for _, name := range names {
		sites = append(sites, *byName[name])
		if byName[name].tune {
			tune++
		}
	}
	return sites, tune
}

// resplit returns, for extractor name, the shares of resplitDraws random
// splits of sites into tuneSites and the rest whose |F1 tune − F1 check|
// is over 0.02 and whose F1 tune − F1 check is at least the real split's.
func resplit(sites []site, tuneSites int, name string) (over, atLeast float64) {
	real := gap(sites, name, func(i int) bool { return sites[i].tune })
	r := rand.New(rand.NewPCG(1, 2))
	inTune := make([]bool, len(sites))
	nOver, nAtLeast := 0, 0
	for range resplitDraws {
		clear(inTune)
		for _, i := range r.Perm(len(sites))[:tuneSites] {
			inTune[i] = true
		}
		g := gap(sites, name, func(i int) bool { return inTune[i] })
		if math.Abs(g) > 0.02 {
			nOver++
		}
		if g >= real-1e-12 {
			nAtLeast++
		}
	}
	return float64(nOver) / resplitDraws, float64(nAtLeast) / resplitDraws
}

// gap is F1 tune − F1 check of extractor name when the sites for which
// tune reports true make the tune half.
func gap(sites []site, name string, tune func(i int) bool) float64 {
	var halves [2]tally
	for i, st := range sites {
		h := &halves[1]
		if tune(i) {
			h = &halves[0]
		}
		for _, s := range st.pages {
			if r, ok := s.res[name]; ok {
				h.add(r, s.snippets != nil)
			}
		}
	}
	if halves[0].n == 0 || halves[1].n == 0 {
		return 0
	}
	return f1Of(&halves[0]) - f1Of(&halves[1])
}
