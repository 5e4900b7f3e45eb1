package crawl

import (
	"context"
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
		{"site depth", rules.Site{MaxDepth: 1}, "/ /a /missing /to-private"},
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
			for k, p := range got {
				paths = append(paths, k)
				if p.Rule != "example" {
					t.Errorf("%s: Rule %q", k, p.Rule)
				}
			}
			sort.Strings(paths)
			if s := strings.Join(paths, " "); s != c.want {
				t.Errorf("pages %q, want %q", s, c.want)
			}
		})
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
}
