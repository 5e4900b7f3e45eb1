package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// site is a loopback site of n pages in a chain-and-tree of links, every
// page answering conditional GETs (ETag on even pages, Last-Modified on
// odd ones). It counts, per path, the bodies it sent and the 304s.
type site struct {
	srv     *httptest.Server
	n       int
	delay   time.Duration
	mu      sync.Mutex
	bodies  map[string]int
	not     map[string]int
	hits    int
	changed map[string]bool // paths whose content changed since the last crawl
}

func newSite(t testing.TB, n int, delay time.Duration) *site {
	s := &site{n: n, delay: delay, bodies: map[string]int{}, not: map[string]int{}, changed: map[string]bool{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

var lastMod = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC).Format(http.TimeFormat)

func (s *site) page(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<html><head><title>Page %d</title></head><body><h1>Page %d</h1><p>Text of page %d, long enough to be kept as the main text of the page by the cleaner.</p>", i, i, i)
	if s.changed[fmt.Sprintf("/p/%d", i)] {
		b.WriteString("<p>Changed since.</p>")
	}
	for _, j := range []int{2*i + 1, 2*i + 2, i + 1} {
		if j < s.n {
			fmt.Fprintf(&b, `<a href="/p/%d">page %d</a> `, j, j)
		}
	}
	b.WriteString("</body></html>")
	return b.String()
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		return
	}
	var i int
	if _, err := fmt.Sscanf(r.URL.Path, "/p/%d", &i); err != nil || i >= s.n {
		http.NotFound(w, r)
		return
	}
	time.Sleep(s.delay)
	s.mu.Lock()
	body := s.page(i)
	s.hits++
	etag := fmt.Sprintf(`"v%d-%d"`, i, len(body))
	if i%2 == 0 && r.Header.Get("If-None-Match") == etag || i%2 == 1 && r.Header.Get("If-Modified-Since") == lastMod && !s.changed[r.URL.Path] {
		s.not[r.URL.Path]++
		s.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.bodies[r.URL.Path]++
	s.mu.Unlock()
	if i%2 == 0 {
		w.Header().Set("ETag", etag)
	} else {
		w.Header().Set("Last-Modified", lastMod)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, body)
}

func (s *site) seed() string { return s.srv.URL + "/p/0" }

func (s *site) counts() (bodies, notModified map[string]int, hits int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, n := map[string]int{}, map[string]int{}
	for k, v := range s.bodies {
		b[k] = v
	}
	for k, v := range s.not {
		n[k] = v
	}
	return b, n, s.hits
}

func lastRun(t testing.TB, db string) archive.Run {
	t.Helper()
	a, err := archive.Open(db, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	runs, err := a.Runs()
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v %v", runs, err)
	}
	return runs[len(runs)-1]
}

// TestRecrawlIsIncremental: a second crawl of an unchanged site sends a
// conditional GET for every page and receives no body twice; the run
// counts them unchanged, and prov show lists both captures of a page.
func TestRecrawlIsIncremental(t *testing.T) {
	s := newSite(t, 20, 0)
	db := filepath.Join(t.TempDir(), "prov.db")
	crawlArgs := []string{"crawl", "--db", db, "--allow-private", "--delay", "1ms", "--max-depth", "20", "--quiet", s.seed()}
	if code, _, stderr := prov(t, crawlArgs...); code != 0 {
		t.Fatalf("first crawl exit %d: %s", code, stderr)
	}
	if r := lastRun(t, db); r.New != 20 || r.Fetched != 20 {
		t.Fatalf("first run: %+v, want 20 new", r)
	}
	s.mu.Lock()
	s.changed["/p/3"] = true
	s.mu.Unlock()
	if code, _, stderr := prov(t, crawlArgs...); code != 0 {
		t.Fatalf("second crawl exit %d: %s", code, stderr)
	}
	bodies, notMod, _ := s.counts()
	for path, n := range bodies {
		if n > 1 && path != "/p/3" {
			t.Errorf("%s: body sent %d times, want once", path, n)
		}
	}
	if len(notMod) != 19 {
		t.Errorf("304s for %d pages, want 19", len(notMod))
	}
	r := lastRun(t, db)
	if r.Fetched != 20 || r.Unchanged != 19 || r.Changed != 1 || r.New != 0 {
		t.Errorf("second run: fetched %d new %d changed %d unchanged %d; want 20 0 1 19", r.Fetched, r.New, r.Changed, r.Unchanged)
	}
	code, out, _ := prov(t, "show", "--db", db, s.srv.URL+"/p/2")
	if code != 0 || !strings.Contains(out, archive.KindResponse) || !strings.Contains(out, archive.KindNotModified) {
		t.Errorf("show exit %d:\n%s", code, out)
	}
	code, out, _ = prov(t, "show", "--db", db, s.srv.URL+"/p/3")
	if code != 0 || !strings.Contains(out, "2 versions") {
		t.Errorf("show of the changed page, exit %d:\n%s", code, out)
	}
}

// TestReadableWhileCrawling: while a crawl runs, stats and export on the
// same archive succeed, and a second crawl is refused at once (exit 75)
// naming the running crawl's pid.
func TestReadableWhileCrawling(t *testing.T) {
	s := newSite(t, 40, 40*time.Millisecond)
	db := filepath.Join(t.TempDir(), "prov.db")
	done := make(chan int, 1)
	go func() {
		code, _, _ := prov(t, "crawl", "--db", db, "--allow-private", "--delay", "1ms", "--parallel", "1", "--max-depth", "40", "--quiet", s.seed())
		done <- code
	}()
	eventually(t, func() bool {
		_, _, hits := s.counts()
		return hits >= 8
	}, "the crawl's first 8 requests")
	for _, args := range [][]string{{"stats"}, {"export", "--format", "jsonl"}, {"runs"}} {
		code, _, stderr := prov(t, append(args, "--db", db)...)
		if code != 0 {
			t.Errorf("prov %s during a crawl: exit %d: %s", args[0], code, stderr)
		}
	}
	start := time.Now()
	code, _, stderr := prov(t, "crawl", "--db", db, "--allow-private", s.seed())
	if code != exitLocked || !strings.Contains(stderr, "pid ") || !strings.Contains(stderr, "started") {
		t.Errorf("second crawl: exit %d, stderr %q; want 75 naming the pid and start", code, stderr)
	}
	// A crawl that waited for the lock to be let go would exit 0 when
	// the first one ended; 5 s is the margin of a loaded machine over
	// the one-second lock wait.
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second crawl took %v to give up", d)
	}
	if code := <-done; code != 0 {
		t.Errorf("crawl exit %d", code)
	}
}

// TestMaxDepthZeroIsSeedsOnly: --max-depth 0 fetches the seed and nothing
// it links to, as its help says; without the flag the default depth holds.
func TestMaxDepthZeroIsSeedsOnly(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"--max-depth", "0"}, 1},
		{nil, 15}, // depth 3 of the tree: pages 0 to 14
	} {
		s := newSite(t, 40, 0)
		db := filepath.Join(t.TempDir(), "prov.db")
		args := append([]string{"crawl", "--db", db, "--allow-private", "--delay", "1ms", "--quiet"}, c.args...)
		if code, _, stderr := prov(t, append(args, s.seed())...); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		if r := lastRun(t, db); r.Fetched != c.want {
			t.Errorf("%v: fetched %d pages, want %d", c.args, r.Fetched, c.want)
		}
	}
}

