package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/temoto/robotstxt"
)

// ErrRobotsDisallowed is wrapped by the error for a URL that robots.txt
// disallows; such a URL is never requested.
var ErrRobotsDisallowed = errors.New("disallowed by robots.txt")

// ErrSeedDisallowed wraps ErrRobotsDisallowed for a seed robots.txt
// disallows: a URL the run was asked for and never requested. Config.Unsent
// hears of it as of any URL robots.txt disallows, and a run counts it as
// failed (the operator asked for it and nothing of it was archived).
var ErrSeedDisallowed = fmt.Errorf("seed %w", ErrRobotsDisallowed)

// ErrRobotsUnreachable is wrapped by the error for a URL not fetched
// because its host's robots.txt answered with a server error or 429 Too
// Many Requests (a 429 or 503 on its last try: they are tried again as a
// page's are). RFC 9309 has a crawler then take the whole host as
// disallowed, as Google does; prov does, and counts each such URL as
// failed, so that a crawl that fetched nothing for it says why.
var ErrRobotsUnreachable = errors.New("robots.txt unreachable")

// robotsLimit bounds a robots.txt body, as Google does (500 KiB).
const robotsLimit = 512 << 10

// robots answers whether the crawler may fetch a URL. It fetches each
// robots.txt through the transport (so --connect-to and the private-address
// check apply) and keeps the parsed rules for the run. Its client has no
// timeout of its own: the robots memo bounds each try by Config.Timeout,
// and waits between tries (robotsMemo.fetch) that a client's timeout
// would cut short.
type robots struct {
	client *http.Client
	agent  string
	mu     sync.Mutex
	data   map[string]*robotstxt.RobotsData
}

func newRobots(t *transport, cfg Config) *robots {
	return &robots{
		client: &http.Client{Transport: t},
		agent:  cfg.UserAgent,
		data:   map[string]*robotstxt.RobotsData{},
	}
}

// check returns nil when robots.txt allows u, an error wrapping
// ErrRobotsDisallowed when it does not, and another error when robots.txt
// could not be fetched or read (the URL is then not fetched either).
// As Google does, a 4xx robots.txt allows everything, and a 5xx or 429
// forbids everything (ErrRobotsUnreachable), a 429 or 503 once its tries
// are spent.
func (r *robots) check(ctx context.Context, u *url.URL) error {
	data, err := r.rules(ctx, u)
	if err != nil {
		return err
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !data.TestAgent(path, r.agent) {
		return fmt.Errorf("crawl: %s: %w", u, ErrRobotsDisallowed)
	}
	return nil
}

// known reports whether u's host's robots.txt was read already, so that
// check answers for u without a request.
func (r *robots) known(u *url.URL) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.data[u.Scheme+"://"+u.Host+"/robots.txt"] != nil
}

// crawlDelay is the Crawl-delay robots.txt asks of us for u's host, 0 when
// none or not fetched yet.
func (r *robots) crawlDelay(u *url.URL) time.Duration {
	r.mu.Lock()
	data := r.data[u.Scheme+"://"+u.Host+"/robots.txt"]
	r.mu.Unlock()
	if data == nil {
		return 0
	}
	if g := data.FindGroup(r.agent); g != nil {
		return min(g.CrawlDelay, maxCrawlDelay)
	}
	return 0
}

// maxCrawlDelay bounds what robots.txt may ask: a site asking more is
// still crawled, a minute apart.
const maxCrawlDelay = time.Minute

func (r *robots) rules(ctx context.Context, u *url.URL) (*robotstxt.RobotsData, error) {
	key := u.Scheme + "://" + u.Host + "/robots.txt"
	r.mu.Lock()
	data := r.data[key]
	r.mu.Unlock()
	if data != nil {
		return data, nil
	}
	data, err := r.fetch(ctx, key)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.data[key] = data
	r.mu.Unlock()
	return data, nil
}

func (r *robots) fetch(ctx context.Context, robotsURL string) (*robotstxt.RobotsData, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, fmt.Errorf("crawl: robots.txt %s: %w", robotsURL, err)
	}
	req.Header.Set("User-Agent", r.agent)
	resp, err := r.client.Do(req)
	if uerr := (*url.Error)(nil); errors.As(err, &uerr) {
		err = uerr.Err // it would name robotsURL a second time
	}
	if err != nil {
		return nil, fmt.Errorf("crawl: robots.txt %s: %w", robotsURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		return nil, fmt.Errorf("crawl: robots.txt %s: HTTP %d: %w, which disallows the whole host until it answers", robotsURL, resp.StatusCode, ErrRobotsUnreachable)
	}
	data, err := robotstxt.FromResponse(resp)
	if err != nil {
		return nil, fmt.Errorf("crawl: robots.txt %s: %w", robotsURL, err)
	}
	return data, nil
}

