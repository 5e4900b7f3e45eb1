package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// onlineParagraphs are the text of onlineSite's original and its copy.
var onlineParagraphs = []string{
	"The Ministry of Water Resources today issued new national guidelines on the protection of river basins and the management of groundwater extraction across all provinces.",
	"Under the guidelines, every provincial authority must publish an annual report on groundwater levels, the volume extracted for agriculture and industry, and the measures taken to restore depleted aquifers.",
	"The guidelines set a target of reducing net groundwater overdraft by forty percent before the end of the decade, with interim targets reviewed every two years by an independent panel of hydrologists.",
	"Local governments are asked to map wetlands and floodplains within eighteen months and to prohibit new construction in areas identified as critical for flood retention.",
	"Industrial users that draw more than ten thousand cubic metres a year will be required to install certified meters and to report their consumption to the basin commission each quarter.",
}

const (
	onlineOriginal = "http://gov.test/doc/1.html"
	onlineMoved    = "http://gov.test/doc/new/1.html"
	onlineCopy     = "http://news.test/a/1.html"
)

// onlineSite serves an official original and a news copy naming it as
// its source; state says what became of the original: "" served as
// crawled, "gone" a 410, "moved" a 301 to onlineMoved, which serves the
// text with one paragraph edited.
type onlineSite struct {
	mu    sync.Mutex
	state string
}

func (s *onlineSite) set(state string) {
	s.mu.Lock()
	s.state = state
	s.mu.Unlock()
}

func (s *onlineSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	edited := append([]string(nil), onlineParagraphs...)
	edited[2] = strings.Replace(edited[2], "forty", "thirty", 1)
	switch u := "http://" + host + r.URL.Path; {
	case u == onlineOriginal && state == "gone":
		http.Error(w, "gone", http.StatusGone)
	case u == onlineOriginal && state == "moved":
		http.Redirect(w, r, "/doc/new/1.html", http.StatusMovedPermanently)
	case u == onlineOriginal:
		onlinePage(w, "2024-03-01T09:00:00+08:00", "Ministry", "", onlineParagraphs)
	case u == onlineMoved && state == "moved":
		onlinePage(w, "2024-03-01T09:00:00+08:00", "Ministry", "", edited)
	case u == onlineCopy:
		onlinePage(w, "2024-03-02", "News", "Ministry", onlineParagraphs)
	default:
		http.NotFound(w, r)
	}
}

