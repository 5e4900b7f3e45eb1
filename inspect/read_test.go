package inspect

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>River plan agreed</title></head>
<body><div id="nav">Home | News</div><div id="story"><p>The council met on Monday and agreed that the river plan goes ahead with the funding the members voted for after a long debate.</p>
<p>A second paragraph says more about the plan, its costs, and who will pay for the work over the next five years.</p></div></body></html>`

func testRules(t *testing.T) *rules.Set {
	t.Helper()
	set, err := rules.Parse("test.yaml", []byte("sites:\n  - name: council\n    hosts: [council.test]\n    authority: official\n    content: 'div#story'\n"))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestReadFile reads files: an HTML page with and without the URL that
// picks its site rule, a text file read as HTML by its Content-Type, and
// a missing file, whose error is the inspection's.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	set := testRules(t)
	cases := []struct {
		name      string
		r         Reader
		in        string
		rule, err string
	}{
		{"rule picked by --url", Reader{Rules: set, URL: "http://council.test/river.html"}, page, "council", ""},
		{"no URL, no rule", Reader{Rules: set}, page, "", ""},
		{"no rules at all", Reader{URL: "http://council.test/river.html"}, page, "", ""},
		{"missing file", Reader{Rules: set}, filepath.Join(dir, "none.html"), "", "no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ins := c.r.Read(context.Background(), c.in)
			if ins.URL != c.in {
				t.Errorf("URL %q, want the input %q", ins.URL, c.in)
			}
			if c.err != "" {
				if !strings.Contains(ins.Error, c.err) || ins.Text != "" {
					t.Errorf("error %q (text %q), want %q", ins.Error, ins.Text, c.err)
				}
				return
			}
			if ins.Error != "" || ins.Rule != c.rule || ins.Title != "River plan agreed" || ins.Captions == nil {
				t.Errorf("got error %q, rule %q, title %q, captions %v; want rule %q", ins.Error, ins.Rule, ins.Title, ins.Captions, c.rule)
			}
			if !strings.HasPrefix(ins.Text, "The council met on Monday") || strings.Contains(ins.Text, "Home | News") {
				t.Errorf("text %q", ins.Text)
			}
		})
	}
}

// TestReadURL fetches through the caller's Fetch from a loopback server:
// the status is kept, the final URL's host picks the rule, and a failed
// fetch is the input's error.
func TestReadURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(article))
	}))
	t.Cleanup(srv.Close)
	cfg := crawl.Config{Rules: testRules(t), AllowPrivate: true}
	fetch := func(ctx context.Context, raw string) (crawl.Page, error) { return crawl.Fetch(ctx, cfg, raw) }
	r := Reader{Rules: cfg.Rules, Fetch: fetch}
	ins := r.Read(context.Background(), srv.URL+"/river.html")
	if ins.Error != "" || ins.Status != 200 || ins.Encoding != "utf-8" || !strings.HasPrefix(ins.Text, "The council met") {
		t.Errorf("got %+v", ins)
	}
	r.Fetch = func(context.Context, string) (crawl.Page, error) {
		return crawl.Page{}, errors.New("--connect-to \"x\": bad")
	}
	if ins := r.Read(context.Background(), "https://council.test/"); ins.Error != `--connect-to "x": bad` || ins.URL != "https://council.test/" {
		t.Errorf("a failed fetch: %+v", ins)
	}
}

// A page a crawl reads no text from (a PDF, an error answer) is said to
// be so, with its status, not read as if it were HTML.
func TestReadURLNotADocument(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone.html" {
			http.Error(w, "<p>not here</p>", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4 1 0 obj<<>>endobj"))
	}))
	t.Cleanup(srv.Close)
	cfg := crawl.Config{AllowPrivate: true}
	r := Reader{Fetch: func(ctx context.Context, raw string) (crawl.Page, error) { return crawl.Fetch(ctx, cfg, raw) }}
	for path, want := range map[string]string{"/paper.pdf": "is application/pdf", "/gone.html": "answered 404 Not Found"} {
		ins := r.Read(context.Background(), srv.URL+path)
		if !strings.Contains(ins.Error, want) || ins.Text != "" {
			t.Errorf("%s: error %q, text %q; want an error saying it %s", path, ins.Error, ins.Text, want)
		}
	}
}

func TestReadBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	for limit, want := range map[int64]string{4: "0123", 10: "0123456789", 100: "0123456789"} {
		if b, err := readBounded(path, limit); err != nil || string(b) != want {
			t.Errorf("limit %d: %q, %v; want %q", limit, b, err, want)
		}
	}
}

func TestIsURL(t *testing.T) {
	for in, want := range map[string]bool{"http://a.test/": true, "https://a.test/": true, "page.html": false, "ftp://a.test/": false, "./http://x": false} {
		if IsURL(in) != want {
			t.Errorf("IsURL(%q) = %v", in, !want)
		}
	}
}
