package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// A host that answers a page with a Retry-After beyond MaxWait is asked
// nothing more that run: its other pages are not sent, each counted
// skipped (SkipHostAway), where each used to wait out the host's pause in
// turn, be asked once and fail the same way. Another host's pages go on.
func TestRetryAfterBeyondMaxWaitSparesTheHost(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	busy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			w.Header().Set("Content-Type", "text/html")
			for i := range 5 {
				fmt.Fprintf(w, `<a href="/p/%d">%d</a> `, i, i)
			}
		case !strings.HasPrefix(r.URL.Path, "/p/"): // robots.txt, sitemaps
			http.NotFound(w, r)
		default:
			mu.Lock()
			asked = append(asked, r.URL.Path)
			mu.Unlock()
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}))
	defer busy.Close()
	calm := newTestServer(t)
	st := new(Stats)
	cfg := Config{Seeds: []string{busy.URL + "/", calm.URL + "/a"}, AllowPrivate: true, Delay: time.Millisecond,
		Parallel: 1, MaxWait: 50 * time.Millisecond, Timeout: 5 * time.Second, Stats: st}
	ch := make(chan Page, 100)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Run(ctx, cfg, ch); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for p := range ch {
		if strings.HasPrefix(p.RequestedURL, busy.URL+"/p/") && p.Status == http.StatusTooManyRequests {
			failed++
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 1 || failed != 1 || st.SkipReasons()[SkipHostAway] != 4 {
		t.Errorf("busy host: asked %v, %d pages sent with its 429, %d skipped as %q; want one asked and sent, four skipped",
			asked, failed, st.SkipReasons()[SkipHostAway], SkipHostAway)
	}
	if calm.hit("/a") != 1 {
		t.Errorf("the other host's seed fetched %d times, want 1", calm.hit("/a"))
	}
}
