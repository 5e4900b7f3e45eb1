package clean

import (
	"path/filepath"
	"testing"
)

// prefilterLines returns the lines of the test pages (and of the eval
// pages when they are there and the test is not short), folded and as
// written (see pageLines), with samples first.
func prefilterLines(t *testing.T, samples ...string) []string {
	t.Helper()
	lines := append([]string(nil), samples...)
	pages, _ := filepath.Glob("testdata/*.html")
	if !testing.Short() {
		more, _ := filepath.Glob(filepath.Join(evalDir, "*", "*.html"))
		pages = append(pages, more...)
	}
	for _, p := range pages {
		lines = append(lines, pageLines(t, p)...)
	}
	return lines
}

// TestAuthorPrefilter: mayAuthorRun lets through every line whose folded
// text authorRunRe matches.
func TestAuthorPrefilter(t *testing.T) {
	matched := 0
	for _, l := range prefilterLines(t, "作者：王五", "記者：李四", "文/ 记者 : 赵六 ", "作者:Jane", "作者 张三", "记者") {
		if authorRunRe.MatchString(foldTrad(l)) {
			matched++
			if !mayAuthorRun(l) {
				t.Errorf("mayAuthorRun(%q) = false, authorRunRe matches", l)
			}
		}
	}
	if matched < 3 {
		t.Errorf("only %d lines name an author: samples missing?", matched)
	}
}

// TestPubLabelPrefilter: mayHavePubLabel lets through every line whose
// folded text pubLabelRe matches.
func TestPubLabelPrefilter(t *testing.T) {
	matched := 0
	samples := []string{"发布时间：2022-11-07", "發佈時間 2022", "Published: Nov 7", "FIRST PUBLISHED 2020", "Posted on 3 May",
		"POſTED on 3 May", "Publication Date: 2021", "date 2021", "时间：2022", "日期 2022", "成文日期：2022年", "刊发时间 10:00"}
	for _, l := range prefilterLines(t, samples...) {
		if f := foldTrad(l); pubLabelRe.MatchString(f) {
			matched++
			if !mayHavePubLabel(f) {
				t.Errorf("mayHavePubLabel(%q) = false, pubLabelRe matches", f)
			}
		}
	}
	if matched < len(samples) {
		t.Errorf("only %d lines hold a label: samples missing?", matched)
	}
}
