package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
)

// TestReaderDoesNotStallCrawl (issue #14): `prov works` on a large archive,
// run while a nightly crawl revisits a site in it, leaves the crawl no
// pause between requests of 2 s or more, and both give the right answers.
// The site is in the archive already, so the crawl reads the archive
// before each request (its validators) as well as to commit.
func TestReaderDoesNotStallCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large archive")
	}
	db := filepath.Join(t.TempDir(), "prov.db")
	groups := writeWorks(t, db, 150, 4)
	s := newPacedSite(t, 5*time.Millisecond, 30)
	crawlArgs := []string{"crawl", "--db", db, "--allow-private", "--delay", "1ms", "--parallel", "1",
		"--max-depth", "1000000", "--quiet", s.seed()}
	if code, _, stderr := prov(t, crawlArgs...); code != 0 {
		t.Fatalf("first crawl: exit %d: %s", code, stderr)
	}
	s.setLimit(1 << 30)
	crawled := make(chan error, 1)
	go func() {
		if code, _, stderr := prov(t, crawlArgs...); code != 0 {
			crawled <- fmt.Errorf("exit %d: %s", code, stderr)
		}
		close(crawled)
	}()
	s.waitFor(t, len(s.times())+10)
	from := time.Now()
	code, out, stderr := prov(t, "works", "--json", "--db", db)
	to := time.Now()
	s.stop()
	if err := <-crawled; err != nil {
		t.Errorf("crawl during prov works: %v", err)
	}
	if code != 0 {
		t.Fatalf("works during a crawl: exit %d: %s", code, stderr)
	}
	checkGroups(t, out, groups)
	pause := longestPause(s.times(), from, to)
	fi, _ := os.Stat(db)
	t.Logf("prov works on %d MB took %v; the crawl's longest pause between requests meanwhile: %v",
		fi.Size()>>20, to.Sub(from).Round(time.Millisecond), pause.Round(time.Millisecond))
	if pause >= 2*time.Second {
		t.Errorf("the crawl paused %v between requests while prov works ran; want under 2s", pause)
	}
}

