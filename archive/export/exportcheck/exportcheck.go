// Package exportcheck runs the outside validators on prov's archival
// exports, for the tests: warcio.js (npm, pinned in tools/node, installed
// by `make tools`) parses a WARC and re-indexes it, tools/node/warccheck.cjs
// recomputes its digests and resolves its references, gzip -t tests its
// members, sha256sum -c checks a bag's manifests. Each returns the tool's
// output, and an error when the tool found a problem or could not run.
// The checks of a WACZ's datapackage.json are done here, in Go.
package exportcheck

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNoNode is Find's error when node is not on PATH: the checks that need
// it cannot run (the tests skip them, saying so).
var ErrNoNode = errors.New("exportcheck: node not found on PATH")

// Tools are the validators found.
type Tools struct {
	Node      string // node binary
	Warcio    string // warcio.js's command line (dist/cli.js)
	WarcCheck string // tools/node/warccheck.cjs
}

// Find locates the validators of the module whose root holds tools/node.
// Node missing gives ErrNoNode; warcio missing an error naming `make tools`.
func Find(root string) (Tools, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return Tools{}, ErrNoNode
	}
	dir := filepath.Join(root, "tools", "node")
	t := Tools{Node: node, Warcio: filepath.Join(dir, "node_modules", "warcio", "dist", "cli.js"),
		WarcCheck: filepath.Join(dir, "warccheck.cjs")}
	if _, err := os.Stat(t.Warcio); err != nil {
		return t, fmt.Errorf("exportcheck: warcio.js is not installed in %s: run `make tools` (%w)", dir, err)
	}
	return t, nil
}

// Root is the module root: the nearest folder above the working one that
// holds go.mod.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("exportcheck: no go.mod above the working folder")
		}
		dir = up
	}
}

// run runs a command, returning its combined output; a non-zero exit is
// an error carrying the output.
func run(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// CheckWARC runs warccheck.cjs on the WARC at path: warcio.js reads every
// record; every digest is recomputed; every reference resolves.
func (t Tools) CheckWARC(path string) (string, error) {
	return run("", t.Node, t.WarcCheck, path)
}

// CDXIndex re-indexes the WARC at path with warcio.js's cdx-index (CDXJ,
// filename the file's base name).
func (t Tools) CDXIndex(path string) ([]byte, error) {
	cmd := exec.Command(t.Node, t.Warcio, "cdx-index", filepath.Base(path))
	cmd.Dir = filepath.Dir(path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		return out, fmt.Errorf("warcio cdx-index %s: %v\n%s", path, err, stderr.String())
	}
	return out, nil
}

// GzipTest runs gzip -t on path.
func GzipTest(path string) (string, error) {
	return run("", "gzip", "-t", path)
}

// SHA256SumCheck runs sha256sum -c manifest from dir, as a bag is checked
// from its root.
func SHA256SumCheck(dir, manifest string) (string, error) {
	return run(dir, "sha256sum", "-c", "--strict", manifest)
}

// cdxjLine is one CDXJ line: its key, its timestamp and its fields.
type cdxjLine struct {
	key, ts string
	fields  map[string]string
}

func parseCDXJ(b []byte) ([]cdxjLine, error) {
	var lines []cdxjLine
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		key, rest, ok1 := strings.Cut(sc.Text(), " ")
		ts, js, ok2 := strings.Cut(rest, " ")
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("cdxj: not a CDXJ line: %q", sc.Text())
		}
		l := cdxjLine{key: key, ts: ts}
		if err := json.Unmarshal([]byte(js), &l.fields); err != nil {
			return nil, fmt.Errorf("cdxj: %q: %w", sc.Text(), err)
		}
		lines = append(lines, l)
	}
	return lines, sc.Err()
}

// CompareCDXJ compares two CDXJ indexes of one WARC field by field, lines
// matched by their offset, and returns the differences ("" when none).
func CompareCDXJ(theirs, ours []byte) (string, error) {
	a, err := parseCDXJ(theirs)
	if err != nil {
		return "", err
	}
	b, err := parseCDXJ(ours)
	if err != nil {
		return "", err
	}
	byOffset := func(ls []cdxjLine) map[string]cdxjLine {
		m := map[string]cdxjLine{}
		for _, l := range ls {
			m[l.fields["offset"]] = l
		}
		return m
	}
	am, bm := byOffset(a), byOffset(b)
	var diffs []string
	if len(a) != len(b) {
		diffs = append(diffs, fmt.Sprintf("%d lines, ours %d", len(a), len(b)))
	}
	for off, x := range am {
		y, ok := bm[off]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("offset %s: ours has no line", off))
			continue
		}
		if x.key != y.key || x.ts != y.ts {
			diffs = append(diffs, fmt.Sprintf("offset %s: key %s %s, ours %s %s", off, x.key, x.ts, y.key, y.ts))
		}
		for _, k := range union(x.fields, y.fields) {
			if x.fields[k] != y.fields[k] {
				diffs = append(diffs, fmt.Sprintf("offset %s: %s %q, ours %q", off, k, x.fields[k], y.fields[k]))
			}
		}
	}
	for off := range bm {
		if _, ok := am[off]; !ok {
			diffs = append(diffs, fmt.Sprintf("offset %s: only ours has a line", off))
		}
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "\n"), nil
}

func union(a, b map[string]string) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
