package clean

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/prov-archive/prov/internal/cputime"
)

// prefilterLines returns the lines of the test pages (and of the eval
// pages when they are there and the test is not short), folded and as
// written (see linesOf), with samples first.
func prefilterLines(t *testing.T, samples ...string) []string {
	t.Helper()
	pages := testPageLines(t)
	return append(append(make([]string, 0, len(samples)+len(pages)), samples...), pages...)
}

// testPageLinesOnce holds the test pages' lines, read once for every
// test that asks: tokenizing the eval pages again for each of them made
// the package's tests outlast go test's ten minutes under -race.
var testPageLinesOnce struct {
	sync.Once
	lines []string
	err   error
}

// testPageLines returns the lines of the test pages and, unless the test
// is short, of the eval pages, read once (see linesOf). Callers must
// not change the slice.
func testPageLines(t *testing.T) []string {
	t.Helper()
	o := &testPageLinesOnce
	o.Do(func() {
		for _, p := range testPagePaths() {
			body, err := os.ReadFile(p)
			if err != nil {
				o.err = err
				return
			}
			o.lines = append(o.lines, linesOf(body)...)
		}
	})
	if o.err != nil {
		t.Fatal(o.err)
	}
	return o.lines
}

// letsThrough checks that may lets through every line that matches
// matches, and returns how many did; name names may in errors.
func letsThrough(t *testing.T, name string, lines []string, matches, may func(string) bool) (matched int) {
	t.Helper()
	for _, l := range lines {
		if matches(l) {
			matched++
			if !may(l) {
				t.Errorf("%s(%q) = false, the expression matches", name, l)
			}
		}
	}
	return matched
}

// folded returns lines folded by foldTrad.
func folded(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = foldTrad(l)
	}
	return out
}

// TestAuthorPrefilter: mayAuthorRun lets through every line whose folded
// text authorRunRe matches.
func TestAuthorPrefilter(t *testing.T) {
	lines := prefilterLines(t, "作者：王五", "記者：李四", "文/ 记者 : 赵六 ", "作者:Jane", "作者 张三", "记者", "记者\t\n：张三", "消费者 记者：李四")
	matched := letsThrough(t, "mayAuthorRun", lines, func(l string) bool { return authorRunRe.MatchString(foldTrad(l)) }, mayAuthorRun)
	if matched < 5 {
		t.Errorf("only %d lines name an author: samples missing?", matched)
	}
	for _, l := range []string{"来源：本站综合 2024-01-02 · 记者 刘洋", "记者 张三 发自北京 时间：10:00", "记者"} {
		if mayAuthorRun(l) {
			t.Errorf("mayAuthorRun(%q) = true, no colon follows 者", l)
		}
	}
}

// TestPubLabelPrefilter: mayHavePubLabel lets through every line whose
// folded text pubLabelRe matches.
func TestPubLabelPrefilter(t *testing.T) {
	samples := []string{"发布时间：2022-11-07", "發佈時間 2022", "Published: Nov 7", "FIRST PUBLISHED 2020", "Posted on 3 May",
		"POſTED on 3 May", "Publication Date: 2021", "date 2021", "时间：2022", "日期 2022", "成文日期：2022年", "刊发时间 10:00",
		"发布时 间：2022", "发表日 期 2022", "发稿时\t间 2022"}
	matched := letsThrough(t, "mayHavePubLabel", folded(prefilterLines(t, samples...)), pubLabelRe.MatchString, mayHavePubLabel)
	if matched < len(samples) {
		t.Errorf("only %d lines hold a label: samples missing?", matched)
	}
}

// TestCreditPrefilter: mayCredit lets through every line whose folded
// text creditRe matches: the test pages' lines and crafted credits, each
// agency in each form creditRe reads, in other cases and with the folds
// past ASCII (ſ for s, the Kelvin sign for k).
func TestCreditPrefilter(t *testing.T) {
	samples := []string{"Photo: Jane Doe", "[ PHOTOGRAPHS by AP", "（Fotos: dpa", "\tIllustration / Grafik", "Crédits photos : AFP",
		"Video courtesy of NASA", "© 2020 Jane", "( © Jane", "图片来源：新华社", "（摄影：张三）", "新华社记者 张三 摄", "【图/视觉中国】"}
	for _, n := range agencyNames {
		for _, form := range []string{"Jane Doe (%s)", "%s/Jane Doe", "Photo Jane Doe %s", "Jane Doe %s.)）\t", "Jane Doe via %s, 2020", "（%s 2020)"} {
			for _, name := range []string{n, strings.ToUpper(n), strings.ReplaceAll(n, "s", "ſ"), strings.ReplaceAll(strings.ToUpper(n), "K", "\u212a")} {
				samples = append(samples, fmt.Sprintf(form, name))
			}
		}
	}
	matched := letsThrough(t, "mayCredit", folded(prefilterLines(t, samples...)), creditRe.MatchString, mayCredit)
	if matched < len(samples)*3/4 { // some crafted forms are no credit: "via REUTERſ, 2020" lacks the \b
		t.Errorf("only %d lines are credits: samples missing?", matched)
	}
}

