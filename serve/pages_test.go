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
