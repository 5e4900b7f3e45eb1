package serve

import (
	"net/http"
	"testing"
)

// The web view is read-only: a method other than GET or HEAD is a 405
// naming the methods allowed, on every route and off them.
func TestMethodsNotAllowed(t *testing.T) {
	ts, _ := newTestServer(t)
	for _, p := range []string{"/", "/works", "/capture/1", "/capture/1/raw", "/capture/1/download", "/verify", "/static/style.css", "/nowhere"} {
		for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS", "PATCH"} {
			req, _ := http.NewRequest(m, ts.URL+p, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %s, Allow %q; want 405, GET, HEAD", m, p, resp.Status, resp.Header.Get("Allow"))
			}
		}
		resp, err := http.Head(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 404, false: 200}[p == "/nowhere"]; resp.StatusCode != want {
			t.Errorf("HEAD %s: %s, want %d", p, resp.Status, want)
		}
	}
}
