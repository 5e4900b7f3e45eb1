package report

import (
	"bytes"
	"testing"

	"github.com/prov-archive/prov/textdiff"
	"github.com/prov-archive/prov/watch"
)

func TestRefetch(t *testing.T) {
	results := []watch.Result{
		{URL: "http://gov.test/a.htm", Status: watch.Unchanged, Detail: "payload identical", CaptureID: 21},
		{URL: "http://news.test/b.htm", Status: watch.Moved, Detail: "301 Moved Permanently; not followed: HTTP 301", NewURL: "http://news.test/new/b.htm"},
		{URL: "http://gov.test/c.htm", Status: watch.Changed, Detail: "1 paragraph changed", CaptureID: 23,
			Diff:    []textdiff.Op{{Kind: textdiff.Changed, AIndex: 1, BIndex: 1, A: "The plan goes ahead.", B: "The plan is dropped.", Marked: "The plan [-goes ahead-]{+is dropped+}."}},
			Against: watch.Version{Label: "http://gov.test/c.htm, capture 3", TextSHA256: shaA},
			Now:     watch.Version{Label: "http://gov.test/c.htm, refetched as capture 23", TextSHA256: shaB}},
		{URL: "http://gone.test/d.htm", Status: watch.Gone, Detail: "404 Not Found", CaptureID: 24},
	}
	var b bytes.Buffer
	for _, r := range results {
		if err := Refetch(&b, r); err != nil {
			t.Fatal(err)
		}
	}
	golden(t, "refetch", b.Bytes())
}

// TermSafe escapes control characters and bytes that are not UTF-8, and
// leaves text, newlines and tabs as they are.
func TestTermSafe(t *testing.T) {
	cases := map[string]string{
		"plain text, 中文\n\tindented": "plain text, 中文\n\tindented",
		"T\x1b]0;pwned\x07":          `T\u001b]0;pwned\u0007`,
		"csi \u009b31m":              `csi \u009b31m`,
		"bad \xff byte":              `bad \xff byte`,
	}
	for in, want := range cases {
		var b bytes.Buffer
		n, err := TermSafe(&b).Write([]byte(in))
		if err != nil || n != len(in) || b.String() != want {
			t.Errorf("TermSafe(%q) wrote %q (n %d, %v), want %q", in, b.String(), n, err, want)
		}
	}
}
