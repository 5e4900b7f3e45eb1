package clean

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/prov-archive/prov/rules"
)

// pagedPage is an article page with an optional pager and other links,
// in the form Chinese government CMSs print them.
func pagedPage(head, article, pager, extra string) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>网络空间白皮书_国务院新闻办公室</title>" + head + "</head><body>")
	b.WriteString("<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/zfbps/\">白皮书</a></div>")
	b.WriteString("<div class=\"article\"><h1>网络空间白皮书</h1><div id=\"zoom\">")
	for i := 0; i < 4; i++ {
		b.WriteString("<p>" + article + strings.Repeat("互联网是人类的共同家园，让这个家园更繁荣、更干净、更安全，是国际社会的共同责任。", 3) + "</p>")
	}
	b.WriteString("</div>" + pager + "</div>" + extra + "</body></html>")
	return []byte(b.String())
}

func cleanPage(t *testing.T, url string, body []byte) *Document {
	t.Helper()
	doc, err := Clean(Input{URL: url, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

const gov = "http://www.gov.test/zhengce/2022-11/07/"

func TestPaginationDetected(t *testing.T) {
	bar := func(prev, next string, cur int) string {
		var b strings.Builder
		b.WriteString(`<div class="page">`)
		if prev != "" {
			b.WriteString(`<a href="` + prev + `">上一页</a> `)
		} else {
			b.WriteString(`<span>上一页</span> `)
		}
		for i, name := range []string{"c123.htm", "c123_2.htm", "c123_3.htm"} {
			if i+1 == cur {
				b.WriteString(`<span class="cur">` + string(rune('1'+i)) + `</span> `)
			} else {
				b.WriteString(`<a href="` + name + `">` + string(rune('1'+i)) + `</a> `)
			}
		}
		if next != "" {
			b.WriteString(`<a href="` + next + `">下一页&gt;&gt;</a>`)
		} else {
			b.WriteString(`<a href="javascript:void(0)">下一页&gt;&gt;</a>`)
		}
		return b.String() + `</div>`
	}
	other := `<div class="pn"><a href="c124.htm">下一篇：另一篇文章</a> <a href="c122.htm">Next</a></div>`
	cases := []struct {
		name, url        string
		body             []byte
		next, prev, firs string
		num              int
	}{
		{"first", gov + "c123.htm", pagedPage("", "前言。", bar("", "c123_2.htm", 1), other),
			gov + "c123_2.htm", "", gov + "c123.htm", 1},
		{"middle", gov + "c123_2.htm", pagedPage("", "第二页。", bar("c123.htm", "c123_3.htm", 2), other),
			gov + "c123_3.htm", gov + "c123.htm", gov + "c123.htm", 2},
		{"last", gov + "c123_3.htm", pagedPage("", "第三页。", bar("c123_2.htm", "", 3), other),
			"", gov + "c123_2.htm", gov + "c123.htm", 3},
		{"numbers only", gov + "c123.htm", pagedPage("", "前言。", `<div class="page">1 <a href="c123_2.htm">2</a> <a href="c123_3.htm">3</a></div>`, ""),
			gov + "c123_2.htm", "", gov + "c123.htm", 1},
		{"stem with a number", "http://www.gov.test/t20221107_123.htm", pagedPage("", "前言。", `<a href="t20221107_123_2.htm">下页</a>`, ""),
			"http://www.gov.test/t20221107_123_2.htm", "", "http://www.gov.test/t20221107_123.htm", 1},
		{"link rel and query", "http://news.test/story?id=7&page=2", pagedPage(`<link rel="prev" href="/story?id=7"><link rel="next" href="/story?id=7&amp;page=3">`, "Two.", "", ""),
			"http://news.test/story?id=7&page=3", "http://news.test/story?id=7", "http://news.test/story?id=7", 2},
		{"english words", "http://news.test/a/story.html", pagedPage("", "One.", `<p><a href="story_2.html">Next page ›</a></p>`, ""),
			"http://news.test/a/story_2.html", "", "http://news.test/a/story.html", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := cleanPage(t, c.url, c.body)
			p := doc.Pagination
			if p.Next != c.next || p.Prev != c.prev || p.Number != c.num || p.First != c.firs {
				t.Errorf("Pagination = %+v, want next %q prev %q number %d first %q", p, c.next, c.prev, c.num, c.firs)
			}
			for _, w := range []string{"上一页", "下一页", "下页", "Next"} {
				if strings.Contains(doc.Text, w) {
					t.Errorf("the pager is in the text: %q", doc.Text)
				}
			}
		})
	}
}

// TestPaginationRejected: links that say next but lead to another
// article, and links to a _2 page that do not say next, are not pages.
func TestPaginationRejected(t *testing.T) {
	cases := []struct{ name, url, links string }{
		{"next article", gov + "c123.htm", `<a href="c124.htm">下一篇</a> <a href="c124_2.htm">下一篇：第二页</a>`},
		{"next to another stem", gov + "c123.htm", `<a href="c124.htm">下一页</a> <a href="/other/c123_2.htm">下一页</a>`},
		{"english next article", "http://news.test/a/story.html", `<a href="other-story.html">Next</a> <a href="story-2.html">Next »</a>`},
		{"continuation that does not say so", gov + "c123.htm", `<a href="c123_2.htm">相关报道</a>`},
		{"other host", gov + "c123.htm", `<a href="http://elsewhere.test/zhengce/2022-11/07/c123_2.htm">下一页</a>`},
		{"skipped page", gov + "c123.htm", `<a href="c123_3.htm">下一页</a>`},
		{"listing", "http://www.gov.test/zhengce/index.htm", `<a href="index_1.htm">下一页</a>`},
		{"next page number too large", "http://www.gov.test/t20221107_123.htm", `<a href="t20221107_124.htm">Next</a>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := cleanPage(t, c.url, pagedPage("", "正文。", "", c.links))
			if p := doc.Pagination; p.Split() || p != (Pagination{}) {
				t.Errorf("Pagination = %+v, want none", p)
			}
		})
	}
}

func TestStitchText(t *testing.T) {
	got := StitchText([]string{"一。\n\n二。", "", "  三。 "})
	if got != "一。\n\n二。\n\n三。" {
		t.Errorf("StitchText = %q", got)
	}
	if TextHash(got) != TextHash("一。\n\n二。\n\n三。") {
		t.Error("hash differs")
	}
}

// TestPagerOutOfRuleText: a site rule whose content selector holds the
// pager keeps the article, and the pager still gives the next page.
func TestPagerOutOfRuleText(t *testing.T) {
	body := pagedPage("", "前言。", `<div class="page"><span>上一页</span> 1 <a href="c123_2.htm">2</a> <a href="c123_2.htm">下一页</a></div>`, "")
	doc, err := Clean(Input{URL: gov + "c123.htm", Body: body, Site: &rules.Site{Name: "gov", Content: "div.article"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "前言。") {
		t.Errorf("rule text = %q", doc.Text)
	}
	if doc.Pagination.Next != gov+"c123_2.htm" {
		t.Errorf("Next = %q", doc.Pagination.Next)
	}
}

func TestPageNumber(t *testing.T) {
	for _, s := range []string{"", "1", "2", "100", "101", "0", "007", "+3", "-3", "+-3", "3a", " 3", "1_0",
		"99999999999999999999999", "+", "-", "٣", "３", "0x1", "1e1"} {
		k, err := strconv.Atoi(s)
		want := err == nil && k >= 1 && k <= MaxPages
		got, ok := pageNumber(s)
		if ok != want || ok && got != k {
			t.Errorf("pageNumber(%q) = %d %v, Atoi gives %d %v", s, got, ok, k, err)
		}
	}
}

func TestCollapseIdempotent(t *testing.T) {
	for _, s := range []string{"", " a  b ", "中\n文 字\t\t甲\u3000乙", "a\u00A0\u2003b\u2000c", " \n ", "x\r\ny", "中 \n 文"} {
		if c := collapse(s); collapse(c) != c {
			t.Errorf("collapse(%q) = %q, again %q", s, c, collapse(c))
		}
	}
}

// wordDir skips lowering a text longer than maxPagerWordLower: sound only
// if no rune lowers to less than a third of its bytes (invalid bytes
// lower to U+FFFD, three bytes for one).
func TestPagerWordLowerBound(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		if n, lower := utf8.RuneLen(r), utf8.RuneLen(unicode.ToLower(r)); 3*lower < n {
			t.Fatalf("%U (%d bytes) lowers to %d bytes", r, n, lower)
		}
	}
	if maxPagerWordLower < 3*len("previous page") {
		t.Fatalf("maxPagerWordLower = %d, below three times the longest pager word", maxPagerWordLower)
	}
	for _, tc := range []struct {
		text string
		want int
	}{
		{"Next", dirNext}, {"【下一页】", dirNext}, {"NEXT PAGE »", dirNext}, {"« Previous", dirPrev},
		{"»", dirNext}, {"next article", 0}, {strings.Repeat("\u212a", 20), 0}, {"", 0},
	} {
		if got := wordDir(tc.text); got != tc.want {
			t.Errorf("wordDir(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// TestIsCollapsedAsWriter: isCollapsed(s) says whether the writer
// collapse falls back to leaves s as it is, on random joins of runes
// and white space of every kind, CJK runes beside line breaks, a valid
// U+FFFD and broken UTF-8.
func TestIsCollapsedAsWriter(t *testing.T) {
	pieces := []string{"a", "Z", "1", "中", "文", "，", "。", "é", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u3000",
		"\u2003", "\u0085", "\u2028", "\ufffd", "\xff", "\xe4\xb8", "-", "|", "\u200b"}
	rng := rand.New(rand.NewPCG(41, 42))
	texts := randomJoins(rng, pieces, 8, 30000)
	same := 0
	for _, s := range append(texts, "", " ", "a", "a b", " a", "a ", "中 文") {
		var w spaceWriter
		w.write(s)
		if got, want := isCollapsed(s), w.String() == s; got != want {
			t.Fatalf("isCollapsed(%q) = %v, the writer makes %q", s, got, w.String())
		}
		if isCollapsed(s) {
			same++
		}
	}
	if same < 1000 {
		t.Errorf("only %d texts collapsed already: samples missing?", same)
	}
}
