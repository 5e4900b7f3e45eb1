package clean

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestSetHeadline: a page whose <title> is only the site's name, with no
// <h1> and no logo heading, sets the story's headline apart just above
// the text — a <div class="title">, a centred cell, a bold line, an
// inline style — past the date and source line: that line is the Title.
// A plain line there, a sentence, and a page that shows its <title> as a
// line of its own keep the <title>.
func TestSetHeadline(t *testing.T) {
	const site, headline = "某某市人民政府门户网站", "关于做好冬季供暖保障工作的通知"
	for _, tc := range []struct {
		name, top, head, want string
	}{
		{"div class title", "", `<div class="title">` + headline + `</div>`, headline},
		{"span in a detail title", "", `<div class="detail-title"><span>` + headline + `</span></div>`, headline},
		{"bold line", "", `<p><strong>` + headline + `</strong></p>`, headline},
		{"inline style", "", `<div style="font-size: 22px">` + headline + `</div>`, headline},
		{"English", "", `<div class="post-title">Council opens the new library on Main Street</div>`, "Council opens the new library on Main Street"},
		{"plain line", "", `<div class="x">` + headline + `</div>`, site},
		{"a sentence", "", `<div class="title">全市冬季供暖工作已于今天全面启动。</div>`, site},
		{"title shown", `<div class="sitename">` + site + `</div>`, `<div class="title">` + headline + `</div>`, site},
	} {
		var b strings.Builder
		fmt.Fprintf(&b, `<html><head><meta charset="utf-8"><title>%s</title></head><body><div class="top"><a href="/"><img src="/logo.png" alt="logo"></a>%s</div>`, site, tc.top)
		b.WriteString(`<div class="menu"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/xwzx/">新闻中心</a></div>`)
		b.WriteString(`<div class="box">` + tc.head + `<div class="info">日期：2024-07-01　来源：本站</div><div class="text">`)
		for _, p := range zhStory {
			fmt.Fprintf(&b, "<p>%s</p>", p)
		}
		b.WriteString(`</div></div><div class="foot">版权所有：某某市人民政府</div></body></html>`)
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
