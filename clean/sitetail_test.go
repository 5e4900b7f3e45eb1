package clean

import (
	"fmt"
	"net/http"
	"testing"
)

// TestLogoInTitleTail: an <h1> that the <title> holds only in the site's
// name or section after the headline ("标题_栏目_某某县人民政府网",
// "标题 - 某某县人民政府网站") is the logo, not the headline: the Title
// is the <title>'s headline. An <h1> the headline part holds still wins.
func TestLogoInTitleTail(t *testing.T) {
	const headline = "关于做好全县冬季供暖工作的通知"
	for _, c := range []struct{ title, h1, want string }{
		{headline + "_通知公告_某某县人民政府网", "某某县人民政府", headline},
		{headline + "_通知公告_某某县人民政府网", "通知公告", headline},
		{headline + " - 某某县人民政府网站", "某某县人民政府", headline},
		{"【要闻】" + headline + "_某某县人民政府网", headline, headline},
	} {
		page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>%s</title></head><body><div class="logo"><h1>%s</h1></div><div class="menu"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div><div class="detail"><h2>%s</h2><div class="text"><p>%s</p><p>%s</p><p>%s</p></div></div></body></html>`,
			c.title, c.h1, headline, zhStory[0], zhStory[1], zhStory[2])
		doc, err := Clean(Input{URL: "http://www.example.gov.cn/tzgg/2024/1.html", Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != c.want {
			t.Errorf("<title>%s</title> <h1>%s</h1>: Title %q, want %q", c.title, c.h1, doc.Title, c.want)
		}
	}
}

// TestLogoUnderSiteWordTitle: a <title> that is the logo's name and a
// site word after it ("某某县人民政府门户网站" over the logo's linked
// <h1>某某县人民政府</h1>) is the site's title as much as the bare name:
// the headline under the logo is the Title. A <title> that runs on past
// the name by more than a word keeps the name.
func TestLogoUnderSiteWordTitle(t *testing.T) {
	const site, headline = "某某县人民政府", "全县冬季供暖工作全面启动"
	for _, c := range []struct{ title, want string }{
		{site + "门户网站", headline},
		{site + "网", headline},
		{site + "关于冬季供暖的工作安排", site},
	} {
		page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>%s</title></head><body><div class="top"><h1 class="logo"><a href="/">%s</a></h1></div><div class="menu"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div><div class="box"><div class="tit">%s</div><div class="info">日期：2024-07-01　来源：本站</div><div class="text"><p>%s</p><p>%s</p><p>%s</p></div></div></body></html>`,
			c.title, site, headline, zhStory[0], zhStory[1], zhStory[2])
		doc, err := Clean(Input{URL: "http://www.example.gov.cn/tzgg/2024/1.html", Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != c.want {
			t.Errorf("<title>%s</title>: Title %q, want %q", c.title, doc.Title, c.want)
		}
	}
}
