package crawl

import (
	"context"
	"errors"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRunIndex(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config("/")
	unsent := recordUnsent(&cfg)
	got := crawlAll(t, cfg)

	t.Run("variants of one article fetched once", func(t *testing.T) {
		if n := ts.hit("/a"); n != 1 {
			t.Errorf("/a requested %d times, want 1", n)
		}
		if _, ok := got["/a"]; !ok {
			t.Errorf("no page for /a; got %v", keys(got))
		}
	})
	t.Run("robots.txt obeyed, also for a redirect target", func(t *testing.T) {
		if n := ts.hit("/private/secret") + ts.hit("/private/target"); n != 0 {
			t.Errorf("disallowed paths requested %d times", n)
		}
		if _, ok := got["/private/secret"]; ok {
			t.Error("disallowed URL sent as a page")
		}
		p := got["/to-private"]
		if !errors.Is(p.Err, ErrRobotsDisallowed) || p.Status != 302 {
			t.Errorf("/to-private: status %d err %v, want 302 and ErrRobotsDisallowed", p.Status, p.Err)
		}
		if n := cfg.Stats.RobotsBlocked.Load(); n != 2 {
			t.Errorf("RobotsBlocked = %d, want 2", n)
		}
		secret := "http://" + testHost + "/private/secret"
		if why := unsent.get(secret); !errors.Is(why, ErrRobotsDisallowed) || errors.Is(why, ErrSeedDisallowed) || len(unsent.all()) != 1 {
			t.Errorf("Unsent for %s: %v, want a link's ErrRobotsDisallowed; every Unsent: %v", secret, why, unsent.all())
		}
		if n := ts.hit("/robots.txt"); n != 1 {
			t.Errorf("robots.txt requested %d times, want 1", n)
		}
	})
	t.Run("404 sent", func(t *testing.T) {
		p, ok := got["/missing"]
		if !ok || p.Status != 404 || p.Err != nil || string(p.Content) != "gone\n" {
			t.Errorf("/missing: %+v", p)
		}
	})
	t.Run("out of scope not fetched", func(t *testing.T) {
		if len(got) != 4 { // /, /a, /to-private, /missing
			t.Errorf("got %d pages: %v", len(got), keys(got))
		}
	})
	t.Run("provenance", func(t *testing.T) {
		p := got["/"]
		if p.Depth != 0 || got["/a"].Depth != 1 {
			t.Errorf("depths %d, %d", p.Depth, got["/a"].Depth)
		}
		if p.Start.IsZero() || p.End.Before(p.Start) || p.Start.Location() != time.UTC {
			t.Errorf("times %v – %v", p.Start, p.End)
		}
		if p.RequestHeader.Get("User-Agent") != DefaultUserAgent() || p.RequestHeader.Get(fetchIDHeader) != "" {
			t.Errorf("request header %v", p.RequestHeader)
		}
	})
}

// A seed robots.txt disallows is not requested either; Unsent tells it
// apart from a link (ErrSeedDisallowed), so that a run can fail it.
func TestSeedDisallowed(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config("/private/secret")
	cfg.NoDiscovery = true
	unsent := recordUnsent(&cfg)
	got := crawlAll(t, cfg)
	secret := "http://" + testHost + "/private/secret"
	if why := unsent.get(secret); !errors.Is(why, ErrSeedDisallowed) || !errors.Is(why, ErrRobotsDisallowed) || len(unsent.all()) != 1 {
		t.Errorf("Unsent for %s: %v, want ErrSeedDisallowed; every Unsent: %v", secret, why, unsent.all())
	}
	if len(got) != 0 || ts.hit("/private/secret") != 0 || cfg.Stats.RobotsBlocked.Load() != 1 {
		t.Errorf("pages %v, %d requests of the seed, %d blocked; want none, none, 1", keys(got), ts.hit("/private/secret"), cfg.Stats.RobotsBlocked.Load())
	}
}

func TestRelCanonical(t *testing.T) {
	ts := newTestServer(t)
	t.Run("canonical target not fetched again", func(t *testing.T) {
		got := crawlAll(t, ts.config("/canon/src"))
		if p := got["/canon/src"]; p.CanonicalURL != "http://"+testHost+"/canon/target" {
			t.Errorf("CanonicalURL = %q", p.CanonicalURL)
		}
		if n := ts.hit("/canon/target"); n != 0 {
			t.Errorf("/canon/target fetched %d times", n)
		}
	})
	t.Run("copy of a fetched page not sent", func(t *testing.T) {
		cfg := ts.config("/canon/art")
		unsent := recordUnsent(&cfg)
		got := crawlAll(t, cfg)
		copyURL := "http://" + testHost + "/canon/copy"
		if why := unsent.get(copyURL); !errors.Is(why, ErrDuplicate) || len(unsent.all()) != 1 {
			t.Errorf("Unsent for %s: %v; every Unsent: %v", copyURL, why, unsent.all())
		}
		if _, ok := got["/canon/copy"]; ok || len(got) != 1 {
			t.Errorf("pages %v, want only /canon/art", keys(got))
		}
		if ts.hit("/canon/copy") != 1 || cfg.Stats.Duplicates.Load() != 1 {
			t.Errorf("copy hits %d, duplicates %d", ts.hit("/canon/copy"), cfg.Stats.Duplicates.Load())
		}
	})
}

func TestLimits(t *testing.T) {
	ts := newTestServer(t)
	t.Run("MaxDepth", func(t *testing.T) {
		cfg := ts.config("/deep/0")
		cfg.MaxDepth = 2
		got := crawlAll(t, cfg)
		if len(got) != 3 || ts.hit("/deep/3") != 0 {
			t.Errorf("pages %v", keys(got))
		}
	})
	t.Run("MaxPages", func(t *testing.T) {
		cfg := ts.config("/deep/10")
		cfg.MaxDepth = 100
		cfg.MaxPages = 4
		got := crawlAll(t, cfg)
		if len(got) != 4 || ts.hit("/deep/14") != 0 {
			t.Errorf("pages %v", keys(got))
		}
	})
}

func TestRunCancel(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config("/slow-index")
	cfg.Delay = 10 * time.Second // a queued request would sleep this long
	ch := make(chan Page, 100)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- Run(ctx, cfg, ch) }()
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		// Half the delay the queued request would sleep: a Run that
		// waited for it would take 10 s. The margin is for a loaded
		// machine, not for the stop itself.
		t.Fatalf("Run did not return within 5s of cancel (began %v ago)", time.Since(start))
	}
	for range ch { // closed
	}
}

