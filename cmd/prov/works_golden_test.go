package main

import (
	"os"
	"regexp"
	"testing"
)

// demoWorksGolden is prov works --json on the demo's archive when the
// golden file was last accepted, capture IDs left out (they follow the
// crawl's order, which varies): originals, reasons, the order of copies,
// relations and figures must match to the character.
const demoWorksGolden = "testdata/demo_works.golden"

var captureIDLine = regexp.MustCompile(`(?m)^\s*"capture_id": \d+,?\n`)

// onlineSinceLines are the lines of a work's online status that name the
// capture compared against and its fetch time, which differ run to run.
var onlineSinceLines = regexp.MustCompile(`(?m)^\s*"(against_capture_id|since)": [^\n]*\n`)

// checkDemoWorks compares prov works --json on the archive db with
// demoWorksGolden; -update rewrites the file.
func checkDemoWorks(t *testing.T, db string) {
	t.Helper()
	code, stdout, stderr := prov(t, "works", "--json", "--db", db)
	if code != exitOK {
		t.Fatalf("prov works --json exit %d: %s", code, stderr)
	}
	got := onlineSinceLines.ReplaceAllString(captureIDLine.ReplaceAllString(stdout, ""), "")
	if *update {
		if err := os.WriteFile(demoWorksGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(demoWorksGolden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("prov works --json on the demo differs from %s (-want +got):\n%s", demoWorksGolden, lineDiff(string(want), got))
	}
}
