package clean

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/prov-archive/prov/internal/cputime"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/prov-archive/prov/clean/charset"
)

// junkSamples are lines that match each alternative of junkRe, and some
// near misses, for the prefilter test and FuzzPrefilters' seeds.
var junkSamples = []string{
	"责任编辑：王五", "责编：李四", "【编辑：张三】", " 记者 : 赵六", "（摄影：钱七）",
	"打印本页", "关闭窗口", "打印此页", "打印文章", "【打印】", "[ 关闭 ]", "【返回顶部】", "[大]", "[小】", "【\t中 】", "a[打印]b", "【】[中]", "【 中\v】", "[[关闭]",
	"字号：大 中 小", "字号 小", "字体：中", "收藏本页", "分享到：", "扫一扫", "扫描二维码",
	"上一篇：某文", "  下一篇", "阅读次数：5", "浏览次数 9", "点击数：12", "访问量", "返回顶部",
	"Share this story", "Please share on Facebook", "FOLLOW US", "Sign up for our newsletter", "back to top",
	"Advertisement", " ad ", "AD", "Tweet", "tweet ", "Tweet this story", "tweets", "ICP备05012345号", "icp证 123", "京公网安备 11010502000001号",
	"版权所有 某某网", "All Rights Reserved.", "Copyright © 2022", "copyright (c) Acme", "COPYRIGHT 2021",
	"© 2019 Acme", "主办单位：某某", "承办单位:某某", "技术支持：某某", "设为首页", "加入收藏", "网站地图", "联系我们",
	"Comments", " 12 comments ", "Comments:", "3 Comments ：", "12comments", "Comment", "Comments are closed", "No comments", "commentſ", "1 2 comments",
	"ſhare this", "bac\u212A to top", "advertiſement", "\u212Aeep going",
	"Sponsored", " SPONSORED ", "ſponſored", "Sponsored content", "广告", " 广告 ", "广告位", "发布广告",
	"Story continues below advertisement", "ARTICLE CONTINUES AFTER THIS AD", "Story continues below the ad",
	"Story continues below gallery", "The story continues below", "continues",
	"Leave a comment", "LEAVE A REPLY", "Post a Comment", "add a comment", "Join the conversation", "Join the discussion ", "Leave a comment below and tell us",
	"Text size", "Font size: A- A+", "text  size A+", "Font size matters", "Text sizes", "关注我们：微博", " 关注我们", "欢迎关注我们",
	"Listen to this article", "LISTEN TO THIS STORY", "Listen to the article · 5:32", "Listen to this article 4 min", "Listen to this podcast", "Listen to the mayor",
	"Comments (12)", "comments（3）", "评论(12)", "评论（ 4 ）", "发表评论", "我要评论", "评论", "网友评论很精彩", "Comments (none)",
	"编辑部的故事", "The editor shared nothing", "Read more", "copyrighted", "sharing is caring", "",
}

// TestJunkPrefilter checks that junkLine agrees with junkRe on every line
// of the test pages, of the eval pages when they are there, and on
// junkSamples: the prefilter may let through lines junkRe rejects, never
// hold back one it matches.
func TestJunkPrefilter(t *testing.T) {
	matched, seen := 0, map[string]bool{}
	for _, l := range prefilterLines(t, junkSamples...) {
		if seen[l] || utf8.RuneCountInString(l) > shortLine { // cleanRuns asks only about short lines
			continue
		}
		seen[l] = true
		want := junkRe.MatchString(l)
		if got := junkLine(l); got != want {
			t.Errorf("junkLine(%q) = %v, junkRe says %v", l, got, want)
		}
		if want {
			matched++
		}
	}
	t.Logf("%d short lines, %d junk", len(seen), matched)
}

// linesOf returns the paragraphs of a page, as they are and as
// cleanRuns gives them to junkRe (folded to simplified characters): the
// text between block tags, read with the tokenizer, which is much cheaper
// than the block walk under the race detector and cuts the page at the
// same places.
func linesOf(body []byte) []string {
	z := html.NewTokenizer(strings.NewReader(charset.Decode(body, charset.Decide(body, "", ""))))
	var out []string
	var w spaceWriter
	skip := false
	flush := func() {
		if l := w.String(); l != "" {
			out = append(out, l, foldTrad(l))
		}
		w.reset()
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			if !skip {
				w.write(string(z.Text()))
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Script || a == atom.Style {
				skip = z.Token().Type == html.StartTagToken
			}
			if blockTags[a] || a == atom.Br {
				flush()
			}
		}
	}
}

