// Command works measures prov works and prov export --format jsonl on an
// archive whose captures are all copies of one work, as a wire story
// republished by thousands of sites is (issue #20). It writes -n copies
// (archivetest.OneWork: many hosts, every authority, dates, attributions
// and canonical links, -texts distinct texts with real sketches) straight
// through the archive, then runs each command of the prov binary in a
// child process and reports its wall time, CPU time and peak RSS.
//
//	go run ./works -n 100000
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
	"github.com/prov-archive/prov/bench/internal/child"
	"github.com/prov-archive/prov/clean"
)

func main() {
	n := flag.Int("n", 100000, "copies of the work to store")
	texts := flag.Int("texts", 9, "distinct texts among the copies: the full text, near variants, excerpts")
	paragraphs := flag.Int("paragraphs", 12, "paragraphs of 40 words in the full text")
	prov := flag.String("prov", "", "prov binary to measure (default: build one from this checkout)")
	keep := flag.Bool("keep", false, "keep the temporary folder with the archive and the outputs")
	flag.Parse()
	if err := run(*n, *texts, *paragraphs, *prov, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "works:", err)
		os.Exit(1)
	}
}

func run(n, texts, paragraphs int, given string, keep bool) error {
	dir, prov, done, err := child.Workdir("works", given, keep)
	if err != nil {
		return err
	}
	defer done()
	db := filepath.Join(dir, "prov.db")
	start := time.Now()
	if err := fill(db, archivetest.Work{Copies: n, Texts: texts, Paragraphs: paragraphs, Seed: 1, Sketch: clean.Sketch}); err != nil {
		return err
	}
	fi, err := os.Stat(db)
	if err != nil {
		return err
	}
	fmt.Printf("archive: %d copies of one work, %d texts, %.1f MB, written in %.1f s\n",
		n, texts, child.MB(fi.Size()), time.Since(start).Seconds())
	for _, args := range [][]string{
		{"works", "--db", db},
		{"export", "--format", "jsonl", "--db", db, "--out", filepath.Join(dir, "copies.jsonl")},
	} {
		if err := measure(prov, args, dir); err != nil {
			return err
		}
	}
	return countLines(filepath.Join(dir, "copies.jsonl"), n)
}

// countLines prints how many lines the export wrote and fails unless there
// is one per copy, so a fast but short export cannot pass for a fast one.
func countLines(path string, want int) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading the export: %w", err)
	}
	got := bytes.Count(b, []byte("\n"))
	fmt.Printf("export: %d lines, %.1f MB\n", got, child.MB(int64(len(b))))
	if got != want {
		return fmt.Errorf("export %s has %d lines, want one per copy (%d)", path, got, want)
	}
	return nil
}

// fill writes the work's copies into a new archive at path, 1,000 to a
// transaction.
func fill(path string, w archivetest.Work) error {
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		return err
	}
	entries := archivetest.OneWork(w)
	for len(entries) > 0 {
		k := min(len(entries), 1000)
		if _, err := db.Write(entries[:k]); err != nil {
			db.Close()
			return err
		}
		entries = entries[k:]
	}
	return db.Close()
}

// measure runs prov with args in dir (its snapshot goes to dir too) and
// prints what it cost and how much it wrote to stdout.
func measure(prov string, args []string, dir string) error {
	cmd := exec.Command(prov, args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), "TMPDIR="+dir)
	u, err := child.Run(cmd)
	if err != nil {
		return err
	}
	fmt.Printf("prov %s: wall %.2f s, user+sys %.2f s, peak RSS %.0f MB, stdout %.1f MB, exit %d\n",
		args[0], u.Wall.Seconds(), u.CPU.Seconds(), child.MB(u.PeakRSS), child.MB(int64(len(u.Stdout))), u.ExitCode)
	if u.ExitCode != 0 {
		return fmt.Errorf("prov %s exited %d", args[0], u.ExitCode)
	}
	return nil
}
