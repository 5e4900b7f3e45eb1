package watch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
)

// site is a loopback web of news.example.org (pages /a, /b, /c),
// www.example.org and other.example.com: robots.txt and redirects can be
// changed between a crawl and a refetch, and every request is recorded.
type site struct {
	mu       sync.Mutex
	robots   string            // robots.txt body; "" answers 404
	redirect map[string]string // host+path → Location, answered 302
	canon    map[string]string // host+path → the URL its page names as rel=canonical
	body     map[string]string // host+path → the text its article holds, paragraphs apart by blank lines; default a story of its path
	hits     []hit
}

type hit struct {
	path string // host+path
	at   time.Time
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Host + r.URL.Path
	s.mu.Lock()
	s.hits = append(s.hits, hit{key, time.Now()})
	robots, to, canon, body := s.robots, s.redirect[key], s.canon[key], s.body[key]
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt" && robots == "":
		http.NotFound(w, r)
	case r.URL.Path == "/robots.txt":
		w.Write([]byte(robots))
	case to != "":
		http.Redirect(w, r, to, http.StatusFound)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		link := ""
		if canon != "" {
			link = `<link rel="canonical" href="` + canon + `">`
		}
		if body == "" {
			body = strings.Repeat("The story told at "+r.URL.Path+", at enough length to be kept as a text. ", 5)
		}
		w.Write([]byte(`<html><head><title>Story ` + r.URL.Path + `</title>` + link + `</head><body><article><p>` +
			strings.ReplaceAll(body, "\n\n", "</p><p>") + `</p></article></body></html>`))
	}
}

// change applies fn to s under its lock and forgets the requests so far.
func (s *site) change(fn func(s *site)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s)
	s.hits = nil
}

func (s *site) requests() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.hits...)
}

// archived crawls urls of a new site into a new archive and returns its
// path, the site, and the crawl config reaching it.
func archived(t *testing.T, urls ...string) (string, *site, crawl.Config) {
	t.Helper()
	s := &site{redirect: map[string]string{}}
	cfg := serveSite(t, s)
	path := filepath.Join(t.TempDir(), "prov.db")
	crawlInto(t, path, cfg, urls...)
	return path, s, cfg
}

