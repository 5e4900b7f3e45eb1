package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// shardWith writes the shard of one worker of crawl "c1": one run, one
// capture of url.
func shardWith(t *testing.T, path, worker, url string, at time.Time) {
	t.Helper()
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run, err := db.BeginRun([]string{url}, "")
	if err != nil {
		t.Fatal(err)
	}
	body := "<html><body><p>the same page</p></body></html>"
	c := archive.Capture{RunID: run.ID, RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
		FetchStart: at, FetchEnd: at.Add(time.Second), ToolVersion: "test", Worker: worker}
	if _, err := db.Write([]archive.Entry{{Capture: c, Payload: []byte(body)}}); err != nil {
		t.Fatal(err)
	}
	run.Fetched, run.New, run.Crawl, run.Workers = 1, 1, "c1", []string{worker}
	if err := db.FinishRun(run); err != nil {
		t.Fatal(err)
	}
}

// Two workers stored the same page (at least once): prov show lists both
// captures with their workers, prov runs counts the page once, and a
// shard that does not read makes prov merge exit 1 naming it.
func TestMergeCommand(t *testing.T) {
	dir := t.TempDir()
	w1, w2, into := filepath.Join(dir, "w1.db"), filepath.Join(dir, "w2.db"), filepath.Join(dir, "all.db")
	t0 := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	shardWith(t, w1, "host1:/srv/w1.db", "http://a.test/p", t0)
	shardWith(t, w2, "host2:/srv/w2.db", "http://a.test/p", t0.Add(time.Minute))

	code, out, errs := prov(t, "merge", w1, w2, "--into", into)
	if code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("merge: exit %d: %s%s", code, out, errs)
	}
	_, out, _ = prov(t, "show", "--db", into, "http://a.test/p")
	if !strings.Contains(out, "2 captures") || !strings.Contains(out, "worker host1:/srv/w1.db") || !strings.Contains(out, "worker host2:/srv/w2.db") {
		t.Errorf("show does not list both captures with their workers:\n%s", out)
	}
	_, out, _ = prov(t, "runs", "--db", into, "--json")
	if !strings.Contains(out, `"fetched":1,`) {
		t.Errorf("runs does not count the page once:\n%s", out)
	}

	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, []byte(strings.Repeat("x", 8192)), 0o644)
	code, _, errs = prov(t, "merge", w1, bad, "--into", filepath.Join(dir, "new.db"))
	if code != exitFailed || !strings.Contains(errs, bad) {
		t.Errorf("merge with a bad shard: exit %d, %q; want 1 naming %s", code, errs, bad)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
		t.Error("merge with a bad shard created the archive")
	}
}

// The flags of a shared crawl are checked before anything is opened.
func TestSharedCrawlUsage(t *testing.T) {
	for _, args := range [][]string{
		{"crawl", "--frontier", "redis://127.0.0.1:1/0", "http://a.test/"},                                    // no --shard
		{"crawl", "--shard", "w.db", "http://a.test/"},                                                        // no --frontier
		{"crawl", "--frontier", "http://127.0.0.1:1/0", "--shard", "w.db", "http://a.test/"},                  // not redis://
		{"crawl", "--frontier", "redis://127.0.0.1:1/0", "--shard", "w.db", "--db", "x.db", "http://a.test/"}, // --db too
		{"crawl", "--frontier", "redis://127.0.0.1:1/0", "--shard", "w.db", "--lease", "10ms", "http://a.test/"},
		{"merge", "--into", "all.db"}, // no shards
		{"merge", "w.db"},             // no --into
	} {
		if code, _, errs := prov(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d; %s", args, code, exitUsage, errs)
		}
	}
}
