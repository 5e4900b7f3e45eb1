package clean

import (
	"strings"
	"testing"
)

// A notice's signature (落款) is its issuer and its date, set flush
// right under the text: the date stays, though it is a date line, while
// a template's date line above the text goes.
func TestSignatureDateKept(t *testing.T) {
	body := strings.Repeat("<p>　　各地区要结合本地实际，制定具体实施方案，明确责任分工和时间节点，确保各项措施落到实处。</p>", 3)
	cases := []struct{ name, sign, date string }{
		{"p style", `<p style="text-align: right;">某某市交通运输局</p><p style="text-align: right;">2026年3月14日</p>`, "2026年3月14日"},
		{"div align", `<div align="right">某某市交通运输局<br>2026年3月14日</div>`, "2026年3月14日"},
		{"span in p", `<p align="right"><span>某某市交通运输局</span></p><p align="right"><span>二〇二六年三月十四日</span></p>`, "二〇二六年三月十四日"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := `<div class="article"><h1>关于做好春季农业生产工作的通知</h1><div style="text-align:right">2026年3月10日</div><div id="zoom">` + body + c.sign + `</div></div>`
			doc := cleanBody(t, "关于做好春季农业生产工作的通知", page)
			checkText(t, doc, []string{"某某市交通运输局", c.date}, []string{"2026年3月10日"})
		})
	}
}
