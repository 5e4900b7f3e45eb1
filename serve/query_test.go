package serve

import (
	"encoding/json"
	"strings"
	"testing"
)

// A query that does not parse is a 400 saying so, on every route, not a
// page that says a parameter given is missing.
func TestMalformedQuery(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, p := range []string{"/url?u=http://evil.test/%zz", "/works?host=a%zz", "/search?q=x&page=%zz", "/diff?a=1;b=2", "/capture/1?x=%"} {
		resp, body := fetch(t, ts.URL+p)
		if resp.StatusCode != 400 || !strings.Contains(body, "the query is malformed") {
			t.Errorf("%s: %s, want 400 saying the query is malformed\n%.600s", p, resp.Status, body)
		}
	}
}

// /diff.json answers its errors in JSON, as it answers a diff.
func TestDiffJSONErrors(t *testing.T) {
	ts, _ := newTestServer(t)
	cases := []struct {
		query  string
		status int
		says   string
	}{
		{"", 400, "diff needs a"},
		{"?a=abababab&b=1", 404, "not found"},
		{"?a=%zz", 400, "the query is malformed"},
	}
	for _, c := range cases {
		resp, body := fetch(t, ts.URL+"/diff.json"+c.query)
		var got struct {
			Status int    `json:"status"`
			Error  string `json:"error"`
		}
		err := json.Unmarshal([]byte(body), &got)
		if resp.StatusCode != c.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
			err != nil || got.Status != c.status || !strings.Contains(got.Error, c.says) {
			t.Errorf("/diff.json%s: %s %q, want %d in JSON saying %q\n%.300s", c.query, resp.Status, resp.Header.Get("Content-Type"), c.status, c.says, body)
		}
	}
	if resp, body := fetch(t, ts.URL+"/diff.json?a=1&b=1"); resp.StatusCode != 200 || !json.Valid([]byte(body)) {
		t.Errorf("/diff.json?a=1&b=1: %s", resp.Status)
	}
}
