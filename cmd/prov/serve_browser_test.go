package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/search"
	"github.com/prov-archive/prov/serve"
	"github.com/prov-archive/prov/testweb"
	"github.com/prov-archive/prov/trace"
)

// The demo's URLs the bars name.
const (
	scioWhitePaper = "http://www.scio.gov.cn.test/zfbps/32832/Document/1732898/1732898.htm"
	secportalCopy  = "http://www.secportal.test/news/349014.html"
	aggregatorCopy = "http://www.aggregator.test/news/20221107/a8f3c2.html"
	aggregatorOld  = "http://www.aggregator.test/old/20221107/a8f3c2.html" // 301 to aggregatorCopy
)

// hostilePage is an archived page that tries to reach out of its frame.
const hostilePage = `<!doctype html>
<html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=/beacon?refresh">
<title>hostile</title>
<script>top.document.title='pwned'; fetch('/beacon?script');</script>
</head><body>
<h1>An ordinary looking article</h1>
<p>This page was archived from a site that wants to run its scripts in the archive's own origin and report back to it.</p>
<p>Its image fails to load on purpose, so that its error handler would call home if scripts ran.</p>
<img src=x onerror="fetch('/beacon')">
<img src="http://tracker.evil.test/pixel.gif" alt="">
<link rel="stylesheet" href="https://cdn.evil.test/site.css">
<script>top.location = '/beacon?navigate';</script>
</body></html>`

// uiFixture is the demo archive served by prov serve's handler on a
// loopback test server, with a /beacon that counts hits, the mini-web the
// demo crawled, and a hostile site.
type uiFixture struct {
	db, rules string
	ui        *httptest.Server
	beacon    atomic.Int64
	web       string // the mini-web's address
	hostile   *httptest.Server
	hostileN  atomic.Int64 // requests the hostile site got
	shots     []string

	mu       sync.Mutex
	requests map[network.RequestID]string                // every request the browser began, by ID: its URL
	blocked  map[network.RequestID]network.BlockedReason // those the browser blocked before sending
	order    []network.RequestID
}

