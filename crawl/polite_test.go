package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// politeSite answers /busy with 503 twice (then 200), /slow with 429 and a
// Retry-After of 1s once, and asks a Crawl-delay of 1s in robots.txt when
// crawlDelay is set. It records when each path was requested, and the
// User-Agent.
type politeSite struct {
	mu    sync.Mutex
	times map[string][]time.Time
	agent string
}

func newPoliteSite(t *testing.T, crawlDelay bool) (*politeSite, *httptest.Server) {
	ps := &politeSite{times: map[string][]time.Time{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			if crawlDelay {
				fmt.Fprint(w, "User-agent: *\nCrawl-delay: 1\n")
			}
			return
		}
		ps.mu.Lock()
		ps.times[r.URL.Path] = append(ps.times[r.URL.Path], time.Now())
		n, agent := len(ps.times[r.URL.Path]), r.UserAgent()
		ps.agent = agent
		ps.mu.Unlock()
		switch {
		case r.URL.Path == "/busy" && n <= 2:
			w.WriteHeader(http.StatusServiceUnavailable)
		case r.URL.Path == "/slow" && n == 1:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><body><a href="/busy">b</a> <a href="/slow">s</a> <a href="/c">c</a></body></html>`)
		}
	}))
	t.Cleanup(srv.Close)
	return ps, srv
}

// runPolite crawls and returns the pages keyed by their last path segment.
func runPolite(t *testing.T, cfg Config) map[string]Page {
	t.Helper()
	return crawlKeyed(t, cfg, func(u string) string { return u[strings.LastIndex(u, "/"):] })
}

// TestRetriesAndBackoff: 503s are retried with exponential backoff, a 429's
// Retry-After is honoured, and the User-Agent names prov, its version
// and the contact.
func TestRetriesAndBackoff(t *testing.T) {
	ps, srv := newPoliteSite(t, false)
	st := new(Stats)
	got := runPolite(t, Config{Seeds: []string{srv.URL + "/"}, AllowPrivate: true, Delay: time.Millisecond,
		RetryBase: 40 * time.Millisecond, MaxWait: 5 * time.Second, Stats: st,
		UserAgent: UserAgentFor("mailto:ops@example.org")})
	for _, path := range []string{"/busy", "/slow"} {
		if p := got[path]; p.Status != 200 {
			t.Errorf("%s: status %d err %v, want 200 after retries", path, p.Status, p.Err)
		}
	}
	if n := st.Retried.Load(); n != 3 {
		t.Errorf("retried %d times, want 3", n)
	}
	busy, slow := ps.times["/busy"], ps.times["/slow"]
	if gap := busy[2].Sub(busy[1]); gap < 80*time.Millisecond {
		t.Errorf("second backoff %v, want ≥ 80ms (doubled)", gap)
	}
	if gap := slow[1].Sub(slow[0]); gap < time.Second {
		t.Errorf("Retry-After wait %v, want ≥ 1s", gap)
	}
	if !strings.HasPrefix(ps.agent, "prov/") || !strings.Contains(ps.agent, "mailto:ops@example.org") {
		t.Errorf("User-Agent %q", ps.agent)
	}
}

// TestCrawlDelay: robots.txt's Crawl-delay spaces requests to the host
// even when the run's delay is shorter.
func TestCrawlDelay(t *testing.T) {
	ps, srv := newPoliteSite(t, true)
	runPolite(t, Config{Seeds: []string{srv.URL + "/", srv.URL + "/c"}, MaxDepth: -1, AllowPrivate: true, Delay: time.Millisecond})
	a, b := ps.times["/"], ps.times["/c"]
	if len(a) != 1 || len(b) != 1 {
		t.Fatalf("requests: %v", ps.times)
	}
	if gap := b[0].Sub(a[0]).Abs(); gap < 900*time.Millisecond {
		t.Errorf("requests %v apart, want ≥ 1s (Crawl-delay)", gap)
	}
}

// A pause a host asks for holds back its next request however early that
// one came: with two slots, the 429 of one request holds the other slot's
// next start until the pause is over, and a turn is not taken before
// the delay since the last start.
func TestPauseHoldsTheHost(t *testing.T) {
	now := time.Unix(1000, 0)
	g := newGate(func() time.Time { return now })
	h := g.host("a.test", 2, 50*time.Millisecond)
	if ok, _, err := g.tryAcquire(h, ""); !ok || err != nil {
		t.Fatalf("first request not granted: %v", err)
	}
	if ok, wait, _ := g.tryAcquire(h, ""); ok || wait != 50*time.Millisecond {
		t.Fatalf("second request granted %v, wait %v; want a wait of the delay", ok, wait)
	}
	now = now.Add(10 * time.Millisecond)
	g.release(h, 300*time.Millisecond) // the first answered 429 with Retry-After
	now = now.Add(100 * time.Millisecond)
	if ok, wait, _ := g.tryAcquire(h, ""); ok || wait != 200*time.Millisecond {
		t.Fatalf("request during the pause granted %v, wait %v; want a wait of 200ms", ok, wait)
	}
	if ready, at := g.ready(h); ready || !at.Equal(now.Add(200*time.Millisecond)) {
		t.Fatalf("ready %v at %v during the pause", ready, at)
	}
	now = now.Add(200 * time.Millisecond)
	if ok, _, _ := g.tryAcquire(h, ""); !ok {
		t.Fatal("request after the pause not granted")
	}
	if ok, _, _ := g.tryAcquire(h, ""); ok {
		t.Fatal("a second request granted at the same instant, within the delay")
	}
}

// A host's slots bound its requests at once: with all out, tryAcquire
// grants nothing and says to wait for a release, not for a time.
func TestSlotsBoundTheHost(t *testing.T) {
	g := newGate(time.Now)
	h := g.host("a.test", 1, 0)
	if ok, _, _ := g.tryAcquire(h, ""); !ok {
		t.Fatal("first request not granted")
	}
	if ok, wait, _ := g.tryAcquire(h, ""); ok || wait != 0 {
		t.Fatalf("second request granted %v, wait %v; want none until a release", ok, wait)
	}
	if ready, at := g.ready(h); ready || !at.IsZero() {
		t.Fatalf("ready %v at %v with the slot out", ready, at)
	}
	g.release(h, 0)
	if ok, _, _ := g.tryAcquire(h, ""); !ok {
		t.Fatal("request after the release not granted")
	}
}

// A link robots.txt (read already) disallows is not queued, so it takes
// no place under MaxPages from a page that can be fetched; it is counted
// as robots-blocked once, however many pages link to it.
func TestDisallowedLinksLeaveTheBudget(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /no/\n")
			return
		}
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		var links strings.Builder
		for i := range 4 {
			fmt.Fprintf(&links, `<a href="/no/%d">n</a> `, i)
		}
		for i := range 10 {
			fmt.Fprintf(&links, `<a href="/yes/%d">y</a> `, i)
		}
		fmt.Fprintf(w, "<html><body>%s</body></html>", &links)
	}))
	t.Cleanup(srv.Close)
	st := new(Stats)
	got := crawlKeyed(t, Config{Seeds: []string{srv.URL + "/"}, AllowPrivate: true, Delay: -1, NoDiscovery: true, MaxPages: 5, Stats: st},
		func(u string) string { return strings.TrimPrefix(u, srv.URL) })
	if len(got) != 5 {
		t.Errorf("%d pages sent, want 5 (the seed and four allowed links): %v", len(got), hits)
	}
	for path, n := range hits {
		if strings.HasPrefix(path, "/no/") {
			t.Errorf("%s requested %d times", path, n)
		}
	}
	if n := st.RobotsBlocked.Load(); n != 4 {
		t.Errorf("robots-blocked %d, want 4 (each disallowed link once)", n)
	}
}

// The delay spaces requests as they leave, not as their turns were
// reserved: a URL whose validators take long to look up (the archive
// busy with a commit) is not sent late into the next one's turn.
func TestDelayHoldsOnTheWire(t *testing.T) {
	var mu sync.Mutex
	var sent []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			return
		}
		mu.Lock()
		sent = append(sent, time.Now())
		mu.Unlock()
		fmt.Fprint(w, "<p>A page.</p>")
	}))
	t.Cleanup(srv.Close)
	const delay = 200 * time.Millisecond
	cfg := Config{Seeds: []string{srv.URL + "/slow", srv.URL + "/fast"}, MaxDepth: -1, NoDiscovery: true, AllowPrivate: true,
		Parallel: 1, Delay: delay,
		Validators: func(u string) (string, string) {
			if strings.HasSuffix(u, "/slow") {
				time.Sleep(150 * time.Millisecond)
			}
			return "", ""
		}}
	crawlKeyed(t, cfg, func(u string) string { return u })
	if len(sent) != 2 {
		t.Fatalf("%d requests, want 2", len(sent))
	}
	// A request leaves a little after its turn (colly, the write); a
	// look-up inside the turn made the gap 50ms.
	if gap := sent[1].Sub(sent[0]); gap < delay-80*time.Millisecond {
		t.Errorf("requests %v apart on the wire, want about %v", gap, delay)
	}
}
