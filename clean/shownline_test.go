package clean

import "testing"

// An old page made in an editor: <title> left as "Untitled Document",
// the headline a centred line in a large bold font above the text.
func TestEmphasisedHeadlineUnderPlaceholderTitle(t *testing.T) {
	const body = `<p>The library will be closed from the first to the fourteenth of August while the heating is replaced and the reading room is painted.</p>
<p>Books may be returned through the letter box at the side door during the closure; no fines will be charged for those weeks.</p>`
	cases := []struct{ name, title, lead, want string }{
		{"centred large bold", "Untitled Document", `<center><font size="+2"><b>Library Closed for Repairs</b></font></center>`, "Library Closed for Repairs"},
		{"bold paragraph", "Home", `<p><b>Summer Closure of the Library</b></p>`, "Summer Closure of the Library"},
		{"small font stays", "Untitled Document", `<p><font size="2">Library Closed for Repairs</font></p>`, "Untitled Document"},
		{"a real title stays", "Library notices", `<p><b>Library Closed for Repairs</b></p>`, "Library notices"},
	}
	for _, c := range cases {
		page := `<html><head><title>` + c.title + `</title></head><body><table><tr><td valign=top><a href="/">Home</a><br><a href="/about">About</a></td><td>` + c.lead + body + `</td></tr></table></body></html>`
		doc, err := Clean(Input{URL: "http://library.example.org/news/closure.html", Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != c.want {
			t.Errorf("%s: Title = %q, want %q", c.name, doc.Title, c.want)
		}
	}
}

// An old official page whose <title> is the organisation's name, shown
// again in its header over a menu or beside its logo: the document's
// headline is the bold or large line that opens the text. A <title> the
// page does not show as its header, or shows with no menu or logo
// between it and the text, stands.
func TestEmphasisedHeadlineUnderSiteNameTitle(t *testing.T) {
	const body = `<p>The county will repair the banks of the river between the mill and the old ford during the dry weeks of the summer, starting in June.</p>
<p>Residents along the river path will be told a week before the work reaches their part of the bank, and the path will stay open at weekends.</p>`
	menu := `<table width="100%"><tr><td><font size=5>Northfield County Council</font></td></tr><tr><td><a href="/">Home</a> | <a href="/roads">Roads</a> | <a href="/contact">Contact</a></td></tr></table>`
	logo := `<center><img src="crest.gif" alt=""><br><b>Northfield County Council</b></center><hr>`
	cases := []struct{ name, header, lead, want string }{
		{"over a menu", menu, `<p><b>Repairs to the River Banks</b></p>`, "Repairs to the River Banks"},
		{"beside a logo", logo, `<p><font size="+2">Repairs to the River Banks</font></p>`, "Repairs to the River Banks"},
		{"no header", "", `<p><b>Repairs to the River Banks</b></p>`, "Northfield County Council"},
		{"header without menu or logo", `<p><font size=5>Northfield County Council</font></p>`, `<p><b>Repairs to the River Banks</b></p>`, "Northfield County Council"},
		{"plain lead", menu, `<p>Repairs to the River Banks</p>`, "Northfield County Council"},
	}
	for _, c := range cases {
		page := `<html><head><title>Northfield County Council</title></head><body>` + c.header + c.lead + body + `</body></html>`
		doc, err := Clean(Input{URL: "http://www.northfield.example.gov/roads/banks.html", Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != c.want {
			t.Errorf("%s: title %q, want %q", c.name, doc.Title, c.want)
		}
	}
}
