package crawl

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// hostsSite serves two hosts, a.test and b.test, on one loopback server
// (routed by Host): each home page links to its host's /p1../pN. It logs
// every page request in the order the server received it; behave, when
// set, answers a.test's pages instead of the plain page.
type hostsSite struct {
	mu     sync.Mutex
	log    []hostsHit
	robots map[string]string // host → robots.txt
	behave func(w http.ResponseWriter, r *http.Request, n int) bool
	served func() // called after each answer, when set
	pages  int
}

type hostsHit struct {
	host, path string
	at         time.Time
}

func (h hostsHit) String() string { return h.host + h.path }

func newHostsSite(t *testing.T, pages int) (*hostsSite, Config) {
	s := &hostsSite{robots: map[string]string{}, pages: pages}
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	cfg := Config{
		Seeds: []string{"http://a.test/", "http://b.test/"},
		ConnectTo: []ConnectTo{{Host: "a.test", Port: "80", ToHost: "127.0.0.1", ToPort: port},
			{Host: "b.test", Port: "80", ToHost: "127.0.0.1", ToPort: port}},
		Delay: time.Millisecond, Parallel: 2, Workers: 3, MaxDepth: 1,
		Timeout: 20 * time.Second, NoDiscovery: true, Stats: new(Stats),
	}
	return s, cfg
}

func (s *hostsSite) serve(w http.ResponseWriter, r *http.Request) {
	host, _, _ := strings.Cut(r.Host, ":")
	if r.URL.Path == "/robots.txt" {
		fmt.Fprint(w, s.robots[host])
		return
	}
	if s.served != nil {
		defer s.served()
	}
	s.mu.Lock()
	s.log = append(s.log, hostsHit{host, r.URL.Path, time.Now()})
	n := 0
	for _, h := range s.log {
		if h.host == host && h.path == r.URL.Path {
			n++
		}
	}
	behave := s.behave
	s.mu.Unlock()
	if r.URL.Path == "/" && host == "b.test" {
		// b.test's links are queued after a.test's, so a.test's pages are
		// taken first: the order the old scheduler stalled on.
		time.Sleep(100 * time.Millisecond)
	}
	if host == "a.test" && r.URL.Path != "/" && behave != nil && behave(w, r, n) {
		return
	}
	w.Header().Set("Content-Type", "text/html")
	fmt.Fprintf(w, "<html><body><p>%s%s</p>", host, r.URL.Path)
	if r.URL.Path == "/" {
		for i := 1; i <= s.pages; i++ {
			fmt.Fprintf(w, `<a href="/p%d">p%d</a> `, i, i)
		}
	}
	fmt.Fprint(w, "</body></html>")
}

// hits returns the log's page requests (not the home pages) to host,
// with their places in the whole log.
func (s *hostsSite) hits(host string) (places []int, hits []hostsHit) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, h := range s.log {
		if h.host == host && h.path != "/" {
			places, hits = append(places, i), append(hits, h)
		}
	}
	return places, hits
}

// checkBFirst fails unless every b.test page was requested before the
// a.test request at place, and all of them were fetched.
func checkBFirst(t *testing.T, s *hostsSite, got map[string]Page, place int, what string) {
	t.Helper()
	bPlaces, _ := s.hits("b.test")
	if len(bPlaces) != s.pages {
		t.Fatalf("b.test: %d page requests, want %d: %v", len(bPlaces), s.pages, s.log)
	}
	if last := bPlaces[len(bPlaces)-1]; last > place {
		t.Errorf("b.test's last page requested at place %d, after %s (place %d): log %v", last, what, place, s.log)
	}
	for i := 1; i <= s.pages; i++ {
		if p := got[fmt.Sprintf("http://b.test/p%d", i)]; p.Status != 200 {
			t.Errorf("b.test/p%d: status %d, err %v", i, p.Status, p.Err)
		}
	}
}

func crawlHosts(t *testing.T, cfg Config) map[string]Page {
	t.Helper()
	return crawlKeyed(t, cfg, func(u string) string { return u })
}

// A host pausing after a 429 holds back its own pages only: while a.test's
// pages wait out their Retry-After, the workers fetch b.test's, and no
// a.test page is requested again before the pause is over.
func TestThrottledHostHoldsOnlyItself(t *testing.T) {
	s, cfg := newHostsSite(t, 6)
	cfg.Parallel = 1 // a.test's requests one at a time: none is out when the 429 comes
	s.behave = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n > 1 {
			return false
		}
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		return true
	}
	got := crawlHosts(t, cfg)
	aPlaces, aHits := s.hits("a.test")
	var retried = -1 // place of the first a.test request that is a second try
	seen := map[string]bool{}
	for i, h := range aHits {
		if seen[h.path] && retried < 0 {
			retried = aPlaces[i]
		}
		seen[h.path] = true
	}
	if retried < 0 {
		t.Fatalf("no a.test page was tried again: %v", s.log)
	}
	checkBFirst(t, s, got, retried, "a.test's first retry")
	for i := 1; i <= s.pages; i++ {
		if p := got[fmt.Sprintf("http://a.test/p%d", i)]; p.Status != 200 {
			t.Errorf("a.test/p%d: status %d, err %v; want 200 after its retry", i, p.Status, p.Err)
		}
	}
	// The host's pause holds: after the first 429, no request to a.test
	// before its Retry-After is over.
	first := aHits[0].at
	for _, h := range aHits[1:] {
		if gap := h.at.Sub(first); gap < time.Second {
			t.Errorf("a.test%s requested %v after the first 429, within its Retry-After of 1s", h.path, gap)
		}
	}
}

