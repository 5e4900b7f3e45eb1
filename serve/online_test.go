package serve

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
)

// A work's page says what became of its original since the capture the
// election chose: here a 410, then a fetch that failed.
func TestWorkPageOnline(t *testing.T) {
	const u = "http://gov.test/doc/1.html"
	text := "Groundwater guidelines.\n\nA target of forty percent."
	at := func(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }
	orig := archive.Entry{Capture: archive.Capture{RequestedURL: u, FinalURL: u, URL: u, Method: "GET", Status: 200,
		FetchStart: at(0), FetchEnd: at(0), ToolVersion: "test", TextSHA256: archive.Sum([]byte(text)).String(),
		ResponseHeader: map[string][]string{"Content-Type": {"text/html"}}, Authority: "official"},
		Payload: []byte("<p>" + text + "</p>"), Text: text}
	gone := archive.Entry{Capture: archive.Capture{RequestedURL: u, FinalURL: u, URL: u, Method: "GET", Status: 410,
		FetchStart: at(1), FetchEnd: at(1), ToolVersion: "test"}, Payload: []byte("gone")}
	failed := archive.Entry{Capture: archive.Capture{RequestedURL: u, URL: u, Method: "GET", Kind: archive.KindFailed,
		Error: "crawl: fetch " + u + ": dial tcp 127.0.0.1:9: connect: connection refused", FetchStart: at(2), FetchEnd: at(2), ToolVersion: "test"}}
	ts, _ := serveArchive(t, []archive.Entry{orig}, []archive.Entry{gone}, []archive.Entry{failed})
	_, works := fetch(t, ts.URL+"/works")
	id := regexp.MustCompile(`href="/work/([0-9a-f]{12})"`).FindStringSubmatch(works)
	if id == nil {
		t.Fatal("no work link on the works page")
	}
	resp, page := fetch(t, ts.URL+"/work/"+id[1])
	for _, want := range []string{
		`<p class="online online-gone">now: <bdi>gone, 410 Gone (checked 2026-11-23T11:00:00Z, capture 2)</bdi>`,
		`but its last check failed: <bdi>connection refused (2026-11-23T12:00:00Z, capture 3)</bdi>`,
	} {
		if resp.StatusCode != 200 || !strings.Contains(page, want) {
			t.Errorf("work page (%s) lacks %q:\n%s", resp.Status, want, page)
		}
	}
}