// TestOneVersion: the User-Agent a crawl sends, the tool version its
// captures record and prov version all name crawl.Version.
func TestOneVersion(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			ua = r.Header.Get("User-Agent")
		}
		fmt.Fprint(w, "<html><body><p>One page.</p></body></html>")
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "prov.db")
	if code, _, stderr := prov(t, "crawl", "--db", db, "--allow-private", "--max-depth", "0", "--quiet", srv.URL+"/"); code != 0 {
		t.Fatalf("crawl exit %d: %s", code, stderr)
	}
	_, out, _ := prov(t, "version")
	_, shown, _ := prov(t, "show", "--json", "--db", db, srv.URL+"/")
	want := "prov/" + crawl.Version
	if !strings.HasPrefix(ua, want+" (+") || out != "prov "+crawl.Version+"\n" || !strings.Contains(shown, `"tool_version":"`+want+`"`) {
		t.Errorf("User-Agent %q, prov version %q, show %s; want all to name %s", ua, out, shown, want)
	}
}

// TestSeedDisallowedFails: a seed robots.txt disallows is never requested,
// and the run says so, even --quiet: it counts the seed failed (robots),
// names it, and exits 3; no capture of it is stored. A link robots.txt
// disallows is only counted, as expected of a polite crawl.
func TestSeedDisallowedFails(t *testing.T) {
	s := newSite(t, 3, 0)
	db := filepath.Join(t.TempDir(), "a.db")
	blocked := s.srv.URL + "/private/doc"
	code, out, stderr := prov(t, "crawl", "--db", db, "--allow-private", "--delay", "1ms", "--progress", "never", "--quiet", blocked, s.seed())
	if code != exitPartial {
		t.Errorf("exit %d, want %d; stderr: %s", code, exitPartial, stderr)
	}
	if !strings.Contains(out, "failed (robots): 1 (") || !strings.Contains(out, "  - "+blocked+": crawl: "+blocked+": seed disallowed by robots.txt") {
		t.Errorf("summary does not name the refused seed:\n%s", out)
	}
	if !strings.Contains(stderr, "1 of 4 pages failed") {
		t.Errorf("stderr %q, want 1 of 4 pages failed (3 fetched, 1 refused)", stderr)
	}
	run := lastRun(t, db)
	if run.Fetched != 3 || run.New != 3 || run.Failed[string(crawl.FailRobots)] != 1 || len(run.Failed) != 1 {
		t.Errorf("run record %+v, want 3 fetched and new, 1 failed (robots)", run)
	}
	if bodies, _, _ := s.counts(); len(bodies) != 3 {
		t.Errorf("bodies sent %v, want the 3 pages alone", bodies)
	}
	if code, out, _ := prov(t, "show", "--db", db, blocked); code == 0 {
		t.Errorf("prov show of the refused seed exit 0, want no capture:\n%s", out)
	}
}
