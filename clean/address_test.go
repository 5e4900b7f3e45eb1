package clean

import "testing"

// TestAddressLine: a line of two kinds of address marks or more, with no
// full stop, is an address line; a sentence that gives a number, a date
// or one mark is not.
func TestAddressLine(t *testing.T) {
	for _, c := range []struct {
		t    string
		want bool
	}{
		{"Parish Office, 4 Church Lane, Millbrook MB3 7QT, Tel: 01632 960455, clerk@millbrook-pc.example", true},
		{"Hauptstraße 12 · 72336 Lindenau · Telefon: 07433 9876-0", true},
		{"2 place de la République, 45120 Valbonne-sur-Loire, lun.–ven. 8h30–12h00", true},
		{"电话：0571-82345678，邮箱：qsz@qingshan.example", true},
		{"For more information, call 01632 960455 or write to press@council.example.", false},
		{"The meeting on 2024-03-12, from 9:00 to 13:00, is open to all", false},
		{"Tel: 01632 960455", false},
	} {
		if got := addressLine(c.t); got != c.want {
			t.Errorf("addressLine(%q) = %v, want %v", c.t, got, c.want)
		}
	}
}

// TestAddressPanelWeighsLittle: on a short page whose blocks carry no
// names, a panel after a one-paragraph story of what the site is and its
// address on one comma-laden line, with no copyright line (siteFooter
// does not know it), neither outscores the story nor joins it.
func TestAddressPanelWeighsLittle(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>New benches for the riverside walk - Millbrook Parish Council</title></head><body>` +
		`<div><a href="/">Millbrook Parish Council</a><div><a href="/news">News</a> <a href="/meetings">Meetings</a> <a href="/contact">Contact</a></div></div>` +
		`<div><div><h1>New benches for the riverside walk</h1><div>12 March 2024</div><p>The parish council has ordered six new oak benches for the riverside walk, to replace the old ones that were taken away last autumn after the flood damaged them beyond repair.</p></div></div>` +
		`<div><div><p>Millbrook Parish Council represents about two thousand residents of the village, the hamlets of Upper and Lower Ford, and the farms along the valley.</p></div>` +
		`<div><p>Parish Office, 4 Church Lane, Millbrook MB3 7QT, Tel: 01632 960455, clerk@millbrook-pc.example, Mon–Thu 9:00–13:00</p></div></div></body></html>`
	doc := cleanPage(t, "http://parish.example/news/benches", []byte(page))
	checkText(t, doc, []string{"six new oak benches"}, []string{"Church Lane", "two thousand residents"})
}
