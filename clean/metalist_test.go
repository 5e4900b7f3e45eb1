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

// TestPartedMetaLine: a post's meta line set as inline parts of one
// block (author, date, category in <span>s and a <time>, with or
// without bars or dots between) goes, above the text or under it, in
// English, German, French and Spanish. A sentence that only mentions
// who posted a notice, and a line of parts naming no author or
// category, stay.
func TestPartedMetaLine(t *testing.T) {
	for _, c := range []struct{ line, gone string }{
		{`<div class="post-meta"><span>Posted by Jane Miller</span> <span>12 March 2026</span> <span>Category: News</span></div>`, "Jane Miller"},
		{`<div class="entry-meta"><span>Veröffentlicht von Anna Schmidt</span> · <time datetime="2026-03-12">12. März 2026</time> · <span>Kategorie: Lokales</span></div>`, "Anna Schmidt"},
		{`<div class="x7"><span>Publié par Marie Dubois</span> | <span>12 mars 2026</span></div>`, "Marie Dubois"},
		{`<div><span>Publicado por Carlos Ruiz</span> <span>12 de marzo de 2026</span> <span>Categoría: Noticias</span></div>`, "Carlos Ruiz"},
	} {
		for _, before := range []bool{true, false} {
			body := `<article><h1>Flood defences approved</h1>` + prose("x", 3) + c.line + `</article>`
			if before {
				body = `<article><h1>Flood defences approved</h1>` + c.line + prose("x", 3) + `</article>`
			}
			doc := cleanBody(t, "Flood defences approved", body)
			checkText(t, doc, []string{"Paragraph 2 of the x"}, []string{c.gone})
		}
	}
	body := `<article><h1>Flood defences approved</h1>` + prose("x", 2) +
		`<div><span>Planning team B</span> <span>12 March 2026</span></div>` +
		`<p>The notice was posted by the council on its website, and it was read out at the meeting on Tuesday evening in the town hall.</p>` + prose("y", 1) + `</article>`
	doc := cleanBody(t, "Flood defences approved", body)
	checkText(t, doc, []string{"posted by the council", "Planning team B"}, nil)
}

// TestMetaParagraphs: the same metadata as "Key: value" paragraphs in a
// row above the text, with no <dl>, goes whole, its "From:" line too; a
// row of paragraphs of key facts stays.
func TestMetaParagraphs(t *testing.T) {
	body := `<div id="content"><h1>Local services review</h1><div class="intro"><p>From: Office of Regional Affairs</p>` +
		`<p>Published: 3 March 2026</p><p>Last updated: 12 April 2026</p></div>` + prose("x", 3) + `</div>`
	doc := cleanBody(t, "Local services review", body)
	checkText(t, doc, []string{"Paragraph 2 of the x"}, []string{"Office of Regional Affairs", "12 April 2026"})
	body = `<div id="content"><h1>Local services review</h1><p>Lead body: Office of Regional Affairs</p>` +
		`<p>Budget: £4 million</p><p>Published: 3 March 2026</p>` + prose("x", 3) + `</div>`
	doc = cleanBody(t, "Local services review", body)
	checkText(t, doc, []string{"Office of Regional Affairs", "£4 million"}, nil)
}

// TestMetaListIntlKeys: a German or French metadata list whose date keys
// ("Stand", "Datum", "Mis à jour") head a date written the numeric or the
// English way goes, its publisher's line too ("Herausgeber: …"), as a
// <dl> or as paragraphs; a deadline and a status above the text stay.
func TestMetaListIntlKeys(t *testing.T) {
	for _, meta := range []string{
		`<dl><dt>Herausgeber:</dt><dd>Amt für Regionalfragen</dd><dt>Stand:</dt><dd>03.03.2026</dd></dl>`,
		`<p>Herausgeber: Amt für Regionalfragen</p><p>Datum: 3 March 2026</p>`,
		`<dl><dt>Éditeur :</dt><dd>Amt für Regionalfragen</dd><dt>Mis à jour :</dt><dd>03/03/2026</dd></dl>`,
	} {
		doc := cleanBody(t, "Local services review", `<div id="content"><h1>Local services review</h1>`+meta+prose("x", 3)+`</div>`)
		checkText(t, doc, []string{"Paragraph 2 of the x"}, []string{"Amt für Regionalfragen", "2026"})
	}
	doc := cleanBody(t, "Local services review", `<div id="content"><h1>Local services review</h1><p>Frist: 03.06.2026</p><p>Status: offen</p>`+prose("x", 3)+`</div>`)
	checkText(t, doc, []string{"03.06.2026", "offen"}, nil)
}
