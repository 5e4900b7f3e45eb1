package clean

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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

// fromRuns skips a line without four ASCII digits in a row: no form of
// findDate matches one, with its prefilters or without (findDateAllForms),
// so no labelled, updated or bare date line can come of it. Lines of the
// test pages, and ones made to sit at the edge (fullwidth digits, a
// two-digit year, digits split by a stray byte or a space), agree.
func TestNoYearDigitsNoDate(t *testing.T) {
	lines := append(prefilterLines(t), "发布时间：22-11-08 10:00", "２０２２年１１月８日", "202\xff2-11-08", "202 2年1月2日",
		"Nov 8, 22", "8 Nov 922", "Updated: 11/08 10:05", "٢٠٢٢-١١-٠٨", "发布时间：2022年", "Nov 8, 2022")
	checked := 0
	for _, s := range lines {
		if hasYearDigits(s) {
			continue
		}
		checked++
		if _, _, ok := findDateAllForms(s); ok {
			t.Errorf("findDateAllForms(%q) found a date in a line without a four-digit year", s)
		}
		f := &dateFinder{}
		if f.fromRuns([]run{{text: s, units: 1}}, ""); len(f.cands) != 0 {
			t.Errorf("fromRuns(%q) = %+v, want no candidates", s, f.cands)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d lines without a four-digit year: test data missing?", checked)
	}
}

// bareDateLine tells a chrome or link line's kind before it looks for the
// date: on every test line, as chrome or not, with links or without,
// under the title or not, it says what reading the date first says.
func TestBareDateLineKindFirst(t *testing.T) {
	ref := func(r run, t string, nearTitle bool) (stamp, bool) {
		if runesUpTo(t, 81) > 80 || containsRuneOf(t, "今星周") && clockRe.MatchString(t) {
			return stamp{}, false
		}
		st, at, ok := findDate(t)
		if !ok {
			return stamp{}, false
		}
		if !r.chrome && r.linkUnits == 0 && at <= 8 {
			return st, true
		}
		return st, r.linkUnits*2 < r.units && (nearTitle || sourceFromLine(t) != "")
	}
	lines := append(prefilterLines(t), "Copyright © 2000-2024 Bench Daily", "来源：新华社 2022-11-08 10:00",
		"2022-11-08 来源：本站", "责任编辑：张三 2022年11月8日", "Source: Reuters, Nov 8, 2022", "Posted 2022-11-08 by admin")
	found := 0
	for _, s := range lines {
		if !hasYearDigits(s) {
			continue
		}
		t2 := foldTrad(s)
		for _, chrome := range []bool{false, true} {
			for _, links := range []int{0, 1, 40} {
				for _, near := range []bool{false, true} {
					r := run{text: s, units: 20, linkUnits: links, chrome: chrome}
					gotSt, gotOK := bareDateLine(r, t2, near)
					wantSt, wantOK := ref(r, t2, near)
					if gotOK != wantOK || gotOK && gotSt != wantSt {
						t.Errorf("bareDateLine(%q, chrome %v, links %d, near %v) = %v %v, want %v %v", s, chrome, links, near, gotSt, gotOK, wantSt, wantOK)
					}
					if gotOK && (chrome || links > 0) {
						found++
					}
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no chrome or link line read as a date line: the cases test nothing")
	}
}

// A page with no date keeps nil candidates (push allocates only for the
// first), and one with dates lists them all, in the order found.
func TestDateCandidatesNilWhenNone(t *testing.T) {
	none, err := Clean(Input{URL: "http://example.com/a.html", Header: http.Header{},
		Body: []byte("<html><body><p>No date here, only words.</p></body></html>")})
	if err != nil {
		t.Fatal(err)
	}
	if none.DateCandidates != nil {
		t.Errorf("DateCandidates = %#v, want nil", none.DateCandidates)
	}
	some, err := Clean(Input{URL: "http://example.com/2022/11/07/a.html", Header: http.Header{"Last-Modified": {"Tue, 08 Nov 2022 10:00:00 GMT"}},
		Body: []byte(`<html><head><meta name="pubdate" content="2022-11-06"></head><body><p>Words.</p></body></html>`)})
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, c := range some.DateCandidates {
		sources = append(sources, c.Source)
	}
	if want := []string{"meta:pubdate", "url", "last-modified"}; !slices.Equal(sources, want) {
		t.Errorf("candidate sources = %q, want %q", sources, want)
	}
}

// clipWhole is clip as first written: the whole text counted, and
// converted to runes when it is longer than clipRunes.
func clipWhole(text string) string {
	if utf8.RuneCountInString(text) > clipRunes {
		return string([]rune(text)[:clipRunes])
	}
	return text
}

// TestClipAsWhole: clip, which reads only the runes it keeps, cuts as the
// whole-text conversion does, on texts of clipRunes runes or so, of ASCII,
// ideographs and bytes that are no UTF-8 (a lone lead byte of a three-byte
// rune, a stray continuation byte) at and around the cut.
func TestClipAsWhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	pieces := []string{"a", "Z", " ", "日", "期", "é", "\xe4", "\xe4\xb8", "\x80", "\xff", "2024-01-02", "\U0001F600"}
	texts := append([]string{"", "x", strings.Repeat("a", clipRunes), strings.Repeat("a", clipRunes+1),
		strings.Repeat("日", clipRunes) + "\xe4\xb8", strings.Repeat("a", clipRunes-1) + "\xe4\xb8a"},
		randomJoins(rng, pieces, 2*clipRunes, 5000)...)
	cut := 0
	for _, s := range texts {
		got, want := clip(s), clipWhole(s)
		if got != want {
			t.Fatalf("clip(%q) = %q, the whole-text cut %q", s, got, want)
		}
		if got != s {
			cut++
		}
	}
	if cut < 1000 {
		t.Errorf("only %d texts cut: samples too short?", cut)
	}
}
