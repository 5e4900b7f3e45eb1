package clean

import "testing"

// TestKindHeadingTitle: a page whose <title> is "Name (Collection)" and
// whose first heading is the name with a word of kind shows that heading
// as its Title; a section number is no kind (the <title> stands), and a logo heading that
// holds the site's name is no headline.
func TestKindHeadingTitle(t *testing.T) {
	prose := `<p>The widget keeps a count of its elements and reports it on demand, counting each element once even when it was added twice.</p>
<p>Callers that need the distinct count use the set view instead; it is computed lazily and cached until the next change.</p>`
	for _, c := range []struct{ name, page, want string }{
		{"kind before, h2 under a package line", `<html><head><title>Widget (Acme Toolkit 2.1 API)</title></head><body>
<div class="nav"><a href="/">Overview</a> <a href="/pkg">Package</a></div>
<div class="header"><div class="sub">com.acme.toolkit</div><h2 class="title">Class Widget</h2></div><div>` + prose + `</div></body></html>`, "Class Widget"},
		{"kind before, h1", `<html><head><title>Gadget (Acme Toolkit 17 API)</title></head><body>
<main><div class="header"><h1 class="title">Interface Gadget</h1></div><section>` + prose + `</section></main></body></html>`, "Interface Gadget"},
		{"section number is no kind", `<html><head><title>Structures (Widget Manual)</title></head><body>
<h1>2.3.2 Structures</h1>` + prose + `</body></html>`, "Structures (Widget Manual)"},
		{"logo heading of the site", `<html><head><title>Harwick (Floods hit the town)</title></head><body>
<h1>Harwick Gazette</h1>` + prose + `</body></html>`, "Harwick (Floods hit the town)"},
	} {
		d, err := Clean(Input{URL: "https://harwick-gazette.example/x.html", Body: []byte(c.page)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.Title != c.want {
			t.Errorf("%s: Title %q, want %q", c.name, d.Title, c.want)
		}
	}
}

// TestKindTitle: a page whose <title> is "Name kind - place" and whose
// first <h1> is the name shows the <h1> as its Title; a number is no
// kind, and an <h1> that goes on past the name is no match.
func TestKindTitle(t *testing.T) {
	prose := `<p>Package frob turns widgets into gadgets and back again without losing a single part along the way.</p>
<p>A gadget made by frob remembers the widget it came from, so a caller can always turn it back into that widget.</p>`
	for _, c := range []struct{ name, page, want string }{
		{"package page", `<html><head><title>frob package - example.org/frob - Go Packages</title></head><body>
<div class="crumbs"><a href="/">Discover Packages</a> <a href="/example.org/frob">example.org/frob</a></div>
<div class="heading"><h1>frob</h1><span>package</span></div><article>` + prose + `</article></body></html>`, "frob"},
		{"two kind words", `<html><head><title>Ledger struct type - tally - Rust Docs</title></head><body>
<h1>Ledger</h1>` + prose + `</body></html>`, "Ledger"},
		{"a number is no kind", `<html><head><title>frob 2024 - example.org/frob - Go Packages</title></head><body>
<h1>frob</h1>` + prose + `</body></html>`, "frob 2024 - example.org/frob"},
		{"heading is the whole name", `<html><head><title>Floods hit the town - Harwick - Gazette</title></head><body>
<h1>Floods</h1>` + prose + `</body></html>`, "Floods hit the town - Harwick"},
	} {
		d, err := Clean(Input{URL: "https://pkg.example/example.org/frob", Body: []byte(c.page)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if d.Title != c.want {
			t.Errorf("%s: Title %q, want %q", c.name, d.Title, c.want)
		}
	}
}
