package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

// twoHosts serves a.example.org, whose story moved to b.example.org, and
// b.example.org, whose page holds the story in #story and a decoy
// paragraph in #decoy.
func twoHosts(t *testing.T) crawl.Config {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case strings.HasPrefix(r.Host, "a.example.org"):
			http.Redirect(w, r, "http://b.example.org/story", http.StatusMovedPermanently)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><head><title>Story</title></head><body>
<div id="decoy"><p>` + strings.Repeat("A decoy paragraph the site rule of a.example.org would keep. ", 6) + `</p></div>
<div id="story"><p>` + strings.Repeat("The story as b.example.org publishes it, under its own rule. ", 6) + `</p></div>
</body></html>`))
		}
	}))
	t.Cleanup(srv.Close)
	cfg := crawl.Config{Seeds: []string{"http://a.example.org/story"}, AllowPrivate: true, MaxDepth: -1, Delay: -1}
	for _, h := range []string{"a.example.org", "b.example.org"} {
		ct, err := crawl.ParseConnectTo(h + ":80:" + strings.TrimPrefix(srv.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		cfg.ConnectTo = append(cfg.ConnectTo, ct)
	}
	return cfg
}

const twoRules = `sites:
  - name: alpha
    hosts: [a.example.org]
    authority: official
    content: '#decoy'
  - name: beta
    hosts: [b.example.org]
    authority: news
    content: '#story'
`

// After a cross-host redirect the capture names the rule of the final
// host, the rule whose selectors made its text, and that host's authority.
func TestEntryRuleOfFinalHost(t *testing.T) {
	set, err := rules.Parse("two.yaml", []byte(twoRules))
	if err != nil {
		t.Fatal(err)
	}
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg := twoHosts(t)
	cfg.Rules = set
	tl, err := Crawl(context.Background(), DBStore(db), cfg, Options{Rules: set})
	if err != nil {
		t.Fatal(err)
	}
	if r := tl.Run(); r.Fetched != 1 || r.New != 1 || r.Status != archive.RunDone {
		t.Fatalf("run record: %+v", r)
	}
	hist, err := db.History("http://b.example.org/story")
	if err != nil || len(hist) != 1 {
		t.Fatalf("captures of the final URL: %d, %v", len(hist), err)
	}
	c := hist[0]
	if c.Rule != "beta" || c.Authority != "news" {
		t.Errorf("capture names rule %q, authority %q; want the final host's: beta, news", c.Rule, c.Authority)
	}
	d, err := db.Document(c.TextSHA256)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "under its own rule") || strings.Contains(d.Text, "decoy") {
		t.Errorf("text not made by the final host's rule: %q", d.Text)
	}
	if want := archive.Sum(mustPayload(t, db, c)).String(); c.PayloadSHA256 != want || c.PayloadLength == 0 {
		t.Errorf("payload hash %q (length %d), want %q", c.PayloadSHA256, c.PayloadLength, want)
	}
}

// crawlOneNew crawls cfg's one seed, url, into a new archive in a real
// bbolt file, wants it archived as new, and returns its capture.
func crawlOneNew(t *testing.T, url string, cfg crawl.Config, opts Options) archive.Capture {
	t.Helper()
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg.Seeds = []string{url}
	tl, err := Crawl(context.Background(), DBStore(db), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	if r := tl.Run(); r.New != 1 || len(r.Failed) != 0 {
		t.Fatalf("run %+v, want the page new", r)
	}
	hist, err := db.History(url)
	if err != nil || len(hist) != 1 {
		t.Fatalf("captures: %d, %v", len(hist), err)
	}
	return hist[0]
}

func mustPayload(t *testing.T, db *archive.DB, c archive.Capture) []byte {
	t.Helper()
	b, _, err := db.LastPayload(c.URL)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Pages that are not documents, by status or type, are not cleaned.
func TestIsDocument(t *testing.T) {
	cases := []struct {
		status int
		ct     string
		want   bool
	}{
		{200, "text/html; charset=gbk", true},
		{200, "application/xhtml+xml", true},
		{200, "text/plain", true},
		{200, "", true},
		{200, "application/pdf", false},
		{200, "image/png", false},
		{404, "text/html", false},
		{304, "text/html", false},
	}
	for _, c := range cases {
		p := crawl.Page{Status: c.status, Header: http.Header{}}
		if c.ct != "" {
			p.Header.Set("Content-Type", c.ct)
		}
		if got := IsDocument(p); got != c.want {
			t.Errorf("IsDocument(%d, %q) = %v, want %v", c.status, c.ct, got, c.want)
		}
	}
}
