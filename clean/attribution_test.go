package clean

import (
	"math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prov-archive/prov/internal/cputime"
)

func TestSourceFromLine(t *testing.T) {
	for line, want := range map[string]string{
		"来源：新华社": "新华社",
		"2022-11-07 10:00 来源：新华网 作者：王五": "新华网",
		"来源：新华社，有删节":                    "新华社", // the name ends with its clause
		"來源：中央社。":                       "中央社",
		"转载自人民网":                        "人民网",
		"本文转载自人民网":                      "人民网",
		"以上内容转载自新华网":                    "新华网",
		"本篇文章轉載自中央社":                    "中央社",
		"本网转载自其他媒体的作品，不代表本网观点":          "",
		"转自：央视":                         "央视",
		"Source: Reuters":               "Reuters",
		// a site's notice about its pages names no source of this text
		"本站部分内容转载自其他媒体，转载目的在于传递更多信息，并不代表本站赞同其观点。": "",
		"本站內容均轉載自網路，版權歸原作者所有．京ICP備19000000號":      "",
		"the open source movement": "",
	} {
		if got := sourceFromLine(line); got != want {
			t.Errorf("sourceFromLine(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestReprintNoticeIsNoAttribution: an article without a source line on a
// site whose footer says it reprints from other media has no attribution.
func TestReprintNoticeIsNoAttribution(t *testing.T) {
	body := `<html><head><meta charset="utf-8"><title>国务院新闻办发布白皮书</title></head><body>
<div class="article"><h1>国务院新闻办发布白皮书</h1>
<p>国务院新闻办公室11月7日发布《携手构建网络空间命运共同体》白皮书。白皮书全文约1.2万字，除前言、结束语外共分为四个部分。</p>
<p>白皮书介绍，新时代的中国网络空间治理取得了历史性成就，互联网发展普及，数字经济蓬勃发展，网络空间日益清朗。</p>
<p>白皮书表示，中国愿同世界各国一道，坚持以人民为中心，推动构建网络空间命运共同体，让互联网更好造福人类。</p>
</div>
<div class="footer"><p>资讯网 版权所有 2022</p><p>本站部分内容转载自其他媒体，转载目的在于传递更多信息，并不代表本站赞同其观点。</p></div>
</body></html>`
	doc, err := Clean(Input{URL: "http://news.example.cn/a/1.html", Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte(body)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "白皮书全文约1.2万字") || doc.Attribution != "" {
		t.Errorf("Attribution %q (text %q), want none and the article's text", doc.Attribution, doc.Text)
	}
}

// BenchmarkCleanSource trims the source lines of BenchmarkClean's pages
// (what follows a source label), one op per line.
func BenchmarkCleanSource(b *testing.B) {
	var lines []string
	for _, runs := range benchPageRuns(b) {
		for _, r := range runs {
			t := foldTrad(r.text)
			if loc := sourceLabelRe.FindStringIndex(t); loc != nil && len(r.text) <= 400 {
				lines = append(lines, r.text[loc[1]:])
			}
		}
	}
	if len(lines) == 0 {
		b.Fatal("no source lines")
	}
	i := 0
	began := cputime.Process()
	for b.Loop() {
		cleanSource(lines[i%len(lines)])
		i++
	}
	cputime.Report(b, began)
}

// sourceEndRe is the expression sourceEnd reads (see sourceEndWords).
var sourceEndRe = regexp.MustCompile(`(?i)作者|记者|编辑|责任编辑|发布|时间|日期|字号|浏览|点击|阅读|【|\[|\||丨|｜|/|\d{4}\s*[-/.年]|\b(?:by|updated|published|posted)\b`)

// TestSourceEndAsExpression: sourceEnd finds where sourceEndRe's first
// match begins, on random strings of the expression's pieces, near misses,
// ſ, white space of every kind and broken UTF-8, and on every short line
// of the test and eval pages (shortLines).
func TestSourceEndAsExpression(t *testing.T) {
	pieces := []string{"作者", "记者", "编辑", "责任", "发布", "时间", "日期", "字号", "浏览", "点击", "阅读", "【", "[", "|", "丨", "｜", "/",
		"作", "者", "时", "2022", "202", "1", " ", "\t", "\v", "\n", "-", ".", "年", "月", "by", "BY", "bY", "updated", "UpDaTeD", "published",
		"poſted", "poſ", "posted", "POSTED", "publiſhed", "update", "b", "y", "_", "x", "a", "新华社", "\xe4", "\xe4\xbd", "\x9c", "\xef\xbd", "·", "ſ"}
	rng := rand.New(rand.NewPCG(11, 12))
	texts := shortLines(prefilterLines(t))
	texts = append(texts, randomJoins(rng, pieces, 8, 20000)...)
	found := 0
	for _, s := range texts {
		want := -1
		if loc := sourceEndRe.FindStringIndex(s); loc != nil {
			want = loc[0]
			found++
		}
		if got := sourceEnd(s); got != want {
			t.Fatalf("sourceEnd(%q) = %d, sourceEndRe's match begins at %d", s, got, want)
		}
	}
	if found < 1000 {
		t.Errorf("only %d texts hold a field: samples missing?", found)
	}
}

// TestSourceLabelAsExpression: sourceLabel finds sourceLabelRe's first
// match, on random strings of the labels' pieces and near misses, and on
// every short test and eval line (shortLines), folded.
func TestSourceLabelAsExpression(t *testing.T) {
	pieces := []string{"文章来源", "信息来 源", "资讯", "消息来\t源", "新闻来源", "稿件来源", "来源", "来", "源", "稿源", "出处", "转载自", "转自", "转",
		"source", "SOURCE", "ſource", "Source:", "ſ", "s", "：", ":", " ", "新华社", "2022", "a", "\xe6", "\xe6\x9d", "\xc5", "文", "出",
		"ſOuRcE", "sourc", "ource", "\t", "\n", "\f", "\r", "\v", "\u00a0", "\u3000", "：：", "::", "来\r\n源", "文章", "稿件", "稿", "处", "载自", "自", "\xef\xbc", "\xe6\xba"}
	rng := rand.New(rand.NewPCG(15, 16))
	texts := shortLines(folded(prefilterLines(t)))
	texts = append(texts, randomJoins(rng, pieces, 8, 20000)...)
	found := 0
	for _, s := range texts {
		want := sourceLabelRe.FindStringIndex(s)
		if got := sourceLabel(s); !slices.Equal(got, want) {
			t.Fatalf("sourceLabel(%q) = %v, FindStringIndex %v", s, got, want)
		}
		if want != nil {
			found++
		}
	}
	if found < 1000 {
		t.Errorf("only %d texts hold a label: samples missing?", found)
	}
}

// FuzzSourceLabel: sourceLabel finds sourceLabelRe's first match in any
// text.
func FuzzSourceLabel(f *testing.F) {
	f.Add("据报道 来 源：新华社 2022")
	f.Add("ſOURCE :\t Xinhua; 文章来\r\n源 转自")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := sourceLabel(s), sourceLabelRe.FindStringIndex(s); !slices.Equal(got, want) {
			t.Fatalf("sourceLabel(%q) = %v, FindStringIndex %v", s, got, want)
		}
	})
}
