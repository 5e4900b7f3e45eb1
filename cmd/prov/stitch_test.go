package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
	"github.com/prov-archive/prov/rules"
)

// pagedHost serves one article split over three pages, as a Chinese
// government CMS prints it: c100.htm, c100_2.htm, c100_3.htm with an
// 上一页 1 2 3 下一页 bar, and a 下一篇 link to another article.
const pagedHost = "www.paged.test"

var pagedPaths = []string{"/zw/2022-11/07/c100.htm", "/zw/2022-11/07/c100_2.htm", "/zw/2022-11/07/c100_3.htm"}

func pagedURL(i int) string { return "http://" + pagedHost + pagedPaths[i] }

// pagedSite is the server's state: each page's marker word (its text
// changes with it) and the pages that answer 404.
type pagedSite struct {
	mu      sync.Mutex
	words   []string
	missing map[int]bool
}

func (s *pagedSite) set(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn()
}

func (s *pagedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range pagedPaths {
		if r.URL.Path == p && !s.missing[i] {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, pagedHTML(i, s.words[i]))
			return
		}
	}
	http.NotFound(w, r)
}

// pageText is page i's text: three paragraphs carrying word.
func pageText(i int, word string) []string {
	var ps []string
	for k := 1; k <= 3; k++ {
		ps = append(ps, fmt.Sprintf("第%d页第%d段：%s。网络空间是人类共同的活动空间，网络空间前途命运应由世界各国共同掌握，各国应加强沟通、扩大共识、深化合作。", i+1, k, word))
	}
	return ps
}

