package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prov-archive/prov/memory"
)

// fetchIDHeader carries a fetch's id from colly (or Fetch) to the transport.
// net/http copies it onto every redirect; the transport strips it before the
// request goes on the wire. Requests without it (colly's robots.txt fetches)
// are served through the robots memo and not recorded.
const fetchIDHeader = "X-Prov-Fetch-Id"

// ErrCutShort is wrapped when the connection ended before the body
// was whole (shorter than its Content-Length, a chunked body without its
// last chunk): the page failed, and what came of it is kept as its
// payload, marked incomplete (Page.Incomplete), not read as the page.
var ErrCutShort = errors.New("connection closed before the body was whole")

// record is what the transport saw of one fetch, hop by hop. The hops of a
// fetch run one after another in one goroutine; mu guards the map and the
// records against the goroutines of other fetches.
type record struct {
	hops       []Hop
	method     string
	reqHeader  http.Header
	header     http.Header
	payload    []byte
	content    []byte
	truncated  bool
	trailing   int64
	incomplete string // bodies.incomplete
	unverified string // Page.TLSUnverified
	start, end time.Time
	deadline   time.Time // the fetch's end by Config.Timeout, on the real clock; zero for none
	remoteAddr string
	err        error        // a body that could not be read or decoded
	hold       *memory.Hold // counts payload and content (memory.go)
}

// transport is the http.RoundTripper under colly: it keeps the raw payload of
// every hop, decodes the content itself, and hands net/http (and colly) the
// decoded content with Uncompressed set, so nothing downstream un-gzips or
// cuts it again.
type transport struct {
	base     *http.Transport
	dial     *dialer
	limit    int64
	timeout  time.Duration // Config.Timeout: a fetch's, all its hops and bodies (record.deadline)
	now      func() time.Time
	ctx      context.Context // the run's; robots.txt fetches stop with it
	budget   *memory.Budget  // Config.Memory
	overhead func(http.Header, int64) int64

	nextID  atomic.Uint64
	mu      sync.Mutex
	records map[string]*record
	robots  robotsMemo
}

func newTransport(ctx context.Context, cfg Config) *transport {
	d := newDialer(cfg)
	base := &http.Transport{
		DialContext:            tapped(d.DialContext),
		DialTLSContext:         d.DialTLSContext, // taps above TLS itself
		Proxy:                  nil,              // never the environment's: a proxy would dial for us, unchecked
		DisableCompression:     true,
		ResponseHeaderTimeout:  cfg.Timeout,
		MaxResponseHeaderBytes: maxHead,
		MaxIdleConnsPerHost:    cfg.Parallel,
		IdleConnTimeout:        90 * time.Second,
	}
	return &transport{base: base, dial: d, limit: cfg.MaxBodySize, timeout: cfg.Timeout, now: cfg.Now, ctx: ctx, records: map[string]*record{},
		budget: cfg.Memory, overhead: cfg.Overhead, robots: robotsMemo{retries: cfg.Retries, retryBase: cfg.RetryBase, maxWait: cfg.MaxWait, timeout: cfg.Timeout, now: cfg.Now,
			retried: statsRetried(cfg.Stats)}}
}

// tapped makes dial's connections tapConns (heads.go).
func tapped(dial func(ctx context.Context, network, addr string) (net.Conn, error)) func(context.Context, string, string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return newTapConn(c), nil
	}
}

// newID returns a fresh fetch id for fetchIDHeader.
func (t *transport) newID() string {
	return strconv.FormatUint(t.nextID.Add(1), 10)
}

// take removes and returns the record of fetch id (nil when none).
func (t *transport) take(id string) *record {
	t.mu.Lock()
	defer t.mu.Unlock()
	rec := t.records[id]
	delete(t.records, id)
	return rec
}

// orphans removes and returns the records nobody took.
func (t *transport) orphans() []*record {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []*record
	for id, rec := range t.records {
		out = append(out, rec)
		delete(t.records, id)
	}
	return out
}

