// Command distrib measures a crawl shared through Redis (prov crawl
// --frontier, issue #19):
//
//	cd bench && go run ./distrib [-pages 5000] [-workers 1,2,4]
//
// It serves a generated site of -pages pages on loopback under the name
// distrib.test, starts Debian's redis-server on a free loopback port
// (persisting nothing), and for each worker count crawls the whole site
// with that many `prov crawl --frontier` processes, each with its own
// shard, after emptying Redis. It prints, per worker count, the pages
// fetched, the seconds from the first worker's start to the last one's
// exit, pages per second, the memory of the crawl's state in Redis per
// 1,000 URLs seen (MEMORY USAGE of its keys) and the CPU time Redis spent
// per 1,000 pages (INFO cpu). A crawl of one process without Redis is
// measured first for comparison.
//
// With -hosts it crawls three hosts instead, by a rules file: a slow one
// and two quick ones (hostsSite). Workers of a shared crawl wait on the
// host of the URL they took, so the figure shows whether the slow host's
// URLs, queued first, hold them while the others' wait.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	pages := flag.Int("pages", 5000, "pages in the generated site")
	workers := flag.String("workers", "1,2,4", "worker counts to measure, comma-separated")
	parallel := flag.Int("parallel", 8, "requests at once per worker to the site")
	prov := flag.String("prov", "", "prov binary to use (default: build github.com/prov-archive/prov/cmd/prov)")
	keep := flag.Bool("keep", false, "keep the temporary folder")
	hosts := flag.Bool("hosts", false, "crawl three hosts instead of the generated site (see hostsSite): one slow host must not hold the workers while the others' URLs wait")
	flag.Parse()
	var counts []int
	for _, s := range strings.Split(*workers, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "distrib bench: -workers %q: want counts like 1,2,4\n", *workers)
			os.Exit(2)
		}
		counts = append(counts, n)
	}
	if err := bench(*pages, *parallel, counts, *prov, *keep, *hosts); err != nil {
		fmt.Fprintln(os.Stderr, "distrib bench:", err)
		os.Exit(1)
	}
}
