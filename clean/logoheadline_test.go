package clean

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestLogoHeadline: a site whose <title> is only its name, said again by
// an <h1> around the logo's link home, shows the story's headline in a
// block under it with no metadata: that line is the Title, past the
// breadcrumb and the date and source line. A page whose <h1> names the
// site without a link home, and one with no headline-like line above its
// text, keep the title they name.
func TestLogoHeadline(t *testing.T) {
	const site, headline = "某某县人民政府", "全县冬季供暖工作全面启动"
	for _, tc := range []struct {
		name, logo, head string
		want             string
	}{
		{"headline in a div", `<h1 class="logo"><a href="/">` + site + `</a></h1>`, `<div class="tit">` + headline + `</div>`, headline},
		{"headline in an h2", `<h1><a href="/"><img src="/logo.png">` + site + `</a></h1>`, `<h2>` + headline + `</h2>`, headline},
		{"h1 is no link home", `<h1>` + site + `</h1>`, `<div class="tit">` + headline + `</div>`, site},
		{"a sentence above the text", `<h1 class="logo"><a href="/">` + site + `</a></h1>`,
			`<div class="tit">全县冬季供暖工作已于今天全面启动。</div>`, site},
		{"no <title>", `<h1 class="logo"><a href="/">` + site + `</a></h1>`, `<div class="tit">` + headline + `</div>`, site},
	} {
		head := `<title>` + site + `</title>`
		if tc.name == "no <title>" {
			head = ""
		}
		var b strings.Builder
		fmt.Fprintf(&b, `<html><head><meta charset="utf-8">%s</head><body><div class="top">%s</div>`, head, tc.logo)
		b.WriteString(`<div class="menu"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/xwzx/">新闻中心</a></div>`)
		b.WriteString(`<div class="position">您现在的位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>`)
		b.WriteString(`<div class="box">` + tc.head + `<div class="info">日期：2024-07-01　来源：本站</div><div class="text">`)
		for _, p := range zhStory {
			fmt.Fprintf(&b, "<p>%s</p>", p)
		}
		b.WriteString(`</div></div><div class="foot">版权所有：某某县人民政府</div></body></html>`)
		doc, err := Clean(Input{URL: "http://www.example.gov.cn/art/1.html", Header: http.Header{}, Body: []byte(b.String())})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != tc.want {
			t.Errorf("%s: Title %q, want %q", tc.name, doc.Title, tc.want)
		}
		if !strings.Contains(doc.Text, zhStory[0]) {
			t.Errorf("%s: text lost:\n%s", tc.name, doc.Text)
		}
	}
}

// TestShownTitleHead: a Chinese <title> that joins the headline and the
// site's name with an unspaced separator ("标题-某某网", "标题——某某网",
// "标题|某某网", "标题－某某网") gives the headline as the Title when the
// page shows the headline alone; a headline with a dash of its own, shown
// whole, and a title whose head the page never shows, stand.
func TestShownTitleHead(t *testing.T) {
	const headline, site = "全县冬季供暖工作全面启动", "某某县人民政府网"
	for _, tc := range []struct {
		name, title, shown, want string
	}{
		{"hyphen", headline + "-" + site, headline, headline},
		{"double dash", headline + "——" + site, headline, headline},
		{"bar", headline + "|" + site, headline, headline},
		{"full-width hyphen", headline + "－" + site, headline, headline},
		{"the headline's own dash", "温暖过冬——记县供热公司的一线工人", "温暖过冬——记县供热公司的一线工人", "温暖过冬——记县供热公司的一线工人"},
		{"head not shown", headline + "-" + site, "", headline + "-" + site},
	} {
		var b strings.Builder
		fmt.Fprintf(&b, `<html><head><meta charset="utf-8"><title>%s</title></head><body>`, tc.title)
		b.WriteString(`<div class="menu"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/xwzx/">新闻中心</a></div>`)
		fmt.Fprintf(&b, `<div class="con"><div class="con-title">%s</div><div class="con-time">发布日期：2024-09-09</div><div class="con-text">`, tc.shown)
		for _, p := range zhStory {
			fmt.Fprintf(&b, "<p>%s</p>", p)
		}
		b.WriteString(`</div></div></body></html>`)
		doc, err := Clean(Input{URL: "http://www.example.gov.cn/art/1.html", Header: http.Header{}, Body: []byte(b.String())})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != tc.want {
			t.Errorf("%s: Title %q, want %q", tc.name, doc.Title, tc.want)
		}
	}
}
