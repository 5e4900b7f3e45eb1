// Command hostile measures prov's peak memory on a hostile site (issue
// #16):
//
//	cd bench && go run ./hostile [-parallel 4] [-articles 50] [-big 1] [-bombs 1]
//
// It serves on loopback, under the name hostile.test, a front page that
// links to -articles ordinary article pages and to every hostile page:
// gzip bombs that decode to 1 GiB, HTML pages of exactly 32 MiB (the
// default body limit), a page of 100,000 links, a page whose text is one
// 1 MB line, 100,000 nested <div>s, a body that drips in slowly, a
// response that hangs after its header, a connection reset halfway
// through a body, a redirect loop and an endless redirect chain (see
// site.go). It runs `prov crawl --parallel N --max-depth 1` on it in a
// subprocess, then `prov export --format jsonl`, and prints prov's peak
// RSS (the crawl's VmHWM, sampled), its exit status, and whether every
// article was archived with its text. The bar: peak RSS under
// 300 MB at --parallel 4, and every ordinary page kept.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

// siteHost is the site's name; prov reaches the loopback server through
// --connect-to.
const siteHost = "hostile.test"

type options struct {
	parallel, articles, big, bombs int
	hang                           time.Duration
	prov                           string
	keep                           bool
}

func main() {
	var o options
	flag.IntVar(&o.parallel, "parallel", 4, "prov crawl --parallel")
	flag.IntVar(&o.articles, "articles", 50, "ordinary article pages linked from the front page")
	flag.IntVar(&o.big, "big", 1, "32 MiB HTML pages, each with bytes of its own")
	flag.IntVar(&o.bombs, "bombs", 1, "gzip bombs (1 GiB decoded each)")
	flag.DurationVar(&o.hang, "hang", 0, "how long the hanging response holds the connection (0: until the client leaves)")
	flag.StringVar(&o.prov, "prov", "", "prov binary to use (default: build github.com/prov-archive/prov/cmd/prov)")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary folder (archive, export, binary)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "hostile bench:", err)
		os.Exit(1)
	}
}
