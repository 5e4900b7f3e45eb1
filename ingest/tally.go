package ingest

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// Tally counts what one run did, for its run record and its summary. It
// counts a capture once it is stored: a crawl killed with pages still
// queued for the writer leaves a run record that claims none of them. It
// is safe for concurrent use.
type Tally struct {
	mu       sync.Mutex
	run      archive.Run
	failed   []string // the first failed URLs, with why
	refusedN int      // seeds counted failed without a capture (refused)

	stitched   []string             // split articles stitched in the run: "URL (N pages)"
	waiting    map[string][]outcome // handed to the writer, not stored yet, by requested URL
	incomplete []string             // split articles with a page fetched in the run that could not be stitched: "URL: why"
}

// NewTally starts the count of run, as BeginRun returned it.
func NewTally(run archive.Run) *Tally {
	run.Failed = map[string]int{}
	return &Tally{run: run, waiting: map[string][]outcome{}}
}

// outcome is what a capture handed to the writer counts for once stored:
// its failure class and what the archive held of its URL before.
type outcome struct {
	reason crawl.Reason
	prev   archive.Previous
}

// queued notes an entry handed to the writer, to be counted by stored
// when its batch commits.
func (t *Tally) queued(e archive.Entry, reason crawl.Reason, prev archive.Previous) {
	t.mu.Lock()
	defer t.mu.Unlock()
	u := e.Capture.RequestedURL
	t.waiting[u] = append(t.waiting[u], outcome{reason, prev})
}

// stored counts the queued entries of a committed batch, matched by
// requested URL (a run fetches a URL once; a second fetch of one is
// matched in order). caps are the captures as stored, their payload
// hashes filled by the archive.
func (t *Tally) stored(caps []archive.Capture) {
	for _, c := range caps {
		if o, ok := t.takeWaiting(c.RequestedURL); ok {
			t.add(c, o.reason, o.prev)
		}
	}
}

func (t *Tally) takeWaiting(url string) (outcome, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	q := t.waiting[url]
	if len(q) == 0 {
		return outcome{}, false
	}
	if len(q) == 1 {
		delete(t.waiting, url)
	} else {
		t.waiting[url] = q[1:]
	}
	return q[0], true
}

// counted returns the run record as it will stand once caps, a batch the
// writer is committing, are counted by stored. It is the writer's
// RunRecord: the run record and the captures it counts are committed in
// one transaction.
func (t *Tally) counted(caps []archive.Capture) archive.Run {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.run
	r.Failed, r.Skipped = maps.Clone(t.run.Failed), maps.Clone(t.run.Skipped)
	taken := map[string]int{}
	for _, c := range caps {
		q, i := t.waiting[c.RequestedURL], taken[c.RequestedURL]
		if i < len(q) {
			taken[c.RequestedURL]++
			countRun(&r, c, q[i].reason, q[i].prev)
		}
	}
	return r
}

// countRun counts one stored capture in r; reason is its failure class;
// prev is what the archive held of its URL before. It is the one rule of
// a run's counts, and it follows the capture's kind as the archive
// derived it (c is the capture as stored): a capture that failed (reason)
// is counted failed; a revisit (the URL's latest payload again, whatever
// its status, or a 304) is unchanged; any other is changed when the URL
// had a capture before, else new. The counts therefore never disagree with
// what prov show says of the same capture.
func countRun(r *archive.Run, c archive.Capture, reason crawl.Reason, prev archive.Previous) {
	r.Fetched++
	r.Bytes += c.PayloadLength
	switch {
	case reason != crawl.NoFailure:
		r.Failed[string(reason)]++
	case c.Kind == archive.KindRevisit, c.Kind == archive.KindNotModified:
		r.Unchanged++
	case prev.Exists:
		r.Changed++
	default:
		r.New++
	}
}

// add counts one stored capture (see countRun), and its URL when it
// failed, for the summary.
func (t *Tally) add(c archive.Capture, reason crawl.Reason, prev archive.Previous) {
	t.mu.Lock()
	defer t.mu.Unlock()
	countRun(&t.run, c, reason, prev)
	if reason != crawl.NoFailure && len(t.failed) < MaxListedFailures {
		t.failed = append(t.failed, c.RequestedURL+": "+FailureText(c))
	}
}

// refused counts a URL the run was asked for and did not request (a seed
// robots.txt disallows) as failed for reason, with why, though no capture
// of it is stored.
func (t *Tally) refused(url string, reason crawl.Reason, why error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.run.Failed[string(reason)]++
	t.refusedN++
	if len(t.failed) < MaxListedFailures {
		t.failed = append(t.failed, url+": "+why.Error())
	}
}

// Run returns a copy of the run record as it stands.
func (t *Tally) Run() archive.Run {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.run
	r.Failed, r.Skipped = maps.Clone(t.run.Failed), maps.Clone(t.run.Skipped)
	return r
}

// Skipped records the links the crawl did not queue, by reason (st's
// skip reasons, and robots.txt's refusals as "robots").
func (t *Tally) Skipped(st *crawl.Stats) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.run.Skipped = nil
	add := func(reason string, n int64) {
		if n > 0 {
			if t.run.Skipped == nil {
				t.run.Skipped = map[string]int{}
			}
			t.run.Skipped[reason] += int(n)
		}
	}
	for reason, n := range st.SkipReasons() {
		add(reason, n)
	}
	add(string(crawl.FailRobots), st.RobotsBlocked.Load())
}

// Finish closes the run record: done, or interrupted.
func (t *Tally) Finish(interrupted bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.run.End = time.Now().UTC()
	t.run.Status = archive.RunDone
	if interrupted {
		t.run.Status = archive.RunInterrupted
	}
}

// Failures is the number of pages that failed in the run.
func (t *Tally) Failures() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, v := range t.run.Failed {
		n += v
	}
	return n
}

// Counted is the number of pages counted in the run: its captures stored,
// and the seeds it refused without a capture (Failures counts both).
func (t *Tally) Counted() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.run.Fetched + t.refusedN
}

// Summary is what a run summary names beyond the run record.
type Summary struct {
	Failed     []string // the first MaxListedFailures failed URLs: "URL: why"
	Stitched   []string // split articles stitched in the run: "URL (N pages)"
	Incomplete []string // split articles the run touched that could not be stitched: "URL: why"
}

// Summary returns a copy of what failed or was stitched in the run.
func (t *Tally) Summary() Summary {
	t.mu.Lock()
	defer t.mu.Unlock()
	return Summary{Failed: slices.Clone(t.failed), Stitched: slices.Clone(t.stitched), Incomplete: slices.Clone(t.incomplete)}
}

// stitchedBy records what a stitch sweep of the run did.
func (t *Tally) stitchedBy(rep archive.StitchReport) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stitched = append(t.stitched, rep.Stitched...)
	t.incomplete = rep.Incomplete // the last sweep's view
}

// MaxListedFailures bounds the failed URLs a summary names.
const MaxListedFailures = 10

// FailureText is why a stored capture failed: its error, else its status.
func FailureText(c archive.Capture) string {
	if c.Error != "" {
		return c.Error
	}
	return fmt.Sprintf("HTTP %d", c.Status)
}
