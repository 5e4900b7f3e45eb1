package clean

import (
	"strings"
	"testing"
)

// A Chinese story's closing credit in parentheses goes with more names
// and roles than an agency's tag holds; a parenthesised line of other
// words stays.
func TestReporterTag(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"（记者 张三 通讯员 王五）", true},
		{"（记者 张三、李四）", true},
		{"（本报记者 欧阳明 实习生 李丽）", true},
		{"（记者 张三 通讯员）", false},
		{"（张三 记者）", false},
		{"（完）", false},
		{"（记者 张三 在现场采访）", false},
	} {
		if got := reporterTag(c.line); got != c.want {
			t.Errorf("reporterTag(%q) = %v, want %v", c.line, got, c.want)
		}
	}
	body := strings.Repeat("<p>　　今年以来，全市累计新增城镇就业岗位三万余个，城镇调查失业率保持在合理区间，就业形势总体稳定向好，重点群体就业得到有效保障。</p>", 3)
	doc := cleanBody(t, "我市就业形势总体稳定", `<div class="article"><h1>我市就业形势总体稳定</h1><div class="content">`+body+`<p>（记者 张三 通讯员 王五）</p></div></div>`)
	checkText(t, doc, []string{"城镇调查失业率"}, []string{"张三", "王五"})
}
