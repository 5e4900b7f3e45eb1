package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// runShow lists a URL's captures over time: every version, revisit and
// failure, oldest first. Nothing in the archive is ever overwritten.
func runShow(ctx context.Context, e *env, args []string) error {
	var dbFlag string
	var asJSON bool
	fs := newFlags("show", "URL", e.stderr)
	fs.StringVar(&dbFlag, "db", "", "archive `PATH` (default $PROV_DB or prov.db)")
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("prov show URL", "want one URL")
	}
	key, err := crawl.Canonicalize(pos[0])
	if err != nil {
		return usagef("an http(s) URL", "%v", err)
	}
	db, err := openForRead(dbPath(dbFlag, e.getenv))
	if err != nil {
		return err
	}
	defer db.Close()
	caps, err := db.History(key)
	if err != nil {
		return err
	}
	if len(caps) == 0 {
		return fmt.Errorf("%s: %w", key, archive.ErrNotFound)
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(caps)
	}
	printHistory(e.stdout, key, caps)
	return nil
}

func printHistory(w io.Writer, key string, caps []archive.Capture) {
	fmt.Fprintf(w, "%s: %d captures, %d versions\n", key, len(caps), versions(caps))
	fmt.Fprintf(w, "%8s %4s  %-20s  %-20s %6s  %-12s %9s  %s\n", "capture", "run", "fetched (UTC)", "kind", "status", "payload", "bytes", "error")
	for _, c := range caps {
		sha := "-"
		if len(c.PayloadSHA256) >= 12 {
			sha = c.PayloadSHA256[:12]
		}
		fmt.Fprintf(w, "%8d %4d  %-20s  %-20s %6d  %-12s %9d  %s\n", c.ID, c.RunID, stamp(c.FetchStart), c.Kind, c.Status, sha, c.PayloadLength, c.Error)
	}
}

// versions counts the distinct payloads among the captures that brought one.
func versions(caps []archive.Capture) int {
	seen := map[string]bool{}
	for _, c := range caps {
		if c.Kind == archive.KindResponse && c.PayloadSHA256 != "" {
			seen[c.PayloadSHA256] = true
		}
	}
	return len(seen)
}
