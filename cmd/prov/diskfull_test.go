package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// fullDisk is one scenario of issue #14: a crawl stopped by a full disk,
// then run again once there is room.
type fullDisk struct {
	s      *site
	db     string
	args   []string
	crawls int // whole crawls of the site the archive holds once the scenario ends
}

// newFullDisk serves a site of n pages, each answering after delay (a
// crawl that outlasts the writer's first batch commits some pages before
// the disk fills).
func newFullDisk(t *testing.T, n int, db string, delay time.Duration) *fullDisk {
	s := newSite(t, n, delay)
	args := []string{"crawl", "--db", db, "--allow-private", "--delay", "1ms", "--parallel", "2", "--max-depth", "300", "--quiet", s.seed()}
	return &fullDisk{s: s, db: db, args: args, crawls: 1}
}

func (d *fullDisk) hits() int {
	_, _, n := d.s.counts()
	return n
}

// stopped runs the crawl that finds the disk full: exit 1, a message
// naming the file and the free space, requests bounded by the pages the
// run had left (a loop sends thousands), and, when the run began, a run
// record that is not done and the frontier kept. mount, when given, is the file system the
// message must give the free space of. It returns the requests the run
// sent and its message.
func (d *fullDisk) stopped(t *testing.T, file, mount string) (int, string) {
	t.Helper()
	before := d.hits()
	code, _, stderr := prov(t, d.args...)
	sent := d.hits() - before
	if code != exitFailed {
		t.Errorf("full disk: exit %d, want 1; stderr %s", code, stderr)
	}
	if !strings.Contains(stderr, file) || !strings.Contains(stderr, "no space left on device (") || strings.Count(stderr, " bytes free on ") != 1 {
		t.Errorf("full disk: the message does not name %s and the free space: %s", file, stderr)
	}
	if mount != "" && !strings.Contains(stderr, " bytes free on "+mount+")") {
		t.Errorf("full disk: the message does not give the free space on %s: %s", mount, stderr)
	}
	if sent > d.s.n+d.s.n/4 {
		t.Errorf("full disk: %d requests for a site of %d pages", sent, d.s.n)
	}
	if r := lastRunIfAny(t, d.db); r.ID == uint64(d.crawls) { // the stopped run began
		if r.Status == archive.RunDone {
			t.Errorf("the stopped run is recorded as done: %+v", r)
		}
		if _, err := os.Stat(d.db + ".frontier"); err != nil {
			t.Errorf("the stopped run left no frontier: %v", err)
		}
	}
	return sent, strings.TrimSpace(stderr)
}

// resumed runs the crawl again with room: exit 0, every page of the site
// exported, captured once per crawl (nothing stored was fetched again),
// the frontier removed, and verify clean. It returns the requests the run
// sent and the pages archived.
func (d *fullDisk) resumed(t *testing.T) (sent, pages int) {
	t.Helper()
	before := d.hits()
	if code, _, stderr := prov(t, d.args...); code != exitOK {
		t.Fatalf("resumed crawl: exit %d: %s", code, stderr)
	}
	sent = d.hits() - before
	got := exportedURLs(t, d.db)
	for i := 0; i < d.s.n; i++ {
		if u := fmt.Sprintf("%s/p/%d", d.s.srv.URL, i); !got[u] {
			t.Errorf("after the resume, %s is not in the export", u)
		}
	}
	if len(got) != d.s.n {
		t.Errorf("export lists %d URLs, the site has %d pages", len(got), d.s.n)
	}
	for u, caps := range payloads(t, d.db) {
		if len(caps) != d.crawls {
			t.Errorf("%s captured %d times in %d crawls", u, len(caps), d.crawls)
		}
	}
	if _, err := os.Stat(d.db + ".frontier"); !os.IsNotExist(err) {
		t.Errorf("the finished crawl kept its frontier: %v", err)
	}
	if code, out, stderr := prov(t, "verify", "--db", d.db); code != exitOK {
		t.Errorf("verify: exit %d: %s %s", code, out, stderr)
	}
	return sent, len(got)
}

// lastRunIfAny is the last run record of db; zero when there is none (the
// disk was full before the archive or its run record could be written).
func lastRunIfAny(t *testing.T, db string) archive.Run {
	t.Helper()
	if fi, err := os.Stat(db); err != nil || fi.Size() == 0 {
		return archive.Run{}
	}
	a, err := archive.Open(db, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("after the full disk: %v", err)
	}
	defer a.Close()
	runs, err := a.Runs()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) == 0 {
		return archive.Run{}
	}
	return runs[len(runs)-1]
}

// exportedURLs is the set of URLs `prov export --format jsonl` lists.
func exportedURLs(t *testing.T, db string) map[string]bool {
	t.Helper()
	code, out, stderr := prov(t, "export", "--db", db, "--format", "jsonl")
	if code != exitOK {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	urls := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		urls[rec.URL] = true
	}
	return urls
}

// failAfter returns a write hook that fails every write, as a full disk
// does, once the site has served at least hits requests.
func (d *fullDisk) failAfter(hits int, path string) func() error {
	return func() error {
		if d.hits() < hits {
			return nil
		}
		return &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
	}
}

// TestDiskFullInjected fails the archive's commits, or the frontier's
// writes, partway through a crawl, as a full disk does: the crawl stops
// with exit 1 and a message naming the file and the free space, and the
// next run, with the disk writable again, ends with every page.
func TestDiskFullInjected(t *testing.T) {
	const n = 60
	cases := []struct {
		name    string
		recrawl bool // the archive holds the whole site already
		front   bool // the frontier's writes fail, not the archive's
	}{
		{"fresh crawl, archive full", false, false},
		{"re-crawl, archive full", true, false},
		{"fresh crawl, frontier full", false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			delay := 25 * time.Millisecond
			if c.front {
				delay = 0
			}
			d := newFullDisk(t, n, filepath.Join(t.TempDir(), "prov.db"), delay)
			at := n / 4
			if c.recrawl {
				if code, _, stderr := prov(t, d.args...); code != exitOK {
					t.Fatalf("first crawl: exit %d: %s", code, stderr)
				}
				at += d.hits()
				d.crawls++
			}
			file := d.db
			if c.front {
				file = d.db + ".frontier"
				frontierOptions.FailWrite = d.failAfter(at, file)
			} else {
				writerFailure = d.failAfter(at, file)
			}
			t.Cleanup(func() { frontierOptions.FailWrite, writerFailure = nil, nil })
			stopped, msg := d.stopped(t, file, "")
			namedOnce(t, msg, file)
			frontierOptions.FailWrite, writerFailure = nil, nil
			resumed, pages := d.resumed(t)
			t.Logf("stopped after %d requests (exit 1): %s; resumed with %d requests: %d of %d pages, verify clean", stopped, msg, resumed, pages, n)
		})
	}
}

// namedOnce checks that a full disk's message names the file once: the
// file system's own error (write FILE: no space left on device) names it.
func namedOnce(t *testing.T, msg, file string) {
	t.Helper()
	if n := strings.Count(msg, file); n > 1 {
		t.Errorf("full disk: the message names %s %d times: %s", file, n, msg)
	}
}
