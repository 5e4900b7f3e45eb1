package clean

import (
	"net/http"
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
var dateForms = []*regexp.Regexp{isoDateRe, cjkDateRe, mdyDateRe, dmyDateRe, intlNameDateRe, dotDateRe, slashDateRe}

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

// The day-first dates of other languages' bylines (bylinelang.go) are
// read, with their time of day; a slashed date that could be read month
// first is not.
func TestIntlDayFirstDates(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Von Anna Schmidt, 3. März 2026", "2026-03-03"},
		{"3. März 2026, 14:20 Uhr", "2026-03-03T14:20:00+08:00"},
		{"Par Jean Dupont, publié le 3 février 2026 à 10h15", "2026-02-03T10:15:00+08:00"},
		{"3 de marzo de 2026", "2026-03-03"},
		{"Sesja z 12 stycznia 2025 roku", "2025-01-12"},
		{"Aktualisiert am 03.03.2026, 14:20 Uhr", "2026-03-03T14:20:00+08:00"},
		{"Publié le 23/03/2026 à 10h15", "2026-03-23T10:15:00+08:00"},
		{"martedì 3 maggio 2026", "2026-05-03"},
		{"Door Pieter de Vries, 3 mei 2026", "2026-05-03"},
		{"03/04/2026", ""}, // March 4th or 3 April
		{"v1.2.3 released", ""},
	}
	for _, c := range cases {
		got := ""
		if st, _, ok := findDate(c.in); ok {
			got, _ = st.format(true)
		}
		if got != c.want {
			t.Errorf("findDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, s := range []string{"3. März 2026", "x3 März 2026", "123 mars 2026", "3 de marzo de 2026, a las 10:15", "03.03.2026 um 14:20", "1.2.2020.5", "23/03/2026 10h15", "3 MÄRZ 2026"} {
		checkFormMatch(t, s)
	}
}

// A German byline dates the page: Published is read from it.
func TestIntlBylineDatesPage(t *testing.T) {
	page := langPage("de", "") // no date anywhere but the byline
	page = strings.Replace(page, `<div class="c3">`, `<div class="c3"><h1>Haushalt beschlossen</h1><p>Von Anna Schmidt, 3. März 2026, 14:20 Uhr</p>`, 1)
	doc, err := Clean(Input{URL: "https://example.org/news/haushalt", Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.Published, "2026-03-03") {
		t.Errorf("Published = %q (%s), want 2026-03-03", doc.Published, doc.PublishedWhy)
	}
}
