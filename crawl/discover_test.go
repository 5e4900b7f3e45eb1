package crawl

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// mapsPaths returns the paths of the pages sent for mapsHost, sorted.
func mapsPaths(got map[string]Page) []string {
	var out []string
	for _, p := range got {
		if path, ok := strings.CutPrefix(p.RequestedURL, "http://"+mapsHost); ok {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}

func TestDiscovery(t *testing.T) {
	ts := newTestServer(t)
	captured := time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
	cfg := ts.config()
	cfg.Seeds = []string{mapsURL("/m/home")}
	cfg.LastCaptured = func(u string) time.Time {
		if u == mapsURL("/m/p1") || u == mapsURL("/m/p3") {
			return captured // p1's lastmod is newer, p3's older
		}
		return time.Time{}
	}
	cfg.Stored = func(u string) ([]byte, http.Header) {
		if u != mapsURL("/m/p3") {
			return nil, nil
		}
		return []byte(linkPage("/m/stored-child")), http.Header{"Content-Type": {"text/html"}}
	}
	got := crawlAll(t, cfg)

	t.Run("pages from sitemaps, sitemap index, gzip, text, feeds", func(t *testing.T) {
		want := "/m/a1 /m/home /m/p1 /m/p2 /m/p4 /m/r1 /m/r2 /m/stored-child"
		if s := strings.Join(mapsPaths(got), " "); s != want {
			t.Errorf("pages %q\nwant  %q", s, want)
		}
		for _, p := range got {
			if p.Err != nil || p.Status != 200 {
				t.Errorf("%s: status %d, %v (a sitemap or feed sent as a page?)", p.RequestedURL, p.Status, p.Err)
			}
		}
		if n := cfg.Stats.Discovery.Load(); n != 7 { // robots.txt, sitemap.xml, index, .gz, .txt, rss, atom
			t.Errorf("Discovery = %d, want 7", n)
		}
	})
	t.Run("depth: sitemap pages 1, feed items one below the page naming the feed", func(t *testing.T) {
		if d1, d2 := got[mapsURL("/m/p1")].Depth, got[mapsURL("/m/r1")].Depth; d1 != 1 || d2 != 2 {
			t.Errorf("depths p1 %d, r1 %d; want 1, 2", d1, d2)
		}
	})
	t.Run("lastmod older than the last capture: not fetched, stored links followed", func(t *testing.T) {
		if n := ts.hit("/m/p3"); n != 0 {
			t.Errorf("/m/p3 fetched %d times", n)
		}
		if n := cfg.Stats.SkipReasons()[SkipUnchanged]; n != 1 {
			t.Errorf("unchanged skips %d, want 1", n)
		}
	})
	t.Run("scope and robots.txt apply to sitemaps and their pages", func(t *testing.T) {
		if n := ts.hit("/m/private/sitemap.xml") + ts.hit("/m/private/page"); n != 0 {
			t.Errorf("disallowed sitemap or page requested %d times", n)
		}
		if n := cfg.Stats.RobotsBlocked.Load(); n != 2 {
			t.Errorf("RobotsBlocked = %d, want 2", n)
		}
		if n := cfg.Stats.SkipReasons()[SkipOutOfScope]; n != 2 { // other.test sitemap and page
			t.Errorf("out-of-scope skips %d, want 2", n)
		}
		if ts.hit("/m/missing.xml") != 1 || ts.hit("/sitemap.xml") != 1 || ts.hit("/m/sub1.xml.gz") != 1 {
			t.Errorf("sitemap hits: missing %d, sitemap.xml %d, gz %d", ts.hit("/m/missing.xml"), ts.hit("/sitemap.xml"), ts.hit("/m/sub1.xml.gz"))
		}
	})
	t.Run("skips add up", func(t *testing.T) {
		var sum int64
		for _, n := range cfg.Stats.SkipReasons() {
			sum += n
		}
		if sum != cfg.Stats.Skipped.Load() {
			t.Errorf("reasons %v add up to %d, Skipped %d", cfg.Stats.SkipReasons(), sum, cfg.Stats.Skipped.Load())
		}
	})
}

func TestDiscoveryOff(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config()
	cfg.Seeds = []string{mapsURL("/m/p1")}
	cfg.NoDiscovery = true
	got := crawlAll(t, cfg)
	if s := strings.Join(mapsPaths(got), " "); s != "/m/p1" || ts.hit("/sitemap.xml")+ts.hit("/m/feed.rss") != 0 {
		t.Errorf("pages %q, sitemap.xml hits %d", s, ts.hit("/sitemap.xml"))
	}
}

// Once the page budget is spent no sitemap or feed is fetched: none of
// the pages it names could be.
func TestMaxPagesLeavesDocs(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config()
	cfg.Seeds = []string{mapsURL("/m/home")}
	cfg.MaxPages = 1
	got := crawlAll(t, cfg)
	if s := strings.Join(mapsPaths(got), " "); s != "/m/home" {
		t.Errorf("pages %q, want /m/home alone", s)
	}
	docs := ts.hit("/sitemap.xml") + ts.hit("/m/index.xml") + ts.hit("/m/missing.xml") + ts.hit("/m/feed.rss")
	if docs != 0 || cfg.Stats.Discovery.Load() > 1 {
		t.Errorf("%d sitemap and feed requests, %d documents read for URLs; want none past robots.txt", docs, cfg.Stats.Discovery.Load())
	}
}

func TestFeedSeed(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config()
	cfg.Seeds = []string{mapsURL("/m/feed.rss"), mapsURL("/m/index.xml")}
	cfg.NoDiscovery = true
	got := crawlAll(t, cfg)
	want := "/m/feed.rss /m/index.xml /m/p3 /m/p4 /m/r1 /m/r2"
	if s := strings.Join(mapsPaths(got), " "); s != want {
		t.Errorf("pages %q, want %q (a seed feed or sitemap is a page, and its entries are followed)", s, want)
	}
}

func TestSeedsOnlySkipsDiscovery(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config()
	cfg.Seeds = []string{mapsURL("/m/home")}
	cfg.MaxDepth = -1
	crawlAll(t, cfg)
	if n := ts.hit("/sitemap.xml") + ts.hit("/m/index.xml"); n != 0 {
		t.Errorf("a seeds-only crawl read %d sitemaps", n)
	}
}

func TestDocLinks(t *testing.T) {
	base := "http://" + mapsHost + "/m/x"
	cases := []struct {
		name, ctype, body string
		kind              byte
		want              string // URL kind lastmod, one per line
	}{
		{"urlset with lastmod forms", "application/xml", urlset(mapsURL("/a")+" 2024-05-01", mapsURL("/b")+" 2024-05-01T10:30+02:00", "/c bogus"), kindSitemap,
			mapsURL("/a") + " 0 2024-05-01T00:00:00Z\n" + mapsURL("/b") + " 0 2024-05-01T08:30:00Z\n" + mapsURL("/c") + " 0 -"},
		{"sitemap index", "text/xml", `<sitemapindex><sitemap><loc>/s1.xml</loc><lastmod>2020-01-01</lastmod></sitemap></sitemapindex>`, kindSitemap,
			mapsURL("/s1.xml") + " s -"},
		{"rss 1.0 (RDF)", "application/rdf+xml", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="x"><link>/r</link></item></rdf:RDF>`, kindFeed,
			mapsURL("/r") + " 0 -"},
		{"gbk-declared feed", "application/xml", `<?xml version="1.0" encoding="gbk"?><rss><channel><item><link>/g?id=1&amp;sid=abc</link></item></channel></rss>`, kindFeed,
			mapsURL("/g?id=1") + " 0 -"},
		{"html is neither", "text/html", `<html><body><a href="/x">x</a></body></html>`, kindSitemap, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &Page{FinalURL: base, Status: 200, Header: http.Header{"Content-Type": {c.ctype}}, Content: []byte(c.body)}
			found, err := docLinks(p, c.kind)
			var lines []string
			for _, l := range found {
				mod := "-"
				if !l.LastMod.IsZero() {
					mod = l.LastMod.Format(time.RFC3339)
				}
				lines = append(lines, l.URL+" "+kindName(l.Kind)+" "+mod)
			}
			if s := strings.Join(lines, "\n"); s != c.want {
				t.Errorf("got\n%s\nwant\n%s (err %v)", s, c.want, err)
			}
			if (c.want == "") != (err != nil) {
				t.Errorf("err %v", err)
			}
		})
	}
}

func kindName(k byte) string {
	if k == kindPage {
		return "0"
	}
	return string(k)
}

func TestGunzipDocBounded(t *testing.T) {
	bomb := gzipped(bytes.Repeat([]byte{' '}, 3<<20))
	data, err := gunzipDoc(bomb, 1<<20)
	if err == nil || len(data) > 1<<20 {
		t.Errorf("3 MiB un-gzipped under a 1 MiB limit: %d bytes, err %v", len(data), err)
	}
	if data, err := gunzipDoc([]byte("<urlset/>"), 1<<20); err != nil || string(data) != "<urlset/>" {
		t.Errorf("plain: %q, %v", data, err)
	}
	if data, err := gunzipDoc(append(gzipped([]byte("<urlset/>")), "\n\n"...), 1<<20); err != nil || string(data) != "<urlset/>" {
		t.Errorf("newlines after the gzip data: %q, %v", data, err)
	}
}

func TestFeedLinksInHTML(t *testing.T) {
	html := `<html><head><link rel="alternate" type="application/rss+xml" href="/f.rss">` +
		`<link rel="Alternate" type="application/atom+xml" href="/f.atom"><link rel="alternate" type="text/html" href="/en">` +
		`<link rel="stylesheet" type="application/rss+xml" href="/no"></head><body><a href="/a">a</a></body></html>`
	base, _ := url.Parse("http://" + testHost + "/")
	p := &Page{FinalURL: base.String(), Status: 200, Header: http.Header{"Content-Type": {"text/html"}}, Content: []byte(html)}
	found := inspect(p)
	var got []string
	for _, l := range found {
		got = append(got, strings.TrimPrefix(l.URL, "http://"+testHost)+" "+kindName(l.Kind))
	}
	if s := strings.Join(got, ", "); s != "/a 0, /f.rss f, /f.atom f" {
		t.Errorf("links %q", s)
	}
}

// TestInspectLinks: <base href> applies to every link, before it too; a
// same-host rel=canonical is taken, a cross-host one is not; links in
// scripts and comments are not links; each link comes once, in order; of
// a repeated attribute the first counts.
func TestInspectLinks(t *testing.T) {
	page := `<html><head><a href="early">e</a><base href="/dir/"><base href="/other/">` +
		`<link rel="canonical" href="/dir/canon"><script>var s = '<a href="/in-script">';</script></head>` +
		`<body><!-- <a href="/in-comment"> --><a href="x">x</a><a href="x#frag">again</a>` +
		`<a name="no-href">n</a><A HREF="/Upper">u</A><a href="mailto:a@b.test">m</a><a href="/first" HREF="/second">d</a></body></html>`
	base := "http://" + testHost + "/page.html"
	p := &Page{FinalURL: base, CanonicalURL: base, Status: 200,
		Header: http.Header{"Content-Type": {"text/html"}}, Content: []byte(page)}
	var got []string
	for _, l := range inspect(p) {
		got = append(got, strings.TrimPrefix(l.URL, "http://"+testHost))
	}
	if s := strings.Join(got, " "); s != "/dir/early /dir/x /Upper /first" {
		t.Errorf("links %q, want /dir/early /dir/x /Upper /first (the first of a repeated href)", s)
	}
	if p.CanonicalURL != "http://"+testHost+"/dir/canon" {
		t.Errorf("canonical %q", p.CanonicalURL)
	}
	cross := &Page{FinalURL: base, CanonicalURL: base, Status: 200, Header: http.Header{"Content-Type": {"text/html"}},
		Content: []byte(`<link rel="canonical" href="http://elsewhere.test/a">`)}
	inspect(cross)
	if cross.CanonicalURL != base {
		t.Errorf("cross-host canonical taken: %q", cross.CanonicalURL)
	}
}

// pageBytes, and the reference's pageReader, read what charset.NewReader
// reads, skipping the decoder only where decoding would change nothing.
func TestPageReaderDecodesAsCharset(t *testing.T) {
	gbk := []byte("<meta charset=gbk><a href=\"/\xd0\xc2\xce\xc5\">\xd0\xc2\xce\xc5</a>") // 新闻
	cases := []struct {
		name, ct string
		body     []byte
	}{
		{"utf-8 by header", "text/html; charset=utf-8", []byte("<a href=\"/新闻\">新闻</a>")},
		{"utf-8 by meta", "text/html", []byte("<meta charset=utf-8><a href=\"/新闻\">新闻</a>")},
		{"utf-8 with BOM", "text/html", []byte("\xef\xbb\xbf<a href=\"/新闻\">x</a>")},
		{"gbk by meta", "text/html", gbk},
		{"gbk with a utf-8 header that lies", "text/html; charset=utf-8", gbk},
		{"latin-1, undeclared", "text/html", []byte("<a href=\"/caf\xe9\">caf\xe9</a>")},
		{"ascii, undeclared", "", []byte("<a href=\"/a\">a</a>")},
		{"utf-16 by BOM", "text/html", []byte("\xff\xfe<\x00a\x00>\x00")},
	}
	for _, c := range cases {
		r, err := pageReader(c.body, c.ct)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, _ := io.ReadAll(r)
		wr, _ := charset.NewReader(bytes.NewReader(c.body), c.ct)
		want, _ := io.ReadAll(wr)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: read %q, charset.NewReader reads %q", c.name, got, want)
		}
		if b, _ := pageBytes(c.body, c.ct); !bytes.Equal(b, want) {
			t.Errorf("%s: pageBytes %q; charset.NewReader reads %q", c.name, b, want)
		}
	}
}

// resolve answers as resolveParsed does, from the memo or not, and the
// memo keys a root path by scheme and host so pages of two sites do not
// share answers.
func TestResolveMemo(t *testing.T) {
	bases := []string{"http://a.test/x/y.html", "https://a.test/x/", "http://b.test:8080/z", "http://user@a.test/q?s=1", "HTTP://A.test/"}
	hrefs := []string{"/news/1.html", " /news/1.html ", "/a/../b", "/p;jsessionid=AB12?utm_source=x&id=3#top", "http://C.test/Path",
		"HTTPS://c.test:443/", "//c.test/x", "rel/ative", "?q=1", "#frag", "mailto:x@y.test", "/", "http://", "/%zz"}
	for round := 0; round < 2; round++ { // the second round reads the memo
		for _, b := range bases {
			base, err := url.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hrefs {
				if got, want := resolve(base, h), resolveParsed(base, strings.TrimSpace(h)); got != want {
					t.Errorf("round %d: resolve(%s, %q) = %q, want %q", round, b, h, got, want)
				}
			}
		}
	}
	if k1, _ := memoKey(mustURL(t, "http://a.test/"), "/x"); k1 == func() resolveKey { k, _ := memoKey(mustURL(t, "http://b.test/"), "/x"); return k }() {
		t.Error("two hosts share a memo key for the same root path")
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// linkTagKind, given the name tagNameEnd reads of a start tag, names
// every start tag the tokenizer names as one of linkTags as the
// tokenizer does, in any case and however it ends, and names no other (a
// name that only begins like one: <abbr>, <areas>, <basefont>, <linkx>,
// <metas>, <iframes>; one with a NUL or a letter that folds to ASCII).
func TestLinkTagKindMatchesTagName(t *testing.T) {
	page := `<A HREF="/1"><a/href="/2"><a` + "\n" + `href="/3"><a	href="/4"><a>` +
		`<BASE href="/b/"><Base/><bAsE` + "\f" + `href=x><link rel=canonical href=/c><LINK/><Link>` +
		`<abbr title=x><area href="/5"><areas><basefont size=2><linkx href=/6><ab><b><br/><base` + "\r" + `href=y>` +
		`<FRAME src=/f><frames><iframes><meta charset=utf-8><metas><Meta` + "\n" + `http-equiv=refresh>` +
		`<aa href=/7><i><p class=a><img src=/a.jpg><a` + "\x00" + ` href=/8><li\x00nk>` +
		"<ba\u017fe href=/9><lin\u212a href=/10><A\u0301 href=/11><IFrame src=/i>" // the tokenizer reads what follows an iframe as text
	z := html.NewTokenizer(strings.NewReader(page))
	tags := 0
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		raw := string(z.Raw())
		name, _ := z.TagName()
		want := ""
		if slices.Contains(linkTags[:], string(name)) {
			want = string(name)
		}
		nameEnd, _ := tagNameEnd([]byte(raw), 1)
		if got := linkTagKind([]byte(raw[1:nameEnd])); got != want {
			t.Errorf("linkTagKind of %q = %q, want %q (tag name %q)", raw, got, want, name)
		}
		tags++
	}
	if tags < 25 {
		t.Fatalf("read %d start tags, want every tag of the page", tags)
	}
}

func TestHasPrefixFold(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{{"http://a", true}, {"HTTP://a", true}, {"hTtP://", true}, {"http:/", false}, {"http\x1a//a", false},
		{"hxxp://a", false}, {"", false}, {"https://a", false}} {
		if got := hasPrefixFold(tc.s, "http://"); got != tc.want {
			t.Errorf("hasPrefixFold(%q, http://) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
