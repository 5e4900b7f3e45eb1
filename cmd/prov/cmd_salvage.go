package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
)

type salvageOptions struct {
	db, into string
	asJSON   bool
}

func (o *salvageOptions) validate() error {
	if o.into == "" {
		return usagef("e.g. --into rescued.db", "--into is required: a new archive to copy into")
	}
	if _, err := os.Lstat(o.into); err == nil {
		return usagef("give a path that does not exist", "--into %s exists", o.into)
	}
	return nil
}

// runSalvage copies what still reads of a damaged archive into a new one
// (archive.Salvage) and lists what was lost, one line each (a JSON object
// with --json), then counts per kind on stderr. It exits 0 when nothing
// was lost, 3 when something was, and 1 when the archive cannot be read
// at all. The damaged archive is opened read-only.
func runSalvage(ctx context.Context, e *env, args []string) error {
	var o salvageOptions
	fs := newFlags("salvage", "", e.stderr)
	fs.StringVar(&o.db, "db", "", "the damaged archive `PATH` (default $PROV_DB or prov.db); opened read-only")
	fs.StringVar(&o.into, "into", "", "the new archive `PATH` to copy into; must not exist")
	fs.BoolVar(&o.asJSON, "json", false, "print each loss as a JSON object, one per line")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	o.db = dbPath(o.db, e.getenv)
	if err := o.validate(); err != nil {
		return err
	}
	if err := needFolder("--into", o.into); err != nil {
		return err
	}
	if _, err := os.Stat(o.db); err != nil {
		return fmt.Errorf("no archive at %s: %w", o.db, err)
	}
	print := lossPrinter(e.stdout, o.asJSON)
	opts := archive.SalvageOptions{TextHasher: clean.TextHash, NormVersion: clean.NormVersion, Interrupt: e.interrupt}
	st, err := archive.Salvage(o.db, o.into, opts, print)
	if errors.Is(err, archive.ErrDamaged) {
		return fmt.Errorf("%w; prov cannot read this file, so nothing can be salvaged from it (keep it for a bbolt-level recovery)", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "salvaged into %s: %s; lost: %s\n", o.into, counts(st.Copied), counts(st.Lost))
	if len(st.Lost) > 0 {
		return &partialError{msg: fmt.Sprintf("some records of %s were lost; %s holds the rest", o.db, o.into)}
	}
	return nil
}

func lossPrinter(w io.Writer, asJSON bool) func(archive.Loss) {
	if asJSON {
		enc := json.NewEncoder(w)
		return func(l archive.Loss) { enc.Encode(l) }
	}
	return func(l archive.Loss) { fmt.Fprintln(w, l) }
}

// counts prints a count per kind, "nothing" when there is none.
func counts(m map[string]int) string {
	if len(m) == 0 {
		return "nothing"
	}
	var parts []string
	for _, k := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%d %s", m[k], k))
	}
	return strings.Join(parts, ", ")
}
