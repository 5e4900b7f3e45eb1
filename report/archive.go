package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/prov-archive/prov/archive"
)

// Runs prints the crawl runs as a table, one line each, with the
// failures by reason.
func Runs(w io.Writer, runs []archive.Run) {
	fmt.Fprintf(w, "%4s  %-20s  %-20s  %-7s  %-11s %5s %7s %5s %7s %9s %6s %10s  %s\n", "run", "start (UTC)", "end (UTC)",
		"kind", "status", "seeds", "fetched", "new", "changed", "unchanged", "failed", "bytes", "failed by reason")
	for _, r := range runs {
		failed := 0
		for _, n := range r.Failed {
			failed += n
		}
		fmt.Fprintf(w, "%4d  %-20s  %-20s  %-7s  %-11s %5d %7d %5d %7d %9d %6d %10d  %s\n", r.ID, stamp(r.Start), stamp(r.End),
			r.KindName(), r.Status, len(r.Seeds), r.Fetched, r.New, r.Changed, r.Unchanged, failed, r.Bytes, reasons(r.Failed))
	}
}

// reasons lists failures by reason: "http 404: 2, timeout: 1".
func reasons(failed map[string]int) string {
	var parts []string
	for _, k := range sortedKeys(failed) {
		parts = append(parts, fmt.Sprintf("%s: %d", k, failed[k]))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// Stats prints what the archive holds.
func Stats(w io.Writer, st archive.Stats) {
	fmt.Fprintf(w, "captures:  %d", st.Captures)
	for _, k := range sortedKeys(st.ByKind) {
		fmt.Fprintf(w, "  %s %d", k, st.ByKind[k])
	}
	fmt.Fprintf(w, "\nurls:      %d on %d hosts\n", st.URLs, st.Hosts)
	fmt.Fprintf(w, "payloads:  %d, %d bytes as fetched, %d stored\n", st.Payloads, st.RawBytes, st.StoredBytes)
	fmt.Fprintf(w, "documents: %d distinct texts\nruns:      %d\nschema:    %d\n", st.Documents, st.Runs, st.Schema)
}

// History prints key's captures, oldest first, as a table: one line per
// capture and one per page of a stitched article.
func History(w io.Writer, key string, caps []archive.Capture) {
	fmt.Fprintf(w, "%s: %s, %s of its text\n", key, Count(len(caps), "capture"), Count(len(archive.TextVersions(caps)), "version"))
	fmt.Fprintf(w, "%8s %4s  %-20s  %-20s %6s  %-12s %9s  %s\n", "capture", "run", "fetched (UTC)", "kind", "status", "payload", "bytes", "error")
	for _, c := range caps {
		sha := "-"
		if len(c.PayloadSHA256) >= 12 {
			sha = c.PayloadSHA256[:12]
		}
		fmt.Fprintf(w, "%8d %4d  %-20s  %-20s %6d  %-12s %9d  %s\n", c.ID, c.RunID, stamp(c.FetchStart), c.Kind, c.Status, sha, c.PayloadLength, c.Error)
		if c.URL != "" && c.URL != key {
			fmt.Fprintf(w, "%8s requested as this URL, redirected to %s\n", "", c.URL)
		}
		if c.Worker != "" {
			fmt.Fprintf(w, "%8s worker %s\n", "", c.Worker)
		}
		if p, ok := archive.ConfirmedIn(caps, c); ok {
			fmt.Fprintf(w, "%8s not modified: confirms capture %d\n", "", p.ID)
		}
		if c.CleanFrom != 0 {
			fmt.Fprintf(w, "%8s clean fields copied from capture %d (the same bytes, cleaned by the same prov under the same rule)\n", "", c.CleanFrom)
		}
		if c.OwnTextSHA256 != "" {
			fmt.Fprintf(w, "%8s own text %s: normalises to text %s, but its characters are not those first stored under it\n", "", short(c.OwnTextSHA256), short(c.TextSHA256))
		}
		for i, p := range c.Pages {
			fmt.Fprintf(w, "%8s page %d: capture %d, text %s, %s\n", "", i+1, p.CaptureID, short(p.TextSHA256), p.URL)
		}
	}
}

// Series says where key sits in its split article, and whether and how
// the article is stitched.
func Series(w io.Writer, key string, s archive.Series) {
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

// Count is n and noun, the noun plural unless n is 1: "1 capture",
// "0 findings". noun must take its plural with an s (else Counted).
func Count[N ~int | ~int64](n N, noun string) string { return Counted(n, noun, noun+"s") }

// Counted is n and one, or n and many unless n is 1: "1 copy", "3 copies".
func Counted[N ~int | ~int64](n N, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
