package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"mime"
	"net"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

// tally counts what one crawl did, for the run record and the summary.
// It counts captures once they are stored: a crawl killed with pages
// still queued for the writer leaves a run record that claims none of them.
type tally struct {
	mu       sync.Mutex
	run      archive.Run
	hosts    map[string]int
	charsets map[string]string // host → charset names seen
	failed   []string          // the first failed URLs, with why

	stitched   []string             // split articles stitched in the run: "URL (N pages)"
	waiting    map[string][]outcome // handed to the writer, not stored yet, by requested URL
	incomplete []string             // split articles with a page fetched in the run that could not be stitched: "URL: why"
}

func newTally(run archive.Run) *tally {
	run.Failed = map[string]int{}
	return &tally{run: run, hosts: map[string]int{}, charsets: map[string]string{}, waiting: map[string][]outcome{}}
}

// outcome is what a capture handed to the writer counts for once stored.
type outcome struct {
	c      archive.Capture
	reason string
	prev   archive.Previous
}

// queued notes an entry handed to the writer, to be counted by stored
// when its batch commits; reason and prev are as for add.
func (t *tally) queued(e archive.Entry, reason string, prev archive.Previous) {
	t.mu.Lock()
	defer t.mu.Unlock()
	u := e.Capture.RequestedURL
	t.waiting[u] = append(t.waiting[u], outcome{e.Capture, reason, prev})
}

// stored counts the queued entries of a committed batch, matched by
// requested URL (a run fetches a URL once; a second fetch of one is
// matched in order).
func (t *tally) stored(caps []archive.Capture) {
	for _, c := range caps {
		if o, ok := t.takeWaiting(c.RequestedURL); ok {
			t.add(o.c, o.reason, o.prev)
		}
	}
}

func (t *tally) takeWaiting(url string) (outcome, bool) {
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
// writer is committing, are counted by stored. The writer stores it in
// the batch's own transaction (archive.WriterConfig.RunRecord), so the run
// record and the captures it counts are committed together.
func (t *tally) counted(caps []archive.Capture) archive.Run {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.run
	r.Failed = maps.Clone(t.run.Failed)
	taken := map[string]int{}
	for _, c := range caps {
		q, i := t.waiting[c.RequestedURL], taken[c.RequestedURL]
		if i < len(q) {
			taken[c.RequestedURL]++
			countRun(&r, q[i].c, q[i].reason, q[i].prev)
		}
	}
	return r
}

// countRun counts one stored capture in r; reason is its failure class,
// "" when the page was fetched well; prev is what the archive held of its
// URL before.
func countRun(r *archive.Run, c archive.Capture, reason string, prev archive.Previous) {
	r.Fetched++
	r.Bytes += c.PayloadLength
	switch {
	case reason != "":
		r.Failed[reason]++
	case c.Status == 304, prev.Exists && c.PayloadSHA256 != "" && c.PayloadSHA256 == prev.PayloadSHA256:
		r.Unchanged++
	case prev.Exists:
		r.Changed++
	default:
		r.New++
	}
}

// add counts one stored capture (see countRun) and what the summary
// names of it: its host, its charset, and its URL when it failed.
func (t *tally) add(c archive.Capture, reason string, prev archive.Previous) {
	t.mu.Lock()
	defer t.mu.Unlock()
	countRun(&t.run, c, reason, prev)
	if reason != "" && len(t.failed) < maxListedFailures {
		t.failed = append(t.failed, c.RequestedURL+": "+failureText(c))
	}
	host := hostOf(c.URL)
	t.hosts[host]++
	if c.Charset != "" && !strings.Contains(t.charsets[host], c.Charset) {
		t.charsets[host] = strings.TrimPrefix(t.charsets[host]+","+c.Charset, ",")
	}
}

// snapshot returns a copy of the run record as it stands.
func (t *tally) snapshot() archive.Run {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.run
	r.Failed = maps.Clone(t.run.Failed)
	return r
}

// finish closes the run record: done, or interrupted.
func (t *tally) finish(interrupted bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.run.End = time.Now().UTC()
	t.run.Status = archive.RunDone
	if interrupted {
		t.run.Status = archive.RunInterrupted
	}
}

// maxListedFailures bounds the failed URLs a summary names.
const maxListedFailures = 10

func failureText(c archive.Capture) string {
	if c.Error != "" {
		return c.Error
	}
	return fmt.Sprintf("HTTP %d", c.Status)
}

// failureOf classifies why a page failed: "" for success, else a short
// reason that run records count by.
func failureOf(p crawl.Page) string {
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case p.Err == nil && p.Status >= 400:
		return fmt.Sprintf("http %d", p.Status)
	case p.Err == nil:
		return ""
	case errors.Is(p.Err, crawl.ErrRobotsDisallowed):
		return "robots"
	case errors.Is(p.Err, crawl.ErrPrivateAddress):
		return "private address"
	case errors.Is(p.Err, crawl.ErrOutOfScope):
		return "out of scope"
	case errors.As(p.Err, &dnsErr):
		return "dns"
	case errors.Is(p.Err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(p.Err, syscall.ECONNRESET):
		return "connection reset"
	case errors.As(p.Err, &netErr) && netErr.Timeout(), errors.Is(p.Err, context.DeadlineExceeded):
		return "timeout"
	}
	return "other"
}

// failures is the number of pages that failed in the run.
func (t *tally) failures() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, v := range t.run.Failed {
		n += v
	}
	return n
}

