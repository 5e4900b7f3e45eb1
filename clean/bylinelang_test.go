package clean

import (
	"strings"
	"testing"
)

// intlBylineLine tells a byline or date line of another language by its
// shape: names, the language's words and a date; a line with a word of a
// sentence, a number that is no date, or a name run into a date without
// a mark is none.
func TestIntlBylineLine(t *testing.T) {
	yes := []string{
		"Von Anna Schmidt, 3. März 2026", "Von Anna Schmidt | 03.03.2026, 14:20 Uhr", "Dienstag, 3. März 2026",
		"03.03.2026", "Von Anna Schmidt und Peter Müller", "Aktualisiert am 03.03.2026, 14:20 Uhr",
		"Par Jean Dupont, publié le 3 mars 2026 à 10h15", "Par Jean Dupont et Marie Martin - Le 03 mars 2026",
		"Jean Dupont, le 3 mars 2026", "Por María López | 03/03/2026", "María López - Madrid - 03 mar 2026 - 10:15 CET",
		"martes, 3 de marzo de 2026", "di Marco Rossi", "Door Pieter de Vries, 3 maart 2026", "terça-feira, 3 de março de 2026",
		"Anna Kowalska, 3 marca 2026", "wtorek, 3 marca 2026", "Von Anna Schmidt",
	}
	no := []string{
		"Die Sitzung vom 3. März 2026 beschloss den Haushalt.", "Die Sitzung vom 3. März 2026", "Am 3. März 2026 beginnt die Sanierung.",
		"Von Montag an bleibt die Bibliothek geschlossen.", "Version 1.10.2020", "Par Avion", "Por su parte, el 3 de marzo de 2026 se votará.",
		"Le 3 mars 2026, la ville a voté.", "Door de regen werd de stemming op 3 maart 2026 uitgesteld.",
		"Schmidt 3. März 2026", "Lesezeit 4 Minuten, 3. März 2026", "March 3, 2026", "Jane Doe, March 3, 2026",
		"Anna Berta Carla Dora Emil Fritz Gustav, 3. März 2026",
	}
	for _, s := range yes {
		if !intlBylineLine(s) {
			t.Errorf("intlBylineLine(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if intlBylineLine(s) {
			t.Errorf("intlBylineLine(%q) = true, want false", s)
		}
	}
}

// A date line above the story, and an update line and a signature
// under it, leave the Text; a short line of the story that holds a date
// stays.
func TestIntlBylinesLeaveText(t *testing.T) {
	page := langPage("de", "<p>Am 3. März 2026 beginnt die Sanierung.</p>")
	page = strings.Replace(page, `<div class="c3">`, `<div class="c3"><h1>Haushalt beschlossen</h1><div>Dienstag, 3. März 2026, 14:20 Uhr</div>`, 1)
	page = strings.Replace(page, `</div></div></body>`, `<p>Anna Schmidt, 03.03.2026</p><p>Aktualisiert am 04.03.2026, 09:00 Uhr</p></div></div></body>`, 1)
	text := langText(t, page)
	for _, gone := range []string{"Dienstag, 3.", "Anna Schmidt, 03.03.2026", "Aktualisiert"} {
		if strings.Contains(text, gone) {
			t.Errorf("%q kept:\n%s", gone, text)
		}
	}
	if !strings.Contains(text, "Am 3. März 2026 beginnt die Sanierung.") {
		t.Errorf("the story's dated line lost:\n%s", text)
	}
}

// A text without a paragraph of prose keeps its byline-shaped lines:
// they may be all it has (a gallery's captions, a list of dated notes).
func TestIntlBylinesNeedProse(t *testing.T) {
	page := `<html lang="de"><body><div class="c2"><h1>Termine</h1><p>Anna Schmidt, 3. März 2026</p><p>Peter Müller, 4. März 2026</p><p>Die Bibliothek ist geschlossen.</p></div></body></html>`
	doc, err := Clean(Input{URL: "https://example.org/termine", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, kept := range []string{"Anna Schmidt, 3. März 2026", "Peter Müller, 4. März 2026"} {
		if !strings.Contains(doc.Text, kept) {
			t.Errorf("%q lost from a text without prose:\n%s", kept, doc.Text)
		}
	}
}

// The source and author labels and the reading times of bylineLangs'
// languages are metadata lines (metaLine, readingTime); a sentence that
// holds their words is not.
func TestIntlLabelsAndReadingTimes(t *testing.T) {
	meta := []string{"Quelle: dpa", "Autor: Anna Kowalska", "Fuente: EFE", "Fonte: ANSA", "Bron: ANP", "Źródło: PAP", "Auteur : Jean Dupont", foldTrad("公開日：2026年3月3日"), foldTrad("更新日：2026年3月3日")}
	reading := []string{"Lecture 4 min.", "Tempo di lettura: 4 minuti", "Leestijd: 4 minuten", "4 minuten leestijd", "Czas czytania: 4 min", "Lesezeit: 4 Minuten"}
	for _, s := range meta {
		if !metaLine(s) {
			t.Errorf("metaLine(%q) = false, want true", s)
		}
	}
	for _, s := range reading {
		if !readingTime(s) {
			t.Errorf("readingTime(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"Quelle der Freude: die Bibliothek", "Die Autorin sagt: wir bauen.", "Lecture 4 minutes before the vote, the council met.", "Czas czytania w bibliotece: 4 godziny"} {
		if metaLine(s) || readingTime(s) {
			t.Errorf("%q read as a metadata line", s)
		}
	}
}

// A box of key facts that ends the story keeps its rows whose values
// are dates: a record's key is a label, not a name, and the closing
// byline trim leaves it be; a signature row of a name and a date that
// ends the text still goes.
func TestClosingFactsRowsStay(t *testing.T) {
	for _, box := range []string{
		`<table><tr><th>Aktenzeichen</th><td>HW-12/2026</td></tr><tr><th>Ausgabedatum</th><td>3. März 2026</td></tr><tr><th>Inkrafttreten</th><td>1. April 2026</td></tr></table>`,
		`<dl><dt>Aktenzeichen</dt><dd>HW-12/2026</dd><dt>Ausgabedatum</dt><dd>3. März 2026</dd><dt>Inkrafttreten</dt><dd>1. April 2026</dd></dl>`,
	} {
		page := strings.Replace(langPage("de", ""), `</div></div></body>`, box+`</div></div></body>`, 1)
		text := langText(t, page)
		for _, kept := range []string{"Ausgabedatum | 3. März 2026", "Inkrafttreten | 1. April 2026"} {
			if !strings.Contains(text, kept) {
				t.Errorf("%q lost:\n%s", kept, text)
			}
		}
	}
	page := strings.Replace(langPage("de", ""), `</div></div></body>`, `<table><tr><td>Anna Schmidt</td><td>03.03.2026</td></tr></table></div></div></body>`, 1)
	if text := langText(t, page); strings.Contains(text, "Anna Schmidt") {
		t.Errorf("a closing signature row kept:\n%s", text)
	}
}

// TestFactRowAfterOpeningDate: a date line dropped above the story
// leaves the facts of the lines below in step with them, so a record
// of key facts that closes the story stays.
func TestFactRowAfterOpeningDate(t *testing.T) {
	page := strings.Replace(langPage("de", ""), `<div class="c3">`, `<div class="c3"><p>3. März 2026, 10:15 Uhr</p>`, 1)
	page = strings.Replace(page, `</div></div></body>`, `<table><tr><th>Ausgabedatum</th><td>3. März 2026</td></tr></table></div></div></body>`, 1)
	text := langText(t, page)
	if strings.HasPrefix(text, "3. März") {
		t.Errorf("opening date line kept:\n%s", text)
	}
	if !strings.HasSuffix(text, "Ausgabedatum | 3. März 2026") {
		t.Errorf("closing record lost:\n%s", text)
	}
}

// A news agency's tag alone on the line that closes a story leaves the
// Text, in its own paragraph or after a <br>; the tag that opens the
// story's first line stays with it. A line of other words in
// parentheses is none.
func TestClosingAgencyTag(t *testing.T) {
	for _, tail := range []string{"<p>(dpa)</p>", "<p>(AFP)</p>", "<p>(dpa/lnw)</p>", "<p>— AP</p>", "<p>（新华社）</p>", "<p>(Europa Press)</p>"} {
		page := strings.Replace(langPage("de", ""), `</div></div></body>`, tail+`</div></div></body>`, 1)
		page = strings.Replace(page, "<p>[1] ", "<p>[1] BERLIN (dpa) - ", 1)
		text := langText(t, page)
		if strings.HasSuffix(text, strings.TrimSuffix(strings.TrimPrefix(tail, "<p>"), "</p>")) {
			t.Errorf("closing tag %s kept:\n%s", tail, text)
		}
		if !strings.Contains(text, "BERLIN (dpa) - ") {
			t.Errorf("opening tag lost:\n%s", text)
		}
	}
	for _, s := range []string{"(siehe oben)", "(1)", "(Fortsetzung folgt)", "(PDF, 2 MB)", "- Stand", "(dpa) Berlin hat entschieden."} {
		if agencyTag(s) {
			t.Errorf("agencyTag(%q) = true, want false", s)
		}
	}
}

// A tag-shaped line under a link that ends no sentence is no agency's
// signature: a document's link and its "(PDF)" stay.
func TestClosingTagNeedsSentence(t *testing.T) {
	page := strings.Replace(langPage("de", ""), `</div></div></body>`, `<p><a href="/report.pdf">Jahresbericht 2025</a><br>(PDF)</p></div></div></body>`, 1)
	if text := langText(t, page); !strings.HasSuffix(text, "(PDF)") {
		t.Errorf("(PDF) after a link lost:\n%s", text)
	}
}