func newUIFixture(t *testing.T) *uiFixture {
	t.Helper()
	dir := t.TempDir()
	f := &uiFixture{db: filepath.Join(dir, "demo.db"), rules: filepath.Join(dir, "rules.yaml"), shots: screenshotDir(t)}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"demo", "--db", f.db, "--out", filepath.Join(dir, "bundle")}, strings.NewReader(""), &out, &errb); code != exitOK {
		t.Fatalf("prov demo: exit %d: %s", code, errb.String())
	}
	// The demo's rules, slower: a crawl of a few pages a host then lasts
	// long enough for the UI loop to browse through it.
	slow := strings.ReplaceAll(string(testweb.RulesYAML()), "delay: 50ms", "delay: 600ms")
	if slow == string(testweb.RulesYAML()) {
		t.Fatal("the demo's rules no longer say delay: 50ms; slow them down another way")
	}
	if err := os.WriteFile(f.rules, []byte(slow), 0o644); err != nil {
		t.Fatal(err)
	}
	addr, stop, err := testweb.New().Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	f.web = addr
	f.hostile = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hostileN.Add(1)
		if r.URL.Path != "/article.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, hostilePage)
	}))
	t.Cleanup(f.hostile.Close)
	srv, err := serve.New(serve.Config{DB: f.db, Version: "test", TempDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/beacon", func(w http.ResponseWriter, r *http.Request) { f.beacon.Add(1) })
	mux.Handle("/", srv.Handler())
	f.ui = httptest.NewServer(mux)
	t.Cleanup(f.ui.Close)
	return f
}

// prov runs a prov command in-process and returns its exit status and
// output.
func (f *uiFixture) prov(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// connectTo are the flags that send the mini-web's sites to its address.
func (f *uiFixture) connectTo() []string {
	host, port, _ := net.SplitHostPort(f.web)
	var args []string
	for _, s := range testweb.Sites() {
		args = append(args, "--connect-to", s.Host+":80:"+host+":"+port)
	}
	return args
}

// listen records every request the tab sends.
func (f *uiFixture) listen(t *testing.T, tab context.Context) {
	if err := chromedp.Do(tab); err != nil { // the tab must exist before Listen
		t.Fatal(err)
	}
	f.requests, f.blocked = map[network.RequestID]string{}, map[network.RequestID]network.BlockedReason{}
	err := chromedp.Listen(tab, func(ev any) {
		f.mu.Lock()
		defer f.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if _, seen := f.requests[e.RequestID]; !seen {
				f.order = append(f.order, e.RequestID)
			}
			f.requests[e.RequestID] = e.Request.URL // a redirect's next hop keeps the ID
		case *network.EventLoadingFailed:
			if e.BlockedReason != "" {
				f.blocked[e.RequestID] = e.BlockedReason
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
}

// open navigates the tab to path on the UI and writes a screenshot of the
// whole page as name.png.
func (f *uiFixture) open(t *testing.T, tab context.Context, path, name string) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Navigate(f.ui.URL+path)); err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	if eval[bool](t, tab, `!!document.querySelector("iframe.raw")`) {
		// The sandboxed frame is drawn by a process of its own, once it is
		// in view: show it, and let it paint before the screenshot.
		eval[bool](t, tab, `document.querySelector("iframe.raw").scrollIntoView(), true`)
		if err := chromedp.Do(tab, chromedp.Sleep(700*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	f.shot(t, tab, name)
}

// shot writes a screenshot of the whole page as name.png.
func (f *uiFixture) shot(t *testing.T, tab context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	for _, d := range f.shots {
		if err := os.WriteFile(filepath.Join(d, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// eval evaluates a JavaScript expression in the tab's page.
func eval[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tab, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// texts is the text of every element a CSS selector finds.
func texts(t *testing.T, tab context.Context, sel string) []string {
	t.Helper()
	return eval[[]string](t, tab, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(e => e.textContent.trim())`, sel))
}

func get(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// captureWhere finds the newest capture that ok accepts.
func (f *uiFixture) captureWhere(t *testing.T, ok func(archive.Capture) bool) archive.Capture {
	t.Helper()
	db, err := archive.Open(f.db, archive.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var found archive.Capture
	if err := db.Captures(func(c archive.Capture) error {
		if ok(c) {
			found = c
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if found.ID == 0 {
		t.Fatal("no such capture in the archive")
	}
	return found
}

// indexed is the last capture the search index beside the archive read.
func (f *uiFixture) indexed(t *testing.T) uint64 {
	t.Helper()
	ix, err := search.Open(search.PathFor(f.db), true, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	last, err := ix.Last()
	if err != nil {
		t.Fatal(err)
	}
	return last
}

// TestServeBrowser walks prov serve's pages over the demo archive in a
// real browser, checking each bar of the web view, then checks that the
// browser sent every request of every page to the server's own origin.
func TestServeBrowser(t *testing.T) {
	tab := newTab(t, 80*time.Second)
	f := newUIFixture(t)
	f.listen(t, tab)

	t.Run("works", func(t *testing.T) {
		f.open(t, tab, "/", "works")
		if got := texts(t, tab, "tr.work td.copies"); !slices.Equal(got, []string{"4", "2", "2"}) {
			t.Errorf("works page: copies %q, want 3 works with 4, 2 and 2", got)
		}
		if got := texts(t, tab, "tr.work td.relations"); len(got) != 3 || got[0] != "1 original, 2 identical, 1 near" {
			t.Errorf("copies by relation: %q", got)
		}
	})

	t.Run("work", func(t *testing.T) {
		href := eval[string](t, tab, fmt.Sprintf(`Array.from(document.querySelectorAll("tr.work")).find(r => r.querySelector("a.url").textContent == %q).querySelector("a").getAttribute("href")`, scioWhitePaper))
		f.open(t, tab, href, "work")
		if got := texts(t, tab, "section.original p a"); len(got) != 1 || got[0] != scioWhitePaper {
			t.Errorf("elected original %q, want %s", got, scioWhitePaper)
		}
		reasons := texts(t, tab, "ul.reasons li")
		if len(reasons) != 2 || !strings.Contains(reasons[0], `attribution "国务院新闻办公室" names the publisher`) || reasons[1] != "because authority official beats agency" {
			t.Errorf("reasons %q, want both of prov works'", reasons)
		}
		rel := texts(t, tab, fmt.Sprintf(`tr.copy[data-url=%q] td.relation`, secportalCopy))
		if len(rel) != 1 || !strings.HasPrefix(rel[0], "near 0.912") {
			t.Errorf("secportal copy shown as %q, want near 0.912", rel)
		}
	})

	t.Run("diff", func(t *testing.T) {
		f.open(t, tab, "/diff?a="+url.QueryEscape(secportalCopy), "diff")
		left := texts(t, tab, `tr.op[data-a="7"] td.left del`)
		right := texts(t, tab, `tr.op[data-a="7"] td.right ins`)
		if !slices.Equal(left, []string{"高"}) || !slices.Equal(right, []string{"飞"}) {
			t.Errorf("paragraph 7: deleted %q on the left, inserted %q on the right; want 高 and 飞 side by side", left, right)
		}
		code, cli, stderr := f.prov("diff", "--json", "--db", f.db, secportalCopy)
		if code != exitOK {
			t.Fatalf("prov diff --json: exit %d: %s", code, stderr)
		}
		_, web := get(t, f.ui.URL+"/diff.json?a="+url.QueryEscape(secportalCopy))
		if string(web) != cli {
			t.Errorf("the diff page's JSON differs from prov diff --json:\nweb %s\ncli %s", web, cli)
		}
		rows := texts(t, tab, "tr.op td.left .pno")
		if len(rows) != strings.Count(cli, `"kind":`) {
			t.Errorf("the page shows %d paragraphs, prov diff %d", len(rows), strings.Count(cli, `"kind":`))
		}
	})

	t.Run("search", func(t *testing.T) {
		f.open(t, tab, "/search?q="+url.QueryEscape("网络空间"), "search")
		shas := texts(t, tab, "li.hit") // non-empty: each hit has text
		got := eval[[]string](t, tab, `Array.from(document.querySelectorAll("li.hit")).map(e => e.dataset.sha)`)
		for _, want := range workTexts(t, f.db, scioWhitePaper) {
			if !slices.Contains(got, want) {
				t.Errorf("search 网络空间: the white paper's document %s is not among the hits %q", want[:12], got)
			}
		}
		marks := texts(t, tab, "li.hit p.snippet mark")
		if len(shas) == 0 || len(marks) < len(shas) || marks[0] != "网络空间" {
			t.Errorf("snippets: %d marks for %d hits, first %q", len(marks), len(shas), marks)
		}
	})

	t.Run("crawl while browsing", func(t *testing.T) {
		stop, stats := f.loop(t)
		args := append([]string{"crawl", "--db", f.db, "--rules", f.rules, "--max-depth", "0", "--quiet"}, f.connectTo()...)
		args = append(args, aggregatorOld, "http://www.aggregator.test/", "http://www.scio.gov.cn.test/", scioWhitePaper,
			"http://www.secportal.test/", secportalCopy, "http://www.news.cn.test/", "http://www.dailyen.test/")
		before, began := stats.ok.Load(), time.Now()
		code, out, stderr := f.prov(args...)
		during, took := stats.ok.Load()-before, time.Since(began)
		stop()
		if code != exitOK {
			t.Fatalf("prov crawl while the UI was browsed: exit %d\n%s%s", code, out, stderr)
		}
		t.Logf("UI loop: %d pages answered during the crawl's %v, none failed: %v, slowest %v", during, took.Round(time.Millisecond), stats.failed.Load() == 0, time.Duration(stats.slowest.Load()).Round(time.Millisecond))
		if during < 3 || stats.failed.Load() > 0 {
			t.Errorf("UI loop: %d pages answered during the crawl (%v), %d failed (%s), slowest %v; want some, and none failed", during, took, stats.failed.Load(), stats.lastErr(), time.Duration(stats.slowest.Load()))
		}
		f.open(t, tab, "/runs", "runs")
		if got := texts(t, tab, "tr.run td:first-child"); !slices.Equal(got, []string{"1", "2"}) {
			t.Errorf("runs page after the crawl shows runs %q, want 1 and 2", got)
		}
	})

	t.Run("redirect capture", func(t *testing.T) {
		c := f.captureWhere(t, func(c archive.Capture) bool { return c.RequestedURL == aggregatorOld })
		f.open(t, tab, fmt.Sprintf("/capture/%d", c.ID), "capture-301")
		chain := texts(t, tab, "ol.chain li")
		if len(chain) != 2 || chain[0] != "301 "+aggregatorOld || chain[1] != "200 "+aggregatorCopy {
			t.Errorf("redirect chain %q, want 301 %s then 200 %s", chain, aggregatorOld, aggregatorCopy)
		}
		if got := texts(t, tab, "table.headers.response th"); !slices.Contains(got, "Content-Type") {
			t.Errorf("response headers %q, want Content-Type among them", got)
		}
		if got := texts(t, tab, "td.charset"); len(got) != 1 || got[0] != "utf-8, decided by utf8-valid (confidence 100%)" {
			t.Errorf("charset evidence %q", got)
		}
		if got := texts(t, tab, "td.run"); len(got) != 1 || !strings.HasPrefix(got[0], "run 2,") {
			t.Errorf("run %q, want run 2", got)
		}
		if got := texts(t, tab, "td.rule"); !slices.Equal(got, []string{"aggregator"}) {
			t.Errorf("rule %q, want aggregator", got)
		}
		f.open(t, tab, "/url?u="+url.QueryEscape(aggregatorCopy), "history")
		if got := texts(t, tab, "td.change"); len(got) < 2 || got[0] != "new" {
			t.Errorf("history of %s: %q, want the first capture new and a later one", aggregatorCopy, got)
		}
	})

	t.Run("hostile capture", func(t *testing.T) {
		code, out, stderr := f.prov("crawl", "--db", f.db, "--allow-private", "--max-depth", "0", "--delay", "0", "--quiet", f.hostile.URL+"/article.html")
		if code != exitOK {
			t.Fatalf("crawl the hostile page: exit %d\n%s%s", code, out, stderr)
		}
		c := f.captureWhere(t, func(c archive.Capture) bool { return strings.HasSuffix(c.URL, "/article.html") })
		if last := f.indexed(t); last != c.ID {
			t.Errorf("after the crawl the search index has read up to capture %d, want its last capture %d", last, c.ID)
		}
		path := fmt.Sprintf("/capture/%d", c.ID)
		hostileBefore := f.hostileN.Load()
		f.open(t, tab, path, "capture-hostile")
		if err := chromedp.Do(tab, chromedp.Sleep(time.Second)); err != nil { // time for a script, a refresh, a beacon
			t.Fatal(err)
		}
		want := fmt.Sprintf("Capture %d — prov", c.ID)
		if got := eval[string](t, tab, "document.title"); got != want {
			t.Errorf("the top page's title became %q, want %q", got, want)
		}
		if got := eval[string](t, tab, "location.href"); got != f.ui.URL+path {
			t.Errorf("the top page's URL became %s, want %s", got, f.ui.URL+path)
		}
		if got := eval[string](t, tab, `document.querySelector("iframe.raw").getAttribute("sandbox")`); got != "" {
			t.Errorf("iframe sandbox=%q, want the attribute with no permission", got)
		}
		// The raw view opened on its own, as a link might: still sandboxed.
		if err := chromedp.Do(tab, chromedp.Navigate(f.ui.URL+path+"/raw"), chromedp.Sleep(time.Second)); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, tab, "document.title"); got == "pwned" {
			t.Error("the raw view opened alone ran the page's script")
		}
		if got := eval[string](t, tab, "location.href"); got != f.ui.URL+path+"/raw" {
			t.Errorf("the raw view opened alone moved to %s", got)
		}
		if n := f.beacon.Load(); n != 0 {
			t.Errorf("/beacon got %d hits from the archived page, want 0", n)
		}
		if n := f.hostileN.Load() - hostileBefore; n != 0 {
			t.Errorf("viewing the capture sent %d requests to the archived site, want 0", n)
		}
		resp, body := get(t, f.ui.URL+path+"/raw")
		for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
			if got := resp.Header.Get(k); got != want {
				t.Errorf("raw view %s: %q, want %q", k, got, want)
			}
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.HasPrefix(csp, "sandbox;") || strings.Contains(csp, "allow-") {
			t.Errorf("raw view CSP %q: want sandbox with no allow-scripts or allow-same-origin", csp)
		}
		if string(body) != hostilePage {
			t.Error("the raw view does not answer with the stored bytes")
		}
		resp, body = get(t, f.ui.URL+path+"/download")
		sum := sha256.Sum256(body)
		if got := hex.EncodeToString(sum[:]); got != c.PayloadSHA256 {
			t.Errorf("download sha256 %s, want the stored payload's %s", got, c.PayloadSHA256)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
			t.Errorf("download Content-Disposition %q, want an attachment", cd)
		}
	})

	t.Run("verify", func(t *testing.T) {
		f.open(t, tab, "/verify", "verify")
		if got := texts(t, tab, "p.verify strong"); !slices.Equal(got, []string{"0 findings"}) {
			t.Errorf("verify: %q, want 0 findings", got)
		}
	})

	t.Run("every request to the server's own origin", func(t *testing.T) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if len(f.order) < 10 {
			t.Fatalf("the browser recorded %d requests; the network events did not arrive", len(f.order))
		}
		// A request to another origin that the page's Content-Security-
		// Policy blocked never left the browser; any other one did.
		var sent, cspBlocked int
		for _, id := range f.order {
			u := f.requests[id]
			switch {
			case strings.HasPrefix(u, f.ui.URL+"/"):
				sent++
			case f.blocked[id] == network.BlockedReasonCsp:
				cspBlocked++
			default:
				t.Errorf("the browser requested %s, outside %s (blocked: %q)", u, f.ui.URL, f.blocked[id])
			}
		}
		t.Logf("the browser began %d requests: %d to the server's origin, %d to other origins, each blocked by the Content-Security-Policy before it was sent", len(f.order), sent, cspBlocked)
		if cspBlocked == 0 {
			t.Error("the hostile page's references to other origins were not seen: the check above saw nothing to refuse")
		}
		if n := f.beacon.Load(); n != 0 {
			t.Errorf("/beacon hits: %d", n)
		}
	})

	t.Run("safety headers", func(t *testing.T) {
		for _, p := range []string{"/", "/runs", "/search?q=x", "/diff?a=" + url.QueryEscape(secportalCopy), "/capture/1"} {
			resp, _ := get(t, f.ui.URL+p)
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'self'") || resp.StatusCode != 200 {
				t.Errorf("%s: status %d, CSP %q", p, resp.StatusCode, csp)
			}
		}
	})
}

// workTexts are the text hashes of the copies of the work whose original is url.
func workTexts(t *testing.T, db, orig string) []string {
	t.Helper()
	d, err := archive.Open(db, archive.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	works, err := d.WorksBy(trace.Similarity())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, w := range works {
		if w.Original.URL == orig {
			for _, c := range w.Copies {
				if !slices.Contains(out, c.TextSHA256) {
					out = append(out, c.TextSHA256)
				}
			}
		}
	}
	if len(out) < 2 {
		t.Fatalf("the work of %s has texts %q", orig, out)
	}
	return out
}

// loopStats counts what the UI loop got.
type loopStats struct {
	ok, failed atomic.Int64
	slowest    atomic.Int64 // nanoseconds
	mu         sync.Mutex
	err        string
}

func (s *loopStats) lastErr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// loop requests UI pages ten times a second, as archivists browsing
// would, each request on its own (a slow answer does not slow the
// others), until stop is called; stop waits for those in flight.
func (f *uiFixture) loop(t *testing.T) (stop func(), stats *loopStats) {
	stats = &loopStats{}
	pages := []string{"/", "/runs", "/diff?a=" + url.QueryEscape(secportalCopy), "/capture/14", "/search?q=" + url.QueryEscape("网络空间"), "/url?u=" + url.QueryEscape(aggregatorCopy)}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			wg.Add(1)
			go func(page string) {
				defer wg.Done()
				stats.request(f.ui.URL + page)
			}(pages[i%len(pages)])
		}
	}()
	for deadline := time.Now().Add(5 * time.Second); stats.ok.Load() < 3 && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	return func() { close(done); wg.Wait() }, stats
}

// request gets one page and counts how it went.
func (s *loopStats) request(u string) {
	began := time.Now()
	resp, err := http.Get(u)
	for d := int64(time.Since(began)); ; {
		old := s.slowest.Load()
		if d <= old || s.slowest.CompareAndSwap(old, d) {
			break
		}
	}
	if err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			err = fmt.Errorf("%s: %s", u, resp.Status)
		}
	}
	if err != nil {
		s.failed.Add(1)
		s.mu.Lock()
		s.err = err.Error()
		s.mu.Unlock()
		return
	}
	s.ok.Add(1)
}