// A reading-time label, a share button's label, a comment section's
// label or a line of a post's categories or tags is chrome only when it
// is the whole line, or opens with its label and a colon: a sentence that
// speaks of reading time, of minutes read, of a tweet, of comments or of
// tags is text.
func TestLabelLines(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"Estimated reading time: 6 minutes", true},
		{"4 Min Read", true},
		{"5-minute read", true},
		{"Tempo de leitura: 2 minutos", true},
		{"Lesezeit: 3 Min.", true},
		{"Reading time ~ 7 min", true},
		{"Reading time is what the survey measured.", false},
		{"She read for 20 minutes every night.", false},
		{"By Jill Serjeant 4 Min Read", false},
		{"Tempo de leitura", false},
		{"Tweet", true},
		{" tweet ", true},
		{"Tweet this story to your followers", false},
		{"The mayor's tweet was deleted an hour later.", false},
		{"Comments", true},
		{"12 comments", true},
		{"Comments:", true},
		{"Comment", false},
		{"Comments are closed.", false},
		{"12comments", false},
		{"Filed under: Politics |", true},
		{"Posted in: NFL Network | comments |", true},
		{"Tags: budget, taxes", true},
		{"Labels: adwords, hangouts", true},
		{"Categories: News", true},
		{"Posted in a hurry, the letter reached her late.", false},
		{"Tags and labels were sewn into every shirt.", false},
	} {
		r := run{text: tc.line, units: units(tc.line)}
		if got := chromeLine(r, utf8.RuneCountInString(tc.line), false); got != tc.want {
			t.Errorf("chromeLine(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// BenchmarkJunkLine asks junkLine about the short lines of BenchmarkClean's
// pages, folded as cleanRuns folds them, one op per line.
func BenchmarkJunkLine(b *testing.B) {
	var lines []string
	for _, runs := range benchPageRuns(b) {
		for _, r := range runs {
			if utf8.RuneCountInString(r.text) <= shortLine {
				lines = append(lines, foldTrad(r.text))
			}
		}
	}
	i := 0
	began := cputime.Process()
	for b.Loop() {
		junkLine(lines[i%len(lines)])
		i++
	}
	cputime.Report(b, began)
}

// TestCJKWords: cjkWords.in is strings.Contains of each word, on random
// strings of the words' pieces, their runes' first bytes and stray bytes,
// valid UTF-8 or not.
func TestCJKWords(t *testing.T) {
	words := []string{"责任编辑", "字号", "版权所有", "网站地图", "字体", "\u0800x", "\uffff"}
	ws := newCJKWords(words...)
	pieces := []string{"责任", "编辑", "责", "字", "号", "体", "版权", "所有", "网站", "地图", "a", " ", "：",
		"\xe8", "\xb4", "\xa3", "\xe5\xad", "\xef\xbf", "\xbf", "\u0800", "x", "\uffff", "\ufffd", "中文"}
	rng := rand.New(rand.NewPCG(7, 8))
	found := 0
	for _, s := range randomJoins(rng, pieces, 8, 50000) {
		want := false
		for _, w := range words {
			want = want || strings.Contains(s, w)
		}
		if got := ws.in(s); got != want {
			t.Fatalf("in(%q) = %v, strings.Contains %v", s, got, want)
		}
		if want {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("only %d strings hold a word", found)
	}
}

// TestRuneCountForAsUpTo200: cleanRuns' tests of a run's count (chromeLine,
// and the 40 runes of a related-reading heading) answer alike with
// runeCountFor and with runesUpTo(text, 200), on the lines of the test
// pages, a link line and not, linkOK or not.
func TestRuneCountForAsUpTo200(t *testing.T) {
	lines := append(testPageLines(t), strings.Repeat("版权所有 ", 30), strings.Repeat("x", 150), strings.Repeat("链", 199)+"。")
	for _, line := range lines {
		for _, link := range []int{0, 1, 100000} {
			r := run{text: line, units: units(line), linkUnits: min(link, units(line))}
			got, want := runeCountFor(r), runesUpTo(line, 200)
			if (got <= 40) != (want <= 40) {
				t.Fatalf("%q: runeCountFor %d, runesUpTo %d: the 40-rune test differs", line, got, want)
			}
			for _, ok := range []bool{false, true} {
				if chromeLine(r, got, ok) != chromeLine(r, want, ok) {
					t.Fatalf("%q (link units %d, linkOK %v): chromeLine differs with runeCountFor %d and runesUpTo %d", line, r.linkUnits, ok, got, want)
				}
			}
		}
	}
}

// TestAdBreakLabels: the label a news template sets where an ad slot
// breaks the article ("Skip advertisement", "Story continues below") is
// no line of the article, wherever the slot's class leaves it; a
// sentence holding the same words stays.
func TestAdBreakLabels(t *testing.T) {
	for _, label := range []string{"Skip Advertisement", "Report this ad", "Story continues below", "Continue reading below",
		"Sponsored content"} {
		doc := guideDoc(t, `<div class="css-1x2y3z"><p>`+label+`</p></div>`)
		if strings.Contains(doc.Text, label) {
			t.Errorf("the ad break %q is in the text:\n%s", label, doc.Text)
		}
	}
	keep := "The story continues below the bridge, where the river turns east."
	if doc := guideDoc(t, `<p>`+keep+`</p>`); !strings.Contains(doc.Text, keep) {
		t.Errorf("a sentence with an ad break's words is lost:\n%s", doc.Text)
	}
}

// TestPaywallLines: where a subscriber's article is cut off for others,
// the paywall's lines ("Subscribe to continue reading", "Already a
// subscriber? Log in") close the text in its place; they are no line of
// the article. A sentence about subscribers stays.
func TestPaywallLines(t *testing.T) {
	for _, end := range []string{
		`<div class="r7k2"><p>Subscribe to continue reading</p><p>Already a subscriber? <a href="/login">Log in</a></p></div>`,
		`<p>This article is for subscribers only.</p>`,
		`<p>Already have an account? <a href="/login">Sign in</a></p>`,
		`<h2>Log in or subscribe to keep reading</h2>`,
	} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + prose("story", 3) + end + `</article></body></html>`
		doc := cleanPage(t, "http://example.com/a", []byte(page))
		for _, w := range []string{"ubscri", "Already", "account"} {
			if strings.Contains(doc.Text, w) {
				t.Errorf("the paywall's %q is in the text:\n%s", w, doc.Text)
			}
		}
		if !strings.Contains(doc.Text, "Paragraph 2 of the story") {
			t.Errorf("the article's last paragraph is lost:\n%s", doc.Text)
		}
	}
	keep := "Subscribers to the water scheme will pay more from June."
	if doc := guideDoc(t, `<p>`+keep+`</p>`); !strings.Contains(doc.Text, keep) {
		t.Errorf("a sentence about subscribers is lost:\n%s", doc.Text)
	}
}

// TestAgeLines: a story's age as a template writes it over the article
// ("Updated 3 hours ago") is no line of it; a sentence that counts years
// back in words stays.
func TestAgeLines(t *testing.T) {
	for _, age := range []string{"Updated 3 hours ago", "Last updated 2 days ago", "Published: 45 minutes ago", "5 mins ago"} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1><p>` + age + `</p>` + prose("story", 3) + `</article></body></html>`
		if doc := cleanPage(t, "http://example.com/a", []byte(page)); strings.Contains(doc.Text, "ago") {
			t.Errorf("the age %q is in the text:\n%s", age, doc.Text)
		}
	}
	keep := "Two years ago, the council turned the plan down."
	if doc := guideDoc(t, `<p>`+keep+`</p>`); !strings.Contains(doc.Text, keep) {
		t.Errorf("a sentence counting years back is lost:\n%s", doc.Text)
	}
}

// TestDatedReadingTime: the line a template sets under a headline, a
// date and a reading time or an age apart by a dot or a bar ("12 March
// 2026 · 4 min read"), is no line of the article, as each part alone is
// not; a line of a date and words stays.
func TestDatedReadingTime(t *testing.T) {
	for _, line := range []string{`<time datetime="2026-03-12">12 March 2026</time> · 4 min read`, "Updated 2 hours ago | 3 min read", "March 12, 2026 • 6 minute read"} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1><p>` + line + `</p>` + prose("story", 3) + `</article></body></html>`
		if doc := cleanPage(t, "http://example.com/a", []byte(page)); strings.Contains(doc.Text, "read") || strings.Contains(doc.Text, "ago") {
			t.Errorf("the line %q is in the text:\n%s", line, doc.Text)
		}
	}
	keep := "March 12, 2026 · the day the bridge reopened"
	if doc := guideDoc(t, `<p>`+keep+`</p>`); !strings.Contains(doc.Text, keep) {
		t.Errorf("a dated line of words is lost:\n%s", doc.Text)
	}
}

// TestKickerLabels: a genre label over the article's first line
// ("Opinion", "Breaking news") is the template's, not the article's; the
// same word as a section's heading, or inside a sentence, stays.
func TestKickerLabels(t *testing.T) {
	for _, k := range []string{`<span class="kicker">Opinion</span>`, `<p class="x9">Breaking news</p>`, `<div>Analysis</div>`, `<p>Meinung</p>`} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + k + prose("story", 3) + `</article></body></html>`
		doc := cleanPage(t, "http://example.com/a", []byte(page))
		if !strings.HasPrefix(doc.Text, "Paragraph 0 of the story") {
			t.Errorf("the label %q opens the text:\n%s", k, doc.Text)
		}
	}
	page := `<html><head><title>Title</title></head><body><article><h1>Title</h1><h2>Analysis</h2>` + prose("report", 3) + `</article></body></html>`
	if doc := cleanPage(t, "http://example.com/a", []byte(page)); !strings.HasPrefix(doc.Text, "Analysis\n\n") {
		t.Errorf("a section's heading is lost:\n%s", doc.Text)
	}
	keep := "Breaking with tradition, the mayor spoke first."
	page = `<html><head><title>Title</title></head><body><article><h1>Title</h1><p>` + keep + `</p>` + prose("story", 3) + `</article></body></html>`
	if doc := cleanPage(t, "http://example.com/a", []byte(page)); !strings.HasPrefix(doc.Text, keep) {
		t.Errorf("a first sentence is lost:\n%s", doc.Text)
	}
}

// TestListenToArticle: an audio player's button over the article, with
// or without "this" ("Listen to article", "Listen to this article · 6
// min"), is no line of it.
func TestListenToArticle(t *testing.T) {
	for _, b := range []string{"Listen to article", "Listen to this article · 6 min", "Listen to story"} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1><p>` + b + `</p>` + prose("story", 3) + `</article></body></html>`
		if doc := cleanPage(t, "http://example.com/a", []byte(page)); strings.Contains(doc.Text, "Listen") {
			t.Errorf("the button %q is in the text:\n%s", b, doc.Text)
		}
	}
}

// TestShareLabel: a share row's label left alone on its line ("Share")
// is no line of the article; the word as a section's heading, or as a
// list's item in a manual, stays.
func TestShareLabel(t *testing.T) {
	for _, s := range []string{`<p>Share</p>`, `<div class="q3"><span>Share:</span></div>`, `<p>Teilen</p>`} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + s + prose("story", 3) + `</article></body></html>`
		if doc := cleanPage(t, "http://example.com/a", []byte(page)); !strings.HasPrefix(doc.Text, "Paragraph 0") {
			t.Errorf("the label %q is in the text:\n%s", s, doc.Text)
		}
	}
	page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + prose("manual", 2) +
		`<h2>Share</h2><p>Press the button at the top to send the page to a colleague.</p><ul><li>Open</li><li>Share</li><li>Print</li></ul>` + prose("end", 1) + `</article></body></html>`
	doc := cleanPage(t, "http://example.com/a", []byte(page))
	if strings.Count(doc.Text, "Share") != 2 {
		t.Errorf("a heading or an item \"Share\" is lost:\n%s", doc.Text)
	}
}

// TestToolLabels: a toolbar's button left alone on its line ("Print",
// "Copy link", "Gift this article") is no line of the article; the word
// as a section's heading stays.
func TestToolLabels(t *testing.T) {
	for _, s := range []string{`<p>Print</p>`, `<p>Copy link</p>`, `<div><span>Gift this article</span></div>`, `<p>Save article</p>`} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + s + prose("story", 3) + `</article></body></html>`
		if doc := cleanPage(t, "http://example.com/a", []byte(page)); !strings.HasPrefix(doc.Text, "Paragraph 0") {
			t.Errorf("the button %q is in the text:\n%s", s, doc.Text)
		}
	}
	doc := guideDoc(t, `<h2>Print</h2><p>Choose the printer, then press the button at the top of the window.</p>`)
	if !strings.Contains(doc.Text, "\n\nPrint\n\n") {
		t.Errorf("a section's heading \"Print\" is lost:\n%s", doc.Text)
	}
}

// TestScrollToContinue: the line under an ad slot that tells the reader
// to scroll past it ("SCROLL TO CONTINUE WITH CONTENT", "Advertisement ·
// Scroll to continue") is an ad break's label, not the article's.
func TestScrollToContinue(t *testing.T) {
	for _, label := range []string{"SCROLL TO CONTINUE WITH CONTENT", "Advertisement · Scroll to continue", "Scroll down to continue reading"} {
		if doc := guideDoc(t, `<div class="b4x"><p>`+label+`</p></div>`); strings.Contains(strings.ToLower(doc.Text), "scroll") {
			t.Errorf("the ad break %q is in the text:\n%s", label, doc.Text)
		}
	}
}

// TestNewsletterCall: the call to subscribe to a newsletter that closes
// a story in a template ("Subscribe to our free daily newsletter") is
// no line of it; a sentence about the town's newsletter stays.
func TestNewsletterCall(t *testing.T) {
	page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + prose("story", 3) + `<p>Thanks for reading!</p><p>Subscribe to our free daily newsletter.</p></article></body></html>`
	if doc := cleanPage(t, "http://example.com/a", []byte(page)); strings.Contains(doc.Text, "Subscribe") {
		t.Errorf("the newsletter call is in the text:\n%s", doc.Text)
	}
	keep := "Residents can subscribe to the newsletter the council sends out every month."
	if doc := guideDoc(t, `<p>`+keep+`</p>`); !strings.Contains(doc.Text, keep) {
		t.Errorf("a sentence about a newsletter is lost:\n%s", doc.Text)
	}
}

// TestTagLinesIntl: a post's tag line under the plain word for tags of
// its language ("Schlagwörter: …", "Mots-clés: …") is the template's, as
// "Tags: …" is; a sentence with the word stays.
func TestTagLinesIntl(t *testing.T) {
	for _, line := range []string{`Schlagwörter: <a href="/t/rat">Gemeinderat</a>, <a href="/t/haushalt">Haushalt</a>`,
		`Mots-clés: <a href="/t/conseil">conseil</a>, <a href="/t/budget">budget</a>`, `Etiquetas: <a href="/t/c">concejo</a>`} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + prose("story", 3) + `<p>` + line + `</p></article></body></html>`
		doc := cleanPage(t, "http://example.com/a", []byte(page))
		if !strings.HasSuffix(doc.Text, "Tuesday evening.") {
			t.Errorf("the tag line %q is in the text:\n%s", line, doc.Text)
		}
	}
	keep := "Die Stichworte der Debatte waren Haushalt, Straßen und Schulen."
	if doc := guideDoc(t, `<p>`+keep+`</p>`); !strings.Contains(doc.Text, keep) {
		t.Errorf("a sentence with the word is lost:\n%s", doc.Text)
	}
}

// TestGeneratorLine: a line that credits the tool that made the page is
// chrome (generatorLine); a sentence that goes on past the tool is prose.
func TestGeneratorLine(t *testing.T) {
	for _, l := range []string{
		"Generated by doxygen 1.9.8",
		"Generated on Tue Mar 3 2026 for libfoo by doxygen 1.9.8",
		"Created using Sphinx 5.3.0.",
		"Built with Sphinx using a theme provided by Read the Docs.",
		"This document was created by man2html, using the manual pages.",
		"The documentation for this class was generated from the following file:",
		"Generated by GTK-Doc V1.33.1",
	} {
		if !chromeLine(run{text: l, units: units(l)}, len([]rune(l)), false) {
			t.Errorf("chromeLine(%q) = false, want true", l)
		}
	}
	for _, l := range []string{
		"Generated by the parser, the table lists every field it read.",
		"Created by the server when the session starts.",
		"Built with care in Lisbon.",
		"produced by GCC 11.", // the end of a sentence a plain-text NEWS file broke over lines
	} {
		if chromeLine(run{text: l, units: units(l)}, len([]rune(l)), false) {
			t.Errorf("chromeLine(%q) = true, want false", l)
		}
	}
}

// TestTimeStampLine: the stamp a man page converter writes under its
// credit ("Time: …" and a date and time alone) is a date line; a line
// that says what a time is for, with no date in it, is prose.
func TestTimeStampLine(t *testing.T) {
	for _, l := range []string{
		"Time: 10:14:02 GMT, March 03, 2026",
		"Time: 09:30 UTC, 4 May 2025",
	} {
		if !chromeLine(run{text: l, units: units(l)}, len([]rune(l)), false) {
			t.Errorf("chromeLine(%q) = false, want true", l)
		}
	}
	for _, l := range []string{
		"Time: 45 minutes",
		"Time spent in the queue is counted from March 3 on.",
	} {
		if chromeLine(run{text: l, units: units(l)}, len([]rune(l)), false) {
			t.Errorf("chromeLine(%q) = true, want false", l)
		}
	}
}
