// Command crawl measures prov's whole crawl pipeline against a bare colly
// collector on the same generated site (issue #6):
//
//	cd bench && go run ./crawl [-pages 20000] [-parallel 8]
//
// It serves a deterministic site of -pages small article pages on loopback
// under the name bench.test, each with its own text (-same-text: one
// pool of sentences for all), then runs, each in a subprocess of its own so
// their peak memory is measured apart:
//
//   - prov: `prov crawl --connect-to bench.test:80:127.0.0.1:PORT ...`, which
//     fetches, decodes, extracts, hashes, sketches and archives every page;
//   - colly: a bare colly collector (this program re-run with -mode colly)
//     that only follows links, at the same parallelism.
//
// It prints for both the pages, seconds, pages per second, CPU seconds, CPU
// milliseconds per page and peak RSS, the ratio of prov's pages per
// second to colly's, and prov's archive bytes per page (with -buckets,
// bucket by bucket). Issue #16's bars: the ratio ≥ 0.8 and prov's peak
// RSS < 150 MB (peak RSS is the child's VmHWM: see child.Run).
//
// On a machine shared with other work a single run swings with the load
// of the moment; -rounds N runs the crawlers N times in turn, each prov
// round into an archive of its own, and reports every round and the
// medians of pages per second and of the ratio. -grow N measures prov
// alone on the site of -pages and on one of N pages, in turn, and reports
// the rate at N over the rate at -pages, round by round and its median:
// does the rate hold as the archive grows?
//
// -against BIN measures two builds of prov alone: the one -prov names (or
// this checkout's) and BIN, an earlier build, in turn each round (BIN
// first in even rounds) on the same site, each crawl into an archive of
// its own; it reports their CPU milliseconds per page round by round and
// the ratio of each round's pair and its median. A pair's two crawls run
// back to back, so the ratio keeps less of the machine's other load than
// figures from separate runs would.
package main

import (
	"flag"
	"fmt"
	"os"
)

// benchHost is the site's name; connections reach the loopback server
// through --connect-to (prov) or the dialer (colly).
const benchHost = "bench.test"

func main() {
	var o options
	flag.IntVar(&o.pages, "pages", 20000, "pages in the generated site")
	flag.IntVar(&o.parallel, "parallel", 8, "requests at once to the site")
	flag.IntVar(&o.rounds, "rounds", 1, "measure `N` rounds, the crawlers in turn (prov first in odd rounds, colly first in even ones), and report each round and the medians")
	flag.IntVar(&o.grow, "grow", 0, "measure prov alone on a site of -pages and on one of `N` pages, in turn each round, and report the larger site's rate over the smaller's (issue #16: within 15%)")
	flag.StringVar(&o.prov, "prov", "", "prov binary to use (default: build github.com/prov-archive/prov/cmd/prov)")
	flag.StringVar(&o.against, "against", "", "measure prov alone against an earlier prov build `BIN`, in turn each round, and report the CPU per page of each and their ratio (issue #16: at most 0.50 of the build before it)")
	flag.StringVar(&o.only, "only", "", "run only one crawler: prov or colly")
	flag.BoolVar(&o.same, "same-text", false, "draw every page's text from one pool of a dozen sentences (the benchmark before issue #20)")
	flag.BoolVar(&o.recrawl, "recrawl", false, "crawl the site with prov a second time into the same archive, and report that run too (with -against, both builds, and their ratio)")
	flag.BoolVar(&o.buckets, "buckets", false, "print the archive's bytes per page bucket by bucket")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary folder (archive, binary)")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write prov's CPU profile to `FILE` (the last round's, with -rounds)")
	flag.StringVar(&o.memProfile, "memprofile", "", "write prov's allocation profile to `FILE` (the last round's, with -rounds)")
	flag.StringVar(&o.mode, "mode", "", "internal: colly runs the bare collector against -addr")
	flag.StringVar(&o.addr, "addr", "", "internal: the site's loopback address, for -mode colly")
	flag.Parse()
	var err error
	switch o.mode {
	case "":
		err = bench(o)
	case "colly":
		err = runColly(o.addr, o.parallel)
	default:
		err = fmt.Errorf("unknown -mode %q", o.mode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "crawl bench:", err)
		os.Exit(1)
	}
}

type options struct {
	pages, parallel int
	rounds, grow    int
	prov, only      string
	against         string
	keep, same      bool
	buckets         bool
	recrawl         bool
	cpuProfile      string
	memProfile      string
	mode, addr      string
}
