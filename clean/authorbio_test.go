package clean

import (
	"strings"
	"testing"
)

// bioPage is a short story under a byline, then an author's box with no
// class or id to name it: the author's name as a link, a portrait, a
// paragraph about them and links to follow them.
func bioPage(byline, body, name, bio string) string {
	return `<div class="x1"><div class="x2"><h1>Council approves bus lane</h1><div class="x3">` + byline + `</div>` +
		`<div class="x4">` + body + `</div>` +
		`<div class="x5"><img src="/a.jpg" alt=""><h4><a href="/author">` + name + `</a></h4><p>` + bio + `</p>` +
		`<a href="/author">More articles</a> <a href="https://example.org/follow">Follow</a></div></div></div>`
}

// TestAuthorBio: a paragraph after the story that opens with the name its
// byline gives, in a box of its own with a portrait and links, is the
// site's box about the author, not the story, whatever it is named.
func TestAuthorBio(t *testing.T) {
	body := `<p>The city council on Tuesday approved a new bus lane on Mill Road, a change that officials say will cut journey times for about 9,000 daily riders.</p>`
	bio := `Jane Holloway is a reporter covering transport, housing and local government for the Evening Courier. Before joining the paper in 2019, she worked for the Northern Echo and a radio station in Leeds.`
	doc := cleanBody(t, "Council approves bus lane", bioPage("By Jane Holloway, 12 March 2024", body, "Jane Holloway", bio))
	checkText(t, doc, []string{"The city council on Tuesday"}, []string{"is a reporter covering"})

	zhBody := `<p>市政府办公厅近日印发通知，要求各区在十一月十五日前完成供热管网检修，确保居民室内温度不低于十八摄氏度。</p>`
	zhBio := `李明，本报记者，长期关注城市建设、公共服务和民生领域，曾多次获得省级新闻奖，著有《城市的温度》一书，现任本报城市新闻部副主任。`
	zh := cleanBody(t, "Council approves bus lane", bioPage("作者：李明 发布时间：2024-11-01", zhBody, "李明", zhBio))
	checkText(t, zh, []string{"市政府办公厅近日印发通知"}, []string{"本报记者"})
}

// TestAuthorBioUnderLongStory: under a long story the author's box is a
// small share of the text (bioShare) and stays; under a short one in
// the same template it goes.
func TestAuthorBioUnderLongStory(t *testing.T) {
	para := `<p>The city council on Tuesday approved a new bus lane on Mill Road, a change that officials say will cut journey times for about 9,000 daily riders.</p>`
	bio := `<div><img src="/a.jpg" alt=""><p>Jane Holloway is a reporter covering transport, housing and local government for the Evening Courier.</p><a href="/author">More articles</a> <a href="/follow">Follow</a></div>`
	page := func(paras int) string {
		return `<div><h1>Council approves bus lane</h1><p>By Jane Holloway, 12 March 2024</p>` + strings.Repeat(para, paras) + bio + `</div>`
	}
	doc := cleanBody(t, "Council approves bus lane", page(8))
	checkText(t, doc, []string{"The city council on Tuesday", "is a reporter covering"}, nil)
	doc = cleanBody(t, "Council approves bus lane", page(1))
	checkText(t, doc, []string{"The city council on Tuesday"}, []string{"is a reporter covering"})
}

// TestAuthorBioOnlyInBox: a paragraph of the story that opens with a name
// a short line above the text holds stays when it is no author's box:
// beside the text's own paragraphs, in a later part of the text that
// holds more paragraphs than a box does, in a box that more of the text
// follows, or with no link or portrait.
func TestAuthorBioOnlyInBox(t *testing.T) {
	p1 := `<p>The city council on Tuesday approved a new bus lane on Mill Road, a change that officials say will cut journey times for about 9,000 daily riders.</p>`
	named := `Anne Lee, who chairs the transport committee, said the lane would open in the spring, once the road had been resurfaced and the signs put up.`
	more := `<p>Work is due to start in March and will take about six weeks, during which one lane of traffic will stay open in each direction, the council said.</p>` +
		`<p>Residents who want to comment on the parking changes can do so until February 20 on the council's website, or at the library on Mill Road.</p>`
	// beside the text's first paragraph
	doc := cleanBody(t, "Council approves bus lane", `<div><h1>Council approves bus lane</h1><p>Mayor Anne Lee at the meeting</p><div>`+p1+`<p>`+named+`</p><a href="/a">A</a> <a href="/b">B</a></div></div>`)
	checkText(t, doc, []string{"The city council", "who chairs the transport committee"}, nil)
	// in a later part of the text with more paragraphs than a box holds
	doc = cleanBody(t, "Council approves bus lane", `<div><h1>Council approves bus lane</h1><p>Mayor Anne Lee at the meeting</p><div>`+p1+`</div><div><img src="/x.jpg"><p>`+named+`</p>`+more+`</div></div>`)
	checkText(t, doc, []string{"The city council", "who chairs the transport committee", "Work is due to start"}, nil)
	// in a box of its own that more of the story follows
	doc = cleanBody(t, "Council approves bus lane", `<div><h1>Council approves bus lane</h1><p>Mayor Anne Lee at the meeting</p><div>`+p1+`</div><div><img src="/x.jpg"><p>`+named+`</p><a href="/a">A</a> <a href="/b">B</a></div><div>`+more+`</div></div>`)
	checkText(t, doc, []string{"The city council", "who chairs the transport committee", "Work is due to start"}, nil)
	// with no link or portrait beside it
	doc = cleanBody(t, "Council approves bus lane", `<div><h1>Council approves bus lane</h1><p>Mayor Anne Lee at the meeting</p><div>`+p1+`</div><div><p>`+named+`</p></div></div>`)
	checkText(t, doc, []string{"The city council", "who chairs the transport committee"}, nil)
}

// TestLeadingNames: the names a paragraph may open with.
func TestLeadingNames(t *testing.T) {
	for _, c := range []struct {
		t    string
		want []string
	}{
		{"Jane Holloway is a reporter", []string{"Jane Holloway"}},
		{"Katrin Vogel ist Redakteurin", []string{"Katrin Vogel"}},
		{"Lucía Romero es periodista", []string{"Lucía Romero"}},
		{"Mary Ann Smith Jones Extra words", []string{"Mary Ann", "Mary Ann Smith", "Mary Ann Smith Jones"}},
		{"Jane Holloway, a reporter", []string{"Jane Holloway"}},
		{"The council met", nil},
		{"Jane, a reporter", nil},
		{"李明，本报记者", []string{"李明"}},
		{"市政府办公厅近日印发通知", nil},
	} {
		got := leadingNames(c.t)
		if len(got) != len(c.want) {
			t.Errorf("leadingNames(%q) = %q, want %q", c.t, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("leadingNames(%q) = %q, want %q", c.t, got, c.want)
			}
		}
	}
}