// RoundTrip performs one hop and records it under the request's fetch id.
//
// The hop ends by the fetch's deadline (record.deadline), which the
// transport keeps itself: the clients above it (colly's, Fetch's) have no
// Timeout, with which net/http would start, for a RoundTripper not its
// own, a goroutine and a timer of its own for every request. An error of
// a hop past the deadline reads as net/http's would (clientTimeout).
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	id := req.Header.Get(fetchIDHeader)
	if id == "" {
		return t.robots.roundTrip(t.ctx, t.base, req)
	}
	rec := t.record(id)
	ctx, cancel := rec.bound(req.Context())
	defer cancel()
	out, remote, hh := t.prepare(req, ctx)
	defer hh.release()
	t.begin(rec, out)
	resp, err := t.base.RoundTrip(out)
	hop := Hop{URL: sentURL(out.URL)}
	t.unverified(rec, hh.unverified()) // before take lets the connection go
	hop.RequestHead, hop.ResponseHead, hop.HeadRepairs = hh.take(out, resp)
	if err != nil {
		t.fail(rec, hop, err)
		return nil, rec.timedOut(err)
	}
	hop.Status = resp.StatusCode
	b, err := t.readBodies(ctx, resp)
	resp.Body.Close()
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = fmt.Errorf("%w (%w)", ErrCutShort, err)
		}
		err = fmt.Errorf("crawl: read body of %s: %w", out.URL, err)
		if b.incomplete != "" { // the head and the bytes that came are kept
			t.finish(rec, hop, resp, b, remote.Load(), err)
			return nil, rec.timedOut(err)
		}
		hop.Status = 0 // as for any failed hop
		t.fail(rec, hop, err)
		return nil, rec.timedOut(err)
	}
	t.finish(rec, hop, resp, b, remote.Load(), b.decErr)
	resp.Request = req // the caller's request, still carrying the fetch id
	return handOver(resp), nil
}

// prepare copies req, in ctx (req's own, bounded by the fetch's deadline),
// without the fetch id, asks for the codings decode understands, and
// traces the connection for the remote address and the heads as they
// cross the wire.
func (t *transport) prepare(req *http.Request, ctx context.Context) (*http.Request, *atomic.Value, *hopHeads) {
	var remote atomic.Value
	remote.Store("")
	hh := new(hopHeads)
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		remote.Store(remoteAddr(info.Conn))
		hh.gotConn(info)
	}}
	out := req.Clone(httptrace.WithClientTrace(ctx, trace))
	out.Header.Del(fetchIDHeader)
	if out.Header.Get("Accept-Encoding") == "" {
		out.Header.Set("Accept-Encoding", acceptEncoding)
	}
	return out, &remote, hh
}

// record returns fetch id's record, creating it on the first hop with
// the fetch's start and deadline.
func (t *transport) record(id string) *record {
	now := t.now().UTC()
	t.mu.Lock()
	defer t.mu.Unlock()
	rec := t.records[id]
	if rec == nil {
		rec = &record{start: now}
		if t.timeout > 0 {
			rec.deadline = time.Now().Add(t.timeout)
		}
		t.records[id] = rec
	}
	return rec
}

// bound returns ctx ended by the fetch's deadline too, when it has one.
// The deadline is set once, at the record's making: read without mu.
func (rec *record) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if rec.deadline.IsZero() {
		return ctx, func() {}
	}
	return context.WithDeadline(ctx, rec.deadline)
}

// timedOut returns err, a hop's, as net/http's client says it of a
// request that failed past its Timeout: "… (Client.Timeout exceeded
// while awaiting headers)", an error that is a timeout (net.Error) and
// is context.DeadlineExceeded, nothing else (the text is err's, its
// chain is not kept). Before the deadline, or without one, err is
// returned as it is.
func (rec *record) timedOut(err error) error {
	if rec.deadline.IsZero() || !time.Now().After(rec.deadline) {
		return err
	}
	return &clientTimeout{err.Error() + " (Client.Timeout exceeded while awaiting headers)"}
}

// clientTimeout is a hop's error past the fetch's deadline (timedOut).
type clientTimeout struct{ text string }

func (e *clientTimeout) Error() string     { return e.text }
func (e *clientTimeout) Timeout() bool     { return true }
func (e *clientTimeout) Temporary() bool   { return true }
func (e *clientTimeout) Is(err error) bool { return err == context.DeadlineExceeded }

// begin notes the request of this hop in rec (the last hop's request is
// the one kept). req is the hop's own copy (prepare), whose header the
// record keeps as it is, with Host added: net/http writes a request's
// Host line from req.Host and never from its header, and changes neither.
func (t *transport) begin(rec *record, req *http.Request) {
	t.mu.Lock()
	defer t.mu.Unlock()
	rec.method = req.Method
	rec.reqHeader = req.Header
	rec.reqHeader.Set("Host", hostHeader(req))
}

