package textdiff

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const zh = `为深入贯彻落实国家关于生态文明建设的决策部署，进一步加强流域保护和地下水管理，现就有关事项通知如下。
各省级人民政府应当每年公布地下水水位、农业和工业取水量以及受损含水层修复措施等情况，接受社会监督。
到本年代末，全国地下水超采量比基准年减少百分之四十，每两年由独立的水文专家组对阶段性目标进行评估。
地方各级人民政府应当在十八个月内完成湿地和洪泛区的调查划定工作，禁止在蓄滞洪关键区域新建建设项目。
年取水量超过一万立方米的工业用户，应当安装经认证的计量设施，并按季度向流域管理机构报送用水情况。
采用滴灌等节水灌溉方式的农户，可以享受最高不超过设备费用一半的补贴，补贴资金由省级农业农村部门拨付。`

func opSummary(ops []Op) []string {
	var out []string
	for _, op := range Changes(ops) {
		s := fmt.Sprintf("%s %d %d", op.Kind, op.AIndex, op.BIndex)
		if op.MovedTo != nil {
			s += fmt.Sprintf(" moved to %d", *op.MovedTo)
		}
		if op.MovedFrom != nil {
			s += fmt.Sprintf(" moved from %d", *op.MovedFrom)
		}
		if op.CutShort {
			s += " cut short"
		}
		out = append(out, s)
	}
	return out
}

// A paragraph moved is said to have moved, from where to where; one cut
// short is that paragraph changed, not removed with another added.
func TestMovedAndCutShort(t *testing.T) {
	p := strings.Split(zh, "\n")
	moved := strings.Join(append(append([]string{p[0]}, p[2:]...), p[1]), "\n")
	want := []string{"removed 1 -1 moved to 5", "added -1 5 moved from 1"}
	if got := opSummary(Diff(zh, moved)); !reflect.DeepEqual(got, want) {
		t.Errorf("paragraph 2 moved to the end: %q, want %q", got, want)
	}

	cut := strings.Join(append(p[:4:4], string([]rune(p[4])[:12])), "\n")
	want = []string{"changed 4 4 cut short", "removed 5 -1"}
	if got := opSummary(Diff(zh, cut)); !reflect.DeepEqual(got, want) {
		t.Errorf("paragraph 5 cut short, 6 gone: %q, want %q", got, want)
	}
	if ops := Changes(Diff(zh, cut)); len(ops) > 0 && ops[0].Marked != string([]rune(p[4])[:12])+"[-"+string([]rune(p[4])[12:])+"-]" {
		t.Errorf("cut short marked %q", ops[0].Marked)
	}

	// a few characters that begin a paragraph are no cut of it
	short := strings.Join(append(p[:4:4], string([]rune(p[4])[:3])), "\n")
	want = []string{"removed 4 -1", "removed 5 -1", "added -1 4"}
	if got := opSummary(Diff(zh, short)); !reflect.DeepEqual(got, want) {
		t.Errorf("three characters of paragraph 5: %q, want %q", got, want)
	}
}
