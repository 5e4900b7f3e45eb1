package clean

import (
	"strings"
	"testing"
)

// TestBarredMetaLine: the line a blog template writes under a post,
// its parts cut by bars, one of them a page's line ("Leave a comment",
// "14 Comments", "发表评论"), is no line of the post. A line whose bar
// only follows its first part is left whole.
func TestBarredMetaLine(t *testing.T) {
	for _, line := range []string{"Posted in Local news | 14 Comments | Leave a comment", "发布于 地方新闻 | 14条评论 | 发表评论"} {
		doc := guideDoc(t, `<div>`+line+`</div>`)
		if strings.Contains(doc.Text, "Local news") || strings.Contains(doc.Text, "地方新闻") {
			t.Errorf("the post's line stays:\n%s", doc.Text)
		}
	}
	if barredMeta("Comments | Example News") || barredMeta("Leave a comment") {
		t.Error("barredMeta judges a first part or a line without bars")
	}
}

// TestAdBoxLines: the other short lines of an ad's box go with its label
// ("Scroll to continue with content"); a short line beside a lone label
// among the paragraphs stays.
func TestAdBoxLines(t *testing.T) {
	doc := guideDoc(t, `<div><div>Advertisement</div><div style="min-height:250px"></div><div>Scroll to continue with content</div></div>`)
	if strings.Contains(doc.Text, "Scroll to continue") {
		t.Errorf("the ad's box stays:\n%s", doc.Text)
	}
	doc = guideDoc(t, `<div><p>Advertisement</p>`+prose("box", 1)+`<p>What the council decided</p></div>`)
	if !strings.Contains(doc.Text, "What the council decided") {
		t.Errorf("a line beside a lone ad label is lost:\n%s", doc.Text)
	}
}

// TestFeedbackBox: a site's question about the page under it ("Was this
// page helpful?") is not the page's text, with its buttons' link after it.
func TestFeedbackBox(t *testing.T) {
	for _, box := range []string{
		`<div><span>Was this page helpful?</span><button>Yes</button><button>No</button><a href="/report">Report a problem with this page</a></div>`,
		`<div><p>此页面对您有帮助吗？</p><button>是</button><button>否</button></div>`,
	} {
		doc := guideDoc(t, box)
		if strings.Contains(doc.Text, "helpful") || strings.Contains(doc.Text, "帮助") {
			t.Errorf("the feedback box stays:\n%s", doc.Text)
		}
	}
	if feedbackLine("Was this page helpful to the council? It was, said the mayor.") {
		t.Error("a sentence that asks it along the way is no feedback box")
	}
}
