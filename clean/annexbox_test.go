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

// A notice's attachments in a box beside the text's box, not inside it
// — right after it, or after the article box that holds the headline
// and the text — are the notice's: the box opens with an annex label and
// its links lead to files. A box after it under the same label whose
// links lead to the site's pages, and a downloads box with no annex
// label, still go.
func TestAnnexBoxBeside(t *testing.T) {
	body := strings.Repeat("<p>　　各地区要结合本地实际，制定具体实施方案，明确责任分工和时间节点，确保各项措施落到实处。</p>", 3)
	files := `<div class="fj"><p>相关附件：</p><p><a href="/files/a.pdf">示范单位申报表</a></p><p><a href="/files/b.xlsx">示范单位汇总表</a></p></div>`
	pages := `<div class="fj"><p>附件：</p><p><a href="/a1.html">市政府常务会议研究部署春季农业生产</a></p><p><a href="/a2.html">我市召开优化营商环境工作推进会</a></p></div>`
	downloads := `<div class="xz">热门下载：<a href="/files/c.pdf">政府信息公开申请表</a> <a href="/files/d.doc">行政复议申请书</a></div>`
	related := `<div class="xgyd"><p>相关阅读：</p><p><a href="/a3.html">全市春耕备耕工作现场会召开</a></p><p><a href="/a4.html">农业农村局部署春季动物防疫工作</a></p></div>`
	for _, c := range []struct {
		name, page string
		must, not  []string
	}{
		{"beside the text", `<div class="main"><h1>关于开展示范单位申报工作的通知</h1><div id="zoom">` + body + `</div>` + files + related + `</div>`,
			[]string{"相关附件：", "示范单位申报表", "示范单位汇总表"}, []string{"春耕备耕", "动物防疫"}},
		{"beside the article box", `<div class="main"><div class="article"><h1>关于开展示范单位申报工作的通知</h1><div class="info">2024-03-01</div><div id="zoom">` + body + `</div></div>` + files + related + `</div>`,
			[]string{"相关附件：", "示范单位申报表", "示范单位汇总表"}, []string{"春耕备耕", "动物防疫"}},
		{"pages under the label", `<div class="main"><div class="article"><h1>关于开展示范单位申报工作的通知</h1><div id="zoom">` + body + `</div></div>` + pages + `</div>`,
			nil, []string{"常务会议", "推进会"}},
		{"downloads", `<div class="main"><div class="article"><h1>关于开展示范单位申报工作的通知</h1><div id="zoom">` + body + `</div></div>` + downloads + `</div>`,
			nil, []string{"申请表", "申请书"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := cleanBody(t, "关于开展示范单位申报工作的通知", c.page)
			checkText(t, doc, append(c.must, "各地区要结合本地实际"), c.not)
		})
	}
}
