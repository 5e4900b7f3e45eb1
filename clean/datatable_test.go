package clean

import (
	"strings"
	"testing"
)

// TestDataTableKept: a table of records inside the article (a number, a
// linked title and a date a row; a linked event and its time under a head
// row) is text, each row one line, though most of its text links and its
// rows end in a date or a time; a table of dated headlines under a
// related-reading heading still goes.
func TestDataTableKept(t *testing.T) {
	laws := `<h3>Orders issued this year</h3><table><tr><td>Order No. 40</td><td><a href="/laws/40.pdf">Regulations on the Management of Public Land Use</a></td><td>2023-01-10</td></tr>` +
		`<tr><td>Order No. 41</td><td><a href="/laws/41.pdf">Measures for the Registration of Water Rights</a></td><td>2023-02-11</td></tr>` +
		`<tr><td>Order No. 42</td><td><a href="/laws/42.pdf">Rules on Public Hearings for Planning Permits</a></td><td>2023-03-12</td></tr></table>`
	events := `<table><thead><tr><th>Event</th><th>Time</th></tr></thead><tbody>` +
		`<tr><td><a href="https://events.example.org/e/1">Panel on water rights, part one</a></td><td>Mon 3 March, 10:00</td></tr>` +
		`<tr><td><a href="https://events.example.org/e/2">Panel on water rights, part two</a></td><td>Tue 4 March, 11:00</td></tr>` +
		`<tr><td><a href="https://events.example.org/e/3">Panel on water rights, part three</a></td><td>Wed 5 March, 12:00</td></tr></tbody></table>`
	related := `<div><h3>Related stories</h3><table><tr><td><a href="/x/1">Harbour dredging contract awarded</a></td><td>2023-05-01</td></tr>` +
		`<tr><td><a href="/x/2">Ferry timetable changes for summer</a></td><td>2023-05-02</td></tr>` +
		`<tr><td><a href="/x/3">Fish market to move to the quay</a></td><td>2023-05-03</td></tr></table></div>`
	doc := guideDoc(t, laws+prose("middle", 1)+events+related)
	for _, want := range []string{
		"Order No. 41 | Measures for the Registration of Water Rights | 2023-02-11",
		"Panel on water rights, part three | Wed 5 March, 12:00",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("row %q lost:\n%s", want, doc.Text)
		}
	}
	if strings.Contains(doc.Text, "Ferry timetable") {
		t.Errorf("related headlines kept:\n%s", doc.Text)
	}
}
