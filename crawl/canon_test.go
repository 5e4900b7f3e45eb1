package crawl

import (
	"net/url"
	"strings"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"http://example.test", "http://example.test/"},
		{"HTTP://Example.TEST:80/a/B?x=1#frag", "http://example.test/a/B?x=1"},
		{"https://example.test:443/", "https://example.test/"},
		{"https://example.test:8443/", "https://example.test:8443/"},
		{"http://example.test:443/", "http://example.test:443/"},
		{"http://example.test/a?utm_source=x&id=7&UTM_Medium=y&fbclid=z&b=2", "http://example.test/a?id=7&b=2"},
		{"http://example.test/a?gclid=1&spm=a.b&from=timeline&isappinstalled=0", "http://example.test/a"},
		{"http://example.test/a?z=1&a=2&z=0", "http://example.test/a?z=1&a=2&z=0"},
		{"http://example.test/a?q=%E4%B8%AD&&x", "http://example.test/a?q=%E4%B8%AD&x"},
		{"http://example.test/a?", "http://example.test/a"},
		{"http://user:pw@example.test/", "http://example.test/"},
		{"http://example.test./a", "http://example.test/a"},
		{"http://Bücher.example/", "http://xn--bcher-kva.example/"},
		{"http://[::1]:80/", "http://[::1]/"},
		{"http://[FE80::1]:8080/x", "http://[fe80::1]:8080/x"},
		{"http://example.test/%7Euser/a%20b", "http://example.test/%7Euser/a%20b"},
		{" http://example.test/a ", "http://example.test/a"},
		{"http://example.test/shop/item.jsp;jsessionid=A1B2C3?id=4", "http://example.test/shop/item.jsp?id=4"},
		{"http://example.test/a;JSESSIONID=x/b", "http://example.test/a/b"},
		{"http://example.test/;jsessionid=x", "http://example.test/"},
		{"http://example.test/a;v=1", "http://example.test/a;v=1"},
		{"http://example.test/a.php?PHPSESSID=abc&id=7", "http://example.test/a.php?id=7"},
		{"http://example.test/a?id=7&sid=f00&sessionid=1&phpsessid=2", "http://example.test/a?id=7"},
		{"http://example.test/a.asp?ASPSESSIONIDQQGGQGPG=XYZ&p=2", "http://example.test/a.asp?p=2"},
		{"http://example.test/a?jsessionid=1&side=3", "http://example.test/a?side=3"},
	}
	for _, c := range cases {
		got, err := Canonicalize(c.in)
		if err != nil || got != c.want {
			t.Errorf("Canonicalize(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"mailto:x@example.test", "javascript:void(0)", "ftp://example.test/", "http:///a", "/relative", "http://exa mple/"} {
		if got, err := Canonicalize(bad); err == nil {
			t.Errorf("Canonicalize(%q) = %q, want an error", bad, got)
		}
	}
}

func FuzzCanonicalize(f *testing.F) {
	f.Add("HTTP://Example.TEST:80/a/B?utm_source=x&id=7#frag")
	f.Add("http://[::1]:80/?a&&b")
	f.Add("http://example.test/a%3B;jsessionid=1;x/b?sid=2")
	for _, c := range wireCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		once, err := Canonicalize(in)
		if err != nil {
			return
		}
		twice, err := Canonicalize(once)
		if err != nil || twice != once {
			t.Errorf("not idempotent: %q -> %q -> %q (%v)", in, once, twice, err)
		}
		if trimmed := strings.TrimSpace(in); canonicalAsIs(trimmed) {
			if parsed, err := canonicalizeParsed(trimmed); err != nil || parsed != trimmed {
				t.Errorf("canonicalAsIs(%q), but its parse gives %q, %v", trimmed, parsed, err)
			}
		}
		if wire := collyForm(t, once); wire != once {
			t.Errorf("%q -> %q, which colly requests as %q", in, once, wire)
		}
	})
}

// collyForm is the URL colly requests for u: its WHATWG parse, then
// net/url's (colly's Collector.scrape).
func collyForm(t *testing.T, u string) string {
	w, err := wireParser.Parse(u)
	if err != nil {
		t.Fatalf("colly cannot parse canonical %q: %v", u, err)
	}
	p, err := url.Parse(w.Href(false))
	if err != nil {
		t.Fatalf("net/url cannot parse colly's %q: %v", w.Href(false), err)
	}
	return p.String()
}

