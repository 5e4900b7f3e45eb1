package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
	"github.com/prov-archive/prov/rules"
	"github.com/prov-archive/prov/textdiff"
)

// What a refetch found of an original.
const (
	refUnchanged = "unchanged" // same payload, or same text
	refChanged   = "changed"   // another text; Diff says how
	refMoved     = "moved"     // redirected elsewhere, or a 301/308; NewURL says where
	refGone      = "gone"      // 404, 410, DNS failure, connection refused
	refFailed    = "failed"    // any other failure (5xx, timeout, robots…): nothing could be said
)

// refetchResult is one line of verify --refetch (one object with --json).
type refetchResult struct {
	URL       string        `json:"url"`
	Status    string        `json:"status"`
	Detail    string        `json:"detail"`
	NewURL    string        `json:"new_url"`
	CaptureID uint64        `json:"capture_id"` // the new capture of this fetch
	Diff      []textdiff.Op `json:"diff"`       // changes from the archived text, as prov diff --json

	against, copy subject // the texts compared, for the printed diff
}

// fetchedText is the clean text of a refetch and its hash.
type fetchedText struct{ text, sha string }

// refetchedText is the text of a refetched page: the entry's, or, for a
// page the rules do not keep as a document (it moved off the capture
// patterns), what clean makes of it, only for the comparison.
func refetchedText(p crawl.Page, e archive.Entry, set *rules.Set) fetchedText {
	text, sha := ingest.DocumentText(p, e, set)
	return fetchedText{text, sha}
}

// judge says what became of original o, given its refetch p.
func judge(o original, p crawl.Page, stored archive.Capture, now fetchedText) refetchResult {
	res := refetchResult{URL: o.url}
	if why := goneWhy(p); why != "" {
		res.Status, res.Detail = refGone, why
		return res
	}
	if p.Status == 301 || p.Status == 308 { // a permanent redirect that was not followed
		res.Status, res.NewURL = refMoved, location(p)
		res.Detail = fmt.Sprintf("%s; not followed: %s", statusText(p.Status), ingest.FailureText(stored))
		return res
	}
	if reason := p.Failure(); reason != crawl.NoFailure || p.Status/100 != 2 {
		res.Status, res.Detail = refFailed, fmt.Sprintf("%s: %s", orElse(string(reason), "http"), ingest.FailureText(stored))
		return res
	}
	compare(&res, o, p, stored, now)
	if to, status := movedTo(o.url, p); to != "" {
		res.Detail = fmt.Sprintf("%s; moved+%s (%s)", statusText(status), res.Status, res.Detail)
		res.Status, res.NewURL = refMoved, to
	}
	return res
}

// compare fills res with unchanged or changed and, when changed, the diff.
func compare(res *refetchResult, o original, p crawl.Page, stored archive.Capture, now fetchedText) {
	newSHA := stored.PayloadSHA256
	switch {
	case newSHA != "" && newSHA == o.base.PayloadSHA256:
		res.Status, res.Detail = refUnchanged, "payload identical"
	case now.sha != "" && now.sha == o.base.TextSHA256:
		res.Status, res.Detail = refUnchanged, "text identical, payload differs"
	default:
		res.Status = refChanged
		res.Diff = textdiff.Changes(textdiff.Diff(o.text, now.text))
		if res.Diff == nil {
			res.Diff = []textdiff.Op{}
		}
		res.Detail = summarize(res.Diff, now)
		res.against = subject{Label: fmt.Sprintf("%s, capture %d", o.url, o.base.ID), TextSHA256: o.base.TextSHA256}
		res.copy = subject{Label: p.FinalURL + ", refetched", TextSHA256: now.sha}
	}
}

// summarize counts a diff's paragraphs: "2 paragraphs changed, 1 added".
func summarize(ops []textdiff.Op, now fetchedText) string {
	if now.sha == "" {
		return "payload differs; no text now"
	}
	n := map[string]int{}
	for _, op := range ops {
		n[op.Kind]++
	}
	var parts []string
	for _, k := range []string{textdiff.Changed, textdiff.Added, textdiff.Removed} {
		if n[k] == 0 {
			continue
		}
		noun := ""
		if len(parts) == 0 {
			noun = " paragraph"
			if n[k] > 1 {
				noun += "s"
			}
		}
		parts = append(parts, fmt.Sprintf("%d%s %s", n[k], noun, k))
	}
	if len(parts) == 0 {
		return "text hash differs; no paragraph differs"
	}
	return strings.Join(parts, ", ")
}

// goneWhy says why a fetch means the original is gone, "" when it does not.
func goneWhy(p crawl.Page) string {
	switch r := p.Failure(); {
	case !p.Gone():
		return ""
	case r == crawl.FailDNS:
		return "DNS failure"
	case r == crawl.FailRefused:
		return string(r)
	}
	return statusText(p.Status)
}

// movedTo returns the URL a followed redirect ended at and the first hop's
// status, "" when the fetch ended where it began.
func movedTo(orig string, p crawl.Page) (string, int) {
	if len(p.Redirects) < 2 {
		return "", 0
	}
	final, err := crawl.Canonicalize(p.FinalURL)
	if err != nil || final == orig {
		return "", 0
	}
	return final, p.Redirects[0].Status
}

// location is the absolute target of a redirect response.
func location(p crawl.Page) string {
	loc := p.Header.Get("Location")
	base, err := url.Parse(p.FinalURL)
	if err != nil || loc == "" {
		return loc
	}
	if u, err := base.Parse(loc); err == nil {
		return u.String()
	}
	return loc
}

func statusText(code int) string { return fmt.Sprintf("%d %s", code, http.StatusText(code)) }

func orElse(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// resultPrinter prints one line per original (and a changed one's diff,
// as prov diff prints it), or one JSON object per line.
func resultPrinter(w io.Writer, asJSON bool) func(refetchResult) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return func(r refetchResult) error { return enc.Encode(r) }
	}
	return func(r refetchResult) error {
		var err error
		switch {
		case r.Status == refChanged || r.Diff != nil:
			_, err = fmt.Fprintf(w, "%-10s %s: %s\n", r.Status, r.URL, r.Detail)
		case r.NewURL != "":
			_, err = fmt.Fprintf(w, "%-10s %s -> %s (%s)\n", r.Status, r.URL, r.NewURL, r.Detail)
		default:
			_, err = fmt.Fprintf(w, "%-10s %s (%s)\n", r.Status, r.URL, r.Detail)
		}
		if r.Diff != nil && err == nil {
			if r.NewURL != "" {
				fmt.Fprintf(w, "  now at %s\n", r.NewURL)
			}
			printDiff(w, diffResult{Copy: r.copy, Against: r.against, Changes: r.Diff})
			_, err = fmt.Fprintln(w)
		}
		return err
	}
}

// refetchCounts counts the originals by what the refetch found.
type refetchCounts map[string]int

func countsText(c refetchCounts) string {
	var parts []string
	for _, k := range []string{refUnchanged, refChanged, refMoved, refGone, refFailed} {
		if c[k] > 0 || k != refFailed {
			parts = append(parts, fmt.Sprintf("%d %s", c[k], k))
		}
	}
	return strings.Join(parts, ", ")
}

// problem is exit 3 when any original is not unchanged.
func (c refetchCounts) problem() error {
	n := 0
	for k, v := range c {
		if k != refUnchanged {
			n += v
		}
	}
	if n == 0 {
		return nil
	}
	return &partialError{msg: fmt.Sprintf("%d originals changed, moved or gone", n)}
}
