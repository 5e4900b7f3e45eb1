package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/rules"
)

// newFlags returns a flag set for a subcommand that reports errors instead
// of exiting, and prints its usage to w.
func newFlags(name, args string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("prov "+name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		io.WriteString(w, "usage: prov "+name+" [flags] "+args+"\n")
		fs.PrintDefaults()
	}
	return fs
}

// dbUsage is the help line of every command's --db.
const dbUsage = "archive `PATH` (default $PROV_DB or prov.db)"

// addDBFlag adds --db, the archive's path, to fs.
func addDBFlag(fs *flag.FlagSet) *string { return fs.String("db", "", dbUsage) }

// addJSONFlag adds --json to fs.
func addJSONFlag(fs *flag.FlagSet) *bool { return fs.Bool("json", false, "print JSON") }

// openReading parses the args of a command that takes no positional
// ones and opens the archive --db (db) names for reading.
func openReading(fs *flag.FlagSet, db *string, args []string, e *env) (*archive.DB, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, usagef("see '"+fs.Name()+" -h'", "unexpected argument %q", pos[0])
	}
	return openReadUntil(dbPath(*db, e.getenv), e.interrupt)
}

// parse parses args allowing flags and positional arguments in any order
// (prov inspect page.html --json), and returns the positional ones.
// A "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseNone parses the args of a command that takes no positional ones.
func parseNone(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err == nil && len(pos) > 0 {
		err = usagef("see '"+fs.Name()+" -h'", "unexpected argument %q", pos[0])
	}
	return err
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// dbPath returns the archive path: the flag, else $PROV_DB, else ./prov.db.
func dbPath(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := getenv("PROV_DB"); v != "" {
		return v
	}
	return "prov.db"
}

// needFolder refuses, as a usage error, an archive path a command would
// create whose folder does not exist: the folder is not made, since a
// mistyped --db would then start a new, empty archive (a crawl fetching
// everything again, and under --quiet saying nothing) instead of adding to
// the one meant. flag names where path came from (--db covers $PROV_DB).
// prov demo makes its own folder and does not ask.
func needFolder(flag, path string) error {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usagef("create the folder first, or correct "+flag, "%s %s: no folder %s", flag, path, dir)
	case err == nil && !fi.IsDir():
		return usagef("correct "+flag, "%s %s: %s is not a folder", flag, path, dir)
	}
	return nil // the archive's own open says what else is wrong
}

// readTimeout is how long a reader waits for a crawl's commit to end.
const readTimeout = 5 * time.Second

// openForRead opens a snapshot of the archive at path (which must exist)
// for a read command: one consistent state, copied with the archive held
// only for the copy (archive.OpenSnapshot), so a crawl waits for the copy,
// under a second a gigabyte, not for the whole command. Every command
// copies, however small the archive: how long it reads depends on what it
// computes (prov works compares texts), not on the archive's size.
//
// The copy goes to the temporary folder ($TMPDIR), not beside the archive:
// reading then needs no write access to the archive's folder, and a copy
// that fills its disk fails the reader, not the crawl. It takes the
// archive's size there while the command runs.
func openForRead(path string) (*archive.DB, error) { return openReadUntil(path, nil) }

// openReadUntil is openForRead with reads that stop once interrupt is
// closed (archive.Options.Interrupt): a long command's ctx.Done().
func openReadUntil(path string, interrupt <-chan struct{}) (*archive.DB, error) {
	return openSnapshot(path, archive.Options{Interrupt: interrupt})
}

// tmpHint is what a read command says when the temporary folder it
// copies the archive into is missing or full.
const tmpHint = "a read command copies the archive into $TMPDIR: point TMPDIR at a folder with room for it"

// openSnapshot is how every read command opens the archive at path: the
// archive must exist, and is copied into $TMPDIR (openForRead) with opts
// (the timeout of readTimeout). A $TMPDIR that is missing, or too full for
// the copy, is said with tmpHint, whichever command it is.
func openSnapshot(path string, opts archive.Options) (*archive.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no archive at %s (crawl first, or give --db)", path)
	}
	tmp := os.TempDir()
	if fi, err := os.Stat(tmp); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("temporary folder %s does not exist (%s)", tmp, tmpHint)
	}
	// A crawl opens the archive only to commit, for well under a second
	// at a time (archive.Shared): waiting a few seconds gets in between.
	opts.Timeout = readTimeout
	db, err := archive.OpenSnapshot(path, tmp, opts)
	if err != nil && isFull(err) {
		return nil, fmt.Errorf("%w (%s)", err, tmpHint)
	}
	return db, err
}

// isFull reports whether err is a file system out of room or quota; by
// its message too, as bbolt's copy of the archive keeps only that.
func isFull(err error) bool {
	for _, full := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT} {
		if errors.Is(err, full) || strings.Contains(err.Error(), full.Error()) {
			return true
		}
	}
	return false
}

// skipCounter prints each corrupt record a read skips, one line each,
// and tells at the end how many there were.
type skipCounter struct {
	w   io.Writer
	cmd string
	n   int
}

func (s *skipCounter) skip(r archive.Skipped) {
	s.n++
	fmt.Fprintf(s.w, "prov %s: warning: %v\n", s.cmd, r)
}

// done turns skipped records into the exit status 3 of "done with
// failures", or passes err on.
func (s *skipCounter) done(err error) error {
	if err != nil || s.n == 0 {
		return err
	}
	noun := "records"
	if s.n == 1 {
		noun = "record"
	}
	return &partialError{msg: fmt.Sprintf("skipped %d corrupt %s and read the rest ('prov verify' lists what is wrong; 'prov salvage' copies what reads into a new archive)", s.n, noun)}
}

// openSkipping opens an archive to read, as openForRead, with reads that
// skip corrupt records and warn on e.stderr instead of failing.
func openSkipping(path string, e *env, cmd string) (*archive.DB, *skipCounter, error) {
	sc := &skipCounter{w: e.stderr, cmd: cmd}
	db, err := openSnapshot(path, archive.Options{OnSkip: sc.skip, Interrupt: e.interrupt})
	return db, sc, err
}

// loadRules loads and merges every rules file; nothing is opened before
// all of them validate, and every problem of every file is reported.
func loadRules(files []string) (*rules.Set, error) {
	set, err := rules.LoadAll(files...)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usagef("give an existing rules file", "%v", err)
	}
	return set, err
}