// wireCases are URLs whose canonical form colly would have requested
// otherwise: what a browser encodes or resolves.
var wireCases = []struct{ in, want string }{
	{"http://a.test/search?q=白皮书", "http://a.test/search?q=%E7%99%BD%E7%9A%AE%E4%B9%A6"},
	{"http://a.test/a/../b/./c.htm", "http://a.test/b/c.htm"},
	{"http://a.test/政策/文件.html", "http://a.test/%E6%94%BF%E7%AD%96/%E6%96%87%E4%BB%B6.html"},
	{"http://a.test/a b?x=c d", "http://a.test/a%20b?x=c%20d"},
	{"http://a.test/p?q='quoted'&r=\"x\"", "http://a.test/p?q=%27quoted%27&r=%22x%22"},
	{"http://a.test/100%/x?p=5%", "http://a.test/100%25/x?p=5%"}, // colly encodes a lone % in a path, not in a query
	{"http://a.test\\back\\slash", "http://a.test/back/slash"},
	{"http://a.test/x/..", "http://a.test/"},
	{"http://a.test/%e4%b8%ad?q=%E4%B8%AD", "http://a.test/%e4%b8%ad?q=%E4%B8%AD"},
	{"http://a.test/plain/path.html?id=7", "http://a.test/plain/path.html?id=7"},
}

// TestCanonicalWireForm: a canonical URL is the URL colly requests for
// it, so the page comes back under the key the frontier took.
func TestCanonicalWireForm(t *testing.T) {
	for _, c := range wireCases {
		got, err := Canonicalize(c.in)
		if err != nil || got != c.want {
			t.Errorf("Canonicalize(%q) = %q, %v; want %q", c.in, got, err, c.want)
			continue
		}
		if wire := collyForm(t, got); wire != got {
			t.Errorf("%q: colly requests %q", got, wire)
		}
	}
}

// The memo of canonical hosts answers as canonicalHost does, for each
// scheme apart (the default port is the scheme's), and keeps no error:
// a host refused is refused again.
func TestCanonicalHostMemo(t *testing.T) {
	hosts := []struct{ scheme, host string }{
		{"http", "Example.COM"}, {"http", "example.com:80"}, {"https", "example.com:80"},
		{"https", "example.com:443"}, {"http", "example.com:443"}, {"http", "Bücher.example."},
		{"http", "[::1]:8080"}, {"http", "[fe80::1%25en0]"}, {"http", "a..b"}, {"http", "x.test:99999"},
	}
	for round := range 2 { // the second round is answered from the memo
		for _, h := range hosts {
			want, wantErr := canonicalHost(h.scheme, h.host)
			got, err := canonicalHostMemo(h.scheme, h.host)
			if got != want || (err == nil) != (wantErr == nil) {
				t.Errorf("round %d: %s %s: %q, %v; canonicalHost says %q, %v", round, h.scheme, h.host, got, err, want, wantErr)
			}
		}
	}
}

// canonicalize's shortcut for a URL that is its own canonical form
// (canonicalAsIs) answers as the parse does: for every URL it takes, the
// parse gives the URL back. The URLs are made of hosts and paths near the
// shortcut's edges: ports (default or not), trailing dots, upper case,
// numbers that read as IPv4, punycode, dot segments, escapes, queries.
func TestCanonicalAsIsAsParsed(t *testing.T) {
	schemes := []string{"http://", "https://", "HTTP://", "ftp://"}
	hosts := []string{"bench.test", "a-b.example", "Bench.test", "bench.test.", "bench.test:80", "bench.test:443",
		"bench.test:8080", "bench.test:", "bench.test:0", "bench.test:99999", "1.2.3.4", "example.0", "example.0x1f",
		"xn--bcher-kva.example", "xn--zz.example", "-bad.example", "a..b", "user@bench.test", "[::1]", ""}
	paths := []string{"", "/", "/a", "/news/2001/00001.html", "/a/./b", "/a/../b", "/.hidden", "/a/b.", "/a//b",
		"/A-Z_a~z.0-9", "/a%20b", "/a;jsessionid=1", "/a?", "/a?q=1", "/a?utm_source=x", "/a#f", "/路径", "/a b"}
	taken := 0
	for _, s := range schemes {
		for _, h := range hosts {
			for _, p := range paths {
				raw := s + h + p
				if !canonicalAsIs(raw) {
					continue
				}
				taken++
				if got, err := canonicalizeParsed(raw); err != nil || got != raw {
					t.Errorf("canonicalAsIs(%q), but its parse gives %q, %v", raw, got, err)
				}
			}
		}
	}
	if taken < 50 {
		t.Errorf("the shortcut took %d URLs: too few to test it", taken)
	}
}

// BenchmarkCanonicalizeKey canonicalises a frontier key of the bench
// site, as each page's fetch is recorded (pageFrom) and marked done.
func BenchmarkCanonicalizeKey(b *testing.B) {
	const key = "http://bench.test/news/2001/00001.html"
	b.ReportAllocs()
	for b.Loop() {
		if c, err := Canonicalize(key); err != nil || c != key {
			b.Fatal(c, err)
		}
	}
}
