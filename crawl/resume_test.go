package crawl

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prov-archive/prov/rules"
)

// twoSites serves a.test and b.test on one loopback server: each a home
// page linking /a/p1 … /a/p20, each article linking home. It counts the
// requests per host and path, and calls stop (when set) as the request
// named by stopAt arrives, before answering it.
type twoSites struct {
	srv    *httptest.Server
	mu     sync.Mutex
	hits   map[string]int // "host/path" → requests
	stopAt string
	stop   func()
}

func newTwoSites(t *testing.T) *twoSites {
	s := &twoSites{hits: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := strings.Cut(r.Host, ":")
		key := host + r.URL.Path
		s.mu.Lock()
		s.hits[key]++
		stop := s.stop
		if key != s.stopAt {
			stop = nil
		}
		s.mu.Unlock()
		if stop != nil {
			stop()
		}
		switch {
		case r.URL.Path == "/":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body><h1>Home</h1>")
			for i := 1; i <= 20; i++ {
				fmt.Fprintf(w, `<a href="/a/p%d">article %d</a> `, i, i)
			}
			fmt.Fprint(w, "</body></html>")
		case strings.HasPrefix(r.URL.Path, "/a/p"):
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<html><body><a href="/">home</a><p>Article %s.</p></body></html>`, r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *twoSites) config(set *rules.Set) Config {
	_, port, _ := net.SplitHostPort(s.srv.Listener.Addr().String())
	var ct []ConnectTo
	for _, h := range []string{"a.test", "b.test"} {
		ct = append(ct, ConnectTo{Host: h, Port: "80", ToHost: "127.0.0.1", ToPort: port})
	}
	// No delay: the one worker then takes the URLs in the frontier's
	// order (a host's delay would set its next URL aside for the other
	// host's), so the first run stops where the test means it to.
	return Config{ConnectTo: ct, Rules: set, Delay: -1, Parallel: 1, Workers: 1,
		Timeout: 5 * time.Second, NoDiscovery: true, Stats: new(Stats)}
}

// requested returns the paths of host requested since the counts were
// taken as before.
func (s *twoSites) requested(host string, before map[string]int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k, n := range s.hits {
		if p, ok := strings.CutPrefix(k, host+"/"); ok && n > before[k] {
			out = append(out, "/"+p)
		}
	}
	slices.Sort(out)
	return out
}

func (s *twoSites) snapshot() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.hits))
	for k, n := range s.hits {
		out[k] = n
	}
	return out
}

func siteRule(host string, deny ...string) *rules.Site {
	site := &rules.Site{Name: strings.TrimSuffix(host, ".test"), Hosts: []string{host}, Seeds: []string{"http://" + host + "/"}}
	for _, d := range deny {
		site.Deny = append(site.Deny, regexp.MustCompile(d))
	}
	return site
}

// runStored crawls cfg into the frontier at path, keeping what it sends
// in s as prov's writer would (stored, then marked done); stop, when not
// nil, is set to end the run. It returns once every page sent is stored.
func runStored(t *testing.T, cfg Config, path string, s *storeSim, stop *func()) error {
	t.Helper()
	f, err := OpenFrontier(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close() // kept: the next run resumes from it
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if stop != nil {
		*stop = cancel
	}
	cfg.Frontier, cfg.Captured = f, s.captured
	ch := make(chan Page)
	done := make(chan error, 1)
	go func() { done <- s.consume(f, ch) }()
	err = Run(ctx, cfg, ch)
	if derr := <-done; err == nil {
		err = derr
	}
	return err
}

// TestResumeObeysTodaysRules stops a crawl of a.test and b.test midway;
// before it resumes, the operator denies a.test's /a/p10 … /a/p19 and
// takes b.test out of the rules. The resumed run requests none of them,
// sends none of them, and counts each as skipped for its reason, as it
// would a link found now; the rest of a.test is fetched.
func TestResumeObeysTodaysRules(t *testing.T) {
	s := newTwoSites(t)
	path := filepath.Join(t.TempDir(), "frontier")
	store := &storeSim{stored: map[string]int{}}
	s.stopAt = "a.test/a/p2"
	first := s.config(&rules.Set{Sites: []*rules.Site{siteRule("a.test"), siteRule("b.test")}})
	if err := runStored(t, first, path, store, &s.stop); err == nil {
		t.Fatalf("the first run was not stopped: %v", s.snapshot())
	}
	s.mu.Lock()
	s.stop = nil
	s.mu.Unlock()
	if store.stored["http://b.test/"] != 1 || store.stored["http://a.test/a/p3"] != 0 {
		t.Fatalf("the first run stopped elsewhere than meant: stored %v", store.stored)
	}
	before := s.snapshot()
	second := s.config(&rules.Set{Sites: []*rules.Site{siteRule("a.test", `^/a/p1[0-9]$`)}})
	if err := runStored(t, second, path, store, nil); err != nil {
		t.Fatal(err)
	}
	if got := s.requested("b.test", before); len(got) != 0 {
		t.Errorf("b.test, out of the rules, requested on resume: %v", got)
	}
	for _, p := range s.requested("a.test", before) {
		if regexp.MustCompile(`^/a/p1[0-9]$`).MatchString(p) {
			t.Errorf("a.test%s, denied, requested on resume", p)
		}
	}
	for u := range store.stored {
		if strings.HasPrefix(u, "http://b.test/a/") || regexp.MustCompile(`^http://a\.test/a/p1[0-9]$`).MatchString(u) {
			t.Errorf("%s sent (would be archived) on resume", u)
		}
	}
	for i := 1; i <= 20; i++ {
		u := fmt.Sprintf("http://a.test/a/p%d", i)
		if want := 1; i >= 10 && i <= 19 {
			want = 0
			if store.stored[u] != want {
				t.Errorf("%s stored %d times, want %d", u, store.stored[u], want)
			}
		} else if store.stored[u] != want {
			t.Errorf("%s stored %d times, want %d", u, store.stored[u], want)
		}
	}
	skips := second.Stats.SkipReasons()
	if skips[SkipDenied] != 10 || skips[SkipOutOfScope] != 20 {
		t.Errorf("skipped %v; want the 10 denied and b.test's 20 articles out of scope", skips)
	}
}

