package serve

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A server on loopback answers only to its own names, so that a page of
// another site whose name was made to resolve to 127.0.0.1 (DNS
// rebinding) cannot read the archive; one opened to the network answers
// to any name.
func TestHostChecked(t *testing.T) {
	_, path := newTestServer(t)
	cases := []struct {
		addr, host string
		ok         bool
	}{
		{"", "127.0.0.1:8080", true},
		{"", "localhost:8080", true},
		{"", "LocalHost", true},
		{"", "[::1]:8080", true},
		{"", "127.0.0.2", true},
		{"", "evil.test", false},
		{"", "evil.test:8080", false},
		{"", "localhost.evil.test", false},
		{"", "", false},
		{"127.0.0.1:8080", "evil.test:8080", false},
		{"localhost:8080", "localhost:8080", true},
		{"prov.lan:8080", "prov.lan:8080", true},
		{"prov.lan:8080", "PROV.LAN", true},
		{"prov.lan:8080", "evil.test", false},
		{"[::1]:8080", "evil.test", false},
		{"0.0.0.0:8080", "evil.test", true},
		{":8080", "evil.test", true},
		{"[::]:8080", "evil.test", true},
		{"192.0.2.7:8080", "archive.example.test", true},
	}
	for _, c := range cases {
		srv, err := New(Config{DB: path, Addr: c.addr, OpenTimeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("GET", "/runs", nil)
		req.Host = c.host
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		refused := rec.Code == http.StatusMisdirectedRequest && strings.Contains(rec.Body.String(), "is not a name of this server") &&
			!strings.Contains(rec.Body.String(), path) // a page of another site learns nothing of the archive

		if c.ok && rec.Code != 200 || !c.ok && !refused {
			t.Errorf("listening on %q, Host %q: %d, want it answered %v\n%.300s", c.addr, c.host, rec.Code, c.ok, rec.Body.String())
		}
	}
}

// A verify or an export that a page of another site asks for is refused;
// prov's own pages and the user's own navigation start them.
func TestHeavyWorkOnlyFromOwnPages(t *testing.T) {
	ts, _ := newTestServer(t)
	_, works := fetch(t, ts.URL+"/works")
	i := strings.Index(works, `href="/work/`)
	if i < 0 {
		t.Fatal("no work on the works page")
	}
	export := works[i+6:i+6+len("/work/")+12] + "/export/jsonl"
	for _, p := range []string{"/verify", export} {
		for site, want := range map[string]int{"": 200, "none": 200, "same-origin": 200, "same-site": 403, "cross-site": 403} {
			req, _ := http.NewRequest("GET", ts.URL+p, nil)
			if site != "" {
				req.Header.Set("Sec-Fetch-Site", site)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("%s with Sec-Fetch-Site %q: %s, want %d", p, site, resp.Status, want)
			}
		}
	}
}