// A host with a long Crawl-delay is paced by it, and the other host's
// pages are fetched meanwhile, not after it.
func TestSlowHostHoldsOnlyItself(t *testing.T) {
	s, cfg := newHostsSite(t, 4)
	s.robots["a.test"] = "User-agent: *\nCrawl-delay: 1\n"
	got := crawlHosts(t, cfg)
	aPlaces, aHits := s.hits("a.test")
	if len(aHits) != s.pages {
		t.Fatalf("a.test: %d page requests, want %d: %v", len(aHits), s.pages, s.log)
	}
	checkBFirst(t, s, got, aPlaces[1], "a.test's second page")
	for i := 1; i < len(aHits); i++ {
		if gap := aHits[i].at.Sub(aHits[i-1].at); gap < 900*time.Millisecond { // as TestCrawlDelay: a request leaves a little after its turn
			t.Errorf("a.test%s requested %v after a.test%s, want ≥ 1s (Crawl-delay)", aHits[i].path, gap, aHits[i-1].path)
		}
	}
}

// Requests that hang on one host hold its slots only: b.test's pages are
// fetched while a.test's answers are still outstanding. (a.test's pages
// answer once every b.test page was requested, or after 10s, which the
// old scheduler needed: its workers waited for a.test's slots.)
func TestHangingHostHoldsOnlyItself(t *testing.T) {
	s, cfg := newHostsSite(t, 4)
	bDone := make(chan struct{})
	var once sync.Once
	var released time.Time
	var mu sync.Mutex
	s.behave = func(w http.ResponseWriter, r *http.Request, n int) bool {
		select {
		case <-bDone:
		case <-time.After(10 * time.Second):
		}
		mu.Lock()
		if released.IsZero() {
			released = time.Now()
		}
		mu.Unlock()
		return false
	}
	s.served = func() {
		if places, _ := s.hits("b.test"); len(places) == s.pages {
			once.Do(func() { close(bDone) })
		}
	}
	got := crawlHosts(t, cfg)
	select {
	case <-bDone:
	default:
		t.Fatalf("b.test's pages were not all requested: %v", s.log)
	}
	_, bHits := s.hits("b.test")
	if last := bHits[len(bHits)-1].at; released.Before(last) {
		t.Errorf("a.test's hanging answers were released (at %v) before b.test's last page was requested (%v): b.test waited for a.test",
			released.Format("15:04:05.000"), last.Format("15:04:05.000"))
	}
	checkBFirst(t, s, got, len(s.log), "the end")
	for i := 1; i <= s.pages; i++ {
		if p := got[fmt.Sprintf("http://a.test/p%d", i)]; p.Status != 200 {
			t.Errorf("a.test/p%d: status %d, err %v", i, p.Status, p.Err)
		}
	}
}

// A page whose Retry-After is beyond MaxWait is not tried again this run:
// it fails with its status after one request; the host's pages not yet
// asked are not sent (SkipHostAway), and the other host's pages are
// fetched meanwhile.
func TestRetryAfterBeyondTheCapGivesUp(t *testing.T) {
	s, cfg := newHostsSite(t, 3)
	cfg.MaxWait = 500 * time.Millisecond
	s.behave = func(w http.ResponseWriter, r *http.Request, n int) bool {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
		return true
	}
	got := crawlHosts(t, cfg)
	_, aHits := s.hits("a.test")
	asked := 0
	for i := 1; i <= s.pages; i++ {
		p, ok := got[fmt.Sprintf("http://a.test/p%d", i)]
		if !ok {
			continue // not sent: its host had asked to wait
		}
		asked++
		if p.Failure() != HTTPFailure(http.StatusTooManyRequests) {
			t.Errorf("a.test/p%d: failure %q, want %q", i, p.Failure(), HTTPFailure(http.StatusTooManyRequests))
		}
	}
	skipped := cfg.Stats.SkipReasons()[SkipHostAway]
	if asked == 0 || asked > cfg.Parallel || len(aHits) != asked || asked+int(skipped) != s.pages {
		t.Errorf("a.test: %d page requests, %d pages sent, %d skipped; want each page asked at most once, only those in flight (≤ %d) before its first 429, the rest skipped: %v",
			len(aHits), asked, skipped, cfg.Parallel, s.log)
	}
	checkBFirst(t, s, got, len(s.log), "the end")
	if n := cfg.Stats.Retried.Load(); n != 0 {
		t.Errorf("retried %d times, want 0", n)
	}
}
