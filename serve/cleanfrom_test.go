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

// A capture whose coded body had bytes after its data says how many were
// left out; one without says nothing of them.
func TestCapturePageNamesTrailingBytes(t *testing.T) {
	entry := func(trailing int64) archive.Entry {
		return archive.Entry{Capture: archive.Capture{RequestedURL: "http://a.test/", FinalURL: "http://a.test/", URL: "http://a.test/",
			Method: "GET", Status: 200, FetchStart: t0, FetchEnd: t0, ToolVersion: "test", TrailingBytes: trailing},
			Payload: []byte("<p>A page.</p>\n")}
	}
	ts, _ := serveArchive(t, []archive.Entry{entry(1)}, []archive.Entry{entry(0)})
	if _, body := fetch(t, ts.URL+"/capture/1"); !strings.Contains(body, "; 1 byte after the end of its content coding") {
		t.Errorf("capture 1's page does not count its trailing byte:\n%s", body)
	}
	if _, body := fetch(t, ts.URL+"/capture/2"); strings.Contains(body, "content coding") {
		t.Errorf("capture 2's page speaks of trailing bytes it has none of")
	}
}

// A failed capture that kept the bytes of a body cut short says so beside
// its payload; a whole one says nothing of it.
func TestCapturePageNamesIncomplete(t *testing.T) {
	entry := func(incomplete string) archive.Entry {
		c := archive.Capture{RequestedURL: "http://a.test/", FinalURL: "http://a.test/", URL: "http://a.test/",
			Method: "GET", Status: 200, FetchStart: t0, FetchEnd: t0, ToolVersion: "test", Incomplete: incomplete}
		if incomplete != "" {
			c.Error = "crawl: read body of http://a.test/: connection closed before the body was whole (unexpected EOF)"
		}
		return archive.Entry{Capture: c, Payload: []byte("<p>A pa")}
	}
	ts, _ := serveArchive(t, []archive.Entry{entry("disconnect")}, []archive.Entry{entry("")})
	if _, body := fetch(t, ts.URL+"/capture/1"); !strings.Contains(body, "7 bytes, incomplete (disconnect)") {
		t.Errorf("capture 1's page does not say its payload is incomplete:\n%s", body)
	}
	if _, body := fetch(t, ts.URL+"/capture/2"); strings.Contains(body, "incomplete") {
		t.Errorf("capture 2's page calls a whole payload incomplete")
	}
}

// A capture fetched over a connection whose certificate did not verify
// (its site's rule said tls: unverified) says why; another says nothing.
func TestCapturePageNamesUnverified(t *testing.T) {
	entry := func(why string) archive.Entry {
		return archive.Entry{Capture: archive.Capture{RequestedURL: "https://a.test/", FinalURL: "https://a.test/", URL: "https://a.test/",
			Method: "GET", Status: 200, FetchStart: t0, FetchEnd: t0, ToolVersion: "test", TLSUnverified: why},
			Payload: []byte("<p>A page.</p>")}
	}
	ts, _ := serveArchive(t, []archive.Entry{entry("a.test: tls: failed to verify certificate: x509: certificate has expired")}, []archive.Entry{entry("")})
	if _, body := fetch(t, ts.URL+"/capture/1"); !strings.Contains(body, "not verified: a.test: tls: failed to verify certificate: x509: certificate has expired") {
		t.Errorf("capture 1's page does not say its certificate did not verify:\n%s", body)
	}
	if _, body := fetch(t, ts.URL+"/capture/2"); strings.Contains(body, "not verified") {
		t.Errorf("capture 2's page speaks of a certificate that did not verify")
	}
}
