package report

import (
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// History says of a revisit whose clean fields were copied which capture
// they come from, and says nothing of the kind for one cleaned afresh.
func TestHistoryNamesTheCleanCopy(t *testing.T) {
	caps := []archive.Capture{
		{ID: 3, RunID: 1, Kind: archive.KindResponse, Status: 200, PayloadSHA256: strings.Repeat("a", 64)},
		{ID: 9, RunID: 2, Kind: archive.KindRevisit, Status: 200, PayloadSHA256: strings.Repeat("a", 64), CleanFrom: 3},
	}
	var b strings.Builder
	History(&b, "http://a.test/", caps)
	lines := strings.Split(b.String(), "\n")
	if n := strings.Count(b.String(), "clean fields copied"); n != 1 {
		t.Fatalf("%d lines about copied clean fields, want 1:\n%s", n, b.String())
	}
	for i, l := range lines {
		if strings.Contains(l, "clean fields copied from capture 3") && (i == 0 || !strings.HasPrefix(strings.TrimSpace(lines[i-1]), "9 ")) {
			t.Errorf("the copy is not said under capture 9:\n%s", b.String())
		}
	}
}

// A 404's body is no version of the page that went missing, nor a
// revisit of the same text: versions are of the page's text.
func TestVersionsAreThePagesOwn(t *testing.T) {
	caps := []archive.Capture{
		{ID: 1, Kind: archive.KindResponse, Status: 200, PayloadSHA256: strings.Repeat("a", 64), TextSHA256: strings.Repeat("c", 64)},
		{ID: 2, Kind: archive.KindNotModified, Status: 304},
		{ID: 3, Kind: archive.KindResponse, Status: 200, PayloadSHA256: strings.Repeat("d", 64), TextSHA256: strings.Repeat("c", 64)},
		{ID: 4, Kind: archive.KindResponse, Status: 404, PayloadSHA256: strings.Repeat("b", 64)},
	}
	var b strings.Builder
	History(&b, "http://a.test/", caps)
	if first, _, _ := strings.Cut(b.String(), "\n"); first != "http://a.test/: 4 captures, 1 version of its text" {
		t.Errorf("first line %q, want 4 captures, 1 version of its text", first)
	}
}

// A capture requested as the URL and redirected elsewhere says where.
func TestHistoryNamesRedirects(t *testing.T) {
	caps := []archive.Capture{{ID: 5, URL: "http://a.test/new", Kind: archive.KindResponse, Status: 200}}
	var b strings.Builder
	History(&b, "http://a.test/old", caps)
	if !strings.Contains(b.String(), "requested as this URL, redirected to http://a.test/new") {
		t.Errorf("history of a moved URL:\n%s", b.String())
	}
}