func TestRunPrivateSeed(t *testing.T) {
	ts := newTestServer(t)
	cfg := Config{Seeds: []string{ts.URL + "/a"}, Delay: time.Millisecond, Timeout: 5 * time.Second}
	ch := make(chan Page, 10)
	if err := Run(context.Background(), cfg, ch); err != nil {
		t.Fatal(err)
	}
	p := <-ch
	if !errors.Is(p.Err, ErrPrivateAddress) || ts.hit("/a")+ts.hit("/robots.txt") != 0 {
		t.Fatalf("loopback seed: %v (hits %d)", p.Err, ts.hit("/a"))
	}
	// The error is stored in the capture and read by operators: it names
	// the robots.txt it was fetching once, and the kind of address.
	msg := p.Err.Error()
	if robots := ts.URL + "/robots.txt"; strings.Count(msg, robots) != 1 || !strings.HasSuffix(msg, "private address refused (loopback)") {
		t.Errorf("loopback seed's error %q: want %s named once and the refusal's class at the end", msg, robots)
	}
	cfg.AllowPrivate = true
	ch = make(chan Page, 10)
	if err := Run(context.Background(), cfg, ch); err != nil {
		t.Fatal(err)
	}
	if p := <-ch; p.Err != nil || p.Status != 200 {
		t.Fatalf("AllowPrivate: status %d, %v", p.Status, p.Err)
	}
}

func keys(m map[string]Page) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// unsentLog records Config.Unsent's calls.
type unsentLog struct {
	mu  sync.Mutex
	why map[string]error
}

func recordUnsent(cfg *Config) *unsentLog {
	l := &unsentLog{why: map[string]error{}}
	cfg.Unsent = func(url string, why error) {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.why[url] = why
	}
	return l
}

func (l *unsentLog) get(url string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.why[url]
}

func (l *unsentLog) all() map[string]error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return maps.Clone(l.why)
}
