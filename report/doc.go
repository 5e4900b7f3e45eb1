// Package report renders archive views as the plain text prov prints for
// a person: works and their copies, trace and diff results, runs, stats,
// a URL's history, the demo's summary and an inspection. Each function
// writes one view to w; the bytes are part of the CLI's contract (outside
// tools read them), so every change shows in this package's tests.
//
// Text from archived pages is written as it is: a caller printing to a
// terminal wraps w to escape control characters (TermSafe).
// Write errors are not reported; w is a terminal or a buffer.
package report

import (
	"maps"
	"net/url"
	"slices"
	"time"
)

// orNone is s, or "-" for an empty field.
func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// short is the first 12 digits of a hex hash.
func short(sha string) string { return sha[:min(12, len(sha))] }

// stamp is t in UTC to the second, "-" when unset.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
