package clean

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// lastCell returns the first table's last cell under n: a section's body.
func lastCell(n *html.Node) *html.Node {
	var t, cell *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Table {
				if t != nil {
					continue
				}
				t = c
			}
			if t != nil && c.DataAtom == atom.Td {
				cell = c
			}
			walk(c)
		}
	}
	walk(n)
	return cell
}

// A module's page as an old documentation generator writes it: a title
// table, the module's description, then one table per section ("Classes",
// "Functions", "Data"), each alone in its <p>, drawn alike. Every section
// and the description are text; the title table's links are not.
func TestSectionTablesJoin(t *testing.T) {
	section := func(name, body string) string {
		return `<p>
<table width="100%" cellspacing=0 cellpadding=2 border=0 summary="section">
<tr bgcolor="#eeaa77"><td colspan=3 valign=bottom>&nbsp;<br><font color="#ffffff" face="helvetica, arial"><big><strong>` + name + `</strong></big></font></td></tr>
<tr><td bgcolor="#eeaa77"><tt>&nbsp;&nbsp;&nbsp;&nbsp;</tt></td><td>&nbsp;</td><td width="100%">` + body + `</td></tr></table>`
	}
	page := `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html><head><title>Python: module rota</title></head><body bgcolor="#f0f0f8">
<table width="100%" cellspacing=0 cellpadding=2 border=0 summary="heading"><tr bgcolor="#7799ee">
<td valign=bottom>&nbsp;<br><font color="#ffffff" face="helvetica, arial">&nbsp;<br><big><big><strong>rota</strong></big></big></font></td>
<td align=right valign=bottom><font color="#ffffff" face="helvetica, arial"><a href=".">index</a><br><a href="file:/srv/lib/rota.py">/srv/lib/rota.py</a></font></td></tr></table>
<p><tt>Draw&nbsp;up&nbsp;the&nbsp;weekly&nbsp;rota&nbsp;of&nbsp;a&nbsp;volunteer&nbsp;library:&nbsp;shifts,&nbsp;keys&nbsp;and&nbsp;cover.</tt></p>
` + section("Classes", `<dl><dt><a name="Shift">class <strong>Shift</strong></a>(builtins.object)</dt><dd><tt>One&nbsp;shift&nbsp;at&nbsp;the&nbsp;desk,&nbsp;with&nbsp;its&nbsp;day,&nbsp;its&nbsp;hours&nbsp;and&nbsp;the&nbsp;volunteer&nbsp;on&nbsp;it.</tt></dd></dl>`) +
		section("Functions", `<dl><dt><a name="-draw"><strong>draw</strong></a>(volunteers, week)</dt><dd><tt>Return&nbsp;the&nbsp;shifts&nbsp;of&nbsp;the&nbsp;week,&nbsp;each&nbsp;volunteer&nbsp;on&nbsp;at&nbsp;most&nbsp;two.</tt></dd></dl>`) +
		section("Data", `<strong>HOURS</strong> = (10, 18)`) + `</body></html>`
	doc, err := Clean(Input{URL: "file:///srv/doc/rota.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Draw up the weekly rota of a volunteer library: shifts, keys and cover.",
		"One shift at the desk, with its day, its hours and the volunteer on it.",
		"Return the shifts of the week, each volunteer on at most two.",
		"HOURS = (10, 18)",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("lost %q; text:\n%s", want, doc.Text)
		}
	}
	if strings.Contains(doc.Text, "/srv/lib/rota.py") {
		t.Errorf("kept the title table's file link; text:\n%s", doc.Text)
	}
}

// Tables that are not drawn alike, or a lone section table, are not
// joined: a page's one boxed section does not pull in the rest.
func TestSectionTablesNeedTwoAlike(t *testing.T) {
	box := func(width, name string) string {
		return `<table width="` + width + `" border=1><tr><td colspan=2><b>` + name + `</b></td></tr><tr><td>x</td><td>` + strings.Repeat("The hall can be booked for meetings, parties and courses, on weekdays and at weekends. ", 3) + `</td></tr></table>`
	}
	for _, c := range []struct {
		name string
		body string
		want int
	}{
		{"two alike", box("100%", "Opening hours") + box("100%", "Prices"), 2},
		{"drawn otherwise", box("100%", "Opening hours") + box("80%", "Prices"), 0},
		{"one", box("100%", "Opening hours"), 0},
		{"one drawn alike is no section", box("100%", "Opening hours") + box("100%", "Prices") + box("100%", "How to find us from the station by bus"), 0},
	} {
		root, err := html.Parse(strings.NewReader(`<html><body>` + c.body + `</body></html>`))
		if err != nil {
			t.Fatal(err)
		}
		bw := walkBlocks(root)
		best := lastCell(root)
		if got := len(sectionTables(bw, best)); got != c.want {
			t.Errorf("%s: %d roots, want %d", c.name, got, c.want)
		}
	}
}