// serveSite serves s on loopback and returns a crawl config reaching its
// hosts.
func serveSite(t *testing.T, s *site) crawl.Config {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	cfg := crawl.Config{AllowPrivate: true, MaxDepth: -1, Delay: -1, NoDiscovery: true, Timeout: 10 * time.Second}
	for _, h := range []string{"news.example.org", "www.example.org", "other.example.com"} {
		ct, err := crawl.ParseConnectTo(h + ":80:" + strings.TrimPrefix(srv.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		cfg.ConnectTo = append(cfg.ConnectTo, ct)
	}
	return cfg
}

// crawlInto crawls urls with cfg into the archive at path.
func crawlInto(t *testing.T, path string, cfg crawl.Config, urls ...string) {
	t.Helper()
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg.Seeds = urls
	if _, err := ingest.Crawl(context.Background(), ingest.DBStore(db), cfg, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
}

// refetch refetches urls of the archive at path and returns the verdicts
// as reported, and the run's ID.
func refetch(t *testing.T, path string, cfg crawl.Config, urls ...string) ([]Result, uint64) {
	t.Helper()
	s, err := Start(path, "watch test")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var origs []Original
	if err := s.Do(func(db *archive.DB) (err error) {
		origs, err = Originals(db, urls)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var got []Result
	counts, runID, err := Refetch(context.Background(), s, cfg, nil, origs, func(r Result) error {
		got = append(got, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, v := range counts {
		total += v
	}
	if n := len(got); total != n {
		t.Errorf("counts %v for %d verdicts", counts, n)
	}
	return got, runID
}

const (
	pageA = "http://news.example.org/a"
	pageB = "http://news.example.org/b"
	pageC = "http://news.example.org/c"
)

// A refetch obeys robots.txt as a crawl does: an original it disallows
// is never requested, and its verdict says robots.txt refused it.
func TestRefetchHonoursRobots(t *testing.T) {
	path, s, cfg := archived(t, pageA, pageB)
	s.change(func(s *site) { s.robots = "User-agent: *\nDisallow: /b\n" })
	got, _ := refetch(t, path, cfg, pageA, pageB)
	if len(got) != 2 || got[0].URL != pageA || got[1].URL != pageB {
		t.Fatalf("verdicts %+v, want a then b", got)
	}
	if got[0].Status != Unchanged {
		t.Errorf("a: %+v, want unchanged", got[0])
	}
	if b := got[1]; b.Status != Failed || b.Detail != "robots: crawl: "+pageB+": seed disallowed by robots.txt" || b.CaptureID != 0 {
		t.Errorf("b: %+v, want failed by robots.txt, with no capture", b)
	}
	for _, h := range s.requests() {
		if h.path == "news.example.org/b" {
			t.Errorf("the server saw a request for /b, which robots.txt disallows")
		}
	}
}

// An original whose page now names another original as its canonical URL
// is fetched but not stored (the crawl keeps one page per canonical URL):
// its verdict says so, and names the page kept.
func TestRefetchCanonicalDuplicate(t *testing.T) {
	path, s, cfg := archived(t, pageA, pageB)
	s.change(func(s *site) { s.canon = map[string]string{"news.example.org/b": pageA} })
	got, _ := refetch(t, path, cfg, pageA, pageB)
	if len(got) != 2 || got[0].URL != pageA || got[1].URL != pageB {
		t.Fatalf("verdicts %+v, want a then b", got)
	}
	dup := 0
	for _, r := range got {
		if r.Status == Failed && strings.HasPrefix(r.Detail, "duplicate: ") && strings.Contains(r.Detail, pageA) && r.CaptureID == 0 {
			dup++
		}
	}
	if dup != 1 {
		t.Errorf("verdicts %+v: want one failed as a duplicate of %s, with no capture", got, pageA)
	}
}

// A refetch waits the Crawl-delay robots.txt asks between two originals
// of one host, though the refetch itself asks for no delay.
func TestRefetchCrawlDelay(t *testing.T) {
	path, s, cfg := archived(t, pageA, pageB)
	s.change(func(s *site) { s.robots = "User-agent: *\nCrawl-delay: 1\n" })
	got, _ := refetch(t, path, cfg, pageA, pageB)
	if len(got) != 2 || got[0].Status != Unchanged || got[1].Status != Unchanged {
		t.Fatalf("verdicts %+v, want both unchanged", got)
	}
	var starts []time.Time
	for _, h := range s.requests() {
		if h.path != "news.example.org/robots.txt" {
			starts = append(starts, h.at)
		}
	}
	if len(starts) != 2 {
		t.Fatalf("%d page requests, want 2", len(starts))
	}
	if gap := starts[1].Sub(starts[0]); gap < 900*time.Millisecond {
		t.Errorf("requests %v apart, want the 1s Crawl-delay", gap)
	}
}

// Redirects: one within the site is followed and the original reported
// moved with what is there; one to another site is not followed (out of
// the crawl's scope) and is still reported moved, to where it points; so
// is one to another original, which the crawl fetches as itself.
// Verdicts come in the originals' order, each stored as a capture of the
// refetch's run (the out-of-scope one as a failed capture).
func TestRefetchRedirects(t *testing.T) {
	const d = "http://news.example.org/d"
	path, s, cfg := archived(t, pageA, pageB, pageC, d)
	s.change(func(s *site) {
		s.redirect["news.example.org/a"] = "http://www.example.org/a"
		s.redirect["news.example.org/b"] = "http://other.example.com/b"
		s.redirect["news.example.org/d"] = pageC
	})
	got, runID := refetch(t, path, cfg, pageA, pageB, pageC, d)
	want := []struct{ url, status, detail, to string }{
		{pageA, Moved, "302 Found; moved+unchanged (payload identical)", "http://www.example.org/a"},
		{pageB, Moved, "302 Found; not followed: crawl: fetch " + pageB + ": out of scope: redirect to other.example.com", "http://other.example.com/b"},
		{pageC, Unchanged, "payload identical", ""},
		{d, Moved, "302 Found; not followed: HTTP 302", pageC},
	}
	if len(got) != len(want) {
		t.Fatalf("verdicts %+v", got)
	}
	for i, w := range want {
		if g := got[i]; g.URL != w.url || g.Status != w.status || g.Detail != w.detail || g.NewURL != w.to {
			t.Errorf("%s: %s %q → %q, want %s %q → %q", w.url, g.Status, g.Detail, g.NewURL, w.status, w.detail, w.to)
		}
	}
	for _, h := range s.requests() {
		if strings.HasPrefix(h.path, "other.example.com") {
			t.Errorf("the refetch requested %s, out of its scope", h.path)
		}
	}
	db, err := archive.Open(path, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, r := range got {
		c, err := db.Capture(r.CaptureID)
		if err != nil || c.RunID != runID || c.RequestedURL != r.URL {
			t.Errorf("%s: capture %d of run %d (%v), want one of run %d", r.URL, r.CaptureID, c.RunID, err, runID)
		}
	}
}

// A refetch of no originals records an empty run and fetches nothing
// (crawl.Run given no seeds would crawl the rules' seeds).
func TestRefetchNothing(t *testing.T) {
	path, s, cfg := archived(t, pageA)
	s.change(func(*site) {})
	sess, err := Start(path, "watch test")
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	counts, runID, err := Refetch(context.Background(), sess, cfg, nil, nil, func(Result) error {
		t.Error("a verdict on no original")
		return nil
	})
	if err != nil || runID == 0 || len(counts) != 0 {
		t.Fatalf("counts %v, run %d, err %v; want an empty run", counts, runID, err)
	}
	if hits := s.requests(); len(hits) != 0 {
		t.Errorf("requests %v, want none", hits)
	}
	sess.Do(func(db *archive.DB) error {
		runs, err := db.Runs()
		if err != nil || len(runs) != 2 || runs[1].ID != runID || runs[1].Status != archive.RunDone || runs[1].Fetched != 0 || runs[1].Kind != archive.RunRefetch {
			t.Errorf("runs %+v (%v), want the refetch's, done and empty", runs, err)
		}
		return nil
	})
}

// A refetch compares the original with the text its capture brought, not
// with the characters of a copy that reached the archive first and
// normalises alike (half-width commas): the diff shows the edit alone.
func TestRefetchComparesTheOriginalsOwnText(t *testing.T) {
	const official = "为深入贯彻落实国家关于生态文明建设的决策部署，进一步加强流域保护和地下水管理，现就有关事项通知如下。\n\n" +
		"各省级人民政府应当每年公布地下水水位、农业和工业取水量以及受损含水层修复措施等情况，接受社会监督。\n\n" +
		"到本年代末，全国地下水超采量比基准年减少百分之四十，每两年由独立的水文专家组对阶段性目标进行评估。"
	copied := strings.ReplaceAll(official, "，", ",")
	s := &site{redirect: map[string]string{}, body: map[string]string{"news.example.org/a": official, "www.example.org/a": copied}}
	cfg := serveSite(t, s)
	path := filepath.Join(t.TempDir(), "prov.db")
	crawlInto(t, path, cfg, "http://www.example.org/a") // the copy first: its text is the document's
	crawlInto(t, path, cfg, pageA)
	crawlInto(t, path, cfg, pageA) // the same bytes again: the clean fields, own text and all, are copied
	checkOwnTextKept(t, path, official)
	s.change(func(s *site) { s.body["news.example.org/a"] = strings.Replace(official, "每年", "每季度", 1) })
	got, _ := refetch(t, path, cfg, pageA)
	if len(got) != 1 || got[0].Status != Changed {
		t.Fatalf("verdicts %+v, want %s changed", got, pageA)
	}
	var marked string
	for _, op := range got[0].Diff {
		marked += op.Marked
	}
	if !strings.Contains(marked, "季度") || strings.Contains(marked, "[-,-]") {
		t.Errorf("diff marks %q (%s): want the edit alone, not the copy's commas", marked, got[0].Detail)
	}
}

// checkOwnTextKept checks pageA's two captures: the first keeps its own
// text (the copy's is its document's), the second copies it with its
// clean fields, and the archive verifies clean.
func checkOwnTextKept(t *testing.T, path, want string) {
	t.Helper()
	db, err := archive.Open(path, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	caps, err := db.History(pageA)
	if err != nil || len(caps) != 2 {
		t.Fatalf("history of %s: %d captures, %v", pageA, len(caps), err)
	}
	first, again := caps[0], caps[1]
	if first.OwnTextSHA256 == "" || again.CleanFrom != first.ID || again.OwnTextSHA256 != first.OwnTextSHA256 {
		t.Errorf("own texts %q and %q, clean from %d: want the first's copied by the second", first.OwnTextSHA256, again.OwnTextSHA256, again.CleanFrom)
	}
	for _, c := range caps {
		if text, err := db.CaptureText(c); err != nil || text != want {
			t.Errorf("capture %d: text %q, %v; want the original's own", c.ID, text, err)
		}
	}
	_, err = db.VerifyWith(archive.VerifyOptions{TextHasher: clean.TextHash}, func(f archive.Finding) error {
		t.Error(f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
