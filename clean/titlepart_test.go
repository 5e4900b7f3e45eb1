package clean

import "testing"

// TestShownTitlePart: an old template's <title> sets the site's name
// before the document's title; the page shows the document's title alone
// as the first line of the text, in bold type rather than an <h1>.
func TestShownTitlePart(t *testing.T) {
	cases := []struct{ title, head, want string }{
		{"Department of Coastal Affairs - Annual Report on Harbour Maintenance 2003", "Annual Report on Harbour Maintenance 2003", "Annual Report on Harbour Maintenance 2003"},
		{"某某市水务局 - 关于加强农村饮水工程管理的通知", "关于加强农村饮水工程管理的通知", "关于加强农村饮水工程管理的通知"},
		{"某某市水务局－关于加强农村饮水工程管理的通知", "关于加强农村饮水工程管理的通知", "关于加强农村饮水工程管理的通知"},
		// the first line is no part of <title>: the title stands
		{"Department of Coastal Affairs - Annual Report on Harbour Maintenance 2003", "Annual Report", "Department of Coastal Affairs - Annual Report on Harbour Maintenance 2003"},
	}
	for _, c := range cases {
		page := `<html><head><meta charset="utf-8"><title>` + c.title + `</title></head><body>
<table width="760"><tr><td width="160"><a href="/">Home</a><br><a href="/pub.htm">Publications</a><br><a href="/contact.htm">Contact</a></td>
<td class="bodytext"><font face="Arial" size="4"><b>` + c.head + `</b></font><br><br>
<font size="2">The department completed the dredging of the northern channel in the spring, two months ahead of the schedule agreed with the port authority.<br><br>
Work on the eastern breakwater was delayed by storms in November and will resume once the weather allows crews to work safely, as the contractors have said.<br><br>
Expenditure remained within the budget approved by the council, although fuel prices rose sharply during the second half of the year.</font></td></tr></table>
</body></html>`
		d, err := Clean(Input{URL: "http://example.gov/report.htm", Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != c.want {
			t.Errorf("<title>%s</title>, shown %q: Title %q, want %q", c.title, c.head, d.Title, c.want)
		}
	}
}

// TestShownTitlePartH1: a book's chapter whose <title> is "Chapter - Book"
// and whose first line is the book's name in an <h1>: pageTitle weighed
// that name as the site's, and the chapter stays Title.
func TestShownTitlePartH1(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>Introduction - The Widget Book</title></head><body>
<main><h1>The Widget Book</h1>
<p>Widgets are small tools for building boxes, and this book tells you how to use them, from the first box to the last one you will ever need.</p>
<p>Each chapter covers one kind of widget, with examples that you can build at home, and a list of the parts you need for each of them.</p></main>
</body></html>`
	d, err := Clean(Input{URL: "http://example.org/book/index.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Introduction" {
		t.Errorf("Title %q, want the chapter's %q", d.Title, "Introduction")
	}
}
