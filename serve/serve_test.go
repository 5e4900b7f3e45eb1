package serve

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// hostileTitle and hostileURL are what an archived page may carry.
const (
	hostileTitle = `</title><script>alert("title")</script>`
	hostileURL   = `http://evil.test/"><img src=x onerror=alert(1)><script>alert(1)</script>`
)

// newTestServer writes a small archive (a copy of one text with a
// hostile title, and a failure) and serves it.
func newTestServer(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	text := "网络空间是人类共同的活动空间。\n\nA shared future in cyberspace."
	payload := "<html><head><title>x</title></head><body><p>" + text + "</p><script>alert(2)</script></body></html>"
	return serveArchive(t, []archive.Entry{{
		Capture: archive.Capture{RequestedURL: hostileURL, FinalURL: hostileURL, URL: hostileURL, Method: "GET", Status: 200,
			FetchStart: t0, FetchEnd: t0, ToolVersion: "test", Title: hostileTitle, TextSHA256: archive.Sum([]byte(text)).String(),
			ResponseHeader: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}}, Charset: "utf-8"},
		Payload: []byte(payload), Text: text,
	}, {
		Capture: archive.Capture{RequestedURL: "http://gone.test/", URL: "http://gone.test/", Method: "GET", Kind: archive.KindFailed,
			Error: "dns: no such host", FetchStart: t0, FetchEnd: t0, ToolVersion: "test"},
	}})
}

// serveArchive writes a new archive, each batch in a write of its own,
// and serves it; it returns the server and the archive's path.
func serveArchive(t *testing.T, batches ...[]archive.Entry) (*httptest.Server, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if _, err = db.Write(b); err != nil {
			break
		}
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{DB: path, TempDir: dir, OpenTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, path
}

func fetch(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestPagesEscapeArchivedText(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, p := range []string{"/", "/capture/1", "/url?u=" + url.QueryEscape("http://gone.test/"), "/search?q=" + url.QueryEscape("网络空间"), "/diff?a=1&b=1"} {
		resp, body := fetch(t, ts.URL+p)
		if resp.StatusCode != 200 {
			t.Errorf("%s: %s\n%.400s", p, resp.Status, body)
			continue
		}
		if strings.Contains(body, "<script") || strings.Contains(body, `"><img`) {
			t.Errorf("%s: an archived title or URL reached the page unescaped", p)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); csp != uiCSP {
			t.Errorf("%s: CSP %q, want %q", p, csp, uiCSP)
		}
		for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
			if got := resp.Header.Get(k); got != want {
				t.Errorf("%s: %s %q, want %q", p, k, got, want)
			}
		}
	}
}

func TestRawAndDownload(t *testing.T) {
	ts, _ := newTestServer(t)
	resp, body := fetch(t, ts.URL+"/capture/1/raw")
	if resp.Header.Get("Content-Security-Policy") != rawCSP || !strings.Contains(body, "<script>alert(2)</script>") {
		t.Errorf("raw view: CSP %q, body %.100q", resp.Header.Get("Content-Security-Policy"), body)
	}
	resp, body = fetch(t, ts.URL+"/capture/1/download")
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename=capture-1.html` {
		t.Errorf("download: Content-Disposition %q", cd)
	}
	if got := archive.Sum([]byte(body)).String(); got != resp.Header.Get("X-Payload-SHA256") {
		t.Errorf("download: sha256 %s, header says %s", got, resp.Header.Get("X-Payload-SHA256"))
	}
	if resp, _ := fetch(t, ts.URL+"/capture/2/raw"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("raw view of a failure: %s, want 404", resp.Status)
	}
}

func TestBadRequests(t *testing.T) {
	ts, dir := newTestServer(t)
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	if err := os.WriteFile(secret, []byte("网络空间 secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path   string
		status int
		says   string
	}{
		{"/works?relation=cousin", 400, `relation &#34;cousin&#34;: want one of original, identical, near, excerpt`},
		{"/works?from=2022%2F11%2F07", 400, `from &#34;2022/11/07&#34;: want a date as YYYY-MM-DD`},
		{"/works?page=0", 400, "want a number from 1"},
		{"/work/nothex", 400, "want a work&#39;s ID: 8 to 64 hex digits"},
		{"/work/0000000", 400, "want a work&#39;s ID: 8 to 64 hex digits"},
		{"/work/000000000000", 404, "no work 000000000000"},
		{"/capture/abc", 400, `capture &#34;abc&#34;: want a capture number`},
		{"/capture/99", 404, "capture 99"},
		{"/diff", 400, "diff needs a"},
		{"/diff?a=" + url.QueryEscape(secret) + "&b=1", 400, "is not a capture number, a URL or a text hash (8 to 64 hex digits)"}, // a path is never read
		{"/diff?a=4ce7&b=1", 400, "is not a capture number, a URL or a text hash"},
		{"/diff?a=abababab&b=1", 404, "not found"},
		{"/url", 400, "history needs u"},
		{"/url?u=ftp%3A%2F%2Fx", 400, "u &#34;ftp://x&#34;: not an http(s) URL<"},
		{"/search?q=x&page=0", 400, "want a number from 1"},
		{"/work/000000000000/export/xml", 404, "no export format"},
		{"/nowhere", 404, "no page at /nowhere"},
	}
	for _, c := range cases {
		resp, body := fetch(t, ts.URL+c.path)
		if resp.StatusCode != c.status || !strings.Contains(body, c.says) {
			t.Errorf("%s: %s, want %d saying %q\n%.600s", c.path, resp.Status, c.status, c.says, body)
		}
	}
}

