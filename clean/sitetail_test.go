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