// TestReadCommandsLetGo: every read command has let go of the archive by
// the time it prints, so a writer (a crawl's commit) gets in at once, and
// leaves nothing in the temporary folder.
func TestReadCommandsLetGo(t *testing.T) {
	db, tmp := filepath.Join(t.TempDir(), "prov.db"), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	url := writeWorks(t, db, 2, 2)[0][1]
	for _, args := range [][]string{{"stats"}, {"runs"}, {"works"}, {"export", "--format", "jsonl"},
		{"show", url}, {"trace", url}, {"diff", url}, {"verify"}} {
		out := &probe{db: db}
		code := run(context.Background(), append(args, "--db", db), strings.NewReader(""), out, out)
		switch {
		case code != 0:
			t.Errorf("prov %s: exit %d: %s", args[0], code, &out.buf)
		case !out.probed:
			t.Errorf("prov %s printed nothing", args[0])
		case out.err != nil:
			t.Errorf("prov %s held the archive while it printed: %v", args[0], out.err)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in $TMPDIR: %v", left)
	}
}

// probe is a command's stdout and stderr. At its first write it opens the
// archive for writing, as a crawl's commit does, waiting at most 100ms.
type probe struct {
	db     string
	buf    bytes.Buffer
	probed bool
	err    error
}

func (p *probe) Write(b []byte) (int, error) {
	if !p.probed {
		p.probed = true
		a, err := archive.Open(p.db, archive.Options{Timeout: 100 * time.Millisecond})
		if err == nil {
			err = a.Close()
		}
		p.err = err
	}
	return p.buf.Write(b)
}

// writeWorks writes n works into a new archive at path, each of copies
// near-identical texts (one word apart) on as many hosts, and returns each
// work's URLs, sorted.
func writeWorks(t testing.TB, path string, n, copies int) [][]string {
	t.Helper()
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(14, 14))
	var groups [][]string
	var batch []archive.Entry
	for i := range n {
		words := strings.Fields(randomText(rng, 1000))
		var urls []string
		for j := range copies {
			words[j] = "edit"
			u := fmt.Sprintf("https://h%d.example/%d", j, i)
			batch = append(batch, copyEntry(u, strings.Join(words, " ")))
			urls = append(urls, u)
		}
		slices.Sort(urls)
		groups = append(groups, urls)
		if len(batch) >= 500 || i == n-1 {
			if _, err := db.Write(batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return groups
}

// copyEntry is a 200 response for url whose clean text is text, with its
// sketch, as a crawl would store it.
func copyEntry(url, text string) archive.Entry {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c := archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
		FetchStart: at, FetchEnd: at.Add(time.Second), ToolVersion: "test", TextSHA256: clean.TextHash(text)}
	c.Sketch, c.Shingles = clean.Sketch(text)
	return archive.Entry{Capture: c, Payload: []byte("<html><body><p>" + url + "</p></body></html>"), Text: text}
}

// randomText is n words drawn from a vocabulary of about twenty thousand
// made-up words, so that two texts share hardly a shingle.
func randomText(rng *rand.Rand, n int) string {
	const syl = "ka lo mi re su ta ne vo pi gu da fe zo bi"
	parts := strings.Fields(syl)
	words := make([]string, n)
	for i := range words {
		var w strings.Builder
		for range 2 + rng.IntN(3) {
			w.WriteString(parts[rng.IntN(len(parts))])
		}
		words[i] = w.String()
	}
	return strings.Join(words, " ") + "."
}

// checkGroups checks that each of groups is one work of exactly its URLs.
func checkGroups(t *testing.T, out string, groups [][]string) {
	t.Helper()
	var works []archive.Work
	if err := json.Unmarshal([]byte(out), &works); err != nil {
		t.Fatalf("works --json: %v", err)
	}
	byURL := map[string][]string{}
	for _, w := range works {
		var urls []string
		for _, c := range w.Copies {
			urls = append(urls, c.URL)
		}
		slices.Sort(urls)
		for _, u := range urls {
			byURL[u] = urls
		}
	}
	bad := 0
	for _, g := range groups {
		if got := byURL[g[0]]; !slices.Equal(got, g) && bad < 5 {
			bad++
			t.Errorf("work of %s: copies %v, want %v", g[0], got, g)
		}
	}
}

// pacedSite serves a chain of pages, each after a delay, and notes when
// each request came. Each page links to the next below its limit.
type pacedSite struct {
	srv   *httptest.Server
	delay time.Duration
	mu    sync.Mutex
	at    []time.Time
	limit int
}

func newPacedSite(t testing.TB, delay time.Duration, limit int) *pacedSite {
	s := &pacedSite{delay: delay, limit: limit}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *pacedSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.at = append(s.at, time.Now())
	limit := s.limit
	s.mu.Unlock()
	var i int
	if _, err := fmt.Sscanf(r.URL.Path, "/p/%d", &i); err != nil {
		http.NotFound(w, r)
		return
	}
	time.Sleep(s.delay)
	text := randomText(rand.New(rand.NewPCG(uint64(i), 7)), 60)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<html><head><title>Page %d</title></head><body><article><h1>Page %d</h1><p>%s</p>", i, i, text)
	if i+1 < limit {
		fmt.Fprintf(w, `<a href="/p/%d">next</a>`, i+1)
	}
	fmt.Fprint(w, "</article></body></html>")
}

func (s *pacedSite) seed() string { return s.srv.URL + "/p/0" }

// setLimit makes the pages served from now on link to the next below n.
func (s *pacedSite) setLimit(n int) {
	s.mu.Lock()
	s.limit = n
	s.mu.Unlock()
}

// stop makes every page served from now on link nowhere, so the crawl ends.
func (s *pacedSite) stop() { s.setLimit(0) }

func (s *pacedSite) times() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.at)
}

// waitFor waits until the site has had n requests.
func (s *pacedSite) waitFor(t testing.TB, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); len(s.times()) < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the crawl made %d requests in 10s, want %d", len(s.times()), n)
		}
	}
}

// longestPause is the longest time between two requests (times, in order)
// that overlaps [from, to]; with no request after to, it counts until to.
func longestPause(times []time.Time, from, to time.Time) time.Duration {
	prev, longest := from, time.Duration(0)
	for _, at := range times {
		if !at.After(from) {
			prev = at
			continue
		}
		longest = max(longest, at.Sub(prev))
		if !at.Before(to) {
			return longest
		}
		prev = at
	}
	return max(longest, to.Sub(prev))
}

func TestLongestPause(t *testing.T) {
	at := func(ms ...int) []time.Time {
		var ts []time.Time
		for _, m := range ms {
			ts = append(ts, time.Unix(0, 0).Add(time.Duration(m)*time.Millisecond))
		}
		return ts
	}
	from, to := at(100)[0], at(1000)[0]
	for _, c := range []struct {
		name  string
		times []time.Time
		want  time.Duration
	}{
		{"no request", nil, 900 * time.Millisecond},
		{"steady", at(0, 50, 150, 250, 350, 450, 550, 650, 750, 850, 950, 1050), 100 * time.Millisecond},
		{"from the last before", at(0, 600, 1100), 600 * time.Millisecond},
		{"until the first after", at(50, 150, 1500), 1350 * time.Millisecond},
		{"none after", at(0, 120, 200), 800 * time.Millisecond},
		{"outside ignored", at(0, 99, 400, 700, 1001, 5000), 301 * time.Millisecond},
	} {
		if got := longestPause(c.times, from, to); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
