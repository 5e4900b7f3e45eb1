package clean

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// zhStory is a Chinese article of four paragraphs for the label tests,
// each over proseUnits.
var zhStory = []string{
	"入冬以来，山区的几个村子先后通上了天然气，村民们告别了烧柴取暖的日子。燃气公司的工人在村里连续施工了两个多月，铺设管道十几公里，把气接到了每家每户的灶台前。",
	"村支书说，过去每到冬天，家家户户都要上山砍柴，既辛苦又破坏林木。现在用上了天然气，做饭取暖都方便，山上的树也保住了，村里的空气比以前干净了很多。",
	"据了解，县里计划在两年内让所有行政村都用上清洁能源，对困难家庭的安装费用给予补贴，并组织技术人员上门讲解安全用气的知识，防止发生意外事故。",
	"一位老人站在新装的壁挂炉前，高兴地对大家说，活了七十多年，没想到在山里也能过上和城里人一样的日子，这都要感谢党和政府的好政策。",
}

// zhStoryPage is a news page whose article container (class cls) holds
// zhStory with extra as its first and last lines, each in a <p>.
func zhStoryPage(cls string, first, last string) string {
	var b strings.Builder
	b.WriteString(`<html><head><meta charset="utf-8"><title>山区村民用上天然气_新闻</title></head><body>`)
	b.WriteString(`<div class="nav"><a href="/">首页</a> <a href="/xw/">新闻</a> <a href="/zw/">政务</a></div>`)
	fmt.Fprintf(&b, `<h1>山区村民用上天然气</h1><div class="%s">`, cls)
	if first != "" {
		fmt.Fprintf(&b, "<p>%s</p>", first)
	}
	for _, p := range zhStory {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	if last != "" {
		fmt.Fprintf(&b, "<p>%s</p>", last)
	}
	b.WriteString(`</div><div class="footer"><a href="/about">关于我们</a></div></body></html>`)
	return b.String()
}

// zhStoryText cleans page and fails t unless every paragraph of zhStory
// is in its text, whole.
func zhStoryText(t *testing.T, page string) string {
	t.Helper()
	doc, err := Clean(Input{URL: "http://www.example.cn/xw/2024/1.html", Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range zhStory {
		if !strings.Contains(doc.Text, p) {
			t.Fatalf("paragraph lost: %.30s…\ntext:\n%s", p, doc.Text)
		}
	}
	return doc.Text
}

// zhLine is a line of a template and a mark of it that the text must not
// hold once the line is dropped.
type zhLine struct{ line, mark string }

// zhDropped fails t when a line of lines, set in the article's container
// (class each of classes) as its first and last line, or only as its
// last with atEnd, leaves its mark in the text outside the story.
func zhDropped(t *testing.T, classes []string, lines []zhLine, atEnd bool) {
	t.Helper()
	for _, cls := range classes {
		for _, l := range lines {
			first := l.line
			if atEnd {
				first = ""
			}
			text := zhStoryText(t, zhStoryPage(cls, first, l.line))
			for _, p := range zhStory {
				text = strings.ReplaceAll(text, p, "")
			}
			if strings.Contains(text, l.mark) {
				t.Errorf("%s: line %q kept:\n%s", cls, l.line, text)
			}
		}
	}
}

// zhKept fails t when a line of keeps, set in the article's container as
// its first line, or as its last with atEnd, is not in the text whole.
func zhKept(t *testing.T, keeps []string, atEnd bool) {
	t.Helper()
	for _, keep := range keeps {
		page := zhStoryPage("zhengwen", keep, "")
		if atEnd {
			page = zhStoryPage("zhengwen", "", keep)
		}
		if text := zhStoryText(t, page); !strings.Contains(text, keep) {
			t.Errorf("line %q lost:\n%s", keep, text)
		}
	}
}

// TestZhLabelSeparators: a Chinese template's source, author and editor
// labels end with a full-width or ASCII colon, or with a bar in its
// place (丨, |, ｜, ∶, ︰), and may open with any of the brackets; each
// such line is chrome wherever it stands in the article.
func TestZhLabelSeparators(t *testing.T) {
	zhDropped(t, []string{"zhengwen", "article-content"}, []zhLine{
		{"来源丨新华社", "新华社"},
		{"来源 ｜ 人民日报", "人民日报"},
		{"来源∶光明日报", "光明日报"},
		{"来源︰经济日报", "经济日报"},
		{"作者丨张明远", "张明远"},
		{"编辑丨刘晓燕", "刘晓燕"},
		{"责编丨刘晓燕", "刘晓燕"},
		{"审核｜陈国强", "陈国强"},
		{"〖来源：中国新闻网〗", "中国新闻网"},
		{"［责任编辑：刘晓燕］", "刘晓燕"},
		{"〔编辑：刘晓燕〕", "刘晓燕"},
	}, false)
	// a table whose head row starts with such a word is text (the walk
	// joins a simple row's cells with " | ")
	table := `<table><tr><td>时间</td><td>地点</td><td>内容</td></tr><tr><td>3月1日</td><td>村委会</td><td>通气仪式</td></tr></table>`
	if text := zhStoryText(t, zhStoryPage("zhengwen", "", table)); !strings.Contains(text, "地点") {
		t.Errorf("table head lost:\n%s", text)
	}
	// a line that only names a thing with a bar in it is text
	zhKept(t, []string{"时间与空间丨一部写给孩子的物理书，从钟表讲到星空，出版后很受欢迎。"}, false)
}

// TestZhToolLines: a Chinese template's buttons and counters set in the
// article's container are chrome: the correction button in brackets
// (【纠错】, [我要纠错]), a bare share, bookmark, like or print button,
// a "分享：" row, a view counter ("点击量：123", "阅读 456"), and the
// Traditional templates' print and close buttons (列印本頁, 關閉視窗).
func TestZhToolLines(t *testing.T) {
	zhDropped(t, []string{"con_txt", "TRS_Editor"}, []zhLine{
		{"【纠错】", "纠错"},
		{"[我要纠错]", "纠错"},
		{"【收藏】", "收藏"},
		{"收藏", "收藏"},
		{"分享", "分享"},
		{"点赞", "点赞"},
		{"分享：微信 微博 QQ空间", "QQ空间"},
		{"点击量：123", "点击量"},
		{"阅读 4567", "阅读"},
		{"【浏览次数：89次】", "浏览"},
		{"點閱數：123", "點閱"},
		{"列印本頁 關閉視窗", "列印"},
	}, false)
	// lines that only start with such a word are text
	zhKept(t, []string{"阅读让孩子们打开了一扇通往外面世界的窗户。", "分享经验的时候，老支书总说一句话：办法总比困难多。",
		"【收藏】一图读懂今年的供暖补贴怎么领"}, false)
}

// TestZhEndLines: the lines a Chinese template sets at the article's end
// are chrome: the end mark alone on its line (（完）, (全文完), —完—),
// the source line "（本文来源：…）", an editor label with its desk
// (值班编辑, 网络编辑) and a notice that forbids reprinting.
func TestZhEndLines(t *testing.T) {
	zhDropped(t, []string{"left_zw", "TRS_Editor"}, []zhLine{
		{"（完）", "完）"},
		{"(全文完)", "全文完"},
		{"—完—", "完"},
		{"（本文来源：经济日报）", "经济日报"},
		{"本文来源：中国青年报", "中国青年报"},
		{"值班编辑：刘晓燕", "刘晓燕"},
		{"网络编辑：刘晓燕", "刘晓燕"},
		{"本网站所有内容未经授权不得转载。", "转载"},
		{"转载请注明出处。", "转载"},
	}, true)
	// a last paragraph that ends with the mark is text, mark and all, and
	// so is a sentence about reprinting
	zhKept(t, []string{"记者离开的时候，村口的路灯已经亮了起来，远处的山坡上飘着几缕炊烟。（完）",
		"法院认定，被告明知原告声明禁止转载，仍然大量转载其文章。"}, true)
}

// TestZhCommentLines: the head of a Chinese template's comment box and
// its count ("网友评论", "热门评论(12)", "已有0人参与评论") and the
// links to the previous and next item ("上一条：…", "下一条：…") are
// chrome wherever they stand in the article's container.
func TestZhCommentLines(t *testing.T) {
	zhDropped(t, []string{"zhengwen", "con_txt"}, []zhLine{
		{"网友评论", "网友评论"},
		{"热门评论（12）", "热门评论"},
		{"已有0人参与评论", "参与"},
		{"共有3条评论，点击查看", "评论"},
		{`上一条：<a href="/xw/0.html">全市春季植树活动全面展开</a>`, "植树"},
		{`下一条：<a href="/xw/2.html">城区新增五处公共停车场</a>`, "停车场"},
	}, false)
	// a sentence about comments or the next thing is text
	zhKept(t, []string{"网友评论说，这样的好事应该多办一些。", "下一条管道将在明年春天开工，通往更远的两个村子。",
		"共有300人参与了这次志愿服务活动。", "已有2000多人参与评论，大家普遍支持。"}, true)
}
