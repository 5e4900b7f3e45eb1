package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/prov-archive/prov/watch"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/testweb"
	"github.com/prov-archive/prov/textdiff"
)

// alteredWeb serves the mini-web as it might look some time after a
// crawl: edited pages, moved pages (301 to a new path serving the old
// page), and gone pages (404). Keys are host+path. hold, when set, stalls
// every request until it is closed, after saying so on arrived.
type alteredWeb struct {
	web     *testweb.Web
	edit    map[string]func([]byte) []byte
	move    map[string]string // old host+path → new path
	gone    map[string]bool
	hold    chan struct{}
	arrived chan struct{}
}

func (a *alteredWeb) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if a.hold != nil {
		select {
		case a.arrived <- struct{}{}:
		default:
		}
		<-a.hold
	}
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	key := host + r.URL.Path
	for old, to := range a.move {
		if strings.HasPrefix(old, host+"/") && to == r.URL.Path {
			r = r.Clone(r.Context())
			r.URL.Path = strings.TrimPrefix(old, host)
		}
	}
	switch {
	case a.gone[key]:
		http.NotFound(w, r)
	case a.move[key] != "":
		http.Redirect(w, r, a.move[key], http.StatusMovedPermanently)
	case a.edit[key] != nil:
		rec := httptest.NewRecorder()
		a.web.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			if k != "Content-Length" && k != "Etag" {
				w.Header()[k] = v
			}
		}
		w.WriteHeader(rec.Code)
		w.Write(a.edit[key](rec.Body.Bytes()))
	default:
		a.web.ServeHTTP(w, r)
	}
}

// serveAltered serves a on loopback and returns the --connect-to flags
// that reach every mini-web site through it.
func serveAltered(t *testing.T, a *alteredWeb) []string {
	t.Helper()
	if a.web == nil {
		a.web = testweb.New()
	}
	srv := httptest.NewServer(a)
	t.Cleanup(srv.Close)
	addr := strings.TrimPrefix(srv.URL, "http://")
	var flags []string
	for _, s := range testweb.Sites() {
		flags = append(flags, "--connect-to", s.Host+":80:"+addr)
	}
	return flags
}

// refetchArgs are the arguments of prov verify --refetch on db.
func refetchArgs(db string, flags []string, more ...string) []string {
	args := []string{"verify", "--refetch", "--db", db, "--delay", "5ms", "--rules", filepath.Join(filepath.Dir(db), "rules.yaml")}
	return append(append(args, flags...), more...)
}

// articleURL is the URL of the mini-web's article of work with relation.
func articleURL(t *testing.T, work, relation string) string {
	t.Helper()
	for _, a := range testweb.Articles() {
		if a.Work == work && a.Relation == relation {
			return a.URL
		}
	}
	t.Fatalf("no %s of %s", relation, work)
	return ""
}

// archivedOriginals are the URLs of the works' originals as the archive
// elected them (not testweb's truth: under -race, clean's time budget may
// cut a CJK page short and the election with it).
func archivedOriginals(t *testing.T, db string) []string {
	t.Helper()
	var out []string
	readArchive(t, db, func(a *archive.DB) {
		works, err := a.WorksBy(similarity())
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range works {
			out = append(out, w.Original.URL)
		}
	})
	return out
}

