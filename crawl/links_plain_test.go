package crawl

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// resolveAll's shortcuts for plain paths (canonicalRoot + href) and for
// absolute hrefs on the canonical root (the href itself) must give
// exactly what resolving and canonicalising them gives, for every base.
// The answers are compared with resolveParsed's, not resolve's: resolve
// would hand back what the shortcut put in the memo.
func TestResolveAllPlainPathAsResolved(t *testing.T) {
	bases := []string{
		"http://bench.test/news/2001/00001.html",
		"HTTPS://Example.ORG:443/a/b/c?q=1#f",
		"http://EXAMPLE.org:8080/x",
		"http://[::1]:80/x",
		"http://user:pw@example.org./a",
		"http://例子.测试/路径/",
		"ftp://example.org/a", // not http(s): no links at all
	}
	hrefs := []string{
		"/", "/a", "/news/2003/00003.html", "/a/b/", "/a//b", "/a/./b", "/a/../b", "/.", "/..", " /a ",
		"/a/.hidden", "/a/b.", "//other.test/x", "/a?q=1", "/a?utm_source=x", "/a#frag", "/a%20b", "/a;jsessionid=1",
		"/A-Z_a~z.0-9", "/路径", "/a:b", "/a@b",
	}
	r := rand.New(rand.NewPCG(7, 8))
	const alphabet = "/./ab-_~%?#:;@+Z9 "
	for range 3000 {
		b := make([]byte, 1+r.IntN(12))
		b[0] = '/'
		for i := 1; i < len(b); i++ {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		hrefs = append(hrefs, string(b))
	}
	// Absolute hrefs, on the canonical root of a base (which resolve
	// hands back as they are) and on roots that only look like one.
	roots := []string{"http://bench.test", "https://example.org", "http://example.org:8080", "http://[::1]",
		"http://xn--fsqu00a.xn--0zwm56d", "HTTP://bench.test", "http://bench.test:80", "http://example.org.", "http://bench.testx"}
	for _, root := range roots {
		for _, h := range hrefs[:300] {
			hrefs = append(hrefs, root+h)
		}
	}
	for _, raw := range bases {
		base, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		got := resolveAll(base, hrefs, kindPage)
		var want []link
		seen := map[string]bool{}
		for _, h := range hrefs {
			if u := resolveParsed(base, strings.TrimSpace(h)); u != "" && !seen[u] {
				seen[u] = true
				want = append(want, link{URL: u, Kind: kindPage})
			}
		}
		if len(got) != len(want) {
			t.Fatalf("base %q: %d links, resolved one by one %d", raw, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("base %q: link %d is %q, resolved %q", raw, i, got[i].URL, want[i].URL)
			}
		}
	}
}

// BenchmarkResolveFresh resolves the 20 article links of a page that
// the memo has not seen, as most links of a crawl of many articles are
// (paths from the root): by resolveAll, and by resolve one by one (how
// resolveAll did before its shortcut for plain paths).
func BenchmarkResolveFresh(b *testing.B) {
	base, _ := url.Parse("http://" + testHost + "/news/2001/00001.html")
	pages := make([][]string, 4096)
	for i := range pages {
		for j := range 20 {
			pages[i] = append(pages[i], fmt.Sprintf("/news/%04d/%05d.html", 2000+j, 20*i+j))
		}
	}
	oneByOne := func(hrefs []string) (n int) {
		for _, h := range hrefs {
			if resolve(base, h) != "" {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		name string
		f    func([]string) int
	}{{"resolveAll", func(h []string) int { return len(resolveAll(base, h, kindPage)) }}, {"resolve", oneByOne}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if i%len(pages) == 0 {
					resolved.mu.Lock()
					clear(resolved.m)
					resolved.mu.Unlock()
				}
				if c.f(pages[i%len(pages)]) != 20 {
					b.Fatal("want 20 links")
				}
			}
		})
	}
}

// TestRefreshURL reads meta refresh contents as the HTML standard's
// declarative refresh does.
func TestRefreshURL(t *testing.T) {
	cases := map[string]string{
		"0; url=/new":                "/new",
		"0;URL=/new":                 "/new",
		"5 ; URL = '/a b.html' tail": "/a b.html",
		`0; url="http://x.test/p"`:   "http://x.test/p",
		"0,/plain":                   "/plain",
		"3.5; /no-url-word":          "/no-url-word",
		"  1 url=/spaced  ":          "/spaced",
		"0; urlish.html":             "urlish.html",
		"10":                         "",
		"0;":                         "",
		"0; url=":                    "",
		"url=/no-time":               "",
		"":                           "",
	}
	for content, want := range cases {
		got, ok := refreshURL(content)
		if got != want || ok != (want != "") {
			t.Errorf("refreshURL(%q) = %q, %v; want %q", content, got, ok, want)
		}
	}
}

