package clean

import (
	"fmt"
	"net/http"
	"testing"
)

// TestZhLabelledAuthor: a Chinese byline or source line names its author
// after 作者：/记者： up to the next label on the line; co-authors set
// off by spaces are kept, and a placeholder (未知, 佚名, 不详) is no
// author.
func TestZhLabelledAuthor(t *testing.T) {
	for _, c := range []struct{ cls, line, want string }{
		{"author", "作者：未知&nbsp;&nbsp;&nbsp;&nbsp;责任编辑：王小红", ""},
		{"author", "作者：佚名", ""},
		{"bot_author", "作者：不详 编辑：刘一", ""},
		{"source", "来源：新华网　作者：未知　发布时间：2024-03-15", ""},
		{"author", "作者：李明&nbsp;&nbsp;责任编辑：王小红", "李明"},
		{"art_author", "作者：张华　来源：市水务局", "张华"},
		{"author", "作者：张三 李四　责任编辑：王小红", "张三 李四"},
		{"source", "来源：新华网　作者：陈晨 刘洋　2024-03-15", "陈晨 刘洋"},
		{"source", "2024-03-15 来源：新华网　記者：陳晨", "陳晨"},
	} {
		page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>山区村民用上天然气</title></head><body><h1>山区村民用上天然气</h1><div class="%s">%s</div><div class="content"><p>%s</p><p>%s</p><p>%s</p></div></body></html>`,
			c.cls, c.line, zhStory[0], zhStory[1], zhStory[2])
		doc, err := Clean(Input{URL: "http://www.example.cn/xw/2024/1.html", Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Author != c.want {
			t.Errorf("%s: author %q, want %q", c.line, doc.Author, c.want)
		}
	}
}
