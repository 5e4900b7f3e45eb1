package serve

import (
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// A capture whose clean fields were copied links the capture they come
// from; one cleaned afresh says nothing of the kind.
func TestCapturePageNamesCleanFrom(t *testing.T) {
	text := "A text fetched twice."
	entry := func(from uint64) archive.Entry {
		e := archive.Entry{Capture: archive.Capture{RequestedURL: "http://a.test/", FinalURL: "http://a.test/", URL: "http://a.test/",
			Method: "GET", Status: 200, FetchStart: t0, FetchEnd: t0, ToolVersion: "test",
			TextSHA256: archive.Sum([]byte(text)).String(), CleanKey: "k", CleanFrom: from},
			Payload: []byte("<p>" + text + "</p>")}
		if from == 0 {
			e.Text = text
		}
		return e
	}
	ts, _ := serveArchive(t, []archive.Entry{entry(0)}, []archive.Entry{entry(1)})
	if _, body := fetch(t, ts.URL+"/capture/2"); !strings.Contains(body, `copied from <a href="/capture/1">capture 1</a>`) {
		t.Errorf("capture 2's page does not link the capture its clean fields come from:\n%s", body)
	}
	if _, body := fetch(t, ts.URL+"/capture/1"); strings.Contains(body, "clean-from") {
		t.Errorf("capture 1, cleaned afresh, says it was copied")
	}
}

// A capture's page says what is odd about how its payload came, each
// only when it holds: bytes after its content coding's data, a body whose
// reading ended early, a certificate that did not verify, a response head
// line read as a browser reads it.
func TestCapturePageNamesFetchNotes(t *testing.T) {
	cases := []struct {
		name string
		set  func(*archive.Capture)
		says string // on the page of a capture with set, and never on another's
	}{
		{"trailing bytes", func(c *archive.Capture) { c.TrailingBytes = 1 }, "; 1 byte after the end of its content coding"},
		{"incomplete", func(c *archive.Capture) {
			c.Incomplete, c.Error = "disconnect", "crawl: read body of http://a.test/: connection closed before the body was whole (unexpected EOF)"
		}, "7 bytes, incomplete (disconnect)"},
		{"certificate not verified", func(c *archive.Capture) {
			c.TLSUnverified = "a.test: tls: failed to verify certificate: x509: certificate has expired"
		}, "not verified: <bdi>a.test: tls: failed to verify certificate: x509: certificate has expired</bdi>"},
		{"head repaired", func(c *archive.Capture) {
			c.ResponseHead = "HTTP/1.1 200 OK\r\nPowered by an old server\r\n"
			c.Redirects = []archive.Hop{{URL: c.FinalURL, Status: 200, ResponseHead: c.ResponseHead,
				HeadRepairs: []archive.HeadRepair{{Line: 2, Repair: "left out: no colon"}}}}
		}, "response head line 2 left out: no colon: read as a browser reads it"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			entry := func(odd bool) archive.Entry {
				c := archive.Capture{RequestedURL: "http://a.test/", FinalURL: "http://a.test/", URL: "http://a.test/",
					Method: "GET", Status: 200, FetchStart: t0, FetchEnd: t0, ToolVersion: "test"}
				if odd {
					tc.set(&c)
				}
				return archive.Entry{Capture: c, Payload: []byte("<p>A pa")}
			}
			ts, _ := serveArchive(t, []archive.Entry{entry(true)}, []archive.Entry{entry(false)})
			if _, body := fetch(t, ts.URL+"/capture/1"); !strings.Contains(body, tc.says) {
				t.Errorf("capture 1's page does not say %q:\n%s", tc.says, body)
			}
			for _, c := range cases {
				if _, body := fetch(t, ts.URL+"/capture/2"); strings.Contains(body, c.says) {
					t.Errorf("capture 2's page says %q, which does not hold", c.says)
				}
			}
		})
	}
}
