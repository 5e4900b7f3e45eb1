package testweb

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prov-archive/prov/rules"
)

// client returns an HTTP client that sends every request to addr, keeping
// the URL's host in the Host header, and does not follow redirects.
func client(addr string) *http.Client {
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	return &http.Client{
		Transport:     &http.Transport{DialContext: dial},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func get(t *testing.T, c *http.Client, u string, hdr ...string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func TestServeOverLoopback(t *testing.T) {
	w := New()
	addr, stop, err := w.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	c := client(addr)
	for _, a := range Articles() {
		if r := get(t, c, a.URL); r.StatusCode != 200 {
			t.Errorf("%s: %d", a.URL, r.StatusCode)
		}
	}
	agg := "http://" + HostAggregator
	r := get(t, c, agg+pathAggregatorOld)
	if r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != pathAggregator {
		t.Errorf("redirect: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := get(t, c, agg+pathAggregator404); r.StatusCode != 404 {
		t.Errorf("dead link: %d, want 404", r.StatusCode)
	}
	if r := get(t, c, "http://"+HostXinhua+pathXinhua); r.Header.Get("Content-Type") != xinhuaCType {
		t.Errorf("xinhua Content-Type %q", r.Header.Get("Content-Type"))
	}
	first := get(t, c, agg+pathAggregator)
	if r := get(t, c, agg+pathAggregator, "If-None-Match", first.Header.Get("ETag")); r.StatusCode != 304 {
		t.Errorf("conditional GET: %d, want 304", r.StatusCode)
	}
	reqs := w.Requests()
	wantOld := HostAggregator + " " + pathAggregatorOld
	if !slices.Contains(reqs, wantOld) || len(reqs) != len(Articles())+5 {
		t.Errorf("Requests() = %v", reqs)
	}
	stop()
}

func TestRequestsRecordQueryAndHost(t *testing.T) {
	w := New()
	for _, target := range []string{"http://www.aggregator.test:8080/news/x.html?utm_source=a#frag", "http://BLOG.MIRROR.TEST/"} {
		req, _ := http.NewRequest(http.MethodGet, target, nil)
		w.ServeHTTP(discard{http.Header{}}, req)
	}
	want := []string{"www.aggregator.test /news/x.html?utm_source=a", "blog.mirror.test /"}
	if got := w.Requests(); !slices.Equal(got, want) {
		t.Errorf("Requests() = %q, want %q", got, want)
	}
}

type discard struct{ h http.Header }

func (d discard) Header() http.Header         { return d.h }
func (d discard) Write(b []byte) (int, error) { return len(b), nil }
func (d discard) WriteHeader(int)             {}

var hrefRE = regexp.MustCompile(`href="([^"]*)"`)

// TestLinksLeadSomewhere checks every <a href> of every page: links to the
// demo sites must be served, except the aggregator's deliberate dead link.
func TestLinksLeadSomewhere(t *testing.T) {
	web := New()
	for host, rs := range web.sites {
		for path, r := range rs {
			base := &url.URL{Scheme: "http", Host: host, Path: path}
			for _, m := range hrefRE.FindAllStringSubmatch(decode(t, host, r.body), -1) {
				u, err := base.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
				if err != nil || u.Scheme != "http" || strings.HasPrefix(m[1], "#") {
					continue
				}
				if strings.HasSuffix(u.Path, ".css") || u.Path == pathAggregator404 {
					continue
				}
				if web.sites[u.Host][u.Path] == nil {
					t.Errorf("%s%s links to %s, which is not served", host, path, u)
				}
			}
		}
	}
}

func TestRulesParse(t *testing.T) {
	set, err := rules.Parse("demo.yaml", RulesYAML())
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Sites) != len(Sites()) {
		t.Fatalf("%d rule sites, want %d", len(set.Sites), len(Sites()))
	}
	// The rules, not a suffix table, give each mini-web site the authority
	// of the real site it imitates.
	for _, s := range Sites() {
		if a, why := set.Authority(s.Host); string(a) != s.Authority || why != "rule "+s.Name {
			t.Errorf("%s: authority %s (%s), want %s from rule %s", s.Host, a, why, s.Authority, s.Name)
		}
	}
	for _, a := range Articles() {
		u, _ := url.Parse(a.URL)
		site := set.ForHost(u.Host)
		if site == nil || !slices.ContainsFunc(site.Capture, func(re *regexp.Regexp) bool { return re.MatchString(u.Path) }) {
			t.Errorf("%s: no rule captures it", a.URL)
		}
		if slices.ContainsFunc(site.Capture, func(re *regexp.Regexp) bool { return re.MatchString("/") }) {
			t.Errorf("%s: home page captured as a document", u.Host)
		}
	}
}
