package charset

import "testing"

// TestMixedNames: an English text naming people and places of several
// languages, without a declaration, reads in the charset it was written
// in, though no one language of that charset writes all its names.
// Function words in quote marks that a wrong charset reads as letters
// (iso-8859-2 reads iso-8859-16's «» as Ľ and ľ) do not make a name of
// another language. A capitalised word opening a sentence is no name:
// the Croatian "Troškovi" read as windows-1252's "Troðkovi" is no
// Icelandic name.
func TestMixedNames(t *testing.T) {
	cases := []struct{ text, charset string }{
		{"Participants: Tomas Šimkus (Vilnius), Agnieszka Wróbel (Kraków), Jānis Bērziņš (Rīga), Małgorzata Zając (Łódź), Rūta Meilutytė (Kaunas).", "windows-1257"},
		{"The route runs from Gdańsk through Malbork, Elbląg and Kaliningrad to Klaipėda, Šiauliai and Jelgava before ending in Rīga.", "iso-8859-13"},
		{"With thanks to Åsa Lindström, Mikko Häkkinen, Ilze Kalniņa, Darius Žukauskas and Kasia Wiśniewska.", "windows-1257"},
		{"Editors: Ştefan Popescu, Ioana Mureşan, Gheorghe Ţuţea, László Kovács, Zoltán Szőke.", "iso-8859-2"},
		{"Gradski proračun je usvojen. Troškovi se procjenjuju na dva milijuna eura, a novac će ići na izolaciju, grijanje i veću kuhinju.", "windows-1250"},
		{"A parancs elavult, használja helyette a «pushd» és a «popd» parancsot. A könyvtárak listája üres.", "iso-8859-16"},
	}
	for _, c := range cases {
		body, err := encodeAs(c.text, c.charset)
		if err != nil {
			t.Fatalf("encoding %.30q in %s: %v", c.text, c.charset, err)
		}
		d := Decide(body, "", "")
		if got := Decode(body, d); got != c.text {
			t.Errorf("%s read as %s: %q", c.charset, d.Name, got)
		}
	}
}