// robotsMemo answers the requests that carry no fetch id, which are only
// robots.txt fetches (colly's and ours): each robots.txt is fetched once per
// run, and both checks read the same answer.
//
// With a shared store, the answer is the store's: one worker of the crawl
// fetches each robots.txt, and the others read what it stored.
type robotsMemo struct {
	mu     sync.Mutex
	m      map[string]*robotsEntry
	shared *sharedQueue

	retries   int           // Config.Retries: tries after the first on a 429, a 503 or a connection error
	retryBase time.Duration // Config.RetryBase, doubled per try
	maxWait   time.Duration // Config.MaxWait: the longest Retry-After or backoff waited
	timeout   time.Duration // Config.Timeout, of each try
	now       func() time.Time
	retried   *atomic.Int64 // Config.Stats.Retried, counting each try after the first; nil counts nothing
}

type robotsEntry struct {
	done   chan struct{}
	status int
	header http.Header
	body   []byte
	err    error
}

func (m *robotsMemo) roundTrip(runCtx context.Context, base http.RoundTripper, req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || req.URL.Path != "/robots.txt" {
		return nil, fmt.Errorf("crawl: %s %s: request without a fetch id", req.Method, req.URL)
	}
	e, first := m.entry(req.URL.String())
	if first {
		// The answer is every requester's: its tries and waits go on with
		// the run, whoever asked first and however long they wait.
		go func() {
			defer close(e.done)
			m.fill(e, runCtx, base, req.Clone(runCtx))
		}()
	}
	select {
	case <-e.done:
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
	if e.err != nil {
		return nil, e.err
	}
	return e.response(req), nil
}

func (m *robotsMemo) entry(key string) (e *robotsEntry, first bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[string]*robotsEntry{}
	}
	if e = m.m[key]; e != nil {
		return e, false
	}
	e = &robotsEntry{done: make(chan struct{})}
	m.m[key] = e
	return e, true
}

// fill fills e from the shared store, which calls e.fill in the one
// worker that fetches it, or with e.fill when there is no store.
func (m *robotsMemo) fill(e *robotsEntry, runCtx context.Context, base http.RoundTripper, req *http.Request) {
	if m.shared == nil {
		m.fetch(e, runCtx, base, req)
		return
	}
	status, body, err := m.shared.s.Robots(req.Context(), req.URL.String(), func() (int, []byte, error) {
		m.fetch(e, runCtx, base, req)
		return e.status, e.body, e.err
	})
	if err != nil && e.err == nil {
		e.err = m.shared.check(err)
	}
	if e.err == nil {
		e.status, e.body, e.header = status, body, http.Header{}
	}
}

// fetch fills e, trying again as a page's fetch is tried: after a 429, a
// 503 or a connection error, up to retries more times, each after the
// answer's Retry-After or a backoff, at most maxWait. The answer stands
// for the whole run, and one 503 or reset would fail every URL of the
// host; the host's requests wait for it meanwhile (they all ask robots.txt
// first). Only the last answer stands.
func (m *robotsMemo) fetch(e *robotsEntry, runCtx context.Context, base http.RoundTripper, req *http.Request) {
	now := m.now
	if now == nil {
		now = time.Now
	}
	for try := 1; ; try++ {
		e.fill(runCtx, base, req, m.timeout)
		p := Page{Err: e.err}
		if e.err == nil {
			p.Status, p.Header = e.status, e.header
		}
		if try > m.retries || !retryable(p) || sleep(runCtx, backoff(p, try, m.retryBase, m.maxWait, now())) != nil {
			return
		}
		if m.retried != nil {
			m.retried.Add(1)
		}
	}
}

// fill fetches robots.txt, in timeout (none when 0); it stops when the
// request or the run is cancelled.
func (e *robotsEntry) fill(runCtx context.Context, base http.RoundTripper, req *http.Request, timeout time.Duration) {
	ctx, cancel := tryContext(req.Context(), timeout)
	defer cancel()
	defer context.AfterFunc(runCtx, cancel)()
	// an earlier try's answer goes
	e.status, e.header, e.body = 0, nil, nil
	hh := new(hopHeads) // its head is mended as a page's is (headmend.go)
	defer hh.release()
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: hh.gotConn})
	resp, err := base.RoundTrip(req.WithContext(ctx))
	e.err = err // the client that sent req names its URL
	if err != nil {
		return
	}
	defer resp.Body.Close()
	e.body, _, e.err = readBounded(resp.Body, robotsLimit)
	e.status, e.header = resp.StatusCode, resp.Header.Clone()
}

// tryContext is parent bounded by timeout, when it is not 0.
func tryContext(parent context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout > 0 {
		return context.WithTimeout(parent, timeout)
	}
	return context.WithCancel(parent)
}

func (e *robotsEntry) response(req *http.Request) *http.Response {
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", e.status, http.StatusText(e.status)),
		StatusCode:    e.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        e.header.Clone(),
		Body:          io.NopCloser(bytes.NewReader(e.body)),
		ContentLength: int64(len(e.body)),
		Request:       req,
	}
}
