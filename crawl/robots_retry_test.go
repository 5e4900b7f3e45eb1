package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// robotsBusySite answers robots.txt with status (and Retry-After, when
// not "") its first fails times, then allows everything; its pages link
// /a, /b and /c. It logs every request's path, in order.
type robotsBusySite struct {
	srv *httptest.Server
	mu  sync.Mutex
	log []string
}

func newRobotsBusySite(t *testing.T, status, fails int, retryAfter string) *robotsBusySite {
	s := &robotsBusySite{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, r.URL.Path)
		n := 0
		for _, p := range s.log {
			if p == "/robots.txt" {
				n++
			}
		}
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt" && n <= fails:
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(status)
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><body><a href="/a">a</a> <a href="/b">b</a> <a href="/c">c</a></body></html>`)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *robotsBusySite) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

// A robots.txt that answers 503 or 429 once is asked again, as a page
// is, after its Retry-After, and counted as a page's retry is; its host
// is not lost for the run.
func TestRobotsRetriedAfter503Or429(t *testing.T) {
	for _, status := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests} {
		s := newRobotsBusySite(t, status, 1, "0")
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		st := new(Stats)
		p, err := Fetch(ctx, Config{AllowPrivate: true, RetryBase: time.Millisecond, Stats: st}, s.srv.URL+"/page")
		cancel()
		if got := strings.Join(s.requests(), " "); err != nil || p.Status != http.StatusOK || got != "/robots.txt /robots.txt /page" {
			t.Errorf("robots.txt %d once: page %d, %v; requests %q, want robots.txt twice, then the page", status, p.Status, err, got)
		}
		if n := st.Retried.Load(); n != 1 {
			t.Errorf("robots.txt %d once: %d retried, want its one retry counted", status, n)
		}
	}
}

// A robots.txt that goes on answering 429 gets a page's tries (1 +
// Retries), its Retry-After bounded by MaxWait as a page's is; only then
// is its host disallowed, and none of its pages requested.
func TestRobotsStill429DisallowsHost(t *testing.T) {
	s := newRobotsBusySite(t, http.StatusTooManyRequests, 100, "3600")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p, _ := Fetch(ctx, Config{AllowPrivate: true, Retries: 2, MaxWait: time.Millisecond}, s.srv.URL+"/page")
	if ctx.Err() != nil {
		t.Fatalf("Fetch did not return in 20s: the Retry-After of an hour was not bounded by MaxWait")
	}
	if got := strings.Join(s.requests(), " "); got != "/robots.txt /robots.txt /robots.txt" {
		t.Errorf("requests %q, want robots.txt three times and no page", got)
	}
	if p.Failure() != FailRobotsDown || !strings.Contains(p.Err.Error(), "HTTP 429: robots.txt unreachable") {
		t.Errorf("failure %q, err %v; want robots.txt unreachable", p.Failure(), p.Err)
	}
}

// In a run, the host's pages wait while its robots.txt is tried again:
// no page is requested before robots.txt answers, and then every page
// is fetched.
func TestRobotsRetryPausesHost(t *testing.T) {
	s := newRobotsBusySite(t, http.StatusServiceUnavailable, 2, "")
	cfg := Config{Seeds: []string{s.srv.URL + "/", s.srv.URL + "/a", s.srv.URL + "/b"}, AllowPrivate: true,
		Delay: time.Millisecond, Parallel: 4, Workers: 4, RetryBase: time.Millisecond, NoDiscovery: true, Stats: new(Stats)}
	got := crawlKeyed(t, cfg, func(u string) string { return u[strings.LastIndex(u, "/"):] })
	for _, path := range []string{"/", "/a", "/b", "/c"} {
		if p := got[path]; p.Status != http.StatusOK {
			t.Errorf("%s: status %d, err %v; want 200 once robots.txt answered", path, p.Status, p.Err)
		}
	}
	reqs := s.requests()
	if len(reqs) < 3 || strings.Join(reqs[:3], " ") != "/robots.txt /robots.txt /robots.txt" {
		t.Fatalf("requests %q; want robots.txt three times (two 503s) before any page", reqs)
	}
	for _, r := range reqs[3:] {
		if r == "/robots.txt" {
			t.Errorf("robots.txt asked again after it answered: %q", reqs)
		}
	}
}

// The wait before robots.txt's next try may be longer than a fetch's
// timeout (a Retry-After of up to a minute, against 30s): the timeout
// bounds each try, not the wait, which goes on with the run whichever
// request asked first.
func TestRobotsWaitOutlastsTimeout(t *testing.T) {
	s := newRobotsBusySite(t, http.StatusServiceUnavailable, 1, "")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg := Config{AllowPrivate: true, Timeout: 300 * time.Millisecond, RetryBase: 600 * time.Millisecond}
	p, err := Fetch(ctx, cfg, s.srv.URL+"/page")
	if got := strings.Join(s.requests(), " "); err != nil || p.Status != http.StatusOK || got != "/robots.txt /robots.txt /page" {
		t.Errorf("robots.txt 503 once, its backoff longer than the timeout: page %d, %v; requests %q, want robots.txt twice, then the page", p.Status, err, got)
	}
}
