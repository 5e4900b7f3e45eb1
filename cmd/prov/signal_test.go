package main

import (
	"bufio"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
)

// oneWorkArchive writes n generated copies of one work into a new archive
// and returns its path.
func oneWorkArchive(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Write(archivetest.OneWork(archivetest.Work{Copies: n, Texts: 9, Seed: 3})); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSignalStopsCommands sends SIGINT or SIGTERM to a built prov in the
// middle of its work and checks that it stops with 130 or 143 and says
// why. A read is caught mid-work by its own output: nobody reads its
// stdout until the signal is sent, so it is blocked writing (its first
// line read); then the rest is drained, and an export must have stopped
// short of its copies. A crawl is caught when a slow site has served
// some of its pages, and must have recorded its run as interrupted.
func TestSignalStopsCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildProv(t)
	db := oneWorkArchive(t, 400)
	s := newSite(t, 500, 20*time.Millisecond)
	crawlDB := filepath.Join(t.TempDir(), "crawl.db")
	tests := []struct {
		name string
		args []string
		sig  syscall.Signal
		code int
		// started says the command is mid-work: its first stdout line came
		// (nil: wait for the site's requests instead).
		lines bool
	}{
		{"export jsonl, SIGINT", []string{"export", "--format", "jsonl", "--db", db}, syscall.SIGINT, 130, true},
		{"works --json, SIGTERM", []string{"works", "--json", "--db", db}, syscall.SIGTERM, 143, true}, // 160 KB of JSON: more than a pipe holds
		{"crawl, SIGINT", []string{"crawl", "--db", crawlDB, "--allow-private", "--delay", "1ms", "--max-depth", "600", "--quiet", s.seed()}, syscall.SIGINT, 130, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(bin, tt.args...)
			cmd.Env = append(cmd.Environ(), "TMPDIR="+t.TempDir())
			var stderr strings.Builder
			cmd.Stderr = &stderr
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { cmd.Process.Kill() }) // if a wait below fails
			out := bufio.NewReader(stdout)
			if tt.lines {
				if _, err := out.ReadString('\n'); err != nil {
					t.Fatalf("first line: %v (stderr: %s)", err, stderr.String())
				}
			} else {
				_, _, before := s.counts()
				eventually(t, func() bool { _, _, hits := s.counts(); return hits-before >= 20 }, "the crawl to make 20 requests")
			}
			sent := time.Now()
			cmd.Process.Signal(tt.sig)
			// prov takes the signal in a goroutine of its own; a read blocked
			// on its output must not be let go on before that goroutine ran.
			time.Sleep(300 * time.Millisecond)
			rest, _ := io.ReadAll(out)
			err = cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			want := "prov " + tt.args[0] + ": interrupted by " + map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM"}[tt.sig]
			if code != tt.code || !strings.Contains(stderr.String(), want+"\n") {
				t.Errorf("exit %d (%v), stderr %q; want exit %d and %q", code, err, stderr.String(), tt.code, want)
			}
			if strings.Contains(stderr.String(), "still running") {
				t.Errorf("prov did not stop by itself: %s", stderr.String())
			}
			if tt.args[0] == "export" {
				if n := 1 + strings.Count(string(rest), "\n"); n >= 400 {
					t.Errorf("export wrote %d lines of 400 after the signal: it did not stop", n)
				}
			}
			t.Logf("stopped %v after the signal", time.Since(sent).Round(time.Millisecond))
		})
	}
	runs := mustRuns(t, crawlDB)
	if len(runs) != 1 || runs[0].Status != archive.RunInterrupted {
		t.Errorf("crawl runs %+v, want one, interrupted", runs)
	}
}

func mustRuns(t *testing.T, path string) []archive.Run {
	t.Helper()
	db, err := archive.Open(path, archive.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := db.Runs()
	if err != nil {
		t.Fatal(err)
	}
	return runs
}
