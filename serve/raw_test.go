package serve

import (
	"fmt"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// The raw view serves HTML and images as declared and every other text
// as text/plain in the charset recorded: archived script or style served
// with its own type on the UI's origin would run in, or style, a page
// that refers to it (<script src="/capture/1/raw"> passes default-src
// 'self').
func TestRawViewTypes(t *testing.T) {
	cases := []struct {
		ctype, charset, want string
	}{
		{"text/html; charset=iso-8859-1", "utf-8", "text/html; charset=utf-8"},
		{"application/xhtml+xml", "", "application/xhtml+xml"},
		{"text/javascript", "utf-8", "text/plain; charset=utf-8"},
		{"text/css; charset=gbk", "gb18030", "text/plain; charset=gb18030"},
		{"text/xml", "", "text/plain"},
		{"text/plain", "utf-8", "text/plain; charset=utf-8"},
		{"image/png", "", "image/png"},
	}
	var entries []archive.Entry
	for i, c := range cases {
		u := fmt.Sprintf("http://a.test/%d", i)
		entries = append(entries, archive.Entry{Capture: archive.Capture{RequestedURL: u, FinalURL: u, URL: u, Method: "GET", Status: 200,
			FetchStart: t0, FetchEnd: t0, ToolVersion: "test", Charset: c.charset,
			ResponseHeader: map[string][]string{"Content-Type": {c.ctype}}},
			Payload: []byte("alert(document.cookie)")})
	}
	ts, _ := serveArchive(t, entries)
	for i, c := range cases {
		resp, _ := fetch(t, fmt.Sprintf("%s/capture/%d/raw", ts.URL, i+1))
		if got := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || got != c.want {
			t.Errorf("raw view of a %q in %q: %s, Content-Type %q, want %q", c.ctype, c.charset, resp.Status, got, c.want)
		}
	}
}

// A capture's page links its raw view alone only when there is one: a
// payload with no raw view (a PDF here) is offered as a download only.
func TestCapturePageLinksRawViewOnlyWhenThere(t *testing.T) {
	var entries []archive.Entry
	for i, ctype := range []string{"text/html", "application/pdf"} {
		u := fmt.Sprintf("http://a.test/%d", i)
		entries = append(entries, archive.Entry{Capture: archive.Capture{RequestedURL: u, FinalURL: u, URL: u, Method: "GET", Status: 200,
			FetchStart: t0, FetchEnd: t0, ToolVersion: "test", ResponseHeader: map[string][]string{"Content-Type": {ctype}}},
			Payload: []byte("%PDF-1.4")})
	}
	ts, _ := serveArchive(t, entries)
	for id, want := range map[int]bool{1: true, 2: false} {
		_, body := fetch(t, fmt.Sprintf("%s/capture/%d", ts.URL, id))
		raw := fmt.Sprintf(`href="/capture/%d/raw"`, id)
		if strings.Contains(body, raw) != want || !strings.Contains(body, fmt.Sprintf(`href="/capture/%d/download"`, id)) {
			t.Errorf("capture %d's page: links its raw view %v, want %v; and its download", id, !want, want)
		}
		if resp, _ := fetch(t, fmt.Sprintf("%s/capture/%d/raw", ts.URL, id)); (resp.StatusCode == 200) != want {
			t.Errorf("capture %d's raw view: %s", id, resp.Status)
		}
	}
}