func TestNoArchive(t *testing.T) {
	srv, err := New(Config{DB: filepath.Join(t.TempDir(), "none.db")})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/", nil))
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), "no archive there yet") {
		t.Errorf("no archive: %d %.300s", rec.Code, rec.Body.String())
	}
}

// TestTemplatesSelfContained: no page runs a script or loads anything
// from elsewhere, so each works with JavaScript off under uiCSP.
func TestTemplatesSelfContained(t *testing.T) {
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, p)
		low := strings.ToLower(string(b))
		for _, bad := range []string{"<script", "http://", "https://", "//", "style=", " onclick", " onload", " onerror", "javascript:"} {
			if strings.Contains(low, bad) {
				t.Errorf("%s holds %q", p, bad)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSnippet(t *testing.T) {
	cases := []struct {
		text  string
		terms []string
		want  []segment
	}{
		{"构建网络空间命运共同体", []string{"网络空间"}, []segment{{"构建", false}, {"网络空间", true}, {"命运共同体", false}}},
		{"A Shared future, shared.", []string{"shared"}, []segment{{"A ", false}, {"Shared", true}, {" future, ", false}, {"shared", true}, {".", false}}},
		{"nothing here", []string{"网络"}, []segment{{"nothing here", false}}},
		{strings.Repeat("前", 100) + "网络" + strings.Repeat("后", 200), []string{"网络"},
			[]segment{{"…", false}, {strings.Repeat("前", 40), false}, {"网络", true}, {strings.Repeat("后", 138), false}, {"…", false}}},
	}
	for _, c := range cases {
		if got := snippet(c.text, c.terms); !reflect.DeepEqual(got, c.want) {
			t.Errorf("snippet(%.20q, %q) = %+v, want %+v", c.text, c.terms, got, c.want)
		}
	}
}

func TestHistoryRows(t *testing.T) {
	caps := []archive.Capture{
		{ID: 1, Kind: archive.KindResponse, TextSHA256: "a"},
		{ID: 2, Kind: archive.KindRevisit, TextSHA256: "a"},
		{ID: 3, Kind: archive.KindNotModified},
		{ID: 4, Kind: archive.KindFailed, Error: "timeout"},
		{ID: 5, Kind: archive.KindResponse, TextSHA256: "b"},
		{ID: 6, Kind: archive.KindResponse, TextSHA256: "b"},
	}
	var got []string
	for _, r := range historyRows(caps) {
		got = append(got, r.Change+" "+r.Diff)
	}
	want := []string{"new ", "identical revisit ", "not modified ", "failed ", "changed /diff?a=5&b=2", "same text "}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("history rows %q, want %q", got, want)
	}
}

// TestDiffSteps: the diff page steps through the versions of one URL.
func TestDiffSteps(t *testing.T) {
	const u = "http://a.test/notice.html"
	texts := []string{"第一版。\n\n原文。", "第一版。\n\n原文。", "第二版。\n\n原文。", "第三版。\n\n改文。"}
	var batches [][]archive.Entry
	for i, text := range texts {
		batches = append(batches, []archive.Entry{{
			Capture: archive.Capture{RequestedURL: u, URL: u, FinalURL: u, Method: "GET", Status: 200, FetchStart: t0.Add(time.Duration(i) * time.Hour),
				FetchEnd: t0, ToolVersion: "test", TextSHA256: archive.Sum([]byte(text)).String()},
			Payload: []byte(text), Text: text,
		}})
	}
	ts, _ := serveArchive(t, batches...)
	cases := []struct {
		query          string
		prev, next, vs string
	}{
		{"a=4&b=3", `href="/diff?a=3&amp;b=1"`, "", ""},
		{"a=3&b=1", "", `href="/diff?a=4&amp;b=3"`, ""},
		{"a=" + url.QueryEscape(u), "", "", `href="/diff?a=4&amp;b=3"`},
	}
	for _, c := range cases {
		resp, body := fetch(t, ts.URL+"/diff?"+c.query)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %s", c.query, resp.Status)
		}
		for name, want := range map[string]string{"← previous version": c.prev, "next version →": c.next, "against this URL's previous version": c.vs} {
			has := strings.Contains(body, ">"+name+"</a>")
			if (want != "") != has || (want != "" && !strings.Contains(body, want)) {
				t.Errorf("diff %s: link %q present %v, want %s", c.query, name, has, want)
			}
		}
	}
	_, body := fetch(t, ts.URL+"/url?u="+url.QueryEscape(u))
	for _, want := range []string{"<mark>new</mark>", "identical revisit", `<mark>changed</mark>`, `href="/diff?a=4&amp;b=3"`} {
		if !strings.Contains(body, want) {
			t.Errorf("history lacks %s", want)
		}
	}
}

