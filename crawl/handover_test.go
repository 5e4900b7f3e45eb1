package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestHandOverHeader: the header net/http and colly get of a hop is not
// the page's. A cookie set by a redirect is sent with the next hop (the
// cookie jar reads Set-Cookie from the handed-over header), the redirect
// is followed (Location), and the page keeps its whole header as it
// came, Content-Length and Content-Encoding among it.
func TestHandOverHeader(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			http.SetCookie(w, &http.Cookie{Name: "s", Value: "1", Path: "/"})
			http.Redirect(w, r, "/there", http.StatusFound)
		case "/there":
			w.Header().Set("Content-Encoding", "identity")
			w.Header().Set("Content-Length", fmt.Sprint(len(article)))
			w.Header().Set("X-Echo-Cookie", r.Header.Get("Cookie"))
			fmt.Fprint(w, article)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	cfg := Config{Delay: time.Millisecond, Timeout: 5 * time.Second, Stats: new(Stats), MaxDepth: -1,
		Seeds:     []string{"http://site.test/"},
		ConnectTo: []ConnectTo{{Host: "site.test", Port: "80", ToHost: "127.0.0.1", ToPort: port}}}
	got := crawlKeyed(t, cfg, func(u string) string { return u })
	p, ok := got["http://site.test/"]
	if !ok || p.Err != nil || p.Status != 200 || p.FinalURL != "http://site.test/there" {
		t.Fatalf("redirected page: %+v", p)
	}
	if c := p.Header.Get("X-Echo-Cookie"); c != "s=1" {
		t.Errorf("cookie set by the redirect sent as %q, want s=1", c)
	}
	if !strings.Contains(p.RequestHead, "\r\nCookie: s=1\r\n") {
		t.Errorf("request head of the last hop lacks the cookie:\n%s", p.RequestHead)
	}
	if p.Header.Get("Content-Length") != fmt.Sprint(len(article)) || p.Header.Get("Content-Encoding") != "identity" {
		t.Errorf("page header lost what was handed over without it: %v", p.Header)
	}
	if string(p.Payload) != article {
		t.Errorf("payload %q", p.Payload)
	}
}
