package serve

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/search"
)

// A page number whose offset overflows is a bad request on every paged
// route, not a panic; and the search index is not left open by it, so
// it can still be written to (a crawl feeds it) and searched.
func TestPageNumbersBounded(t *testing.T) {
	ts, path := newTestServer(t)
	q := "q=" + url.QueryEscape("网络空间")
	for _, p := range []string{
		"/search?" + q + "&page=461168601842738792",
		"/search?" + q + "&page=1000001",
		"/works?page=9223372036854775807",
		"/works?page=99999999999999999999",
		"/?page=-1",
	} {
		resp, body := fetch(t, ts.URL+p)
		if resp.StatusCode != 400 || !strings.Contains(body, "want a number from 1 to 1000000") {
			t.Errorf("%s: %s, want 400 naming the bound\n%.600s", p, resp.Status, body)
		}
	}
	ix, err := search.Open(search.PathFor(path), false, 200*time.Millisecond)
	if err != nil {
		t.Fatalf("the search index after those requests: %v", err)
	}
	ix.Close()
	if resp, body := fetch(t, ts.URL+"/search?"+q); resp.StatusCode != 200 || !strings.Contains(body, `<li class="hit"`) {
		t.Errorf("a search after those requests: %s\n%.600s", resp.Status, body)
	}
}

// A page past the last is a 404 that links the last page, on every paged
// route, not an empty page of its own; the last page itself is a page.
func TestPagePastTheLast(t *testing.T) {
	ts, _ := newTestServer(t)
	q := url.QueryEscape("网络空间")
	cases := []struct {
		path, last string
	}{
		{"/works?page=3", `href="?page=1"`},
		{"/works?host=other.test&page=2", `href="?host=other.test&amp;page=1"`}, // no work passes: one empty page
		{"/search?q=" + q + "&page=5", `href="?page=1&amp;q=` + q + `"`},
		{"/search?page=2", `href="?page=1"`},
	}
	for _, c := range cases {
		resp, body := fetch(t, ts.URL+c.path)
		if resp.StatusCode != 404 || !strings.Contains(body, c.last) || !strings.Contains(body, "the last is page 1") {
			t.Errorf("%s: %s, want 404 linking %s\n%.900s", c.path, resp.Status, c.last, body)
		}
	}
	for _, p := range []string{"/works?page=1", "/works?host=other.test", "/search?q=" + q + "&page=1"} {
		if resp, _ := fetch(t, ts.URL+p); resp.StatusCode != 200 {
			t.Errorf("%s: %s, want 200", p, resp.Status)
		}
	}
}
