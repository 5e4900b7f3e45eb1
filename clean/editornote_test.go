package clean

import (
	"strings"
	"testing"
)

// An editor's note or a lead opened by its label (编者按：, 导语：,
// 【编者按】) set right above the text's box is the story's, however
// short; a short unlabelled line there, a labelled note with a link,
// and one with a block between it and the box are not.
func TestEditorNote(t *testing.T) {
	body := `<div class="article-content">` + strings.Repeat("<p>今年以来，我市坚持把稳就业摆在突出位置，围绕重点群体精准施策，全市城镇新增就业人数同比增长，就业形势总体保持稳定。</p>", 4) + `</div>`
	for _, c := range []struct {
		name, note string
		keep       bool
	}{
		{"colon label", `<p class="daoyu">导语：今年以来，我市就业形势稳定。</p>`, true},
		{"bracket label", `<div class="note">【编者按】本网推出系列报道，敬请关注。</div>`, true},
		{"traditional", `<div class="note">編者按：本網推出系列報道，敬請關注。</div>`, true},
		{"no label", `<p class="daoyu">本网推出系列报道，敬请关注。</p>`, false},
		{"a link", `<p class="daoyu">导语：本网推出<a href="/zt/">系列报道</a>，敬请关注。</p>`, false},
		{"not right above", `<p class="daoyu">导语：本网推出系列报道，敬请关注。</p><div class="tools">字号：大 中 小</div>`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := `<div class="main"><div class="head"><h1>我市多措并举稳就业促增收</h1><div class="src">2024-05-12 来源：本网</div></div>` + c.note + body + `</div>`
			doc := cleanBody(t, "我市多措并举稳就业促增收", page)
			kept := strings.Contains(doc.Text, "本网推出") || strings.Contains(doc.Text, "本網推出") || strings.Contains(doc.Text, "就业形势稳定")
			if kept != c.keep {
				t.Errorf("note kept %v, want %v:\n%s", kept, c.keep, doc.Text)
			}
			if !strings.Contains(doc.Text, "围绕重点群体精准施策") {
				t.Errorf("text lost:\n%s", doc.Text)
			}
		})
	}
}