func pagedHTML(i int, word string) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>分页的文章_政府网</title></head><body>`)
	b.WriteString(`<div class="nav"><a href="/">首页</a> <a href="/zw/">政务</a></div><div class="article"><h1>分页的文章</h1>`)
	b.WriteString(`<div class="info">发布时间：2022-11-07 10:00　来源：国务院新闻办公室</div><div id="zoom">`)
	for _, p := range pageText(i, word) {
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`</div><div class="page">`)
	name := func(k int) string { return filepath.Base(pagedPaths[k]) }
	if i > 0 {
		fmt.Fprintf(&b, `<a href="%s">上一页</a> `, name(i-1))
	}
	for k := range pagedPaths {
		fmt.Fprintf(&b, `<a href="%s">%d</a> `, name(k), k+1)
	}
	if i < len(pagedPaths)-1 {
		fmt.Fprintf(&b, `<a href="%s">下一页</a>`, name(i+1))
	}
	b.WriteString(`</div><div class="pn">下一篇：<a href="c101.htm">另一篇文章</a></div></div></body></html>`)
	return b.String()
}

// startPaged serves a pagedSite on loopback; it returns the site and the
// --connect-to flag that reaches it.
func startPaged(t *testing.T) (*pagedSite, []string) {
	t.Helper()
	site := &pagedSite{words: []string{"甲", "乙", "丙"}, missing: map[int]bool{}}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	host, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return site, []string{"--connect-to", pagedHost + ":80:" + host + ":" + port}
}

// crawlPaged runs prov crawl into db from seeds and returns its exit code
// and output.
func crawlPaged(t *testing.T, db string, ct []string, depth int, seeds ...string) (int, string) {
	t.Helper()
	args := append([]string{"crawl", "--db", db, "--delay", "0", "--parallel", "1", "--progress", "never", "--max-depth", fmt.Sprint(depth)}, ct...)
	code, out, stderr := prov(t, append(args, seeds...)...)
	if code != 0 && code != exitPartial {
		t.Fatalf("crawl exit %d: %s\n%s", code, stderr, out)
	}
	return code, out
}

// stitchedCaptures lists the stitched captures of the first page.
func stitchedCaptures(t *testing.T, db string) []archive.Capture {
	t.Helper()
	d, err := openForRead(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	hist, err := d.History(pagedURL(0))
	if err != nil {
		t.Fatal(err)
	}
	var out []archive.Capture
	for _, c := range hist {
		if c.Kind == archive.KindStitched {
			out = append(out, c)
		}
	}
	return out
}

// checkStitchedExport checks that the export has one line for the
// article, at the first page's URL, with the pages' texts in order.
func checkStitchedExport(t *testing.T, db string, words ...string) {
	t.Helper()
	var line map[string]any
	for _, r := range exported(t, db) {
		switch r["url"] {
		case pagedURL(0):
			line = r
		case pagedURL(1), pagedURL(2):
			t.Errorf("a page of the stitched article is exported as a copy: %v", r["url"])
		}
	}
	if line == nil {
		t.Fatal("the article is not exported")
	}
	text, _ := line["text"].(string)
	var want []string
	for i, w := range words {
		want = append(want, pageText(i, w)...)
	}
	if text != strings.Join(want, "\n\n") {
		t.Errorf("stitched text = %q, want the three pages' paragraphs in order", text)
	}
	pages, _ := line["pages"].([]any)
	if len(pages) != 3 {
		t.Fatalf("pages = %v, want 3", line["pages"])
	}
	for i, p := range pages {
		if u := p.(map[string]any)["url"]; u != pagedURL(i) {
			t.Errorf("page %d = %v, want %s", i+1, u, pagedURL(i))
		}
	}
	if line["published"] != "2022-11-07T10:00:00+08:00" || line["attribution"] != "国务院新闻办公室" || line["title"] != "分页的文章" {
		t.Errorf("metadata: %v %v %v", line["published"], line["attribution"], line["title"])
	}
}

func verifyClean(t *testing.T, db string) {
	t.Helper()
	if code, out, stderr := prov(t, "verify", "--db", db); code != 0 {
		t.Errorf("verify exit %d:\n%s%s", code, out, stderr)
	}
}

// TestStitchPagesInReverseOrder archives the last page, then the second,
// then the first, one run each (the site publishes them in that order):
// nothing is stitched until the first page is in, and the runs before say
// what is missing.
func TestStitchPagesInReverseOrder(t *testing.T) {
	site, ct := startPaged(t)
	db := filepath.Join(t.TempDir(), "prov.db")
	site.set(func() { site.missing = map[int]bool{0: true, 1: true} })
	_, out := crawlPaged(t, db, ct, 3, pagedURL(2))
	if !strings.Contains(out, "not stitched, incomplete: "+pagedURL(2)+": no first page leads to "+pagedURL(2)) {
		t.Errorf("run 1 summary does not name the missing first page:\n%s", out)
	}
	site.set(func() { site.missing = map[int]bool{0: true} })
	crawlPaged(t, db, ct, 3, pagedURL(1))
	if n := len(stitchedCaptures(t, db)); n != 0 {
		t.Fatalf("%d stitched captures before the first page is in", n)
	}
	site.set(func() { site.missing = map[int]bool{} })
	_, out = crawlPaged(t, db, ct, 3, pagedURL(0))
	if !strings.Contains(out, "stitched: "+pagedURL(0)+" (3 pages)") {
		t.Errorf("run 3 summary:\n%s", out)
	}
	checkStitchedExport(t, db, "甲", "乙", "丙")
	verifyClean(t, db)
	code, show, _ := prov(t, "show", "--db", db, pagedURL(1))
	if code != 0 || !strings.Contains(show, "stitched as capture") || !strings.Contains(show, "* page 2") {
		t.Errorf("show page 2:\n%s", show)
	}
	code, trace, _ := prov(t, "trace", "--db", db, pagedURL(0))
	if code != 0 || !strings.Contains(trace, "page 3: "+pagedURL(2)) {
		t.Errorf("trace does not list the pages:\n%s", trace)
	}
	out = filepath.Join(t.TempDir(), "bundle")
	if code, _, stderr := prov(t, "export", "--format", "bundle", "--db", db, "--out", out); code != 0 {
		t.Fatalf("bundle: %s", stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "texts", pagedHost, "*"))
	if len(files) != 1 {
		t.Fatalf("bundle texts %v, want the article once", files)
	}
	b, _ := os.ReadFile(files[0])
	if want := "pages: " + pagedURL(0) + " " + pagedURL(1) + " " + pagedURL(2) + "\n"; !strings.Contains(string(b), want) {
		t.Errorf("front matter lacks %q:\n%s", want, b)
	}
}

// TestInspectShowsPages: prov inspect names a page's place in its article.
func TestInspectShowsPages(t *testing.T) {
	_, ct := startPaged(t)
	code, out, stderr := prov(t, append(append([]string{"inspect"}, ct...), pagedURL(1))...)
	want := "page:        2 of an article split over pages; previous " + pagedURL(0) + ", next " + pagedURL(2)
	if code != 0 || !strings.Contains(out, want) {
		t.Errorf("inspect exit %d %s, want %q in:\n%s", code, stderr, want, out)
	}
}

// TestStitchMissingPage: a page that answers 404 leaves the article
// unstitched, its pages their own copies, and the summary names the page.
func TestStitchMissingPage(t *testing.T) {
	site, ct := startPaged(t)
	site.set(func() { site.missing[2] = true })
	db := filepath.Join(t.TempDir(), "prov.db")
	code, out := crawlPaged(t, db, ct, 3, pagedURL(0))
	if code != exitPartial {
		t.Errorf("exit %d, want %d (a page failed)", code, exitPartial)
	}
	want := "not stitched, incomplete: " + pagedURL(0) + ": page 3 " + pagedURL(2) + " is not archived (HTTP 404)"
	if !strings.Contains(out, want) {
		t.Errorf("summary lacks %q:\n%s", want, out)
	}
	if n := len(stitchedCaptures(t, db)); n != 0 {
		t.Errorf("%d stitched captures of an incomplete article", n)
	}
	urls := map[any]bool{}
	for _, r := range exported(t, db) {
		urls[r["url"]] = true
		if r["pages"] != nil {
			t.Errorf("%v exported with pages", r["url"])
		}
	}
	if !urls[pagedURL(0)] || !urls[pagedURL(1)] {
		t.Errorf("the pages of an incomplete article must stay their own copies: %v", urls)
	}
	_, show, _ := prov(t, "show", "--db", db, pagedURL(1))
	if !strings.Contains(show, "not stitched, incomplete: page 3") {
		t.Errorf("show:\n%s", show)
	}
	verifyClean(t, db)
}

// TestStitchRecrawl: an unchanged re-crawl writes no new stitched
// capture; a changed page 2 writes a new one, and the old one stays.
func TestStitchRecrawl(t *testing.T) {
	site, ct := startPaged(t)
	db := filepath.Join(t.TempDir(), "prov.db")
	crawlPaged(t, db, ct, 3, pagedURL(0))
	first := stitchedCaptures(t, db)
	if len(first) != 1 {
		t.Fatalf("%d stitched captures after the first crawl, want 1", len(first))
	}
	_, out := crawlPaged(t, db, ct, 3, pagedURL(0))
	if got := stitchedCaptures(t, db); len(got) != 1 || strings.Contains(out, "stitched:") {
		t.Fatalf("unchanged re-crawl: %d stitched captures, want 1; summary:\n%s", len(got), out)
	}
	checkStitchedExport(t, db, "甲", "乙", "丙")

	site.set(func() { site.words[1] = "乙改" })
	crawlPaged(t, db, ct, 3, pagedURL(0))
	got := stitchedCaptures(t, db)
	if len(got) != 2 || got[0].ID != first[0].ID || got[0].TextSHA256 == got[1].TextSHA256 {
		t.Fatalf("changed page 2: stitched captures %+v, want the old one and a new one", got)
	}
	if p := got[1].Pages; p[1].CaptureID == got[0].Pages[1].CaptureID || p[0].TextSHA256 != got[0].Pages[0].TextSHA256 {
		t.Errorf("new version's pages %+v, old %+v", p, got[0].Pages)
	}
	checkStitchedExport(t, db, "甲", "乙改", "丙")
	verifyClean(t, db)
}

// TestStitchRepairedAfterKill: pages written by a run killed before its
// stitch sweep are stitched by the next run, whatever it crawls.
func TestStitchRepairedAfterKill(t *testing.T) {
	_, ct := startPaged(t)
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := openForWrite(path, "test")
	if err != nil {
		t.Fatal(err)
	}
	run, err := db.BeginRun(nil, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg := crawl.Config{AllowPrivate: true}
	for _, spec := range ct[1:] {
		c, _ := crawl.ParseConnectTo(spec)
		cfg.ConnectTo = append(cfg.ConnectTo, c)
	}
	set, _ := rules.Merge()
	for i := range pagedPaths {
		p, err := crawl.Fetch(context.Background(), cfg, pagedURL(i))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Write([]archive.Entry{ingest.Entry(p, set, run.ID, archive.Previous{})}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close() // killed: no sweep, no end of run
	if n := len(stitchedCaptures(t, path)); n != 0 {
		t.Fatalf("%d stitched captures before the repair", n)
	}
	_, out := crawlPaged(t, path, ct, 0, "http://"+pagedHost+"/nothing-here.htm")
	if !strings.Contains(out, "stitched: "+pagedURL(0)) {
		t.Errorf("the next run did not stitch the article:\n%s", out)
	}
	checkStitchedExport(t, path, "甲", "乙", "丙")
	verifyClean(t, path)
}
