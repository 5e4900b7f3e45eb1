package crawl

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A URL a crawl does not request because its robots.txt failed names the
// package once: "crawl: fetch URL: robots.txt …", not "crawl: fetch URL:
// crawl: robots.txt …"; the error is still ErrRobotsUnreachable.
func TestRefusedFetchErrorNamesPackageOnce(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, "<p>A page.</p>")
	}))
	defer srv.Close()
	seed := srv.URL + "/page"
	pages := crawlKeyed(t, Config{Seeds: []string{seed}, AllowPrivate: true, Retries: -1, Delay: -1}, func(u string) string { return u })
	p, ok := pages[seed]
	if !ok {
		t.Fatalf("the seed was not sent as a failed page: %v", pages)
	}
	msg := fmt.Sprint(p.Err)
	if !strings.HasPrefix(msg, "crawl: fetch "+seed+": robots.txt "+srv.URL+"/robots.txt: ") || strings.Count(msg, "crawl: ") != 1 ||
		!errors.Is(p.Err, ErrRobotsUnreachable) {
		t.Errorf("error %q (robots.txt unreachable: %v)", msg, errors.Is(p.Err, ErrRobotsUnreachable))
	}
}
