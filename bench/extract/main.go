// Command extract compares prov's main-text extractor (clean.Clean) with
// go-trafilatura and go-readability on the pages of shared/eval/extraction,
// scored as shared/eval/README.md says:
//
//	cd bench && go run ./extract -eval ../../shared/eval/extraction
//
// Every page is in the tune or the check half of evalscore's fixed split.
// Per dataset, half and extractor it prints shingle precision, recall and
// F1 (of the averaged P and R), the mean per-page F1, the bag-of-characters
// F1, how many pages came out empty, the median and worst milliseconds per
// page (decoding and parsing included) and how many took over 200 ms; for
// trafcmp, whose truth is snippets, P, R and F1 of the snippet counts
// summed over the pages, and their accuracy. Pages where every extractor
// scores under -apart are listed on their own and left out of those rows:
// they measure the truth or the page, not the extractors. Then prov's F1
// less the best peer's, unrounded, prov's tune/check gap per dataset, and
// every extractor's check-less-tune F1, to tell a harder half from fitting.
// With -worst n, the n tune pages where prov's F1 is furthest below the
// best peer's, to read one by one (never check pages). With -blind, every
// extractor reads the pages with their class and id names replaced by
// hashes (blindNames): how far a score falls then is how far it leaned on
// names. With -plain, every HTML5 sectioning or semantic element is
// renamed to a div or a span (plainTags): how far a score falls then is
// how far it leaned on those tags. The two compose.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// options are the command's flags.
type options struct {
	dir      string  // the extraction eval folder
	half     string  // tune, check or all
	only     string  // comma-separated extractor names, "" for all
	dump     string  // folder for the tune pages' extracted text, "" for none
	apart    float64 // pages where every extractor's F1 is under this are set apart
	cache    string  // file of peers' page F1s, "" for none
	worst    int     // list this many tune pages where prov is furthest below the best peer
	verbose  bool
	blind    bool   // class and id names replaced by hashes before any extractor reads a page
	plain    bool   // HTML5 sectioning and semantic tags renamed to div or span before any extractor reads a page
	captions bool   // prov's captions scored as part of its text
	probe    string // a list of HTML files without truth to compare prov's text length on, "" for none
}

func main() {
	var o options
	flag.StringVar(&o.dir, "eval", "../../shared/eval/extraction", "the extraction eval folder (with index.tsv and snippets.tsv)")
	flag.StringVar(&o.half, "half", "all", "run only the tune or the check `half` of every dataset, or all")
	flag.StringVar(&o.only, "only", "", "comma-separated extractor `names` to run and report (default all: "+strings.Join(names(extractors), ",")+")")
	flag.StringVar(&o.dump, "dump", "", "write each extractor's text of every tune page to `dir`/<page>.<extractor>.txt, to compare with the truth; check pages are never written (read them only as scores)")
	flag.Float64Var(&o.apart, "apart", 0.2, "set apart pages where every extractor's F1 is under this `F1` (0 sets none apart)")
	flag.StringVar(&o.cache, "cache", defaultCache(), "`file` keeping the peers' page F1s, so -only prov can set pages apart without running them (\"\" for none)")
	flag.IntVar(&o.worst, "worst", 0, "list the `n` tune pages where prov's F1 is furthest below the best peer's (check pages are never listed: read them only as scores)")
	flag.BoolVar(&o.verbose, "v", false, "print every page's half and scores per extractor")
	flag.BoolVar(&o.captions, "captions", false, "score prov's text with its captions after it, as truths that keep captions read a page (prov takes them out of the text, issue #13), to see what that costs")
	flag.BoolVar(&o.blind, "blind", false, "replace every class and id name on the pages by a hash of itself before any extractor reads them, to see how far each leans on names")
	flag.BoolVar(&o.plain, "plain", false, "rename every HTML5 sectioning or semantic element (article, main, section, aside, nav, header, footer, figure, figcaption, hgroup, search; time) to a div (time to a span) before any extractor reads the pages, to see how far each leans on those tags")
	flag.StringVar(&o.probe, "probe", "", "instead of the eval pages, read the HTML files listed in `file` (one path a line, - for stdin), pages without truth, and list those where prov's text is empty while a peer found 500 runes or more, under a third of both peers' or over three times both")
	flag.Parse()
	if o.probe != "" {
		if err := probe(o.probe, view(o.blind, o.plain), os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "extract:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "extract:", err)
		os.Exit(1)
	}
}

// defaultCache is the peers' F1 file under the user's cache folder, or ""
// where there is none.
func defaultCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "prov-bench", "extract-peer-f1.tsv")
}

// validate checks the flags and returns the extractors to run and report,
// then the others (whose page F1 only decides which pages are set apart).
func validate(o options) (run, rest []extractor, err error) {
	if !slices.Contains([]string{"tune", "check", "all"}, o.half) {
		return nil, nil, fmt.Errorf("-half %q: want tune, check or all", o.half)
	}
	if o.dump != "" && o.half == "check" {
		return nil, nil, errors.New("-dump writes tune pages only, and -half check has none")
	}
	if o.worst < 0 {
		return nil, nil, fmt.Errorf("-worst %d: want a count of pages, 0 for none", o.worst)
	}
	if o.worst > 0 && o.half == "check" {
		return nil, nil, errors.New("-worst lists tune pages only, and -half check has none")
	}
	if o.apart < 0 || o.apart > 1 {
		return nil, nil, fmt.Errorf("-apart %g: want an F1 from 0 to 1", o.apart)
	}
	if o.only == "" {
		return extractors, nil, nil
	}
	want := strings.Split(o.only, ",")
	for _, name := range want {
		if !slices.Contains(names(extractors), name) {
			return nil, nil, fmt.Errorf("-only: no extractor %q (have %s)", name, strings.Join(names(extractors), ", "))
		}
	}
	for _, ex := range extractors {
		if slices.Contains(want, ex.name) {
			run = append(run, ex)
		} else {
			rest = append(rest, ex)
		}
	}
	return run, rest, nil
}

func run(o options, out io.Writer) error {
	exs, rest, err := validate(o)
	if err != nil {
		return err
	}
	pages, err := loadPages(o.dir, o.half)
	if err != nil {
		return err
	}
	cache, err := openCache(o.cache)
	if err != nil {
		return err
	}
	if o.captions {
		exs = withCaptions(exs)
		fmt.Fprintln(out, "-captions: prov's captions scored as part of its text")
	}
	sc := scorer{dir: o.dir, dump: o.dump, run: exs, rest: rest, cache: cache, view: view(o.blind, o.plain)}
	if o.blind {
		fmt.Fprintln(out, "-blind: every class and id name replaced by a hash of itself")
	}
	if o.plain {
		fmt.Fprintln(out, "-plain: every HTML5 sectioning or semantic element renamed to a div or a span")
	}
	scored, err := sc.scoreAll(pages)
	if err != nil {
		return err
	}
	if err := cache.save(); err != nil {
		return err
	}
	if o.verbose {
		printPages(out, scored, exs, o.apart)
	}
	report(out, scored, exs, rest, o.apart)
	if o.worst > 0 {
		printWorst(out, worstTune(scored, o.worst, o.apart))
	}
	return nil
}

func names(exs []extractor) []string {
	var out []string
	for _, ex := range exs {
		out = append(out, ex.name)
	}
	return out
}
