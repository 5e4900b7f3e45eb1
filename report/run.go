package report

import (
	"fmt"
	"io"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
)

// RunSummary is prov crawl's summary of run r: one line of counts, the
// failures by reason, the first failed URLs, and the split articles
// stitched or left incomplete.
func RunSummary(w io.Writer, r archive.Run, sum ingest.Summary) {
	fmt.Fprintf(w, "run %d: %d fetched, %d new, %d changed, %d unchanged, %d failed, %s, %s\n",
		r.ID, r.Fetched, r.New, r.Changed, r.Unchanged, failures(r), Count(r.Bytes, "byte"), r.End.Sub(r.Start).Round(time.Millisecond))
	failedBy(w, r)
	for _, reason := range sortedKeys(r.Skipped) {
		fmt.Fprintf(w, "  not fetched (%s): %d\n", reason, r.Skipped[reason])
	}
	for _, f := range sum.Failed {
		fmt.Fprintf(w, "  - %s\n", f)
	}
	for _, s := range sum.Stitched {
		fmt.Fprintf(w, "  stitched: %s\n", s)
	}
	for _, s := range sum.Incomplete {
		fmt.Fprintf(w, "  not stitched, incomplete: %s\n", s)
	}
}

// DemoCrawl is the first line of prov demo's report, with the failures by
// reason.
func DemoCrawl(w io.Writer, r archive.Run) {
	fmt.Fprintf(w, "crawl: run %d, %d pages fetched in %s, %d failed\n",
		r.ID, r.Fetched, r.End.Sub(r.Start).Round(time.Millisecond), failures(r))
	failedBy(w, r)
}

func failedBy(w io.Writer, r archive.Run) {
	for _, reason := range sortedKeys(r.Failed) {
		fmt.Fprintf(w, "  failed (%s): %d%s\n", reason, r.Failed[reason], failureHints[reason])
	}
}

// failureHints tells an operator what to do about a reason of failure
// that is a setting of prov, not a fault of the site.
var failureHints = map[string]string{
	string(crawl.FailPrivate): " (prov crawl --allow-private reaches loopback, private and link-local addresses)",
	string(crawl.FailRobots):  " (robots.txt disallows them for prov's User-Agent: a seed, or a redirect's target; never requested)",
	string(crawl.FailTLS):     " (a site whose certificate is broken can be archived all the same: tls: unverified in its rule)",
}

func failures(r archive.Run) int {
	n := 0
	for _, v := range r.Failed {
		n += v
	}
	return n
}
