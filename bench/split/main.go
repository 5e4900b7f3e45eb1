// Command split writes the fixed tune/check split of the extraction eval
// pages (evalscore/split.tsv). It was run once; the list it wrote is the
// split, and it is committed so that it never moves. Re-run it only for a
// dataset that is new in shared/eval, and keep the lines already there.
//
//	cd bench && go run ./split -eval ../../shared/eval/extraction > ../evalscore/split.tsv
//
// A page's site is the registrable domain of its canonical URL, else of
// its og:url, else of the host most of its absolute links and sources
// point to, else the page itself. A site is a tune site when the FNV-1a
// hash of "dataset/site" is even: every page of one site lands in the
// same half, so a rule fitted to a tune site's template cannot lift the
// check half.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/net/publicsuffix"
)

var (
	canonicalRe = regexp.MustCompile(`(?is)<link[^>]+rel=["']?canonical["']?[^>]*>`)
	ogURLRe     = regexp.MustCompile(`(?is)<meta[^>]+property=["']?og:url["']?[^>]*>`)
	hrefRe      = regexp.MustCompile(`(?i)(?:href|content)=["']?(https?://[^"'\s>]+)`)
	anyURLRe    = regexp.MustCompile(`(?i)(?:href|src)=["']?(https?://[^"'\s>/]+)`)
)

func main() {
	dir := flag.String("eval", "../../shared/eval/extraction", "the extraction eval folder")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "split:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "# dataset\tfile\tsite\thalf  (written by bench/split; fixed: do not regenerate)")
	for _, index := range []string{"index.tsv", "snippets.tsv"} {
		files, err := listed(filepath.Join(dir, index))
		if err != nil {
			return err
		}
		for _, f := range files {
			body, err := os.ReadFile(filepath.Join(dir, f[1]))
			if err != nil {
				return err
			}
			site := siteOf(string(body), f[1])
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", f[0], f[1], site, half(f[0], site))
		}
	}
	return nil
}

func listed(path string) ([][2]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for _, line := range strings.Split(string(b), "\n") {
		fs := strings.Split(line, "\t")
		if len(fs) < 2 || fs[0] == "dataset" {
			continue
		}
		out = append(out, [2]string{fs[0], fs[1]})
	}
	return out, nil
}

func siteOf(page, file string) string {
	for _, re := range []*regexp.Regexp{canonicalRe, ogURLRe} {
		if tag := re.FindString(page); tag != "" {
			if m := hrefRe.FindStringSubmatch(tag); m != nil {
				if d := domain(m[1]); d != "" {
					return d
				}
			}
		}
	}
	count := map[string]int{}
	best := ""
	for _, m := range anyURLRe.FindAllStringSubmatch(page, -1) {
		d := domain(m[1])
		if d == "" {
			continue
		}
		count[d]++
		if count[d] > count[best] || count[d] == count[best] && d < best {
			best = d
		}
	}
	if best != "" {
		return best
	}
	return "page:" + file
}

func domain(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(u.Hostname()))
	if err != nil {
		return ""
	}
	return d
}

func half(dataset, site string) string {
	h := fnv.New32a()
	h.Write([]byte(dataset + "/" + site))
	if h.Sum32()%2 == 0 {
		return "tune"
	}
	return "check"
}
