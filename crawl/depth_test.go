package crawl

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A page's depth is its shortest link distance from a seed, whatever the
// order fetches finish in. Here the short path to /target runs through a
// slow page, the long one through fast pages: /seed → /slow → /target →
// /leaf is depth 3, within MaxDepth 3, while /seed → /fast → /mid →
// /target reaches /target first, at depth 3, from where /leaf would be
// depth 4. /leaf must be fetched.
func TestDepthIsShortestPath(t *testing.T) {
	links := map[string][]string{
		"/seed": {"/slow", "/fast"}, "/slow": {"/target"}, "/fast": {"/mid"},
		"/mid": {"/target"}, "/target": {"/leaf"}, "/leaf": nil,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out, ok := links[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.URL.Path == "/slow" {
			time.Sleep(300 * time.Millisecond)
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><body><p>%s</p>", r.URL.Path)
		for _, l := range out {
			fmt.Fprintf(w, `<a href="%s">%s</a>`, l, l)
		}
		fmt.Fprint(w, "</body></html>")
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	cfg := Config{
		Seeds:       []string{"http://" + testHost + "/seed"},
		ConnectTo:   []ConnectTo{{Host: testHost, Port: "80", ToHost: "127.0.0.1", ToPort: port}},
		Delay:       time.Nanosecond,
		Parallel:    4,
		MaxDepth:    3,
		Timeout:     5 * time.Second,
		NoDiscovery: true,
		Stats:       new(Stats),
	}
	got := crawlAll(t, cfg)
	for path, depth := range map[string]int{"/seed": 0, "/slow": 1, "/fast": 1, "/mid": 2, "/target": 2, "/leaf": 3} {
		p, ok := got[path]
		if !ok {
			t.Errorf("%s (depth %d) was not fetched", path, depth)
		} else if p.Depth != depth {
			t.Errorf("%s fetched at depth %d, want %d", path, p.Depth, depth)
		}
	}
}

// Frames, iframes, image-map areas, meta refreshes and a script's plain
// redirect are followed as links: the text of a framed page is in its
// frames, and an entry page that sends the browser on has nothing else.
func TestFramesAndRefreshFollowed(t *testing.T) {
	ts := newTestServer(t)
	got := crawlAll(t, ts.config("/framed", "/refresh", "/embeds", "/js-entry"))
	for _, path := range []string{"/frame/nav", "/frame/main", "/refreshed", "/embedded", "/mapped", "/js-target"} {
		if p, ok := got[path]; !ok || p.Status != 200 || p.Depth != 1 {
			t.Errorf("%s: fetched %v, status %d, depth %d; want fetched at depth 1", path, ok, p.Status, p.Depth)
		}
	}
}
