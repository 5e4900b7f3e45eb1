package main

import (
	"io"
	"path/filepath"
	"testing"
)

// TestCrawlConfigScope: a shared crawl's digest covers the flags that
// decide what is fetched and how hard a host is asked, and a worker run
// with every such flag at its default stamps the digest of its seeds and
// rules alone, as before they counted.
func TestCrawlConfigScope(t *testing.T) {
	rules := writeFile(t, filepath.Join(t.TempDir(), "rules.yaml"), []byte("sites:\n  - name: a\n    hosts: [a.test]\n    seeds: [http://a.test/]\n"))
	digest := func(args ...string) string {
		t.Helper()
		var o crawlOptions
		if err := o.parse(append([]string{"--rules", rules}, args...), io.Discard); err != nil {
			t.Fatal(err)
		}
		d, err := crawlConfig([]string{"http://a.test/"}, o.rulesFiles, o.scopeLines())
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	before, err := crawlConfig([]string{"http://a.test/"}, []string{rules}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := digest("--delay", "1s", "--parallel", "2", "--max-pages", "10", "--quiet"); got != before {
		t.Errorf("defaults and a worker's own flags: digest %s, want the seeds-and-rules digest %s", got, before)
	}
	seen := map[string][]string{before: nil}
	for _, args := range [][]string{{"--max-depth", "1"}, {"--max-depth", "3"}, {"--allow-private"}, {"--delay", "0s"}, {"--parallel", "4"}} {
		d := digest(args...)
		if other, ok := seen[d]; ok {
			t.Errorf("%v: same digest as %v", args, other)
		}
		seen[d] = args
	}
}