// TestResolveAsBrowsers: hrefs net/url refused or read otherwise than a
// browser resolve as a browser resolves them.
func TestResolveAsBrowsers(t *testing.T) {
	base, _ := url.Parse("http://a.test/news/index.htm")
	for href, want := range map[string]string{
		"/news/\n2022/a.htm": "http://a.test/news/2022/a.htm",
		"b\t.htm":            "http://a.test/news/b.htm",
		"\\docs\\c.htm":      "http://a.test/docs/c.htm",
		"d%zz.htm":           "http://a.test/news/d%25zz.htm",
		"政策/e.htm":           "http://a.test/news/%E6%94%BF%E7%AD%96/e.htm",
		"f.htm?q=白皮书":        "http://a.test/news/f.htm?q=%E7%99%BD%E7%9A%AE%E4%B9%A6",
		"../g.htm#top":       "http://a.test/g.htm",
		"//b.test/h.htm":     "http://b.test/h.htm",
		"javascript:void(0)": "",
		"http://[bad/":       "",
	} {
		if got := resolveParsed(base, href); got != want {
			t.Errorf("resolve(%q) = %q, want %q", href, got, want)
		}
	}
}

// TestQueryInPageEncoding: a link's query is requested in its page's
// encoding, as browsers request it; its path in UTF-8; a UTF-8 page's
// links are left as they are.
func TestQueryInPageEncoding(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	hrefs := `<link rel="canonical" href="/index.htm?lm=新闻"><a href="/search.jsp?keyword=通知&page=2#top">s</a><a href="/政策/list.htm?lm=新闻">l</a>` +
		`<a href="/x?e=&#128512;">e</a><a href="/plain?id=7">p</a>`
	cases := []struct {
		name, contentType string
		body              []byte
		want              []string
	}{
		{"gbk", "text/html; charset=gbk", gbk(`<html><body>` + hrefs + `</body></html>`), []string{
			"http://a.test/search.jsp?keyword=%CD%A8%D6%AA&page=2",
			"http://a.test/%E6%94%BF%E7%AD%96/list.htm?lm=%D0%C2%CE%C5",
			"http://a.test/x?e=%26%23128512%3B",
			"http://a.test/plain?id=7"}},
		{"utf-8", "text/html; charset=utf-8", []byte(`<html><body>` + hrefs + `</body></html>`), []string{
			"http://a.test/search.jsp?keyword=%E9%80%9A%E7%9F%A5&page=2",
			"http://a.test/%E6%94%BF%E7%AD%96/list.htm?lm=%E6%96%B0%E9%97%BB",
			"http://a.test/x?e=%F0%9F%98%80",
			"http://a.test/plain?id=7"}},
	}
	for _, c := range cases {
		p := Page{Status: 200, FinalURL: "http://a.test/index.htm", CanonicalURL: "http://a.test/index.htm",
			Header: http.Header{"Content-Type": {c.contentType}}, Content: c.body}
		var got []string
		for _, l := range inspect(&p) {
			got = append(got, l.URL)
		}
		if canonical := strings.Replace(c.want[1], "%E6%94%BF%E7%AD%96/list.htm", "index.htm", 1); p.CanonicalURL != canonical {
			t.Errorf("%s page: canonical %q, want %q", c.name, p.CanonicalURL, canonical)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s page: links\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

// TestCanonicalRootMemo: the memoised root of a base, asked once or
// again, is the one worked out from its scheme and host.
func TestCanonicalRootMemo(t *testing.T) {
	for _, raw := range []string{"http://bench.test/a", "HTTPS://Example.ORG:443/a", "http://EXAMPLE.org:8080/x",
		"http://[::1]:80/x", "http://user:pw@example.org./a", "http://例子.测试/路径/", "ftp://example.org/a", "/no/host"} {
		base, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if base.Host != "" {
			want = canonicalRootOf(base.Scheme, base.Host)
		}
		for range 2 {
			if got := canonicalRoot(base); got != want {
				t.Errorf("canonicalRoot(%q) = %q, want %q", raw, got, want)
			}
		}
	}
}
