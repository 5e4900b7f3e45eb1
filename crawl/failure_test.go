package crawl

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestPageFailure(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("crawl: fetch http://x.example/: %w", err) }
	cases := []struct {
		p    Page
		want Reason
		gone bool
	}{
		{Page{Status: 200}, NoFailure, false},
		{Page{Status: 304}, NoFailure, false},
		{Page{Status: 404}, "http 404", true},
		{Page{Status: 410}, "http 410", true},
		{Page{Status: 503}, "http 503", false},
		{Page{Err: wrap(ErrRobotsDisallowed)}, FailRobots, false},
		{Page{Err: wrap(ErrPrivateAddress)}, FailPrivate, false},
		{Page{Err: wrap(ErrOutOfScope)}, FailOutOfScope, false},
		{Page{Err: wrap(ErrDuplicate)}, FailDuplicate, false},
		{Page{Err: wrap(&net.DNSError{Err: "no such host", Name: "x.example", IsNotFound: true})}, FailDNS, true},
		{Page{Err: wrap(&net.DNSError{Err: "server misbehaving", Name: "x.example", IsTemporary: true})}, FailDNS, false},
		{Page{Err: wrap(&net.DNSError{Err: "i/o timeout", Name: "x.example", IsTimeout: true})}, FailDNS, false},
		{Page{Err: wrap(&net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})}, FailRefused, false},
		{Page{Err: wrap(&net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)})}, FailReset, false},
		{Page{Err: wrap(context.DeadlineExceeded)}, FailTimeout, false},
		{Page{Err: wrap(fmt.Errorf("read body: unexpected EOF"))}, FailOther, false},
		{Page{Err: wrap(fmt.Errorf("%w (%w)", ErrCutShort, io.ErrUnexpectedEOF))}, FailCutShort, false},
		{Page{Err: wrap(&codingError{"br", errors.New("corrupt input")})}, FailCoding, false},
		{Page{Err: wrap(&codingError{"gzip", gzip.ErrHeader})}, FailCoding, false},
	}
	for _, c := range cases {
		if got := c.p.Failure(); got != c.want {
			t.Errorf("Failure of status %d, err %v = %q, want %q", c.p.Status, c.p.Err, got, c.want)
		}
		if got := c.p.Gone(); got != c.gone {
			t.Errorf("Gone of status %d, err %v = %v, want %v", c.p.Status, c.p.Err, got, c.gone)
		}
	}
}

// A real refused connection is classed as refused: the class depends on
// how the dialer wraps the error, which the table above only imitates.
func TestFetchRefusedIsFailRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := Config{AllowPrivate: true, Retries: -1}
	p, _ := Fetch(context.Background(), cfg, "http://"+addr+"/gone")
	if got := p.Failure(); got != FailRefused || p.Gone() {
		t.Fatalf("fetch of a closed port: failure %q (gone %v), err %v; want %q", got, p.Gone(), p.Err, FailRefused)
	}
}

// A body shorter than its Content-Length, the connection then closed, is
// classed as cut short and said so, after its retries; a gzip body that
// is not gzip is classed by its coding.
func TestFetchCutShortAndBadCoding(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				n, _ := c.Read(buf)
				const body = "<p>Forty bytes of a hundred, then close."
				switch req := string(buf[:n]); {
				case strings.HasPrefix(req, "GET /robots.txt "):
					fmt.Fprint(c, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
				case strings.HasPrefix(req, "GET /bad-gzip "):
					fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
				default:
					fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n%s", body)
				}
			}()
		}
	}()
	cfg := Config{AllowPrivate: true, Retries: 1, RetryBase: time.Millisecond}
	p, _ := Fetch(context.Background(), cfg, "http://"+ln.Addr().String()+"/short")
	if got := p.Failure(); got != FailCutShort || !strings.Contains(p.Err.Error(), "connection closed before the body was whole (unexpected EOF)") {
		t.Errorf("short body: failure %q, err %v", got, p.Err)
	}
	p, _ = Fetch(context.Background(), cfg, "http://"+ln.Addr().String()+"/bad-gzip")
	if got := p.Failure(); got != FailCoding || !strings.Contains(p.Err.Error(), "crawl: decode gzip: ") {
		t.Errorf("bad gzip: failure %q, err %v", got, p.Err)
	}
}