func TestWorksFilterAndSnapshot(t *testing.T) {
	ts, path := newTestServer(t)
	cases := []struct {
		query string
		rows  int
	}{
		{"", 1},
		{"?host=EVIL.test", 1},
		{"?host=other.test", 0},
		{"?relation=original", 1},
		{"?relation=near", 0},
		{"?from=2026-01-01", 0}, // its date is unknown: a date filter leaves it out
	}
	for _, c := range cases {
		_, body := fetch(t, ts.URL+"/works"+c.query)
		if got := strings.Count(body, `<tr class="work"`); got != c.rows {
			t.Errorf("/works%s: %d rows, want %d", c.query, got, c.rows)
		}
	}
	if resp, _ := fetch(t, ts.URL+"/works?host=a%C2%A0b.test"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("/works?host= with a no-break space: %s, want 400", resp.Status)
	}
	// The same pages from a snapshot, as for a large archive.
	srv, err := New(Config{DB: path, TempDir: t.TempDir(), SnapshotOver: 1})
	if err != nil {
		t.Fatal(err)
	}
	snap := httptest.NewServer(srv.Handler())
	defer snap.Close()
	_, works := fetch(t, ts.URL+"/works")
	id := regexp.MustCompile(`href="/work/([0-9a-f]{12})"`).FindStringSubmatch(works)
	if id == nil {
		t.Fatalf("no work link on the works page")
	}
	if resp, body := fetch(t, ts.URL+"/work/"+strings.ToUpper(id[1][:8])); resp.StatusCode != 200 || !strings.Contains(body, id[1]) {
		t.Errorf("/work/ with the ID's first 8 digits, upper case: %s, want the work, as prov trace takes them", resp.Status)
	}
	for _, p := range []string{"/works", "/work/" + id[1], "/diff?a=1"} {
		_, direct := fetch(t, ts.URL+p)
		_, copied := fetch(t, snap.URL+p)
		if direct != copied {
			t.Errorf("%s differs when read from a snapshot", p)
		}
	}
}

