package clean

import (
	"fmt"
	"strings"
	"testing"
)

// storyBlock returns a story of the next-story template: an <h1>, a
// byline with a date, then paras paragraphs, each starting with key and
// its number.
func storyBlock(tag, headline, key string, paras int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<%s class="x3"><h1>%s</h1><p class="x4">By Jane Roe, March 3, 2024</p>`, tag, headline)
	for i := 1; i <= paras; i++ {
		fmt.Fprintf(&b, `<p>%s %d: the council met again on Tuesday evening, and after a long debate about the harbour, the library and the roads, it agreed to meet again next month.</p>`, key, i)
	}
	return b.String() + `</` + tag + `>`
}

// TestNextStories: a story followed, in the same template, by the next
// story in full (a news page that loads the next story as the reader
// scrolls, under a "Next story" label) is the page's text alone, the
// label gone too, however long the next one is and however short the
// first (the relaxed pass drops it too), its headline an <h1> or an
// <h2>. Sections of one document under <h1>s of their own with no
// dateline, and dated entries under an undated introduction, are one
// text, kept whole.
func TestNextStories(t *testing.T) {
	const title = "Harbour plan approved"
	page := `<main>` + storyBlock("article", title, "First", 6) + `<div class="x5">Next story</div>` + storyBlock("article", "Mill to close", "Second", 12) + `</main>`
	checkText(t, cleanBody(t, title, page), []string{"First 1:", "First 6:"}, []string{"Next story", "Second 1:", "Second 12:"})

	page = `<div class="x1"><div class="x2">` + storyBlock("div", title, "First", 2) + `</div><div class="x2">` + storyBlock("div", "Mill to close", "Second", 8) + `</div></div>`
	checkText(t, cleanBody(t, title, page), []string{"First 1:", "First 2:"}, []string{"Second 1:", "Second 8:"})

	next := strings.Replace(storyBlock("article", "Mill to close", "Second", 9), "h1>", "h2>", 2)
	page = `<main>` + storyBlock("article", title, "First", 6) + next + `</main>`
	checkText(t, cleanBody(t, title, page), []string{"First 1:", "First 6:"}, []string{"Second 1:", "Second 9:"})

	undated := strings.ReplaceAll(storyBlock("section", title, "First", 3)+storyBlock("section", "Background", "Second", 3)+storyBlock("section", "Costs", "Third", 3), `<p class="x4">By Jane Roe, March 3, 2024</p>`, "")
	checkText(t, cleanBody(t, title, `<div class="x1">`+undated+`</div>`), []string{"First 1:", "Second 1:", "Third 3:"}, nil)

	intro := `<section class="x3"><h1>` + title + `</h1><p>` + neParas[0] + `</p><p>` + neParas[1] + `</p></section>`
	listing := intro + storyBlock("section", "Update on the harbour", "Second", 3) + storyBlock("section", "Update on the mill", "Third", 3)
	checkText(t, cleanBody(t, title, `<div class="x1">`+listing+`</div>`), []string{"Alpha:", "Second 1:", "Third 3:"}, nil)
}
