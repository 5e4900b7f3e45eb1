package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// buildProv builds the prov binary into a temporary folder.
func buildProv(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "prov")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// payloads maps every archived URL to the payload hashes of its captures.
func payloads(t *testing.T, db string) map[string][]string {
	t.Helper()
	a, err := archive.Open(db, archive.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	out := map[string][]string{}
	err = a.Captures(func(c archive.Capture) error {
		out[c.URL] = append(out[c.URL], c.PayloadSHA256)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestKilledCrawlResumes kills `prov crawl` with SIGKILL at three points
// and runs it again until it finishes: the archive then holds exactly the
// URLs and payloads of an uninterrupted crawl, each URL captured once
// (nothing stored was fetched again), and the frontier is gone.
func TestKilledCrawlResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildProv(t)
	s := newSite(t, 200, 15*time.Millisecond)
	dir := t.TempDir()
	args := func(db string) []string {
		return []string{"crawl", "--db", db, "--allow-private", "--delay", "1ms", "--parallel", "2", "--max-depth", "300", "--quiet", s.seed()}
	}
	ref := filepath.Join(dir, "ref.db")
	if code, _, stderr := prov(t, args(ref)...); code != 0 {
		t.Fatalf("reference crawl exit %d: %s", code, stderr)
	}
	_, _, refHits := s.counts()
	db := filepath.Join(dir, "killed.db")
	began := time.Now()
	for i, at := range []int{40, 100, 160} {
		cmd := exec.Command(bin, args(db)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill() }) // if the wait below fails
		eventually(t, func() bool {
			_, _, hits := s.counts()
			return hits-refHits >= at
		}, "crawl %d to reach %d requests", i+1, at)
		t.Logf("kill %d at %d hits, %v", i+1, at, time.Since(began))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if _, err := os.Stat(db + ".frontier"); err != nil {
			t.Fatalf("kill %d: no frontier left to resume from: %v", i+1, err)
		}
	}
	for try := 0; ; try++ {
		loud := slices.DeleteFunc(args(db), func(a string) bool { return a == "--quiet" })
		out, err := exec.Command(bin, loud...).CombinedOutput()
		if try == 0 && !strings.Contains(string(out), "resuming a stopped crawl") {
			t.Errorf("the resumed crawl does not say it resumes:\n%s", out)
		}
		if err == nil {
			break
		}
		if try == 2 {
			t.Fatalf("resumed crawl: %v\n%s", err, out)
		}
	}
	t.Logf("finished %v", time.Since(began))
	want, got := payloads(t, ref), payloads(t, db)
	if len(got) != len(want) || len(want) != 200 {
		t.Errorf("resumed archive has %d URLs, uninterrupted %d, want 200", len(got), len(want))
	}
	for u, w := range want {
		g := got[u]
		if len(g) != 1 || g[0] != w[0] {
			t.Errorf("%s: captures %v, want one with %v", u, g, w)
		}
	}
	if _, err := os.Stat(db + ".frontier"); !os.IsNotExist(err) {
		t.Errorf("finished crawl left its frontier: %v", err)
	}
	if fetched, stored := runsFetched(t, db), len(captureIDs(t, db)); fetched != stored {
		t.Errorf("the run records count %d fetched pages, the archive holds %d captures", fetched, stored)
	}
	if code, out, _ := prov(t, "runs", "--db", db); code == 0 {
		t.Logf("prov runs after three kills:\n%s", out)
	}
	if _, err := os.Stat("cmd_verify.go"); err == nil {
		if code, out, stderr := prov(t, "verify", "--db", db); code != 0 {
			t.Errorf("verify exit %d: %s %s", code, out, stderr)
		}
	}
}

// runsFetched sums the pages the run records of db say were fetched.
func runsFetched(t *testing.T, db string) int {
	t.Helper()
	a, err := archive.Open(db, archive.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	runs, err := a.Runs()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range runs {
		n += r.Fetched
	}
	return n
}

// captureIDs lists the IDs of every capture in db.
func captureIDs(t *testing.T, db string) []uint64 {
	t.Helper()
	a, err := archive.Open(db, archive.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var ids []uint64
	err = a.Captures(func(c archive.Capture) error {
		ids = append(ids, c.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}
