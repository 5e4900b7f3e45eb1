package clean

import "testing"

// TestDocLabelOverHeadline: the kind of document set right over a white
// paper's headline ("Policy paper", "Livre blanc") is no line of it, in
// the text's own container or a title block; the same words as a
// section's heading, or as a line that no headline follows, stay.
func TestDocLabelOverHeadline(t *testing.T) {
	for _, body := range []string{
		`<div id="content"><p class="publication-type">Policy paper</p><h1>Local services review</h1>` + prose("x", 3) + `</div>`,
		`<div id="content"><div class="title"><span class="caption">Livre blanc</span><h1>Local services review</h1></div>` + prose("x", 3) + `</div>`,
	} {
		doc := cleanBody(t, "Local services review", body)
		checkText(t, doc, []string{"Paragraph 2 of the x"}, []string{"Policy paper", "Livre blanc"})
	}
	doc := cleanBody(t, "Local services review", `<div id="content"><h1>Local services review</h1><p>Consultation</p>`+prose("x", 3)+`<h2>Guidance</h2>`+prose("y", 2)+`</div>`)
	checkText(t, doc, []string{"Consultation", "Guidance\n\nParagraph 0 of the y"}, nil)
}

// TestDocLabelOverH1: the kind of document loose in the body, as a bare
// text node or a <p>, right over the <h1> stays out when the page's title
// is the publisher's and not the headline; the same word after the
// headline stays.
func TestDocLabelOverH1(t *testing.T) {
	for _, body := range []string{
		`<main>Policy paper<h1>Local services review</h1>` + prose("x", 3) + `</main>`,
		`<div id="content"><p>Weißbuch</p><h1>Local services review</h1>` + prose("x", 3) + `</div>`,
	} {
		doc := cleanBody(t, "Publications | Office of Regional Affairs", body)
		checkText(t, doc, []string{"Paragraph 2 of the x"}, []string{"Policy paper", "Weißbuch"})
	}
	doc := cleanBody(t, "Publications | Office of Regional Affairs", `<main><h1>Local services review</h1><p>Strategy</p>`+prose("x", 3)+`</main>`)
	checkText(t, doc, []string{"Strategy\n\nParagraph 0 of the x"}, nil)
}
