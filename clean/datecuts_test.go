package clean

import (
	"net/http"
	"strings"
	"testing"
)

// headerDate gives the UTC date of an HTTP date in any of its three
// forms, nothing for a value that is none, and the same again when it
// reads a value twice in a row or after another.
func TestHeaderDate(t *testing.T) {
	cases := []struct{ lm, want string }{
		{"Tue, 08 Nov 2022 02:00:00 GMT", "2022-11-08T02:00:00Z"},
		{"Tuesday, 08-Nov-22 02:00:00 GMT", "2022-11-08T02:00:00Z"},
		{"Tue Nov  8 02:00:00 2022", "2022-11-08T02:00:00Z"},
		{"2022-11-08", ""},
		{"Fri, 01 Mar 2024 08:00:00 GMT", "2024-03-01T08:00:00Z"},
	}
	for range 2 {
		for _, c := range cases {
			for range 2 {
				v, ok := headerDate(c.lm)
				if v != c.want || ok != (c.want != "") {
					t.Errorf("headerDate(%q) = %q, %v; want %q", c.lm, v, ok, c.want)
				}
				f := &dateFinder{}
				f.fromHeader(http.Header{"Last-Modified": {c.lm}})
				if c.want == "" && len(f.cands) != 0 || c.want != "" && (len(f.cands) != 1 || f.cands[0] != DateCandidate{Value: c.want, Source: "last-modified", Text: c.lm}) {
					t.Errorf("fromHeader(%q): %+v", c.lm, f.cands)
				}
			}
		}
	}
}

// hasDigit says what strings.ContainsAny(s, "0123456789") says, of texts
// with and without digits, in every script and with stray bytes.
func TestHasDigit(t *testing.T) {
	for _, s := range []string{"", "abc", "a1", "9", "发布时间：2022年", "发布时间", "０１２", "\xff\x30", "\xe4\xb8", "٣", "x/y:z", "////"} {
		if got, want := hasDigit(s), strings.ContainsAny(s, "0123456789"); got != want {
			t.Errorf("hasDigit(%q) = %v, want %v", s, got, want)
		}
	}
}
