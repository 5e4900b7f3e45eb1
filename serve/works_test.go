package serve

import (
	"net/url"
	"strings"
	"testing"
)

// The works filter takes a host name alone and a real date: anything else
// is a 400 saying what it wants, not a filter that nothing passes.
func TestWorksFilterChecked(t *testing.T) {
	ts, _ := newTestServer(t)
	cases := []struct {
		query string
		rows  int // -1: a bad request
	}{
		{"host=" + url.QueryEscape(`"><script>`), -1},
		{"host=" + url.QueryEscape("http://evil.test/"), -1},
		{"host=evil.test:80", -1},
		{"host=evil.test%2Fpath", -1},
		{"host=evil%20test", -1},
		{"from=2024-13-45", -1},
		{"to=2024-02-30", -1},
		{"from=24-1-2", -1},
		{"host=evil.test.", 1},
		{"host=EVIL.test", 1},
		{"host=127.0.0.1", 0},
		{"host=" + url.QueryEscape("网络.test"), 0},
		{"from=2024-02-29", 0},
	}
	for _, c := range cases {
		resp, body := fetch(t, ts.URL+"/works?"+c.query)
		switch {
		case c.rows < 0 && (resp.StatusCode != 400 || !strings.Contains(body, "want a")):
			t.Errorf("/works?%s: %s, want a 400 saying what it wants\n%.600s", c.query, resp.Status, body)
		case c.rows >= 0 && (resp.StatusCode != 200 || strings.Count(body, `<tr class="work"`) != c.rows):
			t.Errorf("/works?%s: %s with %d rows, want 200 with %d", c.query, resp.Status, strings.Count(body, `<tr class="work"`), c.rows)
		}
	}
}
