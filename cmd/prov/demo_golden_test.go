package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/demo.golden from this run of prov demo")

// demoGolden is the report prov demo printed when the golden file was last
// accepted; outside tools read these lines, so a refactor must not move them.
const demoGolden = "testdata/demo.golden"

// variable lists what legitimately differs between two runs of prov demo,
// and what each becomes before the report is compared: the mini-web's
// loopback port (the kernel picks it), the crawl's wall-clock duration. The
// bundle directory, a fresh t.TempDir(), is replaced separately. Nothing
// else is normalised: counts, encodings, works, relations and similarity
// figures must match to the character.
var variable = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:PORT"},
	{regexp.MustCompile(`pages fetched in [0-9.]+(ns|µs|ms|s|m[0-9.]+s|h[0-9hm.]+s)?,`), "pages fetched in DURATION,"},
}

// normalDemo rewrites the parts of a demo report that vary between runs.
func normalDemo(report, bundle string) string {
	report = strings.ReplaceAll(report, bundle, "BUNDLE")
	for _, v := range variable {
		report = v.re.ReplaceAllString(report, v.with)
	}
	return report
}

// TestDemoGolden runs prov demo in-process against a new archive and
// compares its report with testdata/demo.golden; -update rewrites the file.
func TestDemoGolden(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "bundle")
	var stdout, stderr bytes.Buffer
	args := []string{"demo", "--db", filepath.Join(dir, "demo.db"), "--out", bundle}
	if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("prov demo exit %d: %s\n%s", code, stderr.String(), stdout.String())
	}
	got := normalDemo(stdout.String(), bundle)
	checkDemoWorks(t, filepath.Join(dir, "demo.db"))
	if *update {
		if err := os.WriteFile(demoGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(demoGolden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("prov demo report differs from %s (-want +got):\n%s", demoGolden, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines of want and got that differ, position by
// position, enough to see which report line moved.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n-%s\n+%s\n", i+1, wl, gl)
		}
	}
	return b.String()
}
