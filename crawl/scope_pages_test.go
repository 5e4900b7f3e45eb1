package crawl

import (
	"net/url"
	"regexp"
	"testing"

	"github.com/prov-archive/prov/rules"
)

// TestFollowsLaterPages: with capture patterns and no follow patterns, a
// later page of a captured article (c123_2.htm) is followed, so the
// article is archived whole; other paths stay out.
func TestFollowsLaterPages(t *testing.T) {
	site := &rules.Site{Name: "gov", Hosts: []string{"gov.test"},
		Capture: []*regexp.Regexp{regexp.MustCompile(`^/a/c\d+\.htm$`)}}
	seed, _ := url.Parse("http://gov.test/")
	s := newScope(Config{Rules: &rules.Set{Sites: []*rules.Site{site}}, MaxDepth: 3}, []*url.URL{seed})
	for path, want := range map[string]string{
		"/a/c123.htm":    "",
		"/a/c123_2.htm":  "",
		"/a/c123_17.htm": "",
		"/a/c123_x.htm":  SkipNotFollowed,
		"/b/c123_2.htm":  SkipNotFollowed,
		"/a/c123_2.html": SkipNotFollowed,
	} {
		u, _ := url.Parse("http://gov.test" + path)
		if got := s.follows(u, 1); got != want {
			t.Errorf("follows(%s) = %q, want %q", path, got, want)
		}
	}
}
