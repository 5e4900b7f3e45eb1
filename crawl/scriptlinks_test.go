package crawl

import (
	"slices"
	"testing"
)

// TestScriptRedirects: plain redirects of a script are its links; reads,
// comparisons, URLs put together and other objects' locations are not.
func TestScriptRedirects(t *testing.T) {
	cases := map[string][]string{
		`window.location.href = "/zwgk/index.htm";`:                               {"/zwgk/index.htm"},
		`location='index.html'`:                                                   {"index.html"},
		"top.location = \"http://www.example.gov.cn/\"\r\n":                       {"http://www.example.gov.cn/"},
		`document.location.replace('/m/index.html');`:                             {"/m/index.html"},
		`if (mobile) { location.assign("/m/") } else { location.href = "/pc/"; }`: {"/m/", "/pc/"},
		`var here = location.href;`:                                               nil,
		`if (location.href == "/a") {}`:                                           nil,
		`location.href = "/list_" + page + ".htm";`:                               nil,
		`mylocation = "/x";`:                                                      nil,
		`location.hash = "#top";`:                                                 nil,
		`location.href = "http:\/\/a.test\/";`:                                    nil,
		`location.href = "/no-end`:                                                nil,
		"location.href = '/a'\nlocation.href = '/b'":                              {"/a", "/b"},
	}
	for script, want := range cases {
		if got := appendScriptRedirects(nil, []byte(script)); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", script, got, want)
		}
	}
}
