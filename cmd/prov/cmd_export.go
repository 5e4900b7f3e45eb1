package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
)

type exportOptions struct {
	format string
	out    string
	db     string
	since  string
	host   string
	work   string
	force  bool
}

func (o *exportOptions) validate() (export.Filter, error) {
	var f export.Filter
	switch o.format {
	case "jsonl", "bundle":
	case "":
		return f, usagef("--format jsonl or --format bundle", "no --format given")
	default:
		return f, usagef("jsonl or bundle", "unknown --format %q", o.format)
	}
	if o.out == "" && o.format == "bundle" {
		return f, usagef("e.g. --out corpus/ or --out corpus.tar.gz", "a bundle needs --out")
	}
	if o.since != "" {
		t, err := parseSince(o.since)
		if err != nil {
			return f, usagef("RFC 3339 or YYYY-MM-DD", "--since %q: %v", o.since, err)
		}
		f.Since = t
	}
	f.Host, f.Work, f.Similarity = o.host, o.work, similarity()
	return f, nil
}

func parseSince(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse("2006-01-02", s)
}

func runExport(ctx context.Context, e *env, args []string) error {
	var o exportOptions
	fs := newFlags("export", "", e.stderr)
	fs.StringVar(&o.format, "format", "", "jsonl | bundle")
	fs.StringVar(&o.out, "out", "", "target `PATH`: a file for jsonl (default stdout); a folder, .tar.gz or .zip for bundle")
	fs.StringVar(&o.db, "db", "", dbUsage)
	fs.StringVar(&o.since, "since", "", "only copies fetched at or after `T`")
	fs.StringVar(&o.host, "host", "", "only copies from host `H`")
	fs.StringVar(&o.work, "work", "", "only copies of work `ID`")
	fs.BoolVar(&o.force, "force", false, "replace an existing target")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	f, err := o.validate()
	if err != nil {
		return err
	}
	db, skipped, err := openSkipping(dbPath(o.db, e.getenv), e, "export")
	if err != nil {
		return err
	}
	defer db.Close()
	if o.format == "bundle" {
		st, err := export.Bundle(db, o.out, f, o.force)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "bundle %s: %d texts\n", o.out, st.Texts)
		return skipped.done(nil)
	}
	return skipped.done(o.jsonl(db, e, f))
}

func (o *exportOptions) jsonl(db *archive.DB, e *env, f export.Filter) error {
	if o.out == "" || o.out == "-" {
		return export.JSONL(db, e.stdout, f)
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if o.force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	file, err := os.OpenFile(o.out, flags, 0o644)
	if os.IsExist(err) {
		return fmt.Errorf("%s exists (add --force to replace it)", o.out) // exit 1, as for a bundle
	}
	if err != nil {
		return err
	}
	if err := export.JSONL(db, file, f); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}
