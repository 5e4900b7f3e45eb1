package clean

import (
	"strings"
	"testing"
)

// A notice's attachments boxed apart from its paragraphs (a <div> after
// them), the label on a line of its own and each file's link on its own
// line, are the notice's: the label announces them as it does beside
// the prose. A box of links after them under no annex label still goes.
func TestAnnexBoxKept(t *testing.T) {
	body := strings.Repeat("<p>　　各地区要结合本地实际，制定具体实施方案，明确责任分工和时间节点，确保各项措施落到实处。</p>", 3)
	page := `<div class="article"><h1>关于开展示范单位申报工作的通知</h1><div id="zoom">` + body +
		`<div class="fj"><p>附件：</p><p><a href="/files/a.docx">1.示范单位申报表.docx</a></p><p><a href="/files/b.xlsx">2.示范单位汇总表.xlsx</a></p></div>` +
		`<div class="more"><p>更多：</p><p><a href="/a1.html">市政府常务会议研究部署春季农业生产</a></p><p><a href="/a2.html">我市召开优化营商环境工作推进会</a></p></div>` +
		`</div></div>`
	doc := cleanBody(t, "关于开展示范单位申报工作的通知", page)
	checkText(t, doc, []string{"附件：", "1.示范单位申报表.docx", "2.示范单位汇总表.xlsx"}, []string{"常务会议", "推进会"})
}
