package crawl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is net/http's default, kept because colly drops it when a
// redirect handler is set.
const maxRedirects = 10

// Fetch fetches one URL through the same transport and checks as Run
// (robots.txt, --connect-to, private addresses, body limit, every redirect
// hop checked against robots.txt), without rate limits or a seen set. The
// returned Page is filled as far as the fetch got; the error is Page.Err.
func Fetch(ctx context.Context, cfg Config, rawURL string) (Page, error) {
	cfg = cfg.withDefaults()
	key, err := Canonicalize(rawURL)
	if err != nil {
		return Page{RequestedURL: rawURL, Err: err}, err
	}
	u, _ := url.Parse(key)
	t := newTransport(ctx, cfg)
	defer t.base.CloseIdleConnections()
	rb := newRobots(t, cfg)
	if err := rb.check(ctx, u); err != nil {
		return Page{RequestedURL: key, Err: err}, err
	}
	policy := &redirectPolicy{robots: rb, log: cfg.Logger}
	client := &http.Client{Transport: t, CheckRedirect: policy.check} // t keeps the Timeout (RoundTrip)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, key, nil)
	if err != nil {
		return Page{RequestedURL: key, Err: err}, fmt.Errorf("crawl: fetch %s: %w", key, err)
	}
	id := t.newID()
	setHeaders(req.Header, cfg, id, validatorsOf(cfg, key))
	resp, err := client.Do(req)
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	p := pageFrom(t.take(id), key, cfg)
	p.Err = fetchError(p, err)
	inspect(&p)
	return p, p.Err
}

// validators are a URL's last capture's, for a conditional GET.
type validators struct{ etag, lastModified string }

// validatorsOf looks key's validators up (Config.Validators): before the
// host's turn is reserved, as the look-up may wait for the archive, and a
// request sent late would leave less than the delay before the next.
func validatorsOf(cfg Config, key string) validators {
	if cfg.Validators == nil {
		return validators{}
	}
	etag, lastModified := cfg.Validators(key)
	return validators{etag, lastModified}
}

// setHeaders fills the request headers every fetch sends.
func setHeaders(h http.Header, cfg Config, id string, v validators) {
	h.Set(fetchIDHeader, id)
	h.Set("User-Agent", cfg.UserAgent)
	if h.Get("Accept") == "" {
		h.Set("Accept", "*/*")
	}
	if v.etag != "" {
		h.Set("If-None-Match", v.etag)
	}
	if v.lastModified != "" {
		h.Set("If-Modified-Since", v.lastModified)
	}
}

// pageFrom turns the transport's record of a fetch into a Page; rec may be
// nil when the fetch never reached the network. requested is the URL the
// frontier took for the fetch, the page's RequestedURL, by which the run
// accounts for it; "" takes the first hop's, the URL as colly requested
// it (the same, as canonical URLs are in colly's form: wireForm).
func pageFrom(rec *record, requested string, cfg Config) Page {
	p := Page{RequestedURL: requested, Method: http.MethodGet, Limit: cfg.MaxBodySize}
	if rec == nil || len(rec.hops) == 0 {
		return p
	}
	last := rec.hops[len(rec.hops)-1]
	p.FinalURL, p.Redirects = last.URL, rec.hops
	if requested == "" {
		p.RequestedURL = rec.hops[0].URL
	}
	p.CanonicalURL, _ = Canonicalize(last.URL)
	p.Method, p.Status = rec.method, last.Status
	p.RequestHeader, p.Header = rec.reqHeader, rec.header
	p.RequestHead, p.ResponseHead = last.RequestHead, last.ResponseHead
	p.Payload, p.Content, p.Truncated, p.Trailing, p.Memory = rec.payload, rec.content, rec.truncated, rec.trailing, rec.hold
	p.Incomplete, p.TLSUnverified = rec.incomplete, rec.unverified
	p.Start, p.End, p.RemoteAddr = rec.start, rec.end, rec.remoteAddr
	p.Err = rec.err
	if p.Err == nil && p.Status == http.StatusNotModified && !conditional(p.RequestHeader) {
		p.Err = fmt.Errorf("crawl: fetch %s: %w", p.RequestedURL, ErrUnaskedNotModified)
	}
	return p
}

// ErrUnaskedNotModified is a 304 to a request that sent no validators:
// it says the page is unchanged since a copy nobody named, and brings no
// page. It fails as a malformed response, not as an unchanged page.
var ErrUnaskedNotModified = errors.New("304 Not Modified to a request that sent no validators")

