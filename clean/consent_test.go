package clean

import "testing"

// TestOpeningBoxWeighsLittle: a consent notice over a short page whose
// blocks carry no names (a long paragraph and a button, before the
// headline) scores as text named as chrome (openingBox): it no longer
// outscores a story of one paragraph in the relaxed pass, nor joins it.
func TestOpeningBoxWeighsLittle(t *testing.T) {
	page := `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Neue Sitzbänke am Uferweg - Gemeinde Lindenau</title></head><body>` +
		`<div><p>Wir verwenden Cookies, um Ihnen ein optimales Webseiten-Erlebnis zu bieten. Dazu zählen Cookies, die für den Betrieb der Seite notwendig sind, sowie solche, die lediglich zu anonymen Statistikzwecken genutzt werden, und Sie können selbst entscheiden, welche Kategorien Sie zulassen möchten.</p><button>OK</button></div>` +
		`<div><a href="/">Gemeinde Lindenau</a><div><a href="/aktuelles">Aktuelles</a> <a href="/rathaus">Rathaus</a> <a href="/kontakt">Kontakt</a></div></div>` +
		`<div><div><h1>Neue Sitzbänke am Uferweg</h1><div>12.03.2024</div><p>Die Gemeinde hat sechs neue Sitzbänke aus Eichenholz für den Uferweg bestellt, die die alten Bänke ersetzen, welche nach dem Hochwasser im vergangenen Herbst abgebaut werden mussten.</p></div></div>` +
		`<div><div><h3>Kontakt</h3><p>Gemeindeverwaltung Lindenau<br>Hauptstraße 12<br>72336 Lindenau<br>Telefon: 07433 9876-0</p></div></div></body></html>`
	doc := cleanPage(t, "http://lindenau.example/aktuelles/baenke", []byte(page))
	checkText(t, doc, []string{"sechs neue Sitzbänke"}, []string{"Wir verwenden Cookies"})
}

// TestOpeningBoxNeedsHeadline: a page without an <h1> whose first block
// is its text with a button under it has no opening box.
func TestOpeningBoxNeedsHeadline(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Notice</title></head><body>` +
		`<div><p>The library will be closed on Monday, 6 May, for the bank holiday, and will open again at nine on Tuesday morning, as usual.</p><button>Print</button></div>` +
		`<div><a href="/">Home</a> <a href="/about">About</a></div></body></html>`
	doc := cleanPage(t, "http://library.example/notice", []byte(page))
	bw := walkBlocks(mustParse(t, doc, []byte(page)))
	if b := openingBox(bw); b.end > b.start {
		t.Errorf("opening box of %d runs on a page without a headline", b.end-b.start)
	}
	checkText(t, doc, []string{"The library will be closed"}, nil)
}
