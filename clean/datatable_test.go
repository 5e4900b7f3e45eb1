package clean

import (
	"fmt"
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

// endTables is a page whose article ends with tail after four paragraphs
// of prose, no prose after it, and the site's table of its latest
// headlines and their dates after the article.
func endTables(t *testing.T, tail string) *Document {
	t.Helper()
	latest := `<div class="box"><h3>Latest news</h3><table><tr><td><a href="/news/2024-01/n1.html">Harbour dredging contract awarded</a></td><td>2024-01-11</td></tr>` +
		`<tr><td><a href="/news/2024-02/n2.html">Ferry timetable changes for summer</a></td><td>2024-02-12</td></tr>` +
		`<tr><td><a href="/news/2024-03/n3.html">Fish market to move to the quay</a></td><td>2024-03-13</td></tr></table></div>`
	page := `<html><head><title>Title</title></head><body><main><article><h1>Title</h1><div class="entry-content">` + prose("notice", 4) + tail +
		`</div></article>` + latest + `</main></body></html>`
	doc := cleanPage(t, "http://www.city.test/notices/2024-03/01/c1.html", []byte(page))
	if strings.Contains(doc.Text, "Ferry timetable") {
		t.Errorf("the site's latest headlines kept:\n%s", doc.Text)
	}
	return doc
}

// TestIntroducedTableKept: a headless table of records that ends the
// article, no prose after it, is the article's own when the line right
// before it introduces it: a sentence ending in a colon, "如下：", or
// one that points at "the table below" ("见下表。"). Its rows link and
// end in a time or a date, as the site's latest headlines do.
func TestIntroducedTableKept(t *testing.T) {
	rows := func(dir string, names ...string) string {
		var b strings.Builder
		for i, n := range names {
			fmt.Fprintf(&b, `<tr><td><a href="/%s/h%d.html">%s</a></td><td>2024-03-1%d 09:30</td></tr>`, dir, i, n, i)
		}
		return "<table>" + b.String() + "</table>"
	}
	for _, c := range []struct{ intro, first, last string }{
		{"The hearings will be held on the following dates:", "Northern district hearing", "Old town hearing"},
		{"听证会具体安排如下：", "北区听证会", "老城区听证会"},
		{"本次公布的规划文件目录见下表。", "规划文本", "规划图集"},
		{"Die Unterlagen sind in der folgenden Tabelle aufgeführt.", "Planbegründung", "Umweltbericht"},
	} {
		names := []string{c.first, "Second item " + c.first, c.last}
		doc := endTables(t, "<p>"+c.intro+"</p>"+rows("hearings", names...))
		for _, n := range names {
			if !strings.Contains(doc.Text, n+" | 2024-03-1") {
				t.Errorf("after %q, row %q lost:\n%s", c.intro, n, doc.Text)
			}
		}
	}
}

// TestPassingCueNoIntro: a last paragraph that says "following" or
// "below" in passing, or "如下" in a clause before its last, introduces
// nothing, nor does a lead-in line that points at no table, list or
// dates ("… in the following stories:"): the site's table of dated
// headlines right after it, inside the article's block, still goes.
func TestPassingCueNoIntro(t *testing.T) {
	latest := `<table><tr><td><a href="/news/2024-01/n1.html">Harbour dredging contract awarded</a></td><td>2024-01-11</td></tr>` +
		`<tr><td><a href="/news/2024-02/n2.html">Ferry timetable changes for summer</a></td><td>2024-02-12</td></tr>` +
		`<tr><td><a href="/news/2024-03/n3.html">Fish market to move to the quay</a></td><td>2024-03-13</td></tr></table>`
	for _, last := range []string{
		"The council will meet again the following week, when temperatures are expected to fall below zero.",
		"Der Stadtrat tagt in der folgenden Woche erneut.",
		"现将有关事项公告如下，欢迎市民、企业和社会组织积极参与。",
		"You may also be interested in the following stories:",
		"More from the council this week:",
	} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1><div class="entry-content">` + prose("notice", 3) +
			"<p>" + last + "</p>" + latest + `</div></article></body></html>`
		doc := cleanPage(t, "http://www.city.test/notices/2024-03/01/c1.html", []byte(page))
		if strings.Contains(doc.Text, "Ferry timetable") {
			t.Errorf("after %q, the site's headlines kept:\n%s", last, doc.Text)
		}
	}
}

// TestCaptionedTablesKept: tables of figures that end the article, each
// under its own <caption>, are the article's own, though each row starts
// with a linked name: a caption labels a table as a heading does.
func TestCaptionedTablesKept(t *testing.T) {
	var b strings.Builder
	for k := 1; k <= 3; k++ {
		fmt.Fprintf(&b, "<table><caption>Table %d. Registered objections by district</caption>", k)
		for i, d := range []string{"Northern district", "Harbour ward", "Old town", "Riverside ward"} {
			fmt.Fprintf(&b, `<tr><td><a href="/stats/d%d.html">%s</a></td><td>%d</td><td>%d.%d%%</td></tr>`, i, d, 1000*k+7*i, k+i, i)
		}
		b.WriteString("</table>")
	}
	doc := endTables(t, b.String())
	for _, want := range []string{"Table 2. Registered objections by district", "Harbour ward | 2007 | 3.1%", "Riverside ward | 3021 | 6.3%"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("%q lost:\n%s", want, doc.Text)
		}
	}
}

// TestResultTablesNoCards: several tables of results side by side, each
// under a heading and each row a linked name, a score and a linked name,
// are no teaser cards, though each is short and starts with a link.
func TestResultTablesNoCards(t *testing.T) {
	var b strings.Builder
	teams := []string{"Northern Rovers", "Harbour United", "Old Town Athletic", "Riverside Wanderers"}
	for k := 1; k <= 3; k++ {
		fmt.Fprintf(&b, "<h4>Round %d</h4><table>", k)
		for i := 0; i < 3; i++ {
			fmt.Fprintf(&b, `<tr><td><a href="/teams/t%d">%s</a></td><td>%d:%d</td><td><a href="/teams/t%d">%s</a></td></tr>`, i, teams[i], k, i, i+1, teams[i+1])
		}
		b.WriteString("</table>")
	}
	doc := endTables(t, b.String())
	for _, want := range []string{"Round 2", "Northern Rovers | 1:0 | Harbour United", "Old Town Athletic | 3:2 | Riverside Wanderers"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("%q lost:\n%s", want, doc.Text)
		}
	}
}
