package clean

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// abs answers a plain path from the root without parsing it (urlpath.Plain,
// rootOf): it must answer exactly as parsing and resolving it does, for
// every base, and leave every other href to the parse.
func TestAbsPlainPathAsParsed(t *testing.T) {
	bases := []string{
		"http://bench.test/news/2001/00001.html",
		"https://Example.ORG:8443/a/b/c?q=1#f",
		"http://[::1]:8080/x",
		"http://user:pw@example.org/a", // user info: no shortcut
		"http://例子.测试/路径/",
		"file:///srv/page.html", // no host: no shortcut
		"",
	}
	hrefs := []string{
		"/", "/a", "/news/2003/00003.html", "/a/b/", "/a//b", "/a/./b", "/a/../b", "/.", "/..",
		"/a/.hidden", "/a/b.", "/a/b..c", "//other.test/x", "/a?q=1", "/a#frag", "/a%20b", "/a b",
		"/A-Z_a~z.0-9", "/路径", "/a:b", "/a;b=c", "/a@b", "/a+b", "/a$b", "/a!b", "/a'b", "/a(b)",
	}
	r := rand.New(rand.NewPCG(5, 6))
	const alphabet = "/./ab-_~%?#:;@+Z9 "
	for range 3000 {
		b := make([]byte, 1+r.IntN(12))
		b[0] = '/'
		for i := 1; i < len(b); i++ {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		hrefs = append(hrefs, string(b))
	}
	for _, base := range bases {
		fast := newResolver(base, "")
		slow := fast
		slow.root = ""
		for _, h := range hrefs {
			if got, want := fast.abs(h), slow.abs(h); got != want {
				t.Errorf("base %q, href %q: abs %q, parsed %q", base, h, got, want)
			}
		}
	}
}

// cleanTree parses the page URL once (parsePageURL): pageResolver answers
// as newResolver, which parses it trimmed, for URLs with and without
// spaces around them and with and without a <base href>; and pagination,
// which reads the URL without its fragment, leaves the parsed URL as it
// was for the others that read it.
func TestPageURLParsedOnce(t *testing.T) {
	pages := []string{
		"http://bench.test/news/2001/00001.html", " http://bench.test/a_2.html ", "https://example.org/a/b_3.html?page=2#top",
		"http://example.org/a b/c", "not a url", "%zz", "",
	}
	hrefs := []string{"/", "/a", "b/c", "../d?x=1", "//other.test/x", "#f", "https://third.test/y", "?page=3"}
	for _, raw := range pages {
		page := parsePageURL(raw)
		for _, base := range []string{"", "/base/", "https://base.test/dir/"} {
			got, want := pageResolver(raw, page, base), newResolver(raw, base)
			for _, h := range hrefs {
				if g, w := got.abs(h), want.abs(h); g != w {
					t.Errorf("page %q, base %q, href %q: %q, newResolver %q", raw, base, h, g, w)
				}
			}
		}
		if page == nil {
			continue
		}
		before := *page
		root, err := parseHTML([]byte(`<html><body><a href="?page=3">3</a><a href="/a/b_4.html">Next</a></body></html>`), nil)
		if err != nil {
			t.Fatal(err)
		}
		pagination(root, pageResolver(raw, page, ""), page)
		if *page != before {
			t.Errorf("pagination changed the page URL %q: %+v, was %+v", raw, *page, before)
		}
	}
}

// hasToken answers as a search of strings.Fields does, without making
// the slice: a page asks it of every rel attribute.
func TestHasTokenInPlace(t *testing.T) {
	lists := []string{"", " ", "next", "NEXT", " next ", "stylesheet preload", "nofollow\tnext\n", "prev\u00a0next", "nextprev", "previous", "canonical amphtml"}
	for _, l := range lists {
		for _, tok := range []string{"next", "prev", "previous", "canonical"} {
			want := slices.ContainsFunc(strings.Fields(l), func(f string) bool { return strings.EqualFold(f, tok) })
			if got := hasToken(l, tok); got != want {
				t.Errorf("hasToken(%q, %q) = %v, want %v", l, tok, got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { hasToken("stylesheet preload nofollow", "next") }); n != 0 {
		t.Errorf("hasToken allocates %v times a call", n)
	}
}