func onlinePage(w http.ResponseWriter, date, publisher, source string, paras []string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Groundwater guidelines</title>
<meta property="article:published_time" content="%s"><meta property="og:site_name" content="%s"></head>
<body><div class="nav">Home | News</div><div class="article"><h1>Groundwater guidelines</h1>`, date, publisher)
	if source != "" {
		fmt.Fprintf(w, `<div class="source">Source: %s</div>`, source)
	}
	for _, p := range paras {
		fmt.Fprintf(w, "<p>%s</p>\n", p)
	}
	fmt.Fprint(w, `</div><div class="footer">Copyright. All rights reserved.</div></body></html>`)
}

const onlineRules = `sites:
  - name: gov
    hosts: [gov.test]
    authority: official
    publisher: Ministry
  - name: news
    hosts: [news.test]
    authority: news
    publisher: News
`

// crawlOnline crawls onlineSite's original and copy into a new archive
// and returns the archive's path, the site and the flags that reach it.
func crawlOnline(t *testing.T) (string, *onlineSite, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(onlineRules), 0o644); err != nil {
		t.Fatal(err)
	}
	site := &onlineSite{}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	addr := strings.TrimPrefix(srv.URL, "http://")
	flags := []string{"--connect-to", "gov.test:80:" + addr, "--connect-to", "news.test:80:" + addr}
	db := filepath.Join(dir, "prov.db")
	args := append([]string{"crawl", "--quiet", "--db", db, "--rules", filepath.Join(dir, "rules.yaml"), "--delay", "5ms"}, flags...)
	if code, out, errOut := prov(t, append(args, onlineOriginal, onlineCopy)...); code != 0 {
		t.Fatalf("crawl: exit %d\n%s%s", code, out, errOut)
	}
	return db, site, flags
}

// onlineJSON is what the tests read of prov works --json and prov trace
// --json: the original and its status.
type onlineJSON struct {
	Original struct {
		URL string `json:"url"`
	} `json:"original"`
	Online *struct {
		Status    string `json:"status"`
		Detail    string `json:"detail"`
		NewURL    string `json:"new_url"`
		TextThere string `json:"text_there"`
		Check     *struct {
			CaptureID uint64 `json:"capture_id"`
			RunKind   string `json:"run_kind"`
		} `json:"check"`
		LastFailed *struct {
			Detail string `json:"detail"`
		} `json:"last_check_failed"`
	} `json:"online"`
}

// worksOnline runs prov works and prov works --json and returns the text
// and the one work's JSON.
func worksOnline(t *testing.T, db string) (string, onlineJSON) {
	t.Helper()
	code, text, errOut := prov(t, "works", "--db", db)
	if code != 0 {
		t.Fatalf("works: exit %d\n%s%s", code, text, errOut)
	}
	code, out, errOut := prov(t, "works", "--json", "--db", db)
	var works []onlineJSON
	if err := json.Unmarshal([]byte(out), &works); err != nil || code != 0 || len(works) != 1 {
		t.Fatalf("works --json: exit %d, %v, want one work\n%s%s", code, err, out, errOut)
	}
	if works[0].Original.URL != onlineOriginal {
		t.Fatalf("works elected %s, want %s:\n%s", works[0].Original.URL, onlineOriginal, text)
	}
	return text, works[0]
}

// traceOnline runs prov trace and prov trace --json on the copy.
func traceOnline(t *testing.T, db string) (string, onlineJSON) {
	t.Helper()
	code, text, errOut := prov(t, "trace", "--db", db, onlineCopy)
	if code != 0 {
		t.Fatalf("trace: exit %d\n%s%s", code, text, errOut)
	}
	code, out, errOut := prov(t, "trace", "--json", "--db", db, onlineCopy)
	var j onlineJSON // its online field; the original is under work
	if err := json.Unmarshal([]byte(out), &j); err != nil || code != 0 {
		t.Fatalf("trace --json: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	return text, j
}

func refetchOnline(t *testing.T, db string, flags []string) {
	t.Helper()
	if code, out, errOut := prov(t, refetchArgs(db, flags)...); code != exitPartial && code != 0 {
		t.Fatalf("refetch: exit %d\n%s%s", code, out, errOut)
	}
}

// TestOriginalOnline: prov works and prov trace say what became of the
// original since it was crawled: nothing after one crawl, gone after a
// refetch finds it 410, moved (naming where, and that the text there
// changed) after one that follows its 301; the election stays.
func TestOriginalOnline(t *testing.T) {
	db, site, flags := crawlOnline(t)
	text, w := worksOnline(t, db)
	if strings.Contains(text, "    now: ") || w.Online == nil || w.Online.Status != "not checked" || w.Online.Check != nil {
		t.Errorf("after one crawl: works says a check, or JSON %+v:\n%s", w.Online, text)
	}

	site.set("gone")
	refetchOnline(t, db, flags)
	text, w = worksOnline(t, db)
	if w.Online == nil || w.Online.Status != "gone" || w.Online.Detail != "410 Gone" || w.Online.Check == nil || w.Online.Check.RunKind != "refetch" {
		t.Errorf("after a 410: works --json online %+v", w.Online)
	}
	if want := "  original: " + onlineOriginal + "\n    now: gone, 410 Gone (checked "; !strings.Contains(text, want) || !strings.Contains(text, ", refetch run 2)\n") {
		t.Errorf("after a 410: works lacks %q:\n%s", want, text)
	}
	text, tr := traceOnline(t, db)
	if want := "faithful to the original: yes (same normalised text)\n  the original now: gone, 410 Gone (checked "; !strings.Contains(text, want) {
		t.Errorf("after a 410: trace lacks %q:\n%s", want, text)
	}
	if tr.Online == nil || tr.Online.Status != "gone" {
		t.Errorf("after a 410: trace --json online %+v", tr.Online)
	}

	site.set("moved")
	refetchOnline(t, db, flags)
	text, w = worksOnline(t, db)
	if o := w.Online; o == nil || o.Status != "moved" || o.NewURL != onlineMoved || o.TextThere != "changed" || o.Check == nil {
		t.Errorf("after a 301: works --json online %+v", o)
	}
	if want := "    now: moved to " + onlineMoved + ", another text there (checked "; !strings.Contains(text, want) {
		t.Errorf("after a 301: works lacks %q:\n%s", want, text)
	}
	text, tr = traceOnline(t, db)
	if want := "  the original now: moved to " + onlineMoved + ", another text there (checked "; !strings.Contains(text, want) {
		t.Errorf("after a 301: trace lacks %q:\n%s", want, text)
	}
	if tr.Online == nil || tr.Online.Status != "moved" || tr.Online.NewURL != onlineMoved {
		t.Errorf("after a 301: trace --json online %+v", tr.Online)
	}
}

// TestOriginalOnlineCheckFailed: a refetch that cannot connect leaves the
// status the refetch before it found, and says the last check failed.
func TestOriginalOnlineCheckFailed(t *testing.T) {
	db, site, flags := crawlOnline(t)
	site.set("gone")
	refetchOnline(t, db, flags)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	if code, out, errOut := prov(t, refetchArgs(db, []string{"--connect-to", "gov.test:80:" + closed})...); code != exitPartial {
		t.Fatalf("refused refetch: exit %d\n%s%s", code, out, errOut)
	}
	text, w := worksOnline(t, db)
	if o := w.Online; o == nil || o.Status != "gone" || o.LastFailed == nil || !strings.HasSuffix(o.LastFailed.Detail, "connection refused") {
		t.Errorf("after a refused refetch: works --json online %+v", o)
	}
	if !strings.Contains(text, "    now: gone, 410 Gone (checked ") || !strings.Contains(text, "\n      but its last check failed: connection refused (") {
		t.Errorf("after a refused refetch: works says:\n%s", text)
	}
	text, _ = traceOnline(t, db)
	if !strings.Contains(text, "  the original now: gone, 410 Gone") || !strings.Contains(text, "    but its last check failed: connection refused (") {
		t.Errorf("after a refused refetch: trace says:\n%s", text)
	}
}
