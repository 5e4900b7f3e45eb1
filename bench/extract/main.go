// Command extract compares prov's main-text extractor (clean.Clean) with
// go-trafilatura and go-readability on the pages of shared/eval/extraction,
// scored as shared/eval/README.md says:
//
//	cd bench && go run ./extract -eval ../../shared/eval/extraction
//
// It prints, per dataset and extractor, shingle precision, recall and F1,
// the bag-of-characters F1, the median and worst milliseconds per page
// (decoding and parsing included) and how many pages took over 200 ms,
// then on each dataset prov's F1 less the best peer's, unrounded.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/prov-archive/prov/evalscore"
)

func main() {
	dir := flag.String("eval", "../../shared/eval/extraction", "the extraction eval folder (with index.tsv)")
	verbose := flag.Bool("v", false, "print every page's F1 per extractor")
	only := flag.String("only", "", "comma-separated extractor names to run (default all)")
	dump := flag.String("dump", "", "write each extractor's text to `dir`/<page>.<extractor>.txt, to compare with the truth")
	flag.Parse()
	if err := run(*dir, *only, *dump, *verbose, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(1)
	}
}

// page is one eval page with its truth.
type page struct{ dataset, file, truth string }

// tally accumulates one extractor's scores on one dataset.
type tally struct {
	p, r, cp, cr float64
	ms           []float64
}

func run(dir, only, dump string, verbose bool, out io.Writer) error {
	pages, err := loadPages(dir)
	if err != nil {
		return err
	}
	exs := selected(only)
	tallies := map[string]map[string]*tally{} // dataset → extractor → tally
	for _, pg := range pages {
		body, err := os.ReadFile(filepath.Join(dir, pg.file))
		if err != nil {
			return err
		}
		for _, ex := range exs {
			start := time.Now()
			text := ex.run("http://example.com/"+pg.file, body)
			ms := float64(time.Since(start).Microseconds()) / 1000
			if err := dumpText(dump, pg.file, ex.name, text); err != nil {
				return err
			}
			t := tallyFor(tallies, pg.dataset, ex.name)
			p, r := evalscore.PRF(evalscore.Shingles(text), evalscore.Shingles(pg.truth))
			cp, cr := evalscore.PRF(evalscore.CharBag(text), evalscore.CharBag(pg.truth))
			t.p, t.r, t.cp, t.cr = t.p+p, t.r+r, t.cp+cp, t.cr+cr
			t.ms = append(t.ms, ms)
			if verbose {
				fmt.Fprintf(out, "%s\t%s\tF1=%.3f\tP=%.3f\tR=%.3f\t%.1fms\n", pg.file, ex.name, evalscore.F1(p, r), p, r, ms)
			}
		}
	}
	report(out, tallies, exs)
	return nil
}

// dumpText writes one extractor's text for a page under dir, when dir is set.
func dumpText(dir, file, extractor, text string) error {
	if dir == "" {
		return nil
	}
	path := filepath.Join(dir, strings.TrimSuffix(file, ".html")+"."+extractor+".txt")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

func selected(only string) []extractor {
	if only == "" {
		return extractors
	}
	var out []extractor
	for _, ex := range extractors {
		if slices.Contains(strings.Split(only, ","), ex.name) {
			out = append(out, ex)
		}
	}
	return out
}

func tallyFor(m map[string]map[string]*tally, dataset, name string) *tally {
	if m[dataset] == nil {
		m[dataset] = map[string]*tally{}
	}
	if m[dataset][name] == nil {
		m[dataset][name] = &tally{}
	}
	return m[dataset][name]
}

// loadPages reads index.tsv and each page's truth.
func loadPages(dir string) ([]page, error) {
	f, err := os.Open(filepath.Join(dir, "index.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pages []page
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 2 || fs[0] == "dataset" {
			continue
		}
		truth, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(fs[1], ".html")+".txt"))
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{fs[0], fs[1], string(truth)})
	}
	return pages, sc.Err()
}

func report(out io.Writer, tallies map[string]map[string]*tally, exs []extractor) {
	fmt.Fprintf(out, "%-12s %-12s %5s %6s %6s %6s %7s %8s %8s %6s\n",
		"dataset", "extractor", "pages", "P", "R", "F1", "charF1", "med ms", "max ms", ">200ms")
	names := make([]string, 0, len(tallies))
	for d := range tallies {
		names = append(names, d)
	}
	slices.Sort(names)
	for _, d := range names {
		for _, ex := range exs {
			t := tallies[d][ex.name]
			n := float64(len(t.ms))
			slices.Sort(t.ms)
			slow := len(t.ms) - sort200(t.ms)
			fmt.Fprintf(out, "%-12s %-12s %5d %6.3f %6.3f %6.3f %7.3f %8.1f %8.1f %6d\n",
				d, ex.name, len(t.ms), t.p/n, t.r/n, evalscore.F1(t.p/n, t.r/n), evalscore.F1(t.cp/n, t.cr/n),
				t.ms[len(t.ms)/2], t.ms[len(t.ms)-1], slow)
		}
	}
	for _, d := range names {
		if line := margin(d, tallies[d], exs); line != "" {
			fmt.Fprintln(out, line)
		}
	}
}

// margin is prov's F1 less the best peer's on one dataset, to five places:
// the table rounds to three, and the bar is "never below a peer".
func margin(dataset string, ts map[string]*tally, exs []extractor) string {
	f1 := func(t *tally) float64 {
		n := float64(len(t.ms))
		return evalscore.F1(t.p/n, t.r/n)
	}
	prov, ok := ts["prov"]
	if !ok {
		return ""
	}
	best, bestName := -1.0, ""
	for _, ex := range exs {
		if t, ok := ts[ex.name]; ok && ex.name != "prov" && f1(t) > best {
			best, bestName = f1(t), ex.name
		}
	}
	if bestName == "" {
		return ""
	}
	return fmt.Sprintf("%-12s prov F1 %.5f, best peer %s %.5f: prov %+.5f", dataset, f1(prov), bestName, best, f1(prov)-best)
}

// sort200 is the number of sorted times at or under 200 ms.
func sort200(ms []float64) int {
	i, _ := slices.BinarySearch(ms, 200.0001)
	return i
}
