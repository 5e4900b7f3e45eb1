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

// TestCaseBoxAside: a boxed case study in an <aside> between a white
// paper's paragraphs (a heading over paragraphs of sentences) is text,
// whether a paragraph or the next section follows it; a sign-up box of
// one sentence among the paragraphs, and the related links and contact
// panel in <aside>s beside the document, are not.
func TestCaseBoxAside(t *testing.T) {
	body := `<main><h1>A new partnership for local services</h1><div class="govspeak">` +
		`<section><h2>1. Working together</h2>` + prose("first", 2) +
		`<aside class="case-study"><h3>Case study: Northfield Borough Council</h3>` +
		`<p>Northfield brought its housing and health teams into one office in 2023. Within a year the wait for an adapted home fell from nine months to four.</p></aside>` +
		prose("second", 1) +
		`<aside class="box"><h4>Kasten 3: Erfahrungen aus den Modellregionen</h4>` +
		`<p>Die Verwaltung führt nun ein gemeinsames Register, das beide Ämter bei einem Hausbesuch aktualisieren.</p>` +
		`<p>Nach Angaben der Beschäftigten war die Umstellung günstig.</p></aside></section>` +
		`<section><h2>2. Funding</h2>` + prose("third", 2) +
		`<aside class="promo"><h3>Stay informed</h3><p>Get an email whenever this paper is updated, free of charge.</p></aside>` +
		prose("fourth", 1) + `</section></div></main>` +
		`<aside class="related"><h2>Related content</h2><ul><li><a href="/g">Guidance on local partnerships</a></li></ul></aside>` +
		`<aside class="contact"><h2>Contact us</h2><p>Email: enquiries@example.gov.uk</p><p>Telephone: 0300 123 4567</p></aside>`
	doc := cleanBody(t, "A new partnership for local services", body)
	checkText(t, doc, []string{"Case study: Northfield Borough Council", "Within a year the wait", "Kasten 3: Erfahrungen",
		"Nach Angaben der Beschäftigten", "Paragraph 0 of the fourth"},
		[]string{"Get an email whenever", "Guidance on local partnerships", "enquiries@example.gov.uk", "0300 123 4567"})
}

// TestCaseBoxBeforeTopLink: a case study box followed by a section's
// link back to the top, then the next section, still stands between
// the paper's paragraphs.
func TestCaseBoxBeforeTopLink(t *testing.T) {
	body := `<div class="govspeak"><h2>1. Working together</h2>` + prose("first", 1) +
		`<aside class="case-study"><h3>Case study: Northfield Borough Council</h3>` +
		`<p>Northfield brought its housing and health teams into one office in 2023. Within a year the wait for an adapted home fell from nine months to four.</p></aside>` +
		`<a href="#top">Back to top</a><h2>2. Funding</h2>` + prose("second", 2) + `</div>`
	doc := cleanBody(t, "A new partnership for local services", body)
	checkText(t, doc, []string{"Case study: Northfield Borough Council", "Within a year the wait"}, []string{"Back to top"})
}

// TestCaseBoxClosesText: a case study box that is the last block of the
// paper's container, after its last paragraph or its last <section>,
// stays; a box of related links or a contact panel in the same place,
// and a box after the <article>, do not.
func TestCaseBoxClosesText(t *testing.T) {
	box := `<aside class="case-study"><h3>Case study: Northfield Borough Council</h3>` +
		`<p>Northfield brought its housing and health teams into one office in 2023. Within a year the wait for an adapted home fell from nine months to four.</p></aside>`
	for _, body := range []string{
		`<main><article><h1>Local services</h1><h2>1. Working together</h2>` + prose("first", 2) + box + `</article></main>`,
		`<div id="content"><h1>Local services</h1><section><h2>1. Working together</h2>` + prose("first", 2) + `</section>` + box + `</div>`,
	} {
		doc := cleanBody(t, "Local services", body)
		checkText(t, doc, []string{"Paragraph 1 of the first", "Case study: Northfield", "Within a year the wait"}, nil)
	}
	body := `<main><article><h1>Local services</h1><h2>1. Working together</h2>` + prose("first", 2) +
		`<aside class="contact"><h3>Contact us</h3><p>Email: enquiries@example.gov.uk</p><p>Telephone: 0300 123 4567</p></aside></article>` +
		`<aside class="more"><h3>More on this</h3><p><a href="/a">Partnerships in the north.</a> <a href="/b">Housing and health.</a></p></aside></main>`
	doc := cleanBody(t, "Local services", body)
	checkText(t, doc, []string{"Paragraph 1 of the first"}, []string{"0300 123 4567", "More on this", "Partnerships in the north"})
}

// TestCaseBoxBeforeNotes: a case study box that closes the paper's
// sections stays when only the paper's list of notes follows it.
func TestCaseBoxBeforeNotes(t *testing.T) {
	body := `<main><article><h1>Local services</h1><h2>1. Working together</h2>` + prose("first", 2) +
		`<aside class="case-study"><h3>Case study: Northfield Borough Council</h3>` +
		`<p>Northfield brought its housing and health teams into one office in 2023. Within a year the wait for an adapted home fell from nine months to four.</p></aside>` +
		`<div class="notes"><hr><ol><li id="n1">Survey of local councils, 2024.</li><li id="n2">Annual housing report, 2025.</li></ol></div></article></main>`
	doc := cleanBody(t, "Local services", body)
	checkText(t, doc, []string{"Case study: Northfield", "Within a year the wait", "Survey of local councils"}, nil)
}
