package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
	"github.com/prov-archive/prov/testweb"
)

// miniWeb serves the demo mini-web on loopback and returns a crawl of
// all its seeds under its rules.
func miniWeb(t *testing.T) (crawl.Config, *rules.Set) {
	t.Helper()
	srv := httptest.NewServer(testweb.New())
	t.Cleanup(srv.Close)
	addr := strings.TrimPrefix(srv.URL, "http://")
	cfg := crawl.Config{Seeds: testweb.Seeds(), AllowPrivate: true, Delay: -1}
	for _, s := range testweb.Sites() {
		ct, err := crawl.ParseConnectTo(s.Host + ":80:" + addr)
		if err != nil {
			t.Fatal(err)
		}
		cfg.ConnectTo = append(cfg.ConnectTo, ct)
	}
	set, err := rules.Parse("testweb.yaml", testweb.RulesYAML())
	if err != nil {
		t.Fatal(err)
	}
	return cfg, set
}

// perFetch are the Capture fields that belong to one fetch and may differ
// between two fetches of the same bytes; every other field of a revisit
// must be its original's.
var perFetch = map[string]bool{
	"ID": true, "RunID": true, "Kind": true, "RequestHeader": true, "ResponseHeader": true,
	"RequestHead": true, "ResponseHead": true, "FetchStart": true, "FetchEnd": true, "RemoteAddr": true,
	"Redirects": true, "CleanFrom": true,
	// Kept on the capture that first brings a document only.
	"Sketch": true, "Shingles": true,
}

