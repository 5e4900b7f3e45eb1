package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/prov-archive/prov/bench/internal/child"
)

func run(o options) error {
	if o.parallel < 1 || o.articles < 1 || o.big < 0 || o.bombs < 0 {
		return fmt.Errorf("-parallel and -articles must be ≥ 1, -big and -bombs ≥ 0")
	}
	tmp, prov, done, err := child.Workdir("hostile", o.prov, o.keep)
	if err != nil {
		return err
	}
	defer done()
	began := time.Now()
	s, err := newSite(o)
	if err != nil {
		return err
	}
	srv := s.serve()
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	fmt.Printf("site: %d articles, %d gzip bombs (1 GiB decoded, %.2f MB sent), %d × 32 MiB pages, 100,000 links, 1 MB line, 100,000 nested divs, drip, hang, reset, loops; on %s as %s (made in %s)\n",
		o.articles, o.bombs, float64(len(s.bomb))/1e6, o.big, addr, siteHost, time.Since(began).Round(time.Millisecond))
	db := filepath.Join(tmp, "hostile.db")
	crawlCmd := exec.Command(prov, crawlArgs(db, addr, o.parallel)...)
	fmt.Fprintf(os.Stderr, "running %v\n", crawlCmd.Args)
	u, err := child.Run(crawlCmd)
	if err != nil {
		return err
	}
	kept, missing, err := checkArticles(prov, db, filepath.Join(tmp, "export.jsonl"), o.articles)
	if err != nil {
		return err
	}
	report(o, u, kept, missing)
	return nil
}

// crawlArgs is prov's whole pipeline on the site. --delay is 1ns, not 0
// (0 means the 1s default); --max-depth 1 fetches the front page's links
// and no further, so the 100,000 links are read but not fetched.
func crawlArgs(db, addr string, parallel int) []string {
	_, port, _ := net.SplitHostPort(addr)
	return []string{"crawl", "--db", db,
		"--connect-to", siteHost + ":80:127.0.0.1:" + port,
		"--delay", "1ns", "--parallel", strconv.Itoa(parallel), "--max-depth", "1",
		"--progress", "never", "http://" + siteHost + "/"}
}

func report(o options, u child.Usage, kept int, missing []string) {
	fmt.Printf("\nprov crawl --parallel %d: exit %d, %.1f s, cpu %.1f s, peak RSS %.1f MB (largest sampled: anon %.1f MB, file %.1f MB)\n",
		o.parallel, u.ExitCode, u.Wall.Seconds(), u.CPU.Seconds(), child.MB(u.PeakRSS), child.MB(u.AnonRSS), child.MB(u.FileRSS))
	fmt.Printf("ordinary pages archived with their text: %d/%d\n", kept, o.articles)
	for _, m := range missing {
		fmt.Printf("  missing: %s\n", m)
	}
	fmt.Printf("bar: peak RSS < 300 MB: %s; every ordinary page kept: %s\n",
		verdict(u.PeakRSS < 300<<20), verdict(kept == o.articles))
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}
