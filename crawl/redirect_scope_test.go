package crawl

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRedirectScope: a redirect to another host of the seed's registrable
// domain (example.test → www.example.test) is followed, and that host's
// links with it; a redirect to any other host fails the fetch as out of
// scope, naming the host, and that host is never requested.
func TestRedirectScope(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.Host+r.URL.Path]++
		mu.Unlock()
		switch r.Host + r.URL.Path {
		case "example.test/":
			http.Redirect(w, r, "http://www.example.test/moved", http.StatusMovedPermanently)
		case "example.test/away":
			http.Redirect(w, r, "http://other.test/x", http.StatusFound)
		case "www.example.test/moved":
			fmt.Fprint(w, `<html><body><p>Moved.</p><a href="/next">next</a></body></html>`)
		case "www.example.test/next", "other.test/x":
			fmt.Fprint(w, article)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	cfg := Config{Delay: time.Millisecond, Timeout: 5 * time.Second, Stats: new(Stats),
		Seeds: []string{"http://example.test/", "http://example.test/away"}}
	for _, h := range []string{"example.test", "www.example.test", "other.test"} {
		cfg.ConnectTo = append(cfg.ConnectTo, ConnectTo{Host: h, Port: "80", ToHost: "127.0.0.1", ToPort: port})
	}
	got := crawlKeyed(t, cfg, func(u string) string { return u })

	moved := got["http://example.test/"]
	if moved.Err != nil || moved.Status != 200 || moved.FinalURL != "http://www.example.test/moved" {
		t.Errorf("same-site redirect: status %d final %q err %v, want 200 at www.example.test/moved", moved.Status, moved.FinalURL, moved.Err)
	}
	if p, ok := got["http://www.example.test/next"]; !ok || p.Status != 200 {
		t.Errorf("a link on the host redirected to was not followed: %+v", keys(got))
	}
	away := got["http://example.test/away"]
	if !errors.Is(away.Err, ErrOutOfScope) || !strings.Contains(away.Err.Error(), "out of scope: redirect to other.test") {
		t.Errorf("cross-site redirect: err %v, want out of scope: redirect to other.test", away.Err)
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["other.test/x"] != 0 {
		t.Errorf("other.test was requested %d times", hits["other.test/x"])
	}
}

func TestSameSite(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"a.test", "www.a.test", true},
		{"news.example.co.uk", "www.example.co.uk", true},
		{"a.test", "b.test", false},
		{"example.co.uk", "other.co.uk", false},
		{"127.0.0.1", "10.0.0.1", false},
		{"localhost", "www.localhost", false},
	} {
		if got := sameSite(c.a, c.b); got != c.want {
			t.Errorf("sameSite(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestRedirectScopeNamesTargetWithoutHost: a redirect out of scope to a
// URL with no host (javascript:, data:) names the URL, not an empty host.
func TestRedirectScopeNamesTargetWithoutHost(t *testing.T) {
	s := newScope(Config{}, []*url.URL{mustParse(t, "http://a.test/")})
	cases := []struct{ to, says string }{
		{"javascript:alert(1)", `redirect to "javascript:alert(1)"`},
		{"data:text/html," + strings.Repeat("x", 100), `redirect to "data:text/html,` + strings.Repeat("x", 45) + `"…`},
		{"http://other.test/x", "redirect to other.test"},
	}
	for _, c := range cases {
		err := s.admitRedirect(mustParse(t, "http://a.test/"), mustParse(t, c.to))
		if !errors.Is(err, ErrOutOfScope) || !strings.HasSuffix(err.Error(), c.says) {
			t.Errorf("redirect to %.30s: %v, want it to end %s", c.to, err, c.says)
		}
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
