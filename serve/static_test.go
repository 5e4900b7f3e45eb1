package serve

import (
	"strings"
	"testing"
)

// /static/ serves the stylesheet and nothing else: no listing, and what
// is not there is the UI's own 404 page.
func TestStatic(t *testing.T) {
	ts, _ := newTestServer(t)
	resp, body := fetch(t, ts.URL+"/static/style.css")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || body == "" {
		t.Errorf("/static/style.css: %s, %q, %d bytes", resp.Status, resp.Header.Get("Content-Type"), len(body))
	}
	for _, p := range []string{"/static/", "/static", "/static/nope.css", "/static/..%2fserver.go"} {
		resp, body := fetch(t, ts.URL+p)
		if resp.StatusCode != 404 || !strings.Contains(body, "<h1>404 Not Found</h1>") || strings.Contains(body, "style.css</a>") {
			t.Errorf("%s: %s, want the UI's 404 page\n%.300s", p, resp.Status, body)
		}
	}
}
