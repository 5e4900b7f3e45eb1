package serve

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/prov-archive/prov/archive"
)

// rlo is the right-to-left override an archived field may carry to
// reverse the text after it.
const rlo = "\u202e"

// Every archived string on a page is isolated (<bdi>, or in the title
// first strong isolate … pop directional isolate), so that a bidi
// override in it cannot reverse prov's own labels after it.
func TestArchivedFieldsIsolated(t *testing.T) {
	const u1, u2 = "http://a.test/notice", "http://b.test/copy"
	evil := func(s string) string { return s + " " + rlo + "evil" }
	text1 := "网络空间 shared future.\n\n" + evil("first")
	text2 := "网络空间 shared future.\n\n" + evil("second")
	entry := func(u, text string) archive.Entry {
		return archive.Entry{Capture: archive.Capture{RequestedURL: u, FinalURL: u, URL: u, Method: "GET", Status: 200,
			FetchStart: t0, FetchEnd: t0, ToolVersion: "test", TextSHA256: archive.Sum([]byte(text)).String(),
			Title: evil("title"), Publisher: evil("publisher"), Authority: evil("authority"), Author: evil("author"),
			Attribution: evil("attribution"), Published: evil("2024-01-02"), Lang: evil("zh"), Canonical: evil("canonical"),
			Captions: []string{evil("caption")}, Charset: "utf-8", CharsetNote: evil("note"),
			DateCandidates: []archive.DateCandidate{{Value: evil("2024"), Source: "meta", Text: evil("candidate")}},
			ResponseHeader: map[string][]string{"Content-Type": {"text/html"}, "X-Evil": {evil("header")}},
			ResponseHead:   "HTTP/1.1 200 OK\r\nX-Evil: " + evil("head") + "\r\n"},
			Payload: []byte("<p>" + text + "</p>"), Text: text}
	}
	failed := archive.Entry{Capture: archive.Capture{RequestedURL: u1, URL: u1, Method: "GET", Kind: archive.KindFailed,
		Error: evil("dns"), FetchStart: t0, FetchEnd: t0, ToolVersion: "test"}}
	ts, _ := serveArchive(t, []archive.Entry{entry(u1, text1)}, []archive.Entry{entry(u2, text2)}, []archive.Entry{failed})
	_, works := fetch(t, ts.URL+"/works")
	id := regexp.MustCompile(`href="/work/([0-9a-f]{12})"`).FindStringSubmatch(works)
	if id == nil {
		t.Fatal("no work link on the works page")
	}
	for _, p := range []string{"/works", "/work/" + id[1], "/capture/1", "/capture/2", "/url?u=" + url.QueryEscape(u1),
		"/search?q=" + url.QueryEscape("evil"), "/search?q=" + url.QueryEscape(rlo+"evil"), "/diff?a=2&b=1", "/no/" + url.PathEscape(rlo+"where")} {
		resp, body := fetch(t, ts.URL+p)
		if !strings.Contains(body, rlo) {
			t.Errorf("%s (%s): no archived string with its override on the page; the test shows nothing", p, resp.Status)
		}
		for _, bad := range leaks(t, body) {
			t.Errorf("%s: %q is not isolated", p, bad)
		}
	}
}

// isolated matches a first strong isolate … pop directional isolate span.
var isolated = regexp.MustCompile("\u2068[^\u2069]*\u2069")

// leaks returns the texts of page that hold rlo outside a <bdi>, or, in
// its title, outside a first strong isolate … pop directional isolate.
func leaks(t *testing.T, page string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(page))
	bdi, inTitle := 0, false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.EndTagToken:
			tok := z.Token()
			d := 1
			if tok.Type == html.EndTagToken {
				d = -1
			}
			switch tok.Data {
			case "bdi":
				bdi += d
			case "title":
				inTitle = d > 0
			}
		case html.TextToken:
			text := string(z.Text())
			switch {
			case inTitle && strings.Contains(isolated.ReplaceAllString(text, ""), rlo):
				out = append(out, text)
			case !inTitle && bdi == 0 && strings.Contains(text, rlo):
				out = append(out, text)
			}
		}
	}
}