// TestMonthPrefilter: holdsMonth lets through every line whose folded
// text enMonthRe matches: the test pages' lines and dates in each case,
// and with ſ for s (after a digit, where \b lets it start the month).
func TestMonthPrefilter(t *testing.T) {
	samples := []string{"Updated Jan 5, 2020 at 3:04 pm EST", "5 March 2021", "SEPT. 12", "1ſep 3", "No.1ſept. 30, 2020", "12 DEC 2020",
		"Posted Tuesday, Oct 13 2020", "3\tnov", "MAY 1", "Published Aug. 2 2019"}
	matched := letsThrough(t, "holdsMonth", folded(prefilterLines(t, samples...)), enMonthRe.MatchString, holdsMonth)
	if matched < len(samples) {
		t.Errorf("only %d lines hold a date: samples missing?", matched)
	}
	for _, l := range []string{"bug 12345: crash in 2.6", "v3.14 (2005-11-02)", "Section 4.2"} {
		if holdsMonth(l) {
			t.Errorf("holdsMonth(%q) = true, it names no month", l)
		}
	}
}

// TestTimePrefilter: mayTime lets through every line timeRe matches (the
// test pages' lines and each form of time in it), and turns away lines of
// prose whose figures are no time.
func TestTimePrefilter(t *testing.T) {
	samples := []string{"Jane Roe, March 3, 2012 at 4:15 pm", "posted by jroe 3 Hours Ago", "12:30", "2012/3/04", "1.2.2020",
		"12-1-99 Mike", "2020年1月2日 张三", "5 ſept 2020", "3 DEC"}
	lines := prefilterLines(t, samples...)
	matched := letsThrough(t, "mayTime", lines, timeRe.MatchString, mayTime)
	if matched < len(samples) {
		t.Errorf("only %d lines hold a time: samples missing?", matched)
	}
	for _, l := range []string{"数据显示，北京市城镇新增就业同比增长5.0%，结构调整取得积极进展。", "截至2020年底，江苏省已完成验收530个养老服务站", "v3.14 build 12"} {
		if mayTime(l) {
			t.Errorf("mayTime(%q) = true, it holds no time", l)
		}
	}
}

// TestAgencyNames: the agency names are lower-case ASCII (holdsAgency looks
// them up in a line lowered byte by byte) and hold no metacharacter
// (agencies joins them as a pattern's alternatives), and creditRe reads
// each as an agency.
func TestAgencyNames(t *testing.T) {
	for _, n := range agencyNames {
		for i := 0; i < len(n); i++ {
			if n[i] >= 0x80 || 'A' <= n[i] && n[i] <= 'Z' {
				t.Errorf("agency name %q is not lower-case ASCII", n)
			}
		}
		if regexp.QuoteMeta(n) != n {
			t.Errorf("agency name %q holds a metacharacter", n)
		}
		if !creditRe.MatchString("(" + n + ")") {
			t.Errorf("creditRe does not read (%s) as a credit", n)
		}
	}
}

// TestSourcePrefilter: maySourceLabel lets a folded line through to
// sourceLabelRe exactly when the former test did (a 来, 稿源, 转, 出处 or
// "source" after strings.ToLower) and the expression matches, and never
// where the former test did not.
func TestSourcePrefilter(t *testing.T) {
	former := func(t string) bool {
		return strings.Contains(t, "来") || strings.Contains(t, "稿源") || strings.Contains(t, "转") ||
			strings.Contains(t, "出处") || strings.Contains(strings.ToLower(t), "source")
	}
	samples := []string{"来源：新华社", "来 源: 人民网", "文章来源：中国政府网", "稿源：新华网", "转载自人民网", "转自：央视", "出处：百度",
		"Source: Xinhua", "SOURCE: AP", "ſource: AP", "未来 ſource: AP", "未来 Source: AP", "未来十年", "来 源", "İSource: x", "来\t源：x"}
	matched := 0
	for _, l := range prefilterLines(t, samples...) {
		f := foldTrad(l)
		got, was := maySourceLabel(f), former(f)
		if got && !was {
			t.Errorf("maySourceLabel(%q) = true, the former test let it by", f)
		}
		if was && sourceLabelRe.MatchString(f) {
			matched++
			if !got {
				t.Errorf("maySourceLabel(%q) = false, sourceLabelRe matches", f)
			}
		}
	}
	if matched < len(samples)/2 {
		t.Errorf("only %d lines hold a source label: samples missing?", matched)
	}
}

