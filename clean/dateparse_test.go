package clean

import (
	"os"
	"path/filepath"
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
