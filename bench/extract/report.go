package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/prov-archive/prov/evalscore"
)

// all is the row of a dataset's two halves together.
const all = "all"

// A tally accumulates one extractor's results on the pages of one dataset
// and half.
type tally struct {
	n            int
	snippets     bool    // the pages' truth is snippets
	p, r, cp, cr float64 // sums over pages (text truth)
	snip         evalscore.SnippetCounts
	f1s          float64 // sum of page F1s
	empty        int
	ms           []float64
}

func (t *tally) add(r result, snippets bool) {
	t.n++
	t.snippets = snippets
	t.p, t.r, t.cp, t.cr = t.p+r.p, t.r+r.r, t.cp+r.cp, t.cr+r.cr
	t.snip = t.snip.Add(r.snip)
	t.f1s += r.f1
	if r.empty {
		t.empty++
	}
	t.ms = append(t.ms, r.ms)
}

// prf is the row's precision, recall and F1: of the snippet counts summed
// over the pages, or of the averaged shingle precision and recall.
func (t *tally) prf() (p, r, f1 float64) {
	if t.snippets {
		return t.snip.Precision(), t.snip.Recall(), t.snip.F1()
	}
	n := float64(t.n)
	return t.p / n, t.r / n, evalscore.F1(t.p/n, t.r/n)
}

// A cell names one row of the table.
type cell struct{ dataset, half, extractor string }

// tallyUp adds every page that is not set apart to the rows of its half
// and of all.
func tallyUp(pages []scored, floor float64) map[cell]*tally {
	ts := map[cell]*tally{}
	for _, s := range pages {
		if s.apart(floor) {
			continue
		}
		for name, r := range s.res {
			for _, h := range []string{s.half, all} {
				c := cell{s.dataset, h, name}
				if ts[c] == nil {
					ts[c] = &tally{}
				}
				ts[c].add(r, s.snippets != nil)
			}
		}
	}
	return ts
}

// report prints the table, the pages set apart, the margins, prov's
// tune/check gaps and every extractor's gaps beside random splits.
func report(out io.Writer, pages []scored, exs, rest []extractor, floor float64) {
	ts := tallyUp(pages, floor)
	datasets, halves := axes(pages)
	if floor > 0 {
		fmt.Fprintf(out, "Rows leave out the pages set apart (every extractor's F1 < %.2f; listed below)", floor)
	} else {
		fmt.Fprint(out, "Rows hold every page (-apart 0 sets none apart)")
	}
	if len(rest) > 0 {
		fmt.Fprintf(out, "; %s not reported, their page F1s cached or run untimed to decide that", strings.Join(names(rest), ", "))
	}
	fmt.Fprintln(out, ".\ntrafcmp's truth is snippets: its P, R, F1 are of TP, FP, FN summed over the pages, acc of all four.")
	printTable(out, ts, datasets, halves, exs)
	printApart(out, pages, datasets, floor)
	printMargins(out, ts, datasets, halves, exs)
	printGaps(out, ts, datasets, exs)
	printResplits(out, pages, datasets, exs, floor)
}

// axes are the datasets in name order and the halves present in the
// order tune, check, unsplit, then all when there is more than one.
func axes(pages []scored) (datasets, halves []string) {
	for _, s := range pages {
		if !slices.Contains(datasets, s.dataset) {
			datasets = append(datasets, s.dataset)
		}
	}
	slices.Sort(datasets)
	for _, h := range []string{evalscore.Tune, evalscore.Check, unsplit} {
		if slices.ContainsFunc(pages, func(s scored) bool { return s.half == h }) {
			halves = append(halves, h)
		}
	}
	if len(halves) > 1 {
		halves = append(halves, all)
	}
	return datasets, halves
}

func printTable(out io.Writer, ts map[cell]*tally, datasets, halves []string, exs []extractor) {
	fmt.Fprintf(out, "%-12s %-7s %-12s %5s %6s %6s %6s %7s %7s %6s %5s %7s %7s %6s\n",
		"dataset", "half", "extractor", "pages", "P", "R", "F1", "pageF1", "charF1", "acc", "empty", "med ms", "max ms", ">200ms")
	for _, d := range datasets {
		for _, h := range halves {
			for _, ex := range exs {
				if t := ts[cell{d, h, ex.name}]; t != nil {
					fmt.Fprintln(out, row(d, h, ex.name, t))
				}
			}
		}
	}
}

func row(dataset, half, extractor string, t *tally) string {
	p, r, f1 := t.prf()
	char, acc := "-", "-"
	if t.snippets {
		acc = fmt.Sprintf("%.3f", t.snip.Accuracy())
	} else {
		n := float64(t.n)
		char = fmt.Sprintf("%.3f", evalscore.F1(t.cp/n, t.cr/n))
	}
	ms := slices.Sorted(slices.Values(t.ms))
	slow := len(ms) - countUpTo(ms, 200)
	return fmt.Sprintf("%-12s %-7s %-12s %5d %6.3f %6.3f %6.3f %7.3f %7s %6s %5d %7.1f %7.1f %6d",
		dataset, half, extractor, t.n, p, r, f1, t.f1s/float64(t.n), char, acc, t.empty, ms[len(ms)/2], ms[len(ms)-1], slow)
}

// countUpTo is the number of sorted times at or under limit ms.
func countUpTo(ms []float64, limit float64) int {
	i, _ := slices.BinarySearch(ms, math.Nextafter(limit, math.Inf(1)))
	return i
}

