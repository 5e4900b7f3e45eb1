package clean

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// findDateAllForms is findDate without its prefilters: every form's
// regexp on every line.
func findDateAllForms(s string) (stamp, int, bool) {
	return firstDate(s, func(string, int) bool { return true })
}

// The prefilters in findDate only skip regexps that could not match: on
// every line of the test pages, and on lines made to sit at their edges,
// it finds what running every regexp finds.
func TestFindDatePrefilterAgrees(t *testing.T) {
	lines := []string{
		"发布时间：2022-11-07 10:00", "2022年11月07日 13:40", "Updated: 2022-11-08 11:05",
		"Nov. 8, 2022 at 3:05 pm (UTC)", "8th November 2022", "NOV 8 2022", "2022 年 1 月 2 日",
		"１２３４年", "202 2-11-07", "20221107", "no digits", "12:30 2022", "ſep 12 2020",
		"Ｎov 8, 2022", "第2022期", "2022/13/45", "Dec 31, 1979",
	}
	files, _ := filepath.Glob("testdata/*.html")
	seeds, _ := filepath.Glob("../testweb/testdata/seeds/*")
	for _, name := range append(files, seeds...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	if len(lines) < 500 {
		t.Fatalf("only %d lines to compare: test data missing?", len(lines))
	}
	found := 0
	for _, l := range lines {
		st, at, ok := findDate(l)
		wst, wat, wok := findDateAllForms(l)
		if ok != wok || ok && (st != wst || at != wat) {
			t.Errorf("findDate(%q) = %v %d %v, every regexp gives %v %d %v", l, st, at, ok, wst, wat, wok)
		}
		if ok {
			found++
		}
	}
	if found < 10 {
		t.Errorf("only %d lines with a date: the comparison proves little", found)
	}
}

// formMatch finds what the unanchored forms find, offsets and
// submatches alike.
func TestFormMatchesUnanchored(t *testing.T) {
	lines := []string{"", "2024", "2024-03-01", "x2024-3-1 08:30:15+08:00 y", "12024-03-01", "1202403-01-02",
		"发布时间：2023年11月8日 14:05 来源：新华网", "2023 年 1 月 2 日", "99992023年1月2日", "tel 12345678 on 2022/01/02",
		"2022.1.2T3:04.5Z", "2020-01-02T", "2024年", "１２３４-01-01 2019-12-31", "2019-12-31 2020年1月1日", "a1b22c333d4444-5-6",
		"March 3, 2024", "Updated: Mar. 3 2024 at 10:30 p.m. (EST)", "xMarch 3, 2024", "_may 1 2020", "3rd June 2021",
		"Published 12 Dec 2023, 09:15 GMT", "ſep 5 2022", "xſep 5 2022", "é3 May 2022", "13 may 2022", "x13 May 2022", "SEPTEMBER 30 1999",
		"On Monday, 1st of May 2023", "the market may 4 2019 rise", "dec2020", "31 jan 2021 and Feb 2, 2022",
		"1ſt May 2020", "2ND\tMay 2020", "3Rd may 2020", "4TH MAY 2020", "12\n\nMay 2020", "123 May 2020", "1\vMay 2020",
		"2022\t/1/2", "2022 \f.1.2", "2022\v-1-2", "2022 年1月2日", "2022\n年1月2日", "MAY 3 2020", "ſEP 3 2020", "ſe 3 2020",
		"SEPT 3, 2020", "Ma 3 2020", "ju", "x ſ", "5", "5 ", "55",
		// the ISO form's tails, which isoMatch reads by hand
		"2022-1-2 3:04", "2022-01-02T10:30:45.123+08:00", "2022-01-02 10:30：45", "2022-01-02 \t 10 ：30 ", "2022-01-02T1030",
		"2022-01-02 +0800", "2022-01-02 +08:0", "2022-01-02 -08:00x", "2022-01-02  Z", "2022-01-02T10:30:4", "2022-01-02 10:30.5",
		"2022-01-02 10:30:45.", "2022/01/022", "2022-01-02 123:45", "2022-01-02T 10:30", "2022-01-02t10:30", "2022-01-02 10:305",
		"2022 - 01 - 02", "2022-01-", "2022-0102", "2022-01-02\v10:30", "2022-01-02 10:30 z", "2022-01-02 10:30:45 +08:00:00", "2022-01-02 10:3"}
	for _, s := range lines {
		checkFormMatch(t, s)
	}
}

// dateForms are the unanchored forms, numbered as formMatch numbers them.
var dateForms = []*regexp.Regexp{isoDateRe, cjkDateRe, mdyDateRe, dmyDateRe}

// checkFormMatch checks that formMatch finds on s what each unanchored
// form finds, and nothing when told to begin before that match; it
// returns how many forms found a date.
func checkFormMatch(t *testing.T, s string) (found int) {
	t.Helper()
	for i, re := range dateForms {
		want := re.FindStringSubmatchIndex(s)
		if got := formMatch(i, s, len(s)); !slices.Equal(got, want) {
			t.Errorf("form %d on %q: %v, want %v", i, s, got, want)
		}
		if want == nil {
			continue
		}
		found++
		if got := formMatch(i, s, want[0]); got != nil {
			t.Errorf("form %d on %q before %d: %v, want none", i, s, want[0], got)
		}
	}
	return found
}

// FuzzFormMatch: formMatch finds what the unanchored forms find.
func FuzzFormMatch(f *testing.F) {
	f.Add("发布时间：2023年11月8日 14:05 2022-01-02T03:04:05Z")
	f.Add("Updated: Mar. 3 2024 at 10:30 p.m. (EST), 3rd ſeptember 2021")
	f.Fuzz(func(t *testing.T, s string) {
		checkFormMatch(t, s)
	})
}