// TestContainsRuneOf: containsRuneOf agrees with strings.ContainsAny on
// every string of up to four pieces drawn from the runes' own bytes, cut
// runes, stray continuation and lead bytes, for each rune set it is used
// with.
func TestContainsRuneOf(t *testing.T) {
	for _, chars := range []string{"】]©\u017F\u212A", ":：", "今星周", "时日"} {
		pieces := []string{"a", ":", "\x80", "\xe3", "\xff", "\xf0\x9f", "中"}
		for _, c := range chars {
			b := string(c)
			pieces = append(pieces, b, b[:len(b)-1], b[1:])
		}
		var try func(s string, depth int)
		try = func(s string, depth int) {
			if got, want := containsRuneOf(s, chars), strings.ContainsAny(s, chars); got != want {
				t.Errorf("containsRuneOf(%q, %q) = %v, ContainsAny %v", s, chars, got, want)
			}
			if depth < 4 {
				for _, p := range pieces {
					try(s+p, depth+1)
				}
			}
		}
		try("", 0)
	}
}

// TestPlaceholderPrefilter: isPlaceholder agrees with placeholderRe on the
// test pages' lines and on every form of placeholder, in other cases and
// with ſ for s.
func TestPlaceholderPrefilter(t *testing.T) {
	samples := []string{"Media playback is unsupported on your device", "Your browser does not support the video tag.",
		"Please enable JavaScript to view the comments", "Enable JavaScript to watch this video", "Turn on JavaScript to play",
		"To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video",
		"This video is not available.", "Video unavailable", "Sorry, this video is not available", "您的浏览器不支持 video 标签。",
		"视频加载中...", "您的浏览器暂不支持播放", "ſorry, the media could not be loaded", "THIS MEDIA IS UNAVAILABLE"}
	matched := 0
	for _, l := range prefilterLines(t, samples...) {
		for _, s := range []string{l, strings.ToUpper(l), strings.ToLower(l)} {
			s = strings.TrimSpace(s)
			want := placeholderRe.MatchString(s)
			if want {
				matched++
			}
			if got := isPlaceholder(s); got != want {
				t.Errorf("isPlaceholder(%q) = %v, placeholderRe %v", s, got, want)
			}
		}
	}
	if matched < len(samples) {
		t.Errorf("only %d placeholders: samples missing?", matched)
	}
}

// TestURLDatePrefilter: urlDate finds what running every pattern finds,
// on paths of each pattern's form, near misses, paths where a pattern's
// first match is no date and a later one is, and random paths over the
// bytes the patterns read.
func TestURLDatePrefilter(t *testing.T) {
	all := func(path string) (stamp, string, bool) {
		for _, re := range urlDateRes {
			if m := re.FindStringSubmatch(path); m != nil {
				if st := (stamp{y: atoi(m[1]), mo: atoi(m[2]), d: atoi(m[3])}); st.valid() {
					return st, m[0], true
				}
			}
		}
		return stamp{}, "", false
	}
	found := 0
	for _, p := range urlDatePaths() {
		st, m, ok := urlDate(p)
		wst, wm, wok := all(p)
		if st != wst || m != wm || ok != wok {
			t.Errorf("urlDate(%q) = %v %q %v, every pattern gives %v %q %v", p, st, m, ok, wst, wm, wok)
		}
		if ok {
			found++
		}
	}
	if found < 8 {
		t.Errorf("only %d paths dated: samples missing?", found)
	}
}

// urlDatePaths are TestURLDatePrefilter's paths.
func urlDatePaths() []string {
	paths := []string{"/2022-11/07/c_1.htm", "/202211/07/x.html", "/2022/11/07/story", "/2022/1107/a", "/news/2022-11-07_a.html",
		"/a/t20221107_123.html", "/a-2022110712_x", "/a/2022/", "/a/202/11/07/", "/1999-12/31/", "/19991231/", "/a_t19991231.htm", "", "/",
		"/news/2002/00002.html", "/news/2024/10499.html", "/2022/13/45/x/2022/11/07/", "/2022-99/07/2022-11/07/", "/t2022/t20221107_",
		"/a_t20221307_t20221107.htm", "/-2022-11-07-/", "/20/2022/11/07", "/2019/2020/11/07/", "_20221107_1/", "-t2022110799_",
		"/2022-11-07.html", "/2022-11-07", "/tt20221107_", "/19/20/2022/0101/", "///2022//11//07//",
		"/t20229901_/t20221107_", "/2022-99-07/2022-11-07/", "/202299/07/202211/07/", "/2022/9907/2022/1107/", "/2022/99/07/2022/11/07/"}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"/", "/", "_", "-", ".", "t", "x", "2022", "1999", "2100", "11", "07", "13", "31", "1107", "20221107", "19991231", "0", "9"}
	paths = append(paths, randomJoins(rng, pieces, 10, 20000)...)
	return paths
}