// printApart lists the pages set apart with every extractor's F1, and
// how many each dataset had.
func printApart(out io.Writer, pages []scored, datasets []string, floor float64) {
	fmt.Fprintf(out, "\nSet apart (every extractor's F1 < %.2f): ", floor)
	var counts []string
	for _, d := range datasets {
		n := map[string]int{}
		for _, s := range pages {
			if s.dataset == d && s.apart(floor) {
				n[s.half]++
				n[all]++
			}
		}
		counts = append(counts, fmt.Sprintf("%s %d (tune %d, check %d)", d, n[all], n[evalscore.Tune], n[evalscore.Check]))
	}
	fmt.Fprintln(out, strings.Join(counts, ", "))
	for _, s := range pages {
		if s.apart(floor) {
			fmt.Fprintf(out, "  %-12s %-20s %-7s %s\n", s.dataset, s.file, s.half, pageF1s(s))
		}
	}
}

// pageF1s is every extractor's F1 on a page, in the extractors' order.
func pageF1s(s scored) string {
	var fs []string
	for _, ex := range extractors {
		if _, run := s.res[ex.name]; run || hasKey(s.others, ex.name) {
			fs = append(fs, fmt.Sprintf("%s %.3f", ex.name, s.f1(ex.name)))
		}
	}
	return strings.Join(fs, "  ")
}

func hasKey(m map[string]float64, k string) bool {
	_, ok := m[k]
	return ok
}

// printMargins prints, per dataset and half, prov's F1 less the best
// peer's to five places: the table rounds to three, and the bar is "never
// below a peer".
func printMargins(out io.Writer, ts map[cell]*tally, datasets, halves []string, exs []extractor) {
	fmt.Fprintln(out)
	for _, d := range datasets {
		for _, h := range halves {
			if line := margin(ts, d, h, exs); line != "" {
				fmt.Fprintln(out, line)
			}
		}
	}
}

func margin(ts map[cell]*tally, dataset, half string, exs []extractor) string {
	prov := ts[cell{dataset, half, "prov"}]
	if prov == nil {
		return ""
	}
	best, bestName := -1.0, ""
	for _, ex := range exs {
		if t := ts[cell{dataset, half, ex.name}]; t != nil && ex.name != "prov" && f1Of(t) > best {
			best, bestName = f1Of(t), ex.name
		}
	}
	if bestName == "" {
		return ""
	}
	return fmt.Sprintf("%-12s %-7s prov F1 %.5f, best peer %s %.5f: prov %+.5f",
		dataset, half, f1Of(prov), bestName, best, f1Of(prov)-best)
}

func f1Of(t *tally) float64 {
	_, _, f1 := t.prf()
	return f1
}

// printGaps prints prov's |F1 tune − F1 check| per dataset, flagged over
// 0.02, then every extractor's F1 check − F1 tune: a half that is harder
// for every extractor shows in each column, one fitted to prov's tune
// pages in prov's alone.
func printGaps(out io.Writer, ts map[cell]*tally, datasets []string, exs []extractor) {
	var lines, signed []string
	for _, d := range datasets {
		tune, check, ok := halvesOf(ts, d, "prov")
		if !ok {
			continue
		}
		flag := ""
		if math.Abs(check-tune) > 0.02 {
			flag = "  > 0.02"
		}
		lines = append(lines, fmt.Sprintf("%-12s prov tune %.5f check %.5f gap %.5f%s", d, tune, check, math.Abs(check-tune), flag))
		row := fmt.Sprintf("%-12s", d)
		for _, ex := range exs {
			if tune, check, ok := halvesOf(ts, d, ex.name); ok {
				row += fmt.Sprintf(" %s %+.5f", ex.name, check-tune)
			}
		}
		signed = append(signed, row)
	}
	if len(lines) > 0 {
		fmt.Fprintln(out, "\nprov's tune/check gap (|F1 tune - F1 check|, flagged over 0.02):")
		fmt.Fprintln(out, strings.Join(lines, "\n"))
		fmt.Fprintln(out, "\nEvery extractor's F1 check - F1 tune (a half harder for all shows in every column):")
		fmt.Fprintln(out, strings.Join(signed, "\n"))
	}
}

// halvesOf is extractor name's F1 on dataset d's tune and check halves;
// false when either half has no row.
func halvesOf(ts map[cell]*tally, d, name string) (tune, check float64, ok bool) {
	t, c := ts[cell{d, evalscore.Tune, name}], ts[cell{d, evalscore.Check, name}]
	if t == nil || c == nil {
		return 0, 0, false
	}
	return f1Of(t), f1Of(c), true
}

// printPages prints every page's half and scores per extractor run, and
// marks the pages set apart. It prints scores only, never text, so it
// serves for check pages too.
func printPages(out io.Writer, pages []scored, exs []extractor, floor float64) {
	for _, s := range pages {
		mark := ""
		if s.apart(floor) {
			mark = "\tset apart"
		}
		for _, ex := range exs {
			r := s.res[ex.name]
			empty := ""
			if r.empty {
				empty = "\tempty" // counted in the rows' empty column only when the page is not set apart
			}
			fmt.Fprintf(out, "%s\t%s\t%s\tF1=%.3f\t%s\t%.1fms%s%s\n", s.half, s.file, ex.name, r.f1, detail(r, s.snippets != nil), r.ms, empty, mark)
		}
	}
}

func detail(r result, snippets bool) string {
	if snippets {
		return fmt.Sprintf("TP=%d FN=%d FP=%d TN=%d", r.snip.TP, r.snip.FN, r.snip.FP, r.snip.TN)
	}
	return fmt.Sprintf("P=%.3f\tR=%.3f", r.p, r.r)
}
