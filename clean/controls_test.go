package clean

import (
	"strings"
	"testing"
)

// A line that is only the labels of controls a script works (a link
// whose href is "#" alone, an element whose role is button) leaves the
// text (controlLabel): a toggle's "Read more less" between paragraphs,
// a step's "Show picture Hide picture", an overlay's "Close". A question
// in a button (an accordion's), a sentence that jumps to a named place
// in the page, and a lone link to another page stay.
func TestControlLabels(t *testing.T) {
	for _, c := range []struct {
		name, mid  string
		must, not_ []string
	}{
		{"toggle link to #", `<a class="t" href="#">Read <span>more</span> <span>less</span></a>`, nil, []string{"more less"}},
		{"toggle block with role button", `<div class="s" role="button"><span>Show picture</span> <span>Hide picture</span></div>`, nil, []string{"Show picture"}},
		{"overlay's close link", `<div class="f"><a href="#" onclick="x()">Close</a> <div class="slot"></div></div>`, nil, []string{"Close"}},
		{"accordion question", `<div role="button" class="q">Can the council change the plan later?</div>`, []string{"Can the council change the plan later?"}, nil},
		{"jump to a named place", `<p><a href="#notes">Notes on sources</a></p>`, []string{"Notes on sources"}, nil},
		{"lone link to a page", `<p><a href="/town/budget">Budget papers</a></p>`, []string{"Budget papers"}, nil},
	} {
		page := `<html><head><title>Council meets again</title></head><body><div class="c"><h1>Council meets again</h1>` +
			prose("story", 2) + c.mid + prose("rest", 2) + `</div></body></html>`
		doc := cleanPage(t, "https://www.example.com/town/council", []byte(page))
		if !strings.Contains(doc.Text, "Paragraph 1 of the rest") || !strings.Contains(doc.Text, "Paragraph 0 of the story") {
			t.Errorf("%s: story lost:\n%s", c.name, doc.Text)
		}
		for _, m := range c.must {
			if !strings.Contains(doc.Text, m) {
				t.Errorf("%s: %q lost:\n%s", c.name, m, doc.Text)
			}
		}
		for _, m := range c.not_ {
			if strings.Contains(doc.Text, m) {
				t.Errorf("%s: control's label %q kept:\n%s", c.name, m, doc.Text)
			}
		}
	}
}