// dropQueued takes URLs out of the queue as if they had never been
// queued: the counters say what the queue holds, the host's page count
// gives their places back under MaxPagesPerHost, and a link to one found
// later is queued again (the seen set and its cache forget it).
func TestDropQueuedForgets(t *testing.T) {
	f := openTestFrontier(t)
	b := budget{perHost: 3}
	pages := []string{"http://x.test/keep", "http://x.test/deny1", "http://x.test/deny2"}
	if n, _, err := f.add(pages, 1, kindPage, b); err != nil || n != 3 {
		t.Fatalf("added %d, %v", n, err)
	}
	if n, _, err := f.add([]string{"http://x.test/deny.xml"}, 0, kindSitemap, b); err != nil || n != 1 {
		t.Fatalf("added the sitemap: %d, %v", n, err)
	}
	f.unseen(pages) // the cache learns the keys, as links met again teach it
	dropped, err := f.dropQueued(func(key string, depth int, kind byte) string {
		if strings.Contains(key, "deny") {
			return fmt.Sprintf("%s %d %s", SkipDenied, depth, kindName(kind))
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range dropped {
		got = append(got, s.key+": "+s.reason)
	}
	slices.Sort(got)
	want := []string{"http://x.test/deny.xml: denied by rule 0 s", "http://x.test/deny1: denied by rule 1 0", "http://x.test/deny2: denied by rule 1 0"}
	if !slices.Equal(got, want) {
		t.Errorf("dropped %q, want %q", got, want)
	}
	checkCounters(t, f, 0)
	if f.Queued() != 1 {
		t.Errorf("queued %d, want 1", f.Queued())
	}
	if st := f.state("http://x.test/deny1"); st != 0 {
		t.Errorf("a dropped URL is in the seen set (state %q)", st)
	}
	again := []string{"http://x.test/deny1", "http://x.test/new1", "http://x.test/new2"}
	if n, over, err := f.add(again, 1, kindPage, b); err != nil || n != 2 || len(over) != 1 || over[0].key != "http://x.test/new2" {
		t.Errorf("adding %v under 3 pages per host: added %d, over %v, %v; want 2 added (the dropped URL again), the third over", again, n, over, err)
	}
	if k := f.kind("http://x.test/deny.xml"); k != kindPage {
		t.Errorf("the dropped sitemap keeps its kind %q", k)
	}
}

// What a stopped run queued is screened as a link found now would be,
// with one difference: a host on the same site as a host in scope is
// taken back into scope (a redirect of the stopped run, a.test moving to
// www.a.test, brought it in), where one of a site taken out of the rules,
// or an address, stays out.
func TestAdmitsQueued(t *testing.T) {
	cfg := Config{MaxDepth: 2, Rules: &rules.Set{Sites: []*rules.Site{siteRule("a.test", `^/private/`)}}}.withDefaults()
	seeds, err := seedURLs(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cr := &crawler{cfg: cfg, scope: newScope(cfg, seeds), traps: newTraps(cfg)}
	rejoin := cr.scope.rejoiner()
	for _, c := range []struct {
		key   string
		depth int
		kind  byte
		want  string
	}{
		{"http://a.test/a/p1", 1, kindPage, ""},
		{"http://a.test/private/x", 1, kindPage, SkipDenied},
		{"http://a.test/a/deep", 3, kindPage, SkipTooDeep},
		{"http://a.test/sitemap.xml", 2, kindSitemap, SkipTooDeep}, // its pages would be too deep
		{"http://a.test/a/" + strings.Repeat("x/y/", 3) + "x/y", 1, kindPage, TrapRepeatedSegment},
		{"http://c.test/", 0, kindPage, SkipOutOfScope}, // a seed of a site taken out of the rules
		{"http://c.test/robots.txt", 0, kindRobots, SkipOutOfScope},
		{"http://www.a.test/a/p2", 1, kindPage, ""},
		{"http://127.0.0.2/a/p2", 1, kindPage, SkipOutOfScope},
	} {
		if got := cr.admitsQueued(c.key, c.depth, c.kind, rejoin); got != c.want {
			t.Errorf("%s at depth %d (%s): %q, want %q", c.key, c.depth, kindName(c.kind), got, c.want)
		}
	}
	if !cr.scope.inScope("www.a.test") || cr.scope.inScope("c.test") {
		t.Errorf("hosts in scope after the screen: %v; want www.a.test back, c.test out", cr.scope.hostList())
	}
}