// capturesOf returns run's captures by URL, but for stitched ones (made
// from page captures, never cleaned).
func capturesOf(t *testing.T, db *archive.DB, run uint64) map[string]archive.Capture {
	t.Helper()
	out := map[string]archive.Capture{}
	err := db.Captures(func(c archive.Capture) error {
		if c.RunID == run && c.Kind != archive.KindStitched {
			out[c.URL] = c
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A re-crawl that finds the same bytes copies each document's clean
// fields from the URL's capture before instead of cleaning it again, says
// so in CleanFrom, and stores what a fresh clean stored; a changed rule
// makes its site's pages be cleaned again.
func TestRevisitCopiesClean(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg, set := miniWeb(t)
	crawlOnce := func(set *rules.Set) map[string]archive.Capture {
		tl, err := Crawl(context.Background(), DBStore(db), cfg, Options{Rules: set, Unconditional: true})
		if err != nil {
			t.Fatal(err)
		}
		return capturesOf(t, db, tl.Run().ID)
	}
	first, second := crawlOnce(set), crawlOnce(set)

	copied := 0
	for url, c := range second {
		was, ok := first[url]
		if !ok || c.CleanKey == "" {
			continue // not a document, or not fetched before
		}
		if c.Kind != archive.KindRevisit || c.CleanFrom != was.ID {
			t.Errorf("%s: kind %s, clean from %d; want a revisit cleaned from %d", url, c.Kind, c.CleanFrom, was.ID)
			continue
		}
		copied++
		if was.CleanFrom != 0 {
			t.Errorf("%s: the first crawl's capture says it was copied from %d", url, was.CleanFrom)
		}
		got, want := reflect.ValueOf(c), reflect.ValueOf(was)
		for i := range got.NumField() {
			name := got.Type().Field(i).Name
			if !perFetch[name] && !reflect.DeepEqual(got.Field(i).Interface(), want.Field(i).Interface()) {
				t.Errorf("%s: %s %v, cleaned %v", url, name, got.Field(i).Interface(), want.Field(i).Interface())
			}
		}
	}
	if copied < 8 {
		t.Fatalf("%d documents copied on the re-crawl, want every document of the mini-web (at least 8)", copied)
	}

	// The same rules with one publisher changed: that site's documents are
	// cleaned again, the others still copied.
	changed, err := rules.Parse("testweb.yaml", []byte(strings.Replace(string(testweb.RulesYAML()),
		"publisher: ", "publisher: Renamed ", 1)))
	if err != nil {
		t.Fatal(err)
	}
	var renamed *rules.Site
	for _, s := range changed.Sites {
		if strings.HasPrefix(s.Publisher, "Renamed ") {
			renamed = s
		}
	}
	if renamed == nil {
		t.Fatal("no publisher renamed in the rules")
	}
	again, others := 0, 0
	for url, c := range crawlOnce(changed) {
		if c.CleanKey == "" {
			continue
		}
		switch {
		case changed.ForHost(hostOf(c.FinalURL)) == renamed:
			again++
			if c.CleanFrom != 0 || c.Publisher != renamed.Publisher {
				t.Errorf("%s: under a changed rule: clean from %d, publisher %q", url, c.CleanFrom, c.Publisher)
			}
		case c.CleanFrom == 0:
			t.Errorf("%s: cleaned again, though its rule did not change", url)
		default:
			others++
		}
	}
	if again == 0 || others == 0 {
		t.Errorf("%d documents under the changed rule, %d under the others: want some of each", again, others)
	}
	if _, err := db.VerifyWith(archive.VerifyOptions{}, func(f archive.Finding) error {
		t.Errorf("verify: %+v", f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// cleanAgain: each input of clean that differs from the capture before
// makes the page be cleaned again.
func TestCleanAgain(t *testing.T) {
	body := []byte("<p>text</p>")
	page := func() crawl.Page {
		return crawl.Page{RequestedURL: "http://a.test/x", FinalURL: "http://a.test/x", CanonicalURL: "http://a.test/x",
			Status: 200, Header: http.Header{"Content-Type": {"text/html"}, "Last-Modified": {"Mon, 07 Nov 2022 08:00:00 GMT"}},
			Payload: body, Content: body}
	}
	last := func() archive.Capture {
		p := page()
		c := captureOf(p, 1, nil)
		c.ID, c.CleanKey, c.PayloadSHA256 = 7, "k", archive.Sum(body).String()
		return c
	}
	for _, tc := range []struct {
		name  string
		page  func(*crawl.Page)
		last  func(*archive.Capture)
		again bool
	}{
		{"same", nil, nil, false},
		{"other bytes", func(p *crawl.Page) { p.Payload = []byte("<p>other</p>") }, nil, true},
		{"other key", nil, func(c *archive.Capture) { c.CleanKey = "j" }, true},
		{"never cleaned", nil, func(c *archive.Capture) { c.CleanKey = "" }, true},
		{"other final URL", nil, func(c *archive.Capture) { c.FinalURL = "http://a.test/y" }, true},
		{"other content type", func(p *crawl.Page) { p.Header.Set("Content-Type", "text/plain") }, nil, true},
		{"other coding", func(p *crawl.Page) { p.Header.Set("Content-Encoding", "gzip") }, nil, true},
		{"other last-modified", func(p *crawl.Page) { p.Header.Del("Last-Modified") }, nil, true},
		{"cut", func(p *crawl.Page) { p.Truncated, p.Limit = true, 11 }, nil, true},
		{"other rule", nil, func(c *archive.Capture) { c.Rule = "r" }, true},
		{"stitched", nil, func(c *archive.Capture) { c.Kind = archive.KindStitched }, true},
	} {
		p, l := page(), last()
		if tc.page != nil {
			tc.page(&p)
		}
		if tc.last != nil {
			tc.last(&l)
		}
		c := captureOf(p, 2, nil)
		c.CleanKey = "k"
		if got := cleanAgain(&c, p, l); got != tc.again {
			t.Errorf("%s: clean again %v, want %v", tc.name, got, tc.again)
		}
	}
}

// The clean key's executable hash is the sha256 of the running binary's
// bytes, so that a build with other code gets another key.
func TestExecutableSHA(t *testing.T) {
	path, err := os.Executable()
	if err != nil {
		t.Skip("no executable path here:", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := executableSHA(), archive.Sum(b).String(); got != want {
		t.Errorf("executable hash %s, want the sha256 of %s, %s", got, path, want)
	}
	if cleanKey(nil) == "" || cleanKey(nil) == cleanKey(&rules.Site{Name: "a"}) {
		t.Errorf("clean keys: no rule %q, a rule %q: want two keys", cleanKey(nil), cleanKey(&rules.Site{Name: "a"}))
	}
}
