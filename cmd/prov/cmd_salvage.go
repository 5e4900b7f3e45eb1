package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/prov-archive/prov/archive"
)

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
	return &partialError{msg: fmt.Sprintf("skipped %d corrupt records; the rest was read ('prov verify' lists what is wrong, 'prov salvage' copies what reads into a new archive)", s.n)}
}

// openSkipping opens an archive to read, as openForRead, with reads that
// skip corrupt records and warn on e.stderr instead of failing.
func openSkipping(path string, e *env, cmd string) (*archive.DB, *skipCounter, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, nil, fmt.Errorf("no archive at %s (crawl first, or give --db)", path)
	}
	sc := &skipCounter{w: e.stderr, cmd: cmd}
	db, err := archive.Open(path, archive.Options{ReadOnly: true, Timeout: readTimeout, OnSkip: sc.skip})
	return db, sc, err
}

// parseNone parses the args of a command that takes no positional ones.
func parseNone(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err == nil && len(pos) > 0 {
		err = usagef("see '"+fs.Name()+" -h'", "unexpected argument %q", pos[0])
	}
	return err
}
