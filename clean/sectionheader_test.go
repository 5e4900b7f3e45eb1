package clean

import (
	"strings"
	"testing"
)

// TestSectionHeaderHeading: a documentation generator classes its
// section headings and signatures "section-header" and "code-header";
// an <h3> to <h6> so named, or an <h1>/<h2> carrying its own permalink,
// is a heading of the text. A page header band, an <h2> so named
// without a permalink, and a heading named by another strong hint
// beside "header" still go.
func TestSectionHeaderHeading(t *testing.T) {
	doc := `<p>A bounded queue kept in a ring, whose capacity is fixed when it is made and never changes afterwards.</p>
<p>Pushing onto a full queue hands the value back to the caller instead of growing the storage behind its back.</p>`
	page := `<html><head><title>Ring in queues</title></head><body>
<h2 class="site-header">Widget Docs Portal</h2>
<main><h1>Struct Ring</h1>` + doc + `
<h2 id="implementations" class="section-header">Implementations<a class="anchor" href="#implementations">§</a></h2>
<section id="method.push" class="method"><h4 class="code-header">pub fn push(&amp;mut self, v: u32) -&gt; bool</h4></section>
<div class="docblock"><p>Adds a value at the tail of the ring if there is room left for it, and reports whether it did.</p></div>
<h3 class="comments-header">Comments</h3>
</main></body></html>`
	d, err := Clean(Input{URL: "https://docs.example/queues/struct.Ring.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Implementations", "pub fn push(", "Adds a value at the tail"} {
		if !strings.Contains(d.Text, w) {
			t.Errorf("lost %q:\n%s", w, d.Text)
		}
	}
	for _, w := range []string{"Widget Docs Portal", "Comments"} {
		if strings.Contains(d.Text, w) {
			t.Errorf("kept %q:\n%s", w, d.Text)
		}
	}
}