// A robots.txt that answers 5xx or 429 disallows its whole host (RFC
// 9309): the seed is not fetched and fails as "robots.txt unreachable",
// where it had passed silently as disallowed; one that answers 4xx
// allows everything.
func TestRobotsUnreachableFails(t *testing.T) {
	for _, c := range []struct {
		status int
		want   Reason
	}{{500, FailRobotsDown}, {503, FailRobotsDown}, {429, FailRobotsDown}, {403, NoFailure}, {404, NoFailure}} {
		pages := 0
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				w.WriteHeader(c.status)
				return
			}
			pages++
			fmt.Fprint(w, "<p>A page.</p>")
		}))
		p, _ := Fetch(context.Background(), Config{AllowPrivate: true, Retries: -1}, srv.URL+"/page")
		srv.Close()
		if got := p.Failure(); got != c.want {
			t.Errorf("robots.txt %d: failure %q (%v), want %q", c.status, got, p.Err, c.want)
		}
		if c.want == FailRobotsDown && (pages != 0 || !strings.Contains(p.Err.Error(), fmt.Sprintf("HTTP %d: robots.txt unreachable, which disallows the whole host", c.status))) {
			t.Errorf("robots.txt %d: %d pages fetched, err %v", c.status, pages, p.Err)
		}
	}
}

// A robots.txt whose connection drops is fetched again, as a page is:
// its answer stands for the run, and one reset would fail the host.
func TestRobotsRetriedAfterConnectionError(t *testing.T) {
	var robotsHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			if robotsHits.Add(1) == 1 {
				c, _, _ := w.(http.Hijacker).Hijack()
				c.Close() // no answer at all
				return
			}
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		fmt.Fprint(w, "<p>A page.</p>")
	}))
	defer srv.Close()
	p, err := Fetch(context.Background(), Config{AllowPrivate: true, Retries: 1, RetryBase: time.Millisecond}, srv.URL+"/page")
	if err != nil || p.Status != http.StatusOK || robotsHits.Load() != 2 {
		t.Errorf("page %d, %v, robots.txt requested %d times; want 200 after a second robots.txt request", p.Status, err, robotsHits.Load())
	}
	robotsHits.Store(0)
	p, _ = Fetch(context.Background(), Config{AllowPrivate: true, Retries: -1}, srv.URL+"/page")
	if p.Err == nil || robotsHits.Load() != 1 {
		t.Errorf("without retries: %v, robots.txt requested %d times; want the connection error, once", p.Err, robotsHits.Load())
	}
}

// Redirects that do not end fail as "redirects": a chain past the limit,
// and a loop back to a later URL of the chain.
func TestRedirectsFailure(t *testing.T) {
	hw := newHostileWeb(t)
	for _, path := range []string{"/chain/0", "/loop/a"} {
		p, _ := Fetch(context.Background(), hw.config(), "http://"+testHost+path)
		if got := p.Failure(); got != FailRedirects {
			t.Errorf("%s: failure %q, err %v; want %q", path, got, p.Err, FailRedirects)
		}
	}
}

// A page that does not answer within the timeout fails as a timeout, and
// its error says so in words before Go's own "context deadline exceeded",
// in a crawl and in a single fetch alike.
func TestTimeoutSaidInWords(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer ts.Close()
	defer close(release)
	check := func(how string, p Page) {
		t.Helper()
		if p.Err == nil || p.Failure() != FailTimeout || !strings.Contains(p.Err.Error(), ": timed out (") {
			t.Errorf("%s of a page that never answers: failure %q, error %v; want timeout, said as \"timed out (…)\"", how, p.Failure(), p.Err)
		}
	}
	cfg := Config{AllowPrivate: true, Timeout: 200 * time.Millisecond, Retries: -1, Delay: time.Millisecond}
	p, _ := Fetch(context.Background(), cfg, ts.URL+"/hang")
	check("Fetch", p)
	cfg.Seeds = []string{ts.URL + "/hang"}
	ch := make(chan Page, 10)
	if err := Run(context.Background(), cfg, ch); err != nil {
		t.Fatal(err)
	}
	check("a crawl", <-ch)
}

// A fetch's Timeout bounds all its hops together: a redirect chain whose
// hops each answer within it, but not all of them, fails as a timeout,
// in a crawl and in a single fetch alike.
func TestTimeoutCoversHops(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		select { // each hop takes 3/5 of the timeout
		case <-release:
		case <-r.Context().Done():
		case <-time.After(300 * time.Millisecond):
		}
		switch r.URL.Path {
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/b":
			http.Redirect(w, r, "/c", http.StatusFound)
		default:
			w.Write([]byte("<p>At last.</p>"))
		}
	}))
	defer ts.Close()
	defer close(release)
	check := func(how string, p Page) {
		t.Helper()
		if p.Failure() != FailTimeout || !strings.Contains(p.Err.Error(), ": timed out (") {
			t.Errorf("%s of a chain of hops slower together than the timeout: failure %q, error %v, %d hops; want timeout", how, p.Failure(), p.Err, len(p.Redirects))
		}
	}
	cfg := Config{AllowPrivate: true, Timeout: 500 * time.Millisecond, Retries: -1, Delay: time.Millisecond}
	p, _ := Fetch(context.Background(), cfg, ts.URL+"/a")
	check("Fetch", p)
	cfg.Seeds = []string{ts.URL + "/a"}
	ch := make(chan Page, 10)
	if err := Run(context.Background(), cfg, ch); err != nil {
		t.Fatal(err)
	}
	check("a crawl", <-ch)
}