// unverified notes why a hop's certificate did not verify: the first
// such hop of the fetch is the one the record names.
func (t *transport) unverified(rec *record, why string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if rec.unverified == "" {
		rec.unverified = why
	}
}

// fail records a hop that brought no usable response (Status 0), with
// the heads it got as far as.
func (t *transport) fail(rec *record, hop Hop, err error) {
	now := t.now().UTC()
	t.mu.Lock()
	defer t.mu.Unlock()
	rec.hops = append(rec.hops, hop)
	rec.end = now
	rec.err = err
}

// finish records the hop's response and bodies; they replace an earlier
// hop's, whose hold is given back. err is the body's: its reading (the
// bodies are then incomplete) or decoding failed.
func (t *transport) finish(rec *record, hop Hop, resp *http.Response, b bodies, remote any, err error) {
	now := t.now().UTC()
	t.mu.Lock()
	defer t.mu.Unlock()
	rec.hops = append(rec.hops, hop)
	rec.header = resp.Header // handOver gives resp a header of its own
	rec.hold.Release()
	rec.payload, rec.content, rec.truncated, rec.trailing, rec.hold = b.payload, b.content, b.truncated, b.trailing, b.hold
	rec.incomplete = b.incomplete
	rec.remoteAddr, _ = remote.(string)
	rec.end = now
	rec.err = err
}

// readBounded reads at most limit+1 bytes of body; cut reports that the body
// was longer than limit (the result is then cut to limit). Its buffer
// doubles up to limit+1 bytes at most.
func readBounded(body io.Reader, limit int64) (data []byte, cut bool, err error) {
	s := &sink{limit: limit}
	cut, err = s.readFrom(body)
	return s.buf, cut, err
}

// handOver gives net/http and colly an empty body, marked as already
// uncompressed so neither decodes it: the page's bytes are the record's,
// and a copy in colly's Response (which read it whole) was the largest
// allocation of a fetch after the body itself. resp's header is the
// record's (finish): resp gets a header of its own, holding only what
// net/http reads of a response it did not make itself, Location (to
// follow a redirect) and Set-Cookie (for colly's cookie jar). Neither
// colly nor prov's callbacks read the header colly hands on: the page's
// header is the record's.
func handOver(resp *http.Response) *http.Response {
	resp.Header = clientHeader(resp.Header)
	browserLocation(resp)
	resp.ContentLength = 0
	resp.Uncompressed = true
	resp.Body = http.NoBody
	return resp
}

// clientHeader returns a new header holding h's Location and Set-Cookie
// fields, which share h's values (neither net/http nor colly changes a
// header's values in place).
func clientHeader(h http.Header) http.Header {
	out := http.Header{}
	for _, k := range [...]string{"Location", "Set-Cookie"} {
		if v, ok := h[k]; ok {
			out[k] = v
		}
	}
	return out
}

// browserLocation gives net/http a redirect's Location as a browser
// reads it against the request's URL (absolute): net/http reads a
// backslash as a path byte, not as '/', and refuses a tab or newline,
// which browsers drop. A Location net/url and browsers read alike, the
// usual one, is left as it came; so is one that does not resolve, for
// net/http to fail on. The record keeps the head as it came.
func browserLocation(resp *http.Response) {
	loc := resp.Header.Get("Location")
	if resp.StatusCode < 300 || resp.StatusCode > 399 || loc == "" || hrefSafe(loc) || resp.Request == nil {
		return
	}
	if abs, err := absolute(resp.Request.URL, loc); err == nil {
		resp.Header.Set("Location", abs)
	}
}

// sentURL is the URL a request asks for: without the fragment a
// redirect's Location may carry, which is the client's and never sent
// (nor part of the resource a WARC record names).
func sentURL(u *url.URL) string {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	return c.String()
}

func hostHeader(req *http.Request) string {
	if req.Host != "" {
		return req.Host
	}
	return req.URL.Host
}

// statsRetried is the counter of retried tries in st, nil when st is.
func statsRetried(st *Stats) *atomic.Int64 {
	if st == nil {
		return nil
	}
	return &st.Retried
}
