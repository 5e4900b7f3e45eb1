package clean

import "testing"

// TestMetaList: a <dl> above the text whose lines are mostly metadata
// ("Published | 3 March 2026") goes whole, its "From:" line too (under a
// label over the headline, which keeps the list the text's); a <dl>
// of facts, or one with a sentence, stays.
func TestMetaList(t *testing.T) {
	body := `<div id="content"><p class="publication-type">Policy paper</p><h1>Local services review</h1><dl><dt>From:</dt><dd><a href="/org">Office of Regional Affairs</a></dd>` +
		`<dt>Published</dt><dd>3 March 2026</dd><dt>Last updated</dt><dd>12 April 2026</dd></dl>` + prose("x", 3) + `</div>`
	doc := cleanBody(t, "Local services review", body)
	checkText(t, doc, []string{"Paragraph 2 of the x"}, []string{"Office of Regional Affairs", "12 April 2026"})
	body = `<div id="content"><h1>Local services review</h1><dl><dt>Lead body:</dt><dd>Office of Regional Affairs</dd>` +
		`<dt>Budget:</dt><dd>£4 million</dd><dt>Published</dt><dd>3 March 2026</dd></dl>` + prose("x", 3) + `</div>`
	doc = cleanBody(t, "Local services review", body)
	checkText(t, doc, []string{"Office of Regional Affairs", "£4 million"}, nil)
}
