package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Every page the budget (MaxPages) keeps out of the run is told to
// LeftOut (here links the budget left no room to queue); no page the run
// fetched is, and robots.txt is not.
func TestLeftOutTellsEveryPageTheBudgetKeptOut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		var links strings.Builder
		if r.URL.Path == "/" {
			for i := range 6 {
				fmt.Fprintf(&links, `<a href="/a/%d">a</a> `, i)
			}
		} else if strings.HasPrefix(r.URL.Path, "/a/") {
			fmt.Fprintf(&links, `<a href="/b%s">b</a>`, r.URL.Path)
		}
		fmt.Fprintf(w, "<html><body>%s</body></html>", &links)
	}))
	t.Cleanup(srv.Close)
	var mu sync.Mutex
	var left []string
	note := func(u string) {
		mu.Lock()
		defer mu.Unlock()
		left = append(left, strings.TrimPrefix(u, srv.URL))
	}
	got := crawlKeyed(t, Config{Seeds: []string{srv.URL + "/"}, AllowPrivate: true, Delay: -1, NoDiscovery: true,
		MaxPages: 3, Parallel: 1, LeftOut: note}, func(u string) string { return strings.TrimPrefix(u, srv.URL) })
	if len(got) != 3 {
		t.Fatalf("%d pages sent, want 3", len(got))
	}
	slices.Sort(left)
	left = slices.Compact(left)
	want := map[string]bool{}
	for i := range 6 {
		if p := fmt.Sprintf("/a/%d", i); got[p].RequestedURL == "" {
			want[p] = true
		}
	}
	for _, p := range left {
		if _, fetched := got[p]; fetched || p == "/robots.txt" {
			t.Errorf("LeftOut told %s, which the run fetched or is not a page", p)
		}
		delete(want, p)
	}
	for p := range want {
		t.Errorf("LeftOut not told %s, queued and not fetched (told %v)", p, left)
	}
}
