package clean

import (
	"slices"
	"strings"
	"testing"
)

// prefilters pairs each cheap guard of this package with the expression it
// stands before: the guard must be true of every string the expression
// matches (a necessary condition), or a line the expression would have
// caught gets by.
var prefilters = []struct {
	name     string
	may      func(string) bool
	matches  func(string) bool
	sameBoth bool // the guarded function is the expression itself: equal on every string
}{
	{"mayCredit", mayCredit, creditRe.MatchString, false},
	{"holdsMonth", holdsMonth, enMonthRe.MatchString, false},
	{"mayTime", mayTime, timeRe.MatchString, false},
	{"mayHavePubLabel", mayHavePubLabel, pubLabelRe.MatchString, false},
	{"maySourceLabel", maySourceLabel, asksSource, false},
	{"mayAuthorRun", mayAuthorRun, func(t string) bool { return authorRunRe.MatchString(foldTrad(t)) }, false},
	{"readingTime", readingTime, func(t string) bool { return readingTimeRe.MatchString(t) || intlReadingRe.MatchString(t) }, true},
	{"junkLine", junkLine, junkRe.MatchString, true},
	{"metaLine", metaLine, func(t string) bool { return metaLineRe.MatchString(t) || intlMetaRe.MatchString(t) }, true},
	{"dateLine", dateLine, dateLineRe.MatchString, true},
	{"mayCounter", mayCounter, counterRe.MatchString, false},
	{"findUpdLabel", func(t string) bool { return findUpdLabel(t) != nil }, updLabelRe.MatchString, true},
}

// prefilterSeeds are lines each expression matches, in the cases and
// letters (?i) folds to ASCII (ſ for s, the Kelvin sign for k), for the
// fuzzer to start from.
var prefilterSeeds = []string{
	"Photo: Jane Doe", "Jane Doe (Reuters)", "AFP/Jane Doe", "Foto: dpa", "© 2020 Jane", "（摄影：张三）",
	"Updated Jan 5, 2020 at 3:04 pm EST", "5 March 2021", "1ſep 3",
	"发布时间：2020-01-02", "Published: 2 May 2020", "Poſted on 3 May", "DATE: 2021",
	"来源：新华社", "ſource: AP", "转自人民网", "作者：王五", "记者：李四",
	"Estimated reading time: 6 minutes", "Leſezeit: 3 Min.", "Lesezeit: 3 Min.", "4 Min Read", "Tempo de leitura: 2 minutos", "Leestijd: 4 minuten", "4 minuten leestijd", "Quelle: dpa", "Źródło: PAP",
	"版权所有", "Share this", "Back to top", "责任编辑：张三",
	"2020-01-02 10:00 来源：新华社", "2020年1月2日", "By: Jane Doe",
	"posted 3 hours AGO", "Jane, 4:15 pm", "2012/3/04 Jane", "1.2.2020", "Mike 12-1-99",
	"Last updated: 3 May", "更新时间：2020", "标签：渡轮", "关键词：港口", "阅读时间：约4分钟", "预计阅读时长 5 分钟",
	"Фото: Иван Петров", "（写真＝共同）", "사진=연합뉴스", "צילום: יוסי כהן", "ẢNH: Nguyễn An", "Anzeige", " Реклама ", "إعلان",
	"Replies: 4 Views: 1,203", "4 replies · 1.2k views", "查看: 1203 | 回复: 4", "Antworten: 4 Zugriffe: 1.203", "Beiträge: 12", "12 réponses", "wyświetlenia 3",
}

func FuzzPrefilters(f *testing.F) {
	for _, s := range slices.Concat(prefilterSeeds, junkSamples) {
		f.Add(s)
		f.Add(strings.ToUpper(s))
		f.Add(strings.ReplaceAll(s, "k", "\u212a"))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range prefilters {
			may, m := p.may(s), p.matches(s)
			if m && !may || p.sameBoth && may != m {
				t.Errorf("%s(%q) = %v, the expression says %v", p.name, s, may, m)
			}
		}
	})
}

// TestPrefilterSeeds: every seed is matched by at least one expression, so
// that the fuzzer starts from lines that exercise them.
func TestPrefilterSeeds(t *testing.T) {
	for _, s := range prefilterSeeds {
		hit := false
		for _, p := range prefilters {
			hit = hit || p.matches(s)
		}
		if !hit {
			t.Errorf("seed %q is matched by no expression", s)
		}
	}
}

// asksSource is what maySourceLabel must let through: a line sourceLabelRe
// matches that holds one of the words the source label was always asked
// with (an "ſource" alone is no label: see maySourceLabel).
func asksSource(t string) bool {
	asked := strings.Contains(t, "来") || strings.Contains(t, "稿源") || strings.Contains(t, "转") || strings.Contains(t, "出处") || containsFoldASCII(t, "source")
	return asked && sourceLabelRe.MatchString(t)
}