// readArchive runs fn on the archive at path, opened read-only.
func readArchive(t *testing.T, path string, fn func(db *archive.DB)) {
	t.Helper()
	db, err := archive.Open(path, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fn(db)
}

func TestRefetchUnchanged(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	origs := archivedOriginals(t, db)
	before := map[string]int{}
	var payloads int
	readArchive(t, db, func(a *archive.DB) {
		for _, u := range origs {
			h, _ := a.History(u)
			before[u] = len(h)
		}
		st, _ := a.Stats()
		payloads = st.Payloads
	})
	code, out, stderr := prov(t, refetchArgs(db, serveAltered(t, &alteredWeb{}))...)
	if code != exitOK {
		t.Fatalf("exit %d, want 0\nstdout %s\nstderr %s", code, out, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(origs) {
		t.Fatalf("want one line per original (%d):\n%s", len(origs), out)
	}
	for _, u := range origs {
		if !strings.Contains(out, "unchanged  "+u+" (payload identical)\n") {
			t.Errorf("%s not reported unchanged:\n%s", u, out)
		}
	}
	if !strings.Contains(stderr, ": 0 findings") || !strings.Contains(stderr, fmt.Sprintf("%d unchanged, 0 changed, 0 moved, 0 gone", len(origs))) {
		t.Errorf("stderr lacks the fixity summary or the counts:\n%s", stderr)
	}
	readArchive(t, db, func(a *archive.DB) {
		for _, u := range origs {
			h, _ := a.History(u)
			if len(h) != before[u]+1 || h[len(h)-1].Kind != archive.KindRevisit {
				t.Errorf("%s: %d captures (was %d), last %+v; want one more, a revisit", u, len(h), before[u], h[len(h)-1].Kind)
			}
		}
		st, _ := a.Stats()
		runs, _ := a.Runs()
		last := runs[len(runs)-1]
		if st.Payloads != payloads {
			t.Errorf("payloads %d → %d: a revisit must not store a blob", payloads, st.Payloads)
		}
		if len(last.Seeds) != len(origs) || last.Status != archive.RunDone || last.Unchanged != len(origs) || last.Kind != archive.RunRefetch {
			t.Errorf("refetch run %+v: want the originals as seeds, done, all unchanged, of kind refetch", last)
		}
		if first := runs[0]; first.Kind != "" {
			t.Errorf("crawl run %+v: want no kind", first)
		}
	})
	// prov runs tells the two apart.
	_, out, _ = prov(t, "runs", "--db", db)
	rows := strings.Split(strings.TrimSpace(out), "\n")
	if len(rows) < 3 || !strings.Contains(rows[0], "  kind  ") || !strings.Contains(rows[1], "  crawl  ") || !strings.Contains(rows[len(rows)-1], "  refetch  ") {
		t.Errorf("prov runs does not say which run was the refetch:\n%s", out)
	}
}

func TestRefetchUsage(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	cases := []struct {
		args []string
		msg  string
	}{
		{refetchArgs(db, nil, "http://www.example.test/never"), "http://www.example.test/never is not archived"},
		{[]string{"verify", "--db", db, articleURL(t, "concept-2019", "original")}, "--refetch"},
		{[]string{"verify", "--db", db, "--delay", "1s"}, "--delay needs --refetch"},
		// the originals were captured under the crawl's rules: without
		// them, a refetch would lose their authority and move the election
		{[]string{"verify", "--refetch", "--db", db, "--delay", "5ms", articleURL(t, "concept-2019", "original")}, "was captured under site rule"},
	}
	for _, c := range cases {
		code, _, stderr := prov(t, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.msg) {
			t.Errorf("prov %v: exit %d %q, want %d and %q", c.args, code, stderr, exitUsage, c.msg)
		}
	}
}

// uniqueWord finds a word of one archived paragraph that occurs once in
// the page's bytes and once in the text, to edit that paragraph alone.
func uniqueWord(t *testing.T, text string, body []byte) string {
	t.Helper()
	for _, p := range textdiff.Paragraphs(text) {
		for _, w := range strings.Fields(p) {
			if len(w) >= 7 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" &&
				bytes.Count(body, []byte(w)) == 1 && strings.Count(text, w) == 1 {
				return w
			}
		}
	}
	t.Fatal("no word to edit")
	return ""
}

// changedWeb edits one paragraph of the English white paper, moves the
// 2019 concept paper and removes the Chinese white paper's official copy.
func changedWeb(t *testing.T, db string) (a *alteredWeb, changed, moved, newURL, gone string) {
	changed, moved = articleURL(t, "whitepaper-en", "original"), articleURL(t, "concept-2019", "original")
	gone = articleURL(t, "whitepaper-zh", "original")
	var text string
	readArchive(t, db, func(d *archive.DB) {
		h, _ := d.History(changed)
		if sha := h[len(h)-1].TextSHA256; sha == "" {
			// clean gives a page 180ms; a loaded -race run can cut it short.
			t.Fatalf("%s archived without a text (error %q): clean ran out of time?", changed, h[len(h)-1].Error)
		} else if doc, err := d.Document(sha); err != nil {
			t.Fatal(err)
		} else {
			text = doc.Text
		}
	})
	web := testweb.New()
	rec := httptest.NewRecorder()
	web.ServeHTTP(rec, httptest.NewRequest("GET", changed, nil))
	word := uniqueWord(t, text, rec.Body.Bytes())
	cu, mu, gu := mustParse(t, changed), mustParse(t, moved), mustParse(t, gone)
	newPath := strings.Replace(mu.Path, "content_", "content_9", 1)
	a = &alteredWeb{web: web,
		edit: map[string]func([]byte) []byte{cu.Host + cu.Path: func(b []byte) []byte {
			return bytes.Replace(b, []byte(word), []byte("REFETCHED"), 1)
		}},
		move: map[string]string{mu.Host + mu.Path: newPath},
		gone: map[string]bool{gu.Host + gu.Path: true},
	}
	return a, changed, moved, "http://" + mu.Host + newPath, gone
}

func mustParse(t *testing.T, raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestRefetchChangedMovedGone names the three URLs rather than relying on
// the election (see archivedOriginals); TestRefetchUnchanged covers the
// originals of every work.
func TestRefetchChangedMovedGone(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	web, changed, moved, newURL, gone := changedWeb(t, db)
	flags := serveAltered(t, web)
	code, out, stderr := prov(t, refetchArgs(db, flags, changed, moved, gone)...)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d\nstdout %s\nstderr %s", code, exitPartial, out, stderr)
	}
	for _, want := range []string{
		"changed    " + changed + ": 1 paragraph changed\n",
		"moved      " + moved + " -> " + newURL + " (301 Moved Permanently; moved+unchanged (payload identical))\n",
		"gone       " + gone + " (404 Not Found)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\nparagraph "); n != 1 || !strings.Contains(out, "{+REFETCHED+}") {
		t.Errorf("diff shows %d paragraphs, want exactly the edited one marked {+REFETCHED+}:\n%s", n, out)
	}
	code, showOut, _ := prov(t, "show", "--db", db, changed)
	if code != 0 || !strings.Contains(showOut, "2 versions") {
		t.Errorf("prov show %s: exit %d, want both versions listed:\n%s", changed, code, showOut)
	}

	// Again with --json for the moved and the gone one: the same answers,
	// one object per URL, each naming its new capture.
	code, out, _ = prov(t, refetchArgs(db, flags, "--json", moved, gone)...)
	got := map[string]map[string]any{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		got[m["url"].(string)] = m
	}
	if code != exitPartial || len(got) != 2 {
		t.Fatalf("--json: exit %d, %d objects:\n%s", code, len(got), out)
	}
	if m := got[moved]; m["status"] != "moved" || m["new_url"] != newURL || !(m["capture_id"].(float64) > 0) ||
		!strings.Contains(m["detail"].(string), "moved+unchanged") {
		t.Errorf("moved: %v", m)
	}
	if m := got[gone]; m["status"] != "gone" || m["detail"] != "404 Not Found" || m["diff"] != nil {
		t.Errorf("gone: %v", m)
	}

	// A host that refuses connections: failed, saying so, not gone: a
	// server down for the night is not a page removed.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	host := mustParse(t, changed).Host
	code, out, _ = prov(t, refetchArgs(db, []string{"--connect-to", host + ":80:" + closed}, changed)...)
	if code != exitPartial || !strings.HasPrefix(out, "failed     "+changed+" (connection refused: ") {
		t.Errorf("refused: exit %d, output %q", code, out)
	}
}

// TestRefetchRunLock: a refetch is refused (75) while a crawl holds the
// run lock, and holds it itself while it fetches, refusing a crawl.
func TestRefetchRunLock(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	lock, err := archive.LockRun(db, "prov crawl (test)", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := prov(t, refetchArgs(db, nil)...)
	lock.Release()
	if code != exitLocked || !strings.Contains(stderr, "prov crawl (test)") {
		t.Fatalf("refetch during a crawl: exit %d, want %d: %s", code, exitLocked, stderr)
	}
	web := &alteredWeb{hold: make(chan struct{}), arrived: make(chan struct{}, 1)}
	flags := serveAltered(t, web)
	done := make(chan int)
	go func() {
		code, _, _ := prov(t, refetchArgs(db, flags)...)
		done <- code
	}()
	<-web.arrived
	code, _, stderr = prov(t, "crawl", "--db", db, "http://www.example.test/")
	close(web.hold)
	if code != exitLocked || !strings.Contains(stderr, "verify --refetch") {
		t.Errorf("crawl during a refetch: exit %d, want %d: %s", code, exitLocked, stderr)
	}
	if code := <-done; code != exitOK {
		t.Errorf("refetch exit %d, want 0", code)
	}
}

// A refetch that could not reach an original says so, not that the
// original changed, moved or went away.
func TestRefetchProblems(t *testing.T) {
	for _, c := range []struct {
		counts watch.Counts
		want   string
	}{
		{watch.Counts{watch.Unchanged: 3}, ""},
		{watch.Counts{watch.Failed: 3}, "3 originals could not be fetched"},
		{watch.Counts{watch.Changed: 1, watch.Gone: 1, watch.Failed: 1}, "2 originals changed, moved or gone; 1 original could not be fetched"},
	} {
		if got := refetchProblems(c.counts); got != c.want {
			t.Errorf("refetchProblems(%v) = %q, want %q", c.counts, got, c.want)
		}
	}
}
