package watch

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/textdiff"
)

// TestJudge: each kind of refetch gets its verdict and detail, worded as
// prov verify --refetch prints them.
func TestJudge(t *testing.T) {
	const u = "http://news.example.org/a"
	orig := Original{URL: u, Base: archive.Capture{ID: 3, PayloadSHA256: "p1", TextSHA256: "t1"}, Text: "First paragraph.\n\nSecond paragraph."}
	redirect := func(status int, to string, err error) crawl.Page {
		return crawl.Page{RequestedURL: u, FinalURL: u, Status: status, Header: http.Header{"Location": {to}},
			Redirects: []crawl.Hop{{URL: u, Status: status}}, Err: err}
	}
	followed := crawl.Page{RequestedURL: u, FinalURL: "http://www.example.org/a2", Status: 200,
		Redirects: []crawl.Hop{{URL: u, Status: 302}, {URL: "http://www.example.org/a2", Status: 200}}}
	ok := crawl.Page{RequestedURL: u, FinalURL: u, Status: 200, Redirects: []crawl.Hop{{URL: u, Status: 200}}}
	outOfScope := fmt.Errorf("crawl: fetch %s: crawl: %w: redirect to other.example.com", u, crawl.ErrOutOfScope)
	cases := []struct {
		name                 string
		p                    crawl.Page
		stored               archive.Capture
		now                  fetchedText
		status, detail, dest string
	}{
		{"404", crawl.Page{Status: 404}, archive.Capture{Status: 404}, fetchedText{}, Gone, "404 Not Found", ""},
		{"410", crawl.Page{Status: 410}, archive.Capture{Status: 410}, fetchedText{}, Gone, "410 Gone", ""},
		{"dns", crawl.Page{Err: &net.DNSError{Err: "no such host", Name: "news.example.org", IsNotFound: true}}, archive.Capture{Error: "x"}, fetchedText{}, Gone, "DNS: no such host", ""},
		{"dns down", crawl.Page{Err: &net.DNSError{Err: "server misbehaving", Name: "news.example.org", IsTemporary: true}}, archive.Capture{Error: "x"}, fetchedText{}, Failed, "dns: x", ""},
		{"refused", crawl.Page{Err: fmt.Errorf("dial: %w", syscall.ECONNREFUSED)}, archive.Capture{Error: "x"}, fetchedText{}, Failed, "connection refused: x", ""},
		{"301 not followed", redirect(301, "/a2", errors.New("crawl: redirect to x: denied by rule r")),
			archive.Capture{Error: "denied"}, fetchedText{}, Moved, "301 Moved Permanently; not followed: denied", "http://news.example.org/a2"},
		{"302 out of scope", redirect(302, "http://other.example.com/a", outOfScope),
			archive.Capture{Error: outOfScope.Error()}, fetchedText{}, Moved, "302 Found; not followed: " + outOfScope.Error(), "http://other.example.com/a"},
		{"302 kept: its target is fetched too", redirect(302, "/b", nil),
			archive.Capture{Status: 302}, fetchedText{}, Moved, "302 Found; not followed: HTTP 302", "http://news.example.org/b"},
		{"302 stopped otherwise", redirect(302, "/a2", errors.New("crawl: stopped after 10 redirects")),
			archive.Capture{Error: "crawl: stopped after 10 redirects"}, fetchedText{}, Failed, "other: crawl: stopped after 10 redirects", ""},
		{"503", crawl.Page{Status: 503}, archive.Capture{Status: 503}, fetchedText{}, Failed, "http 503: HTTP 503", ""},
		{"304", crawl.Page{Status: 304}, archive.Capture{Status: 304}, fetchedText{}, Failed, "http: HTTP 304", ""},
		{"same payload", ok, archive.Capture{ID: 9, PayloadSHA256: "p1"}, fetchedText{"x", "t2"}, Unchanged, "payload identical", ""},
		{"same text", ok, archive.Capture{ID: 9, PayloadSHA256: "p2"}, fetchedText{orig.Text, "t1"}, Unchanged, "text identical, payload differs", ""},
		{"same text once normalised", ok, archive.Capture{ID: 9, PayloadSHA256: "p2"}, fetchedText{"First paragraph。\n\nSecond paragraph。", "t1"}, Unchanged,
			"text identical once normalised (its characters differ: punctuation widths, spacing), payload differs", ""},
		{"moved, same payload", followed, archive.Capture{ID: 9, PayloadSHA256: "p1"}, fetchedText{}, Moved,
			"302 Found; moved+unchanged (payload identical)", "http://www.example.org/a2"},
		{"changed", ok, archive.Capture{ID: 9, PayloadSHA256: "p2"}, fetchedText{"First paragraph.\n\nSecond paragraph, edited.", "t2"}, Changed, "1 paragraph changed", ""},
		{"no text now", ok, archive.Capture{ID: 9, PayloadSHA256: "p2"}, fetchedText{}, Changed, "payload differs; no text now", ""},
	}
	for _, c := range cases {
		res := judge(orig, c.p, c.stored, c.now)
		if res.URL != u || res.Status != c.status || res.Detail != c.detail || res.NewURL != c.dest || res.CaptureID != c.stored.ID {
			t.Errorf("%s: got %s %q → %q (capture %d), want %s %q → %q", c.name, res.Status, res.Detail, res.NewURL, res.CaptureID, c.status, c.detail, c.dest)
		}
		if (res.Status == Changed) != (res.Diff != nil) {
			t.Errorf("%s: %s with diff %v", c.name, res.Status, res.Diff)
		}
	}
}

