package clean

import (
	"strings"
	"testing"
)

// TestBackJumps: a line of one link back to the page's top, set under
// each section of a long document, goes whatever its words, when it
// leads to an anchor above it or to none the page has; a jump line that
// leads forward stays, however often it comes, and so does one way back
// set once.
func TestBackJumps(t *testing.T) {
	section := func(n int, tail string) string {
		num := string(rune('0' + n))
		return `<h2>` + num + `. Abschnitt ` + num + `</h2><p>Die Bundesregierung wird die Länder im Abschnitt ` + num + ` bei der Planung des Hochwasserschutzes unterstützen und die Mittel dorthin lenken, wo die Küsten am stärksten bedroht sind.</p>` + tail
	}
	page := func(tails ...string) string {
		var b strings.Builder
		b.WriteString(`<html><head><title>Küstenstrategie</title></head><body><div id="kopf"><a href="/">Startseite</a></div><div class="inhalt"><h1>Nationale Strategie für den Küstenschutz</h1>`)
		for i, tl := range tails {
			b.WriteString(section(i+1, tl))
		}
		b.WriteString(`<h2 id="anhang">Anhang</h2><p>Die Zahlen der Tabellen stammen aus den Meldungen der Länder und wurden vom Amt geprüft, bevor sie in diese Strategie aufgenommen wurden.</p></div></body></html>`)
		return b.String()
	}
	up := `<p><a href="#kopf">Nach oben</a></p>`
	none := `<p><a href="#seitenanfang">Haut de page</a></p>`
	fwd := `<p><a href="#anhang">Siehe Anhang</a></p>`
	for _, c := range []struct {
		name      string
		tails     []string
		must, not []string
	}{
		{"to an anchor above", []string{up, up, up}, nil, []string{"Nach oben"}},
		{"to no anchor", []string{none, "", none}, nil, []string{"Haut de page"}},
		{"forward", []string{fwd, fwd, fwd}, []string{"Siehe Anhang"}, nil},
		{"once", []string{up, "", ""}, []string{"Nach oben"}, nil},
	} {
		d, err := Clean(Input{URL: "https://www.bund.example/strategie.html", Body: []byte(page(c.tails...))})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, w := range append(c.must, "Abschnitt 3 bei der Planung", "Anhang\n\nDie Zahlen") {
			if !strings.Contains(d.Text, w) {
				t.Errorf("%s: lost %q:\n%s", c.name, w, d.Text)
			}
		}
		for _, w := range c.not {
			if strings.Contains(d.Text, w) {
				t.Errorf("%s: kept %q:\n%s", c.name, w, d.Text)
			}
		}
	}
}
