package clean

import "testing"

// TestCalloutAside: an <aside> among the paragraphs that is a callout
// ("Caution", "Tip") is text; an <aside> of related links, a pull quote
// repeating a paragraph and a sidebar with a heading are not.
func TestCalloutAside(t *testing.T) {
	body := `<article><h1>Exporting</h1><div class="sl-markdown-content">` + prose("intro", 3) +
		`<aside aria-label="Caution" class="starlight-aside starlight-aside--caution"><p class="starlight-aside__title">Caution</p>` +
		`<div class="starlight-aside__content"><p>An export holds personal data, so keep the file encrypted wherever you store it.</p></div></aside>` +
		prose("middle", 2) +
		`<aside class="related"><p><a href="/a">How the archive stores its records on disk</a> <a href="/b">Why exports take so long</a></p></aside>` +
		`<p>Exports run at night, when the archive is quiet and the disks are idle.</p>` +
		`<aside class="pullquote"><p>“Exports run at night, when the archive is quiet”</p></aside>` +
		`<aside class="box"><h3>Newsletter</h3><p>Get the release notes in your mail every month, free of charge.</p></aside>` +
		prose("end", 2) + `</div></article>`
	doc := cleanBody(t, "Exporting", body)
	checkText(t, doc, []string{"An export holds personal data", "Paragraph 1 of the end"},
		[]string{"How the archive stores", "“Exports run at night", "release notes"})
}