// A changed text's diff names both versions, the new one by its capture.
func TestJudgeChangedNamesVersions(t *testing.T) {
	orig := Original{URL: "http://a.example.org/", Base: archive.Capture{ID: 3, TextSHA256: "t1"}, Text: "One.\n\nTwo."}
	p := crawl.Page{RequestedURL: orig.URL, FinalURL: orig.URL, Status: 200}
	res := judge(orig, p, archive.Capture{ID: 12, PayloadSHA256: "p2"}, fetchedText{"One.\n\nTwo, now.\n\nThree.", "t2"})
	if res.Against != (Version{"http://a.example.org/, capture 3", "t1"}) || res.Now != (Version{"http://a.example.org/, refetched as capture 12", "t2"}) {
		t.Errorf("versions %+v, %+v", res.Against, res.Now)
	}
	if res.Detail != "1 paragraph changed, 1 added" || len(res.Diff) != 2 {
		t.Errorf("detail %q, diff %+v", res.Detail, res.Diff)
	}
}

func TestSummarize(t *testing.T) {
	op := func(kind string) textdiff.Op { return textdiff.Op{Kind: kind} }
	cases := []struct {
		ops  []textdiff.Op
		want string
	}{
		{[]textdiff.Op{op(textdiff.Added), op(textdiff.Changed), op(textdiff.Changed), op(textdiff.Removed)}, "2 paragraphs changed, 1 added, 1 removed"},
		{[]textdiff.Op{op(textdiff.Removed)}, "1 paragraph removed"},
		{nil, "text hash differs; no paragraph differs"},
	}
	for _, c := range cases {
		if got := summarize(c.ops, fetchedText{"text", "sha"}); got != c.want {
			t.Errorf("summarize(%v) = %q, want %q", c.ops, got, c.want)
		}
	}
}

func TestCounts(t *testing.T) {
	c := Counts{Unchanged: 3, Changed: 1}
	if got := c.String(); got != "3 unchanged, 1 changed, 0 moved, 0 gone" {
		t.Errorf("%q", got)
	}
	c[Failed] = 2
	if got := c.String(); !strings.HasSuffix(got, ", 0 gone, 2 failed") {
		t.Errorf("%q", got)
	}
}

// Order takes the originals round-robin by host, each host's in order.
func TestOrder(t *testing.T) {
	var origs []Original
	for _, u := range []string{"http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1", "http://c.test/1", "http://b.test/2"} {
		origs = append(origs, Original{URL: u})
	}
	got := fmt.Sprint(Order(origs))
	if want := "[0 3 4 1 5 2]"; got != want {
		t.Errorf("Order = %s, want %s", got, want)
	}
}