// BenchmarkURLDate dates the paths of TestURLDatePrefilter's samples and
// of the generated site of bench/crawl, one op per path.
func BenchmarkURLDate(b *testing.B) {
	paths := urlDatePaths()[:30]
	for i := range 20 {
		paths = append(paths, fmt.Sprintf("/news/%04d/%05d.html", 2000+i%25, i*997))
	}
	i := 0
	for b.Loop() {
		urlDate(paths[i%len(paths)])
		i++
	}
}

// BenchmarkFromRuns reads the visible date lines of BenchmarkClean's
// pages, walked beforehand, one op per page.
func BenchmarkFromRuns(b *testing.B) {
	pages := benchPageRuns(b)
	b.ReportAllocs()
	i := 0
	began := cputime.Process()
	for b.Loop() {
		f := &dateFinder{}
		f.fromRuns(pages[i%len(pages)], "")
		i++
	}
	cputime.Report(b, began)
}

// TestPubLabelsAsExpression: pubLabels finds what
// pubLabelRe.FindAllStringIndex(t, 4) finds, on random strings of the
// labels' pieces and near misses, and on every short test and eval line
// (shortLines), folded.
func TestPubLabelsAsExpression(t *testing.T) {
	pieces := []string{"发布", "发表", "发稿", "发", "布", "时间", "时", "间", "日期", "日", "期", "发文日期", "成文日期", "成文", "刊发时间", "刊",
		"first published", "FIRST ", "published", "PUBLISHED on", "Posted", "poſted", "posted on", "publication date", "date", "DATE", "D",
		" ", "\t", ":", "：", "2022", "-", "a", "x", "\xe5", "\xe6\x97", "更新", "修改"}
	rng := rand.New(rand.NewPCG(13, 14))
	texts := shortLines(folded(prefilterLines(t)))
	texts = append(texts, randomJoins(rng, pieces, 10, 20000)...)
	found := 0
	for _, s := range texts {
		var want [][2]int
		for _, loc := range pubLabelRe.FindAllStringIndex(s, 4) {
			want = append(want, [2]int{loc[0], loc[1]})
		}
		if got := pubLabels(s, nil); !slices.Equal(got, want) {
			t.Fatalf("pubLabels(%q) = %v, FindAllStringIndex %v", s, got, want)
		}
		if len(want) > 0 {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("only %d texts hold a label: samples missing?", found)
	}
}

// shortLines returns lines' distinct lines of at most 400 bytes: the
// lines attribution and the date finder read (longer ones are passed
// over), and what keeps the tests that compare a scan with its
// expression on every test and eval line quick under the race detector.
func shortLines(lines []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		if len(l) <= 400 && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// TestPlaceholderRunes: no line placeholderRe matches holds more than
// placeholderRunes runes, by the longest match its syntax allows.
func TestPlaceholderRunes(t *testing.T) {
	re, err := syntax.Parse(placeholderRe.String(), syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	longest, bounded := maxRunes(re)
	if !bounded || longest > placeholderRunes {
		t.Errorf("placeholderRe matches up to %d runes (bounded %v), over placeholderRunes = %d", longest, bounded, placeholderRunes)
	}
	if longest < placeholderRunes*3/4 {
		t.Errorf("placeholderRe matches up to %d runes: placeholderRunes = %d lets longer lines through to it", longest, placeholderRunes)
	}
}

// maxRunes is the most runes a match of re can hold; bounded is false
// when it has no bound (a star, a plus, an open repeat).
func maxRunes(re *syntax.Regexp) (n int, bounded bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune), true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, true
	case syntax.OpCapture, syntax.OpQuest:
		return maxRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return 0, false
	case syntax.OpRepeat:
		m, ok := maxRunes(re.Sub[0])
		return m * re.Max, ok && re.Max >= 0
	case syntax.OpConcat, syntax.OpAlternate:
		for _, sub := range re.Sub {
			m, ok := maxRunes(sub)
			if !ok {
				return 0, false
			}
			if re.Op == syntax.OpConcat {
				n += m
			} else {
				n = max(n, m)
			}
		}
		return n, true
	}
	return 0, true // an empty-width assertion
}
