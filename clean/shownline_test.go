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