// conditional reports whether a request head asks "only if changed".
func conditional(h http.Header) bool {
	return h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != ""
}

// fetchError is the error a Page carries: the fetch's own, else the body's.
func fetchError(p Page, err error) error {
	if err == nil {
		return p.Err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // the URL is named by the wrapping below
	}
	return fetchFailed(p.RequestedURL, err)
}

// fetchFailed is the error of a fetch of key that failed with err: "crawl:
// fetch KEY: ERR", the package named once (err's own "crawl: " dropped:
// "crawl: fetch KEY: robots.txt …", not "…: crawl: robots.txt …").
func fetchFailed(key string, err error) error {
	if timedOut(err) {
		err = timeoutError{err}
	}
	return fmt.Errorf("crawl: fetch %s: %w", key, unprefixed{err})
}

// timedOut says whether err is a try that ran out of time (Config.Timeout),
// not one the run cancelled.
func timedOut(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// timeoutError says in words what a timeout is, before Go's own text of
// it ("context deadline exceeded"), which an operator's mail would
// otherwise show alone; errors.Is and As see err itself.
type timeoutError struct{ err error }

func (t timeoutError) Error() string { return "timed out (" + t.err.Error() + ")" }
func (t timeoutError) Unwrap() error { return t.err }

// unprefixed is an error of this package read without its "crawl: "
// prefix; errors.Is and As see the error itself.
type unprefixed struct{ err error }

func (u unprefixed) Error() string { return strings.TrimPrefix(u.err.Error(), "crawl: ") }
func (u unprefixed) Unwrap() error { return u.err }

// redirectPolicy checks every redirect target before it is requested: the
// hop limit, the site's Deny patterns, robots.txt, and (in a run) the seen
// set, so a redirect to a URL already queued stops at the 3xx instead of
// fetching it twice.
type redirectPolicy struct {
	robots *robots
	scope  *scope // nil in Fetch
	front  queue  // nil in Fetch
	stats  *Stats // nil in Fetch
	log    *slog.Logger
}

// ErrRedirects is wrapped when a fetch's redirects did not end: more than
// maxRedirects of them, or one back to a later URL of the same chain (one
// back to the first may set a cookie the second request sends).
var ErrRedirects = errors.New("redirects without end")

func (rp *redirectPolicy) check(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("crawl: stopped after %d redirects (%w)", len(via), ErrRedirects)
	}
	if req.Header.Get(fetchIDHeader) == "" {
		return nil // a robots.txt fetch
	}
	if rp.scope != nil {
		if err := rp.scope.admitRedirect(via[len(via)-1].URL, req.URL); err != nil {
			return err
		}
	}
	if rp.scope != nil && rp.scope.denied(req.URL) {
		return fmt.Errorf("crawl: redirect to %s: denied by rule %s", req.URL, rp.scope.ruleName(req.URL))
	}
	if err := rp.robots.check(req.Context(), req.URL); err != nil {
		if errors.Is(err, ErrRobotsDisallowed) && rp.stats != nil {
			rp.stats.RobotsBlocked.Add(1)
		}
		return err
	}
	if req.URL.Host != via[len(via)-1].URL.Host {
		req.Header.Del("Authorization")
	}
	// The validators were the first URL's last capture's, which net/http
	// sends on with every hop: a page moved with its ETag would answer
	// 304 and never be captured at its new URL.
	req.Header.Del("If-None-Match")
	req.Header.Del("If-Modified-Since")
	return rp.checkSeen(req, via)
}

// checkSeen stops a redirect to a URL the run has already queued or reached.
func (rp *redirectPolicy) checkSeen(req *http.Request, via []*http.Request) error {
	if rp.front == nil {
		return nil
	}
	key, err := Canonicalize(req.URL.String())
	if err != nil {
		return err
	}
	first, _ := Canonicalize(via[0].URL.String())
	if key == first {
		return nil
	}
	if added, err := rp.front.markReached(key); added || err != nil {
		return err
	}
	if inChain(key, via) {
		return fmt.Errorf("crawl: redirect loop back to %s (%w)", key, ErrRedirects)
	}
	rp.log.Debug("redirect target already seen; keeping the 3xx", "from", via[len(via)-1].URL.String(), "to", key)
	return http.ErrUseLastResponse
}

// inChain reports whether canonical URL key was already requested by an
// earlier hop of this fetch.
func inChain(key string, via []*http.Request) bool {
	for _, r := range via {
		if k, err := Canonicalize(r.URL.String()); err == nil && k == key {
			return true
		}
	}
	return false
}
