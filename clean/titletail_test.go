package clean

import (
	"net/http"
	"strings"
	"testing"
)

// A Chinese page whose <title> names the site first ("站名 - 标题") and
// shows the part after the separator above the text has that part for
// its headline, however it sets it (an <h1>, a <div>, a table's cell);
// a page that shows the part before the separator nearer the text keeps
// it, and a Latin part after the separator is left to the other rules.
func TestShownTitleTail(t *testing.T) {
	body := strings.Repeat("<p>　　各地区要结合本地实际，制定具体实施方案，明确责任分工和时间节点，确保各项措施落到实处。</p>", 3)
	cases := []struct{ name, title, shown, want string }{
		{"div", "某某市人民政府 - 关于做好春季农业生产工作的通知", `<div class="title">关于做好春季农业生产工作的通知</div>`, "关于做好春季农业生产工作的通知"},
		{"h1 unspaced", "某某省交通运输厅门户网站-某某省农村公路管理办法", `<h1>某某省农村公路管理办法</h1>`, "某某省农村公路管理办法"},
		{"td under logo", "某某市人民政府 | 关于公布示范单位名单的公告", `<div class="sitename">某某市人民政府</div><table><tr><td class="bt">关于公布示范单位名单的公告</td></tr></table>`, "关于公布示范单位名单的公告"},
		{"head shown nearer", "关于做好春季农业生产工作的通知 - 某某市农业农村局", `<div>某某市农业农村局</div><h2>关于做好春季农业生产工作的通知</h2>`, "关于做好春季农业生产工作的通知"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := "<html><head><title>" + c.title + "</title></head><body><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/zwgk/\">政务公开</a></div>" +
				c.shown + `<div class="info">发布时间：2026-03-14 来源：某某市人民政府办公室</div><div id="zoom">` + body + "</div></body></html>"
			doc, err := Clean(Input{URL: "http://www.example.gov.cn/zwgk/content_1.htm", Header: http.Header{}, Body: []byte(page)})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != c.want {
				t.Errorf("Title %q, want %q", doc.Title, c.want)
			}
		})
	}
}
