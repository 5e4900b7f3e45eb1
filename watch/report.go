package watch

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"sync"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// reporter collects the verdicts as the refetch's captures commit, in
// whatever order the crawl fetched them, and reports them in Order. It is
// safe for concurrent use.
type reporter struct {
	origs []Original
	index map[string]int // original by the canonical URL it is fetched as
	order []int
	out   func(Result) error
	stop  context.CancelFunc // ends the refetch when out fails

	mu     sync.Mutex
	held   map[int]Result // judged, not reported yet
	why    map[int]error  // why the crawl sent no page (notSent)
	done   map[int]bool   // judged, reported or not
	next   int            // position in order of the next to report
	counts Counts
	err    error
}

func newReporter(origs []Original, out func(Result) error, stop context.CancelFunc) *reporter {
	r := &reporter{origs: origs, index: map[string]int{}, order: Order(origs), out: out, stop: stop,
		held: map[int]Result{}, done: map[int]bool{}, why: map[int]error{}, counts: Counts{}}
	for i, o := range origs {
		key, err := crawl.Canonicalize(o.URL)
		if err != nil {
			key = o.URL
		}
		r.index[key] = i
	}
	return r
}

// judged takes the verdict on original i and reports what it can.
func (r *reporter) judged(i int, res Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done[i] {
		return
	}
	r.done[i], r.held[i] = true, res
	r.report(false)
}

// flush reports every verdict still held; all skips the originals that
// have none.
func (r *reporter) flush(all bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.report(all)
}

// report reports, in order, the verdicts held up to the first original
// not judged yet (past it too, when all). Called with r.mu held.
func (r *reporter) report(all bool) {
	for ; r.next < len(r.order) && r.err == nil; r.next++ {
		i := r.order[r.next]
		res, ok := r.held[i]
		if !ok && !all {
			return
		}
		if !ok {
			continue
		}
		delete(r.held, i)
		r.counts[res.Status]++
		if r.err = r.out(res); r.err != nil {
			r.stop()
		}
	}
}

// notSent is crawl.Config.Unsent: it keeps why the crawl sent no page
// for an original's URL.
func (r *reporter) notSent(url string, why error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i, ok := r.index[url]; ok {
		r.why[i] = why
	}
}

// unsent judges the originals a refetch that ended well did not send:
// crawl.Run sends every fetch but of a URL robots.txt disallows (never
// requested) and of a page whose canonical URL an earlier fetch of the
// run had; it said which through notSent.
func (r *reporter) unsent() {
	for i, o := range r.origs {
		r.mu.Lock()
		done, why := r.done[i], r.why[i]
		r.mu.Unlock()
		if done {
			continue
		}
		if why == nil {
			why = fmt.Errorf("crawl: %s: not sent, for no reason the crawl gave", o.URL)
		}
		res := judge(o, crawl.Page{RequestedURL: o.URL, Err: why}, archive.Capture{Error: why.Error()}, fetchedText{})
		r.judged(i, res)
	}
}

func (r *reporter) counted() Counts {
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.counts)
}

func (r *reporter) failure() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