// TestSearchIndexOfAnotherArchive: an index left from another archive is
// named, not trusted.
func TestSearchIndexOfAnotherArchive(t *testing.T) {
	ts, path := newTestServer(t)
	_, body := fetch(t, ts.URL+"/search?q="+url.QueryEscape("网络空间"))
	if !strings.Contains(body, "<p class=\"count\">1 document found for") || strings.Contains(body, `class="note"`) {
		t.Fatalf("first search: %.500s", body)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	db, err := archive.Open(other, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.Rename(path+".search", other+".search"); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{DB: other})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/search?q="+url.QueryEscape("网络空间"), nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "the search index was made from another archive") || strings.Contains(rec.Body.String(), `<li class="hit"`) {
		t.Errorf("an index of another archive: %d %.800s", rec.Code, rec.Body.String())
	}
}

// TestHistoryCounts: the history page's counts agree with their number.
func TestHistoryCounts(t *testing.T) {
	ts, _ := newTestServer(t)
	_, body := fetch(t, ts.URL+"/url?u="+url.QueryEscape("http://gone.test/"))
	if want := "<p>1 capture, 0 versions of its text.</p>"; !strings.Contains(body, want) {
		t.Errorf("history of a URL fetched once, and failed: want %q in\n%.600s", want, body)
	}
}

// The history of a URL that moved lists the request that a redirect took
// elsewhere, and links where it went.
func TestHistoryOfMovedURL(t *testing.T) {
	const old, moved = "http://gov.test/old", "http://gov.test/new"
	text := "The text of a page that moved."
	ts, _ := serveArchive(t, []archive.Entry{{
		Capture: archive.Capture{RequestedURL: old, FinalURL: moved, URL: moved, Method: "GET", Status: 200,
			FetchStart: t0, FetchEnd: t0, ToolVersion: "test", TextSHA256: archive.Sum([]byte(text)).String()},
		Payload: []byte("<p>" + text + "</p>"), Text: text,
	}})
	resp, body := fetch(t, ts.URL+"/url?u="+url.QueryEscape(old))
	if want := `(redirected to <a href="/url?u=http%3a%2f%2fgov.test%2fnew"><bdi>http://gov.test/new</bdi></a>)`; resp.StatusCode != 200 || !strings.Contains(body, want) {
		t.Errorf("history of a moved URL: %s, want %q in\n%.900s", resp.Status, want, body)
	}
}

// The diff page says what prov diff says besides the text: a paragraph
// moved, and a subject that is a 304 standing for the capture it
// confirms.
func TestDiffPageNotes(t *testing.T) {
	const u = "http://a.test/notice.html"
	entry := func(text string, at time.Duration) []archive.Entry {
		return []archive.Entry{{
			Capture: archive.Capture{RequestedURL: u, URL: u, FinalURL: u, Method: "GET", Status: 200, FetchStart: t0.Add(at),
				FetchEnd: t0, ToolVersion: "test", TextSHA256: archive.Sum([]byte(text)).String()},
			Payload: []byte(text), Text: text,
		}}
	}
	notModified := []archive.Entry{{Capture: archive.Capture{RequestedURL: u, URL: u, FinalURL: u, Method: "GET", Status: 304,
		FetchStart: t0.Add(time.Hour), FetchEnd: t0, ToolVersion: "test"}}}
	ts, _ := serveArchive(t, entry("第一段。\n\n第二段。\n\n第三段。", 0), notModified, entry("第一段。\n\n第三段。\n\n第二段。", 2*time.Hour))
	resp, body := fetch(t, ts.URL+"/diff?a=3&b=2")
	if resp.StatusCode != 200 {
		t.Fatalf("diff of capture 3 against the 304: %s\n%s", resp.Status, body)
	}
	for _, want := range []string{"moved: paragraph 3 of the copy", "paragraph 2, moved here",
		"capture 2 answered 304 (not modified): it confirms capture 1, whose text this is"} {
		if !strings.Contains(body, want) {
			t.Errorf("diff page lacks %q", want)
		}
	}
}
