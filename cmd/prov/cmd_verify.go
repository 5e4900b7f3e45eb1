package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
)

type verifyOptions struct {
	db      string
	asJSON  bool
	refetch bool
	crawl   crawlOptions // the fetch flags of --refetch
}

// runVerify checks the archive's fixity and references. It prints each
// finding as found (one JSON object per line with --json), then a summary
// on stderr, and exits 3 when anything was found. It may run during a
// crawl: like every read command it checks a snapshot (openForRead), which
// is the archive file's stored bytes as of one moment, copied by bbolt,
// after the file's own meta pages were checked.
//
// With --refetch it then fetches the originals again (or the archived
// URLs given) and reports each unchanged, changed, moved or gone; see
// runRefetch.
func runVerify(ctx context.Context, e *env, args []string) error {
	var o verifyOptions
	fs := newFlags("verify", "[--refetch [URL...]]", e.stderr)
	fs.StringVar(&o.db, "db", "", dbUsage)
	fs.BoolVar(&o.asJSON, "json", false, "print each finding (and each refetched URL) as a JSON object, one per line")
	fs.BoolVar(&o.refetch, "refetch", false, "after the fixity check, fetch the originals of every work (or the archived URLs given) again, record the fetches, and report each unchanged, changed, moved or gone")
	o.crawl.registerRefetch(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := checkRefetchFlags(fs, o.refetch, pos); err != nil {
		return err
	}
	if o.refetch {
		return runRefetch(ctx, e, &o, pos)
	}
	db, err := openForRead(dbPath(o.db, e.getenv))
	if err != nil {
		return err
	}
	defer db.Close()
	return verify(ctx, db, o.asJSON, e.stdout, e.stderr)
}

func verify(ctx context.Context, db *archive.DB, asJSON bool, out, summary io.Writer) error {
	print := findingPrinter(out, asJSON)
	opts := archive.VerifyOptions{TextHasher: clean.TextHash, NormVersion: clean.NormVersion, Stitch: clean.StitchText}
	st, err := db.VerifyWith(opts, func(f archive.Finding) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return print(f)
	})
	if err != nil {
		return fmt.Errorf("verify %s: %w", db.Path(), err)
	}
	fmt.Fprintf(summary, "verified %d captures, %d payloads, %d documents: %d findings\n",
		st.Captures, st.Payloads, st.Documents, st.Findings)
	if st.Findings > 0 {
		return &partialError{msg: fmt.Sprintf("%d findings in %s", st.Findings, db.Path())}
	}
	return nil
}

func findingPrinter(w io.Writer, asJSON bool) func(archive.Finding) error {
	if asJSON {
		enc := json.NewEncoder(w)
		return func(f archive.Finding) error { return enc.Encode(f) }
	}
	return func(f archive.Finding) error {
		_, err := fmt.Fprintln(w, f.Error())
		return err
	}
}
