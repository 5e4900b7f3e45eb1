package clean

import (
	"strings"
	"testing"
)

// A template's attachments label with no attachment after it goes; a
// label over files, linked or listed as text, stays with them.
func TestEmptyAnnexLabel(t *testing.T) {
	body := strings.Repeat("<p>　　各地区要结合本地实际，制定具体实施方案，明确责任分工和时间节点，确保各项措施落到实处。</p>", 3)
	sign := `<p style="text-align:right">某某市农业农村局</p>`
	cases := []struct {
		name, annex string
		must, not   []string
	}{
		{"empty before signature", `<p>相关附件：</p>`, []string{"某某市农业农村局"}, []string{"附件"}},
		{"empty at the end", `</div><div class="fj">附件：`, []string{"某某市农业农村局"}, []string{"附件"}},
		{"linked", `<p>附件：<a href="/files/a.pdf">示范单位名单.pdf</a></p>`, []string{"附件：", "示范单位名单.pdf"}, nil},
		{"listed as text", `<p>附件：</p><p>1．第一批示范单位名单</p>`, []string{"附件：", "1．第一批示范单位名单"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			annex, tail := c.annex+sign, ""
			if strings.HasPrefix(c.annex, "</div>") {
				annex, tail = sign, c.annex
			}
			page := `<div class="article"><h1>关于做好春季农业生产工作的通知</h1><div id="zoom">` + body + annex + tail + `</div></div>`
			checkText(t, cleanBody(t, "关于做好春季农业生产工作的通知", page), c.must, c.not)
		})
	}
}
