package clean

import "testing"

// TestShownPartTitle: a <title> "Project: Page heading" whose page shows
// the project's name at its top and the heading apart a few lines on has
// the heading as its Title; a title whose parts the page does not show
// apart keeps its whole.
func TestShownPartTitle(t *testing.T) {
	prose := `<p>A box holds widgets of any kind and counts them, each once, even when a caller added one twice over.</p>
<p>A box is cheap to make and to copy; copies share their widgets until one of them is changed by a caller.</p>`
	for _, c := range []struct{ name, page, want string }{
		{"project header, heading div", `<html><head><title>WidgetLib: WidgetBox Class Reference</title></head><body>
<div id="top"><div id="projectname">WidgetLib 3.2</div><ul><li><a href="index.html">Main Page</a></li><li><a href="annotated.html">Classes</a></li></ul></div>
<div class="header"><div class="title">WidgetBox Class Reference</div></div><div class="contents">` + prose + `</div></body></html>`, "WidgetBox Class Reference"},
		{"heading with a label run on", `<html><head><title>WidgetLib: WidgetBox Class Reference</title></head><body>
<div id="top"><div id="projectname">WidgetLib</div></div>
<div class="header"><div class="title">WidgetBox Class Reference<span class="mlabel">final</span></div></div><div class="contents">` + prose + `</div></body></html>`, "WidgetBox Class Reference"},
		{"name not shown apart", `<html><head><title>Harwick: Floods hit the town again</title></head><body>
<div class="title">Floods hit the town again</div>` + prose + `</body></html>`, "Harwick: Floods hit the town again"},
		{"whole title shown", `<html><head><title>Harwick: Floods hit the town again</title></head><body>
<div>Harwick Gazette</div><div class="title">Harwick: Floods hit the town again</div>` + prose + `</body></html>`, "Harwick: Floods hit the town again"},
		{"name is the heading", `<html><head><title>variables: interface for the variable matching and lookup</title></head><body>
<div>Widget Reference Manual</div><h2>variables</h2><p>variables - interface for the variable matching and lookup</p>
<p>interface for the variable matching and lookup</p>` + prose + `</body></html>`, "variables: interface for the variable matching and lookup"},
	} {
		d, err := Clean(Input{URL: "https://docs.example/classWidgetBox.html", Body: []byte(c.page)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.Title != c.want {
			t.Errorf("%s: Title %q, want %q", c.name, d.Title, c.want)
		}
	}
}