// ingest consumes pages until the channel closes: it cleans each on one of
// workers goroutines and hands the entry to w, the archive's one writer.
// The first write error stops ingestion and the crawl (stop, which ends
// the crawl's context: the crawler gives up the pages it was sending) and
// is returned: a crawl whose pages cannot be stored must not go on
// fetching them.
func ingest(ctx context.Context, pages <-chan crawl.Page, w *archive.Writer, set *rules.Set, t *tally, workers int, look lookup, stop context.CancelCauseFunc) error {
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range pages {
				e := entryFor(p, set, t.run.ID)
				t.queued(e, failureOf(p), look.previous(e.Capture.URL))
				if err := w.Add(ctx, e); err != nil {
					stop(err)
					errc <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	return firstErr(collect(errc)...) // the writer's error is sticky: the others repeat it
}

func collect(errc <-chan error) []error {
	var errs []error
	for err := range errc {
		errs = append(errs, err)
	}
	return errs
}

// entryFor makes the archive entry of one fetch: the provenance record from
// the page, and what clean makes of its bytes when it is a document.
func entryFor(p crawl.Page, set *rules.Set, runID uint64) archive.Entry {
	c := captureOf(p, runID)
	e := archive.Entry{Capture: c, Payload: p.Payload}
	if p.Status == 304 { // not modified: no body, and no empty blob
		e.Payload, e.Capture.PayloadSHA256, e.Capture.PayloadLength = nil, "", 0
	}
	if p.Err != nil || !isDocument(p) {
		return e
	}
	site := set.ForHost(hostOf(c.FinalURL))
	doc, err := clean.Clean(clean.Input{URL: p.FinalURL, Header: p.Header, Body: p.Content, Site: site})
	if err != nil {
		e.Capture.Error = "clean: " + err.Error()
		return e
	}
	fillFromDocument(&e.Capture, doc, set, site)
	if isCapturePage(site, p.FinalURL) || (doc.Pagination.Split() && isCapturePage(site, doc.Pagination.First)) {
		e.Text = doc.Text
		fillPagination(&e.Capture, doc.Pagination)
	} else {
		e.Capture.TextSHA256, e.Capture.NormVersion = "", 0
	}
	return e
}

// fillPagination records a document page's place in an article split
// over pages, its neighbours under their canonical URLs (the keys the
// archive files them under). A continuation page of a capture page is a
// document too, whatever its own path: its text is part of the article.
func fillPagination(c *archive.Capture, p clean.Pagination) {
	if !p.Split() {
		return
	}
	c.NextPage, c.PrevPage, c.PageNumber = canonicalOrEmpty(p.Next), canonicalOrEmpty(p.Prev), p.Number
}

func canonicalOrEmpty(raw string) string {
	if raw == "" {
		return ""
	}
	if u, err := crawl.Canonicalize(raw); err == nil {
		return u
	}
	return raw
}

// isCapturePage says whether a page holds a document: with a site rule that
// lists capture patterns, only pages whose path matches one; otherwise every
// page. Other pages are archived as captures, with no text document.
func isCapturePage(site *rules.Site, raw string) bool {
	if site == nil || len(site.Capture) == 0 {
		return true
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	for _, re := range site.Capture {
		if re.MatchString(u.Path) {
			return true
		}
	}
	return false
}

func captureOf(p crawl.Page, runID uint64) archive.Capture {
	c := archive.Capture{
		RunID:        runID, // Kind is derived by the archive against the URL's previous capture
		RequestedURL: p.RequestedURL, FinalURL: p.FinalURL, URL: p.CanonicalURL,
		Method: p.Method, Status: p.Status,
		RequestHeader: p.RequestHeader, ResponseHeader: p.Header,
		FetchStart: p.Start, FetchEnd: p.End, RemoteAddr: p.RemoteAddr,
		PayloadLength: int64(len(p.Payload)), Truncated: p.Truncated,
		Rule: p.Rule, ToolVersion: "prov/" + crawl.Version, // the User-Agent's version
	}
	if c.URL == "" {
		c.URL = p.RequestedURL
	}
	if c.Truncated {
		c.Limit = p.Limit
	}
	if p.Payload != nil {
		sum := sha256.Sum256(p.Payload)
		c.PayloadSHA256 = hex.EncodeToString(sum[:])
	}
	for _, h := range p.Redirects {
		c.Redirects = append(c.Redirects, archive.Hop{URL: h.URL, Status: h.Status})
	}
	if p.Err != nil {
		c.Kind, c.Error = archive.KindFailed, p.Err.Error()
	}
	return c
}

func fillFromDocument(c *archive.Capture, doc *clean.Document, set *rules.Set, site *rules.Site) {
	c.Charset, c.CharsetEvidence = doc.Charset.Name, doc.Charset.Evidence
	c.CharsetConfidence, c.CharsetNote = doc.Charset.Confidence, doc.Charset.Note
	c.Title, c.Published, c.PublishedWhy = doc.Title, doc.Published, doc.PublishedWhy
	for _, d := range doc.DateCandidates {
		c.DateCandidates = append(c.DateCandidates, archive.DateCandidate{Value: d.Value, Source: d.Source, Text: d.Text})
	}
	c.Publisher, c.Author, c.Attribution = doc.Publisher, doc.Author, doc.Attribution
	if site != nil && site.Publisher != "" {
		c.Publisher = site.Publisher
	}
	a, _ := set.Authority(hostOf(c.FinalURL))
	c.Authority = string(a)
	c.Lang, c.Canonical, c.Captions = doc.Lang, doc.Canonical, doc.Captions
	if doc.Text != "" {
		c.TextSHA256, c.NormVersion = doc.TextSHA256, doc.NormVersion
		c.Sketch, c.Shingles = doc.Sketch, doc.Shingles
	}
	c.Extractor, c.ExtractorVersion = doc.Extractor, doc.ExtractorVersion
}

// isDocument says whether a page is text that clean should read: a 2xx
// answer whose type is HTML or plain text (or unlabelled).
func isDocument(p crawl.Page) bool {
	if p.Status < 200 || p.Status > 299 {
		return false
	}
	ct := p.Header.Get("Content-Type")
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err != nil || mt == "text/html" || mt == "application/xhtml+xml" || mt == "text/plain"
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
