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
	fs := newFlags("show", "URL", e.stderr)
	dbFlag, asJSON := addDBFlag(fs), addJSONFlag(fs)
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
	db, err := openForRead(dbPath(*dbFlag, e.getenv))
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
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(caps)
	}
	printHistory(e.stdout, key, caps)
	s, ok, err := db.SeriesOf(key)
	if ok {
		printSeries(e.stdout, key, s)
	}
	return err
}

// printSeries says where key sits in its split article, and whether and
// how the article is stitched.
func printSeries(w io.Writer, key string, s archive.Series) {
	fmt.Fprintf(w, "\narticle split over pages, first page %s:\n", s.First)
	for i, p := range s.Pages {
		mark := " "
		if p.URL == key {
			mark = "*"
		}
		fmt.Fprintf(w, "  %s page %d  capture %d  text %s  %s\n", mark, i+1, p.ID, short(p.TextSHA256), p.URL)
	}
	switch {
	case !s.Complete:
		fmt.Fprintf(w, "  not stitched, incomplete: %s\n", s.Missing)
	case s.Current:
		fmt.Fprintf(w, "  stitched as capture %d (text %s); the pages after the first are parts of it\n", s.Stitched.ID, short(s.Stitched.TextSHA256))
	default:
		fmt.Fprintln(w, "  complete, not yet stitched with these pages: the next crawl stitches it")
	}
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
		for i, p := range c.Pages {
			fmt.Fprintf(w, "%8s page %d: capture %d, text %s, %s\n", "", i+1, p.CaptureID, short(p.TextSHA256), p.URL)
		}
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
