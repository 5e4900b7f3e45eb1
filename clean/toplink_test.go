package clean

import (
	"strings"
	"testing"
)

// TestTopJumpChrome: a line that is only a link to "#top" is the page's
// chrome in whatever language it is worded; a "#top" link inside a
// sentence is a word of it.
func TestTopJumpChrome(t *testing.T) {
	body := `<p>Im Frühjahr wurden die Uferbefestigungen am Nordufer auf einer Länge von drei Kilometern erneuert und mit Steinschüttungen gesichert.</p>
<p>Die Arbeiten am Wehr bei der alten Mühle mussten wegen Hochwassers im Herbst unterbrochen werden und werden im kommenden Jahr fortgesetzt.</p>
<p>Insgesamt wurden achtzehn Messstellen für den Pegelstand mit neuen Sensoren ausgestattet, die ihre Werte stündlich übermitteln, wie <a href="#top">oben</a> beschrieben.</p>
<p align="right">[ <a href="#top"><font size="1">Nach oben</font></a> ]</p>
<p align="right"><a href="#TOP">Haut de page</a></p>
<h3><a href="#top">Messstellen im Süden</a></h3>
<p>Die Messstellen im Süden wurden im Herbst an das neue Netz angeschlossen und liefern seitdem ihre Werte ohne Ausfall an die Zentrale.</p>`
	page := `<html><head><meta charset="utf-8"><title>Bericht</title></head><body><a name="top"></a>
<table><tr><td class="bodytext">` + body + `</td></tr></table></body></html>`
	d, err := Clean(Input{URL: "http://example.de/bericht.htm", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"Nach oben", "Haut de page"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("kept %q:\n%s", gone, d.Text)
		}
	}
	if !strings.Contains(d.Text, "Messstellen im Süden\n\n") {
		t.Errorf("a heading linking to the top was lost:\n%s", d.Text)
	}
	if !strings.Contains(d.Text, "wie oben beschrieben.") {
		t.Errorf("a sentence with a #top link lost its word:\n%s", d.Text)
	}
}

// TestTopJumpInline: a "#top" link standing loose between a section's
// blocks, in no block of its own, is a line of its own and the page's
// chrome; loose words around such a link make it a word of their line.
func TestTopJumpInline(t *testing.T) {
	body := `<div class="body"><h2>1. Ziele</h2>` + prose("first", 2) + `<a href="#top">Zurück nach oben</a>` +
		`<h2>2. Maßnahmen</h2>` + prose("second", 2) + ` <span class="up"><a href="#top">↑ Haut de page</a></span> ` +
		`<h2>3. Finanzierung</h2>` + prose("third", 2) + `Die Übersicht steht <a href="#top">oben auf der Seite</a>.` +
		`<h2>4. Zeitplan</h2>` + prose("fourth", 2) + `</div>`
	doc := cleanBody(t, "Strategie", body)
	checkText(t, doc, []string{"Paragraph 1 of the fourth", "Die Übersicht steht oben auf der Seite."},
		[]string{"Zurück nach oben", "Haut de page"})
}
