package crawl

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/prov-archive/prov/rules"
)

func TestSiteRules(t *testing.T) {
	ts := newTestServer(t)
	re := regexp.MustCompile
	cases := []struct {
		name string
		site rules.Site
		want string // requested paths, sorted
	}{
		{"follow", rules.Site{Follow: []*regexp.Regexp{re(`^/a$`)}}, "/ /a"},
		{"capture counts as follow", rules.Site{Follow: []*regexp.Regexp{re(`^/x`)}, Capture: []*regexp.Regexp{re(`^/missing$`)}}, "/ /missing"},
		{"deny", rules.Site{Deny: []*regexp.Regexp{re(`^/a`), re(`^/to-`)}}, "/ /missing"},
		{"site depth", rules.Site{MaxDepth: depth(1)}, "/ /a /missing /to-private"},
		{"site depth 0 is the seeds only", rules.Site{MaxDepth: depth(0)}, "/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := c.site
			site.Name, site.Hosts = "example", []string{testHost}
			cfg := ts.config("/")
			cfg.MaxDepth = 5
			cfg.Rules = &rules.Set{Sites: []*rules.Site{&site}}
			got := crawlAll(t, cfg)
			var paths []string
			for k := range got {
				paths = append(paths, k)
			}
			sort.Strings(paths)
			if s := strings.Join(paths, " "); s != c.want {
				t.Errorf("pages %q, want %q", s, c.want)
			}
		})
	}
}

func depth(n int) *int { return &n }

// TestDepthOverRules: a run's limit given with DepthOverRules (the
// command line's --max-depth) wins over a site's max_depth, both ways.
func TestDepthOverRules(t *testing.T) {
	ts := newTestServer(t)
	for _, c := range []struct {
		run, site int
		want      string
	}{
		{-1, 5, "/"},
		{1, 0, "/ /a /missing /to-private"},
	} {
		site := rules.Site{Name: "example", Hosts: []string{testHost}, MaxDepth: depth(c.site)}
		cfg := ts.config("/")
		cfg.MaxDepth, cfg.DepthOverRules = c.run, true
		cfg.Rules = &rules.Set{Sites: []*rules.Site{&site}}
		var paths []string
		for k := range crawlAll(t, cfg) {
			paths = append(paths, k)
		}
		sort.Strings(paths)
		if s := strings.Join(paths, " "); s != c.want {
			t.Errorf("run depth %d over site depth %d: pages %q, want %q", c.run, c.site, s, c.want)
		}
	}
}

func TestValidators(t *testing.T) {
	ts := newTestServer(t)
	cfg := ts.config()
	cfg.Validators = func(url string) (string, string) {
		if strings.HasSuffix(url, "/etag") {
			return `"v1"`, ""
		}
		return "", ""
	}
	p, err := Fetch(context.Background(), cfg, "http://"+testHost+"/etag")
	if err != nil || p.Status != http.StatusNotModified || p.RequestHeader.Get("If-None-Match") != `"v1"` {
		t.Fatalf("status %d, %v, request header %v", p.Status, err, p.RequestHeader)
	}
	// A page moved to a URL with the same validators: the moved URL's
	// validators are not sent on to the new one, which is fetched whole.
	cfg.Validators = func(url string) (string, string) {
		if strings.HasSuffix(url, "/etag-moved") {
			return `"v1"`, "Mon, 01 Jan 2024 00:00:00 GMT"
		}
		return "", ""
	}
	p, err = Fetch(context.Background(), cfg, "http://"+testHost+"/etag-moved")
	if err != nil || p.Status != http.StatusOK || len(p.Redirects) != 2 || p.RequestHeader.Get("If-None-Match") != "" || p.RequestHeader.Get("If-Modified-Since") != "" {
		t.Errorf("moved page: status %d, %v, %d hops, last request header %v; want 200 without validators", p.Status, err, len(p.Redirects), p.RequestHeader)
	}
	// A 304 to a request without validators says nothing is unchanged.
	p, err = Fetch(context.Background(), cfg, "http://"+testHost+"/always-304")
	if !errors.Is(err, ErrUnaskedNotModified) || p.Failure() != FailMalformed || p.Status != http.StatusNotModified {
		t.Errorf("unasked 304: status %d, %v, failure %q; want ErrUnaskedNotModified, %q", p.Status, err, p.Failure(), FailMalformed)
	}
}
