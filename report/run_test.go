package report

import (
	"bytes"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/ingest"
)

func TestRunSummary(t *testing.T) {
	r := archive.Run{ID: 4, Start: t0, End: t0.Add(1234567 * 1000), Fetched: 12, New: 7, Changed: 2, Unchanged: 1, Bytes: 48213,
		Failed:  map[string]int{"http 404": 1, "timeout": 1, "private address": 1, "tls": 1},
		Skipped: map[string]int{"max pages": 40, "robots": 3}}
	sum := ingest.Summary{
		Failed: []string{"http://gov.test/gone.htm: HTTP 404", "http://slow.test/: crawl: fetch http://slow.test/: timeout",
			"http://10.0.0.1/: crawl: fetch http://10.0.0.1/: crawl: robots.txt http://10.0.0.1/robots.txt: dial tcp 10.0.0.1:80: private address refused (private)"},
		Stitched:   []string{"http://gov.test/a/c123.htm (3 pages)"},
		Incomplete: []string{"http://news.test/s/9.htm: page 2 http://news.test/s/9_2.htm is not archived"},
	}
	var b bytes.Buffer
	RunSummary(&b, r, sum)
	golden(t, "run_summary", b.Bytes())
	b.Reset()
	DemoCrawl(&b, r)
	golden(t, "demo_crawl", b.Bytes())
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 findings", 1: "1 finding", 2: "2 findings"} {
		if got := Count(n, "finding"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	if one, three := Counted(1, "copy", "copies"), Counted(3, "copy", "copies"); one != "1 copy" || three != "3 copies" {
		t.Errorf("Counted: %q, %q", one, three)
	}
}
