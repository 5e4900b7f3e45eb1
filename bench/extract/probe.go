package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// -probe reads pages that have no truth: any HTML files on hand that the
// project was never tuned on (documentation trees, saved pages). Without
// a truth there is no F1, but where prov's text is a small part of what
// both peers found, or many times it, one of them has misread the page:
// those pages are listed, to be read one by one. It finds failures of
// kind (a document cut to its first section, a page left empty), not
// shades of precision.

// probeRatio is how far prov's length must lie from both peers' for a page
// to be listed: under a third of the shorter, or over three times the
// longer.
const probeRatio = 3

// probeFloor is the fewest runes the peers must find (or prov, for a
// page where prov found more) before a page is weighed: on shorter texts
// a ratio says little.
const probeFloor = 500

// probeVerdict says how prov's text length stands beside the peers':
// "empty" (prov found nothing where a peer found probeFloor runes or
// more: a page with text left empty, which issue #13 allows on no page),
// "short", "long" or "" (within probeRatio of one of them, or too short
// to tell).
func probeVerdict(prov, peerA, peerB int) string {
	lo, hi := min(peerA, peerB), max(peerA, peerB)
	switch {
	case prov == 0 && hi >= probeFloor:
		return "empty"
	case lo >= probeFloor && prov*probeRatio < lo:
		return "short"
	case prov >= probeFloor && prov > probeRatio*hi:
		return "long"
	}
	return ""
}

// probe runs every extractor on each file listed in list (one path a
// line; "-" reads the list from stdin) and writes the pages whose verdict
// is not "", then the counts.
func probe(list string, view func([]byte) []byte, out io.Writer) error {
	paths, err := probePaths(list)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	read := 0
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintf(out, "skipped %s: %v\n", p, err)
			continue
		}
		body = view(body)
		read++
		n := map[string]int{}
		for _, ex := range extractors {
			n[ex.name] = utf8.RuneCountInString(ex.run("http://probe.invalid/"+strings.TrimPrefix(filepath.ToSlash(p), "/"), body))
		}
		if v := probeVerdict(n["prov"], n["trafilatura"], n["readability"]); v != "" {
			counts[v]++
			fmt.Fprintf(out, "%-5s prov %7d  trafilatura %7d  readability %7d  %s\n", v, n["prov"], n["trafilatura"], n["readability"], p)
		}
	}
	fmt.Fprintf(out, "%d pages read: prov empty where a peer found %d runes or more on %d, under a third of both peers on %d, over %d times both on %d\n",
		read, probeFloor, counts["empty"], counts["short"], probeRatio, counts["long"])
	return nil
}

func probePaths(list string) ([]string, error) {
	var r io.Reader = os.Stdin
	if list != "-" {
		f, err := os.Open(list)
		if err != nil {
			return nil, fmt.Errorf("-probe: %w", err)
		}
		defer f.Close()
		r = f
	}
	var paths []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if p := strings.TrimSpace(sc.Text()); p != "" {
			paths = append(paths, p)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("-probe: reading the list: %w", err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("-probe: no paths in %s", list)
	}
	return paths, nil
}
