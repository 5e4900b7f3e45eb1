package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/prov-archive/prov/watch"
)

// Online prints what became of a work's original since it was archived
// (watch.Status), each line after indent and label: "now: gone, 410 Gone
// (checked …)", then, when the URL's latest fetch failed, a line saying
// so. It prints nothing for an original not checked since and whose
// fetches did not fail: an archive crawled once says nothing it did not.
func Online(w io.Writer, indent, label string, st *watch.Status) {
	if st == nil || st.Status == watch.NotChecked && st.LastFailed == nil {
		return
	}
	fmt.Fprintf(w, "%s%s: %s\n", indent, label, StatusWords(*st))
	if f := st.LastFailed; f != nil {
		fmt.Fprintf(w, "%s  but its last check failed: %s\n", indent, FailedWords(*f))
	}
}

// StatusWords says a status in one line: what the latest check found,
// its detail, and the check.
func StatusWords(st watch.Status) string {
	if st.Check == nil {
		return fmt.Sprintf("%s since %s (capture %d)", st.Status, st.Since.Format(time.RFC3339), st.Against)
	}
	says := st.Status
	switch {
	case st.Status == watch.Moved && st.TextThere == watch.Unchanged:
		says += " to " + st.NewURL + ", same text there"
	case st.Status == watch.Moved && st.TextThere == watch.Changed:
		says += " to " + st.NewURL + ", another text there"
	case st.Status == watch.Moved:
		says += " to " + st.NewURL + ", " + st.Detail
	case st.Detail != "":
		says += ", " + st.Detail
	}
	return fmt.Sprintf("%s (checked %s)", says, CheckWords(*st.Check))
}

// CheckWords names a check: "2026-12-05T16:29:23Z, capture 3, refetch
// run 2" (no run for a capture written outside one).
func CheckWords(c watch.Check) string {
	says := fmt.Sprintf("%s, capture %d", c.At.Format(time.RFC3339), c.CaptureID)
	switch {
	case c.RunID == 0:
		return says
	case c.RunKind != "":
		return fmt.Sprintf("%s, %s run %d", says, c.RunKind, c.RunID)
	}
	return fmt.Sprintf("%s, run %d", says, c.RunID)
}

// FailedWords says why a failed check failed, and names it:
// "connection refused (2026-12-05T16:29:24Z, capture 5, refetch run 4)".
func FailedWords(c watch.Check) string {
	return fmt.Sprintf("%s (%s)", lastClause(c.Detail), CheckWords(c))
}

// lastClause is the end of a chain of wrapped errors, what went wrong
// in the fewest words: "connection refused" of "crawl: fetch …: dial
// tcp …: connect: connection refused".
func lastClause(detail string) string {
	if i := strings.LastIndex(detail, ": "); i >= 0 && i+2 < len(detail) {
		return detail[i+2:]
	}
	return detail
}
