package clean

import (
	"strings"
	"testing"
)

// TestJumpOnLinks: a "More..." link after a member's brief that points to
// the member's anchor on the same page is no word of the brief; one that
// points to another page, or to an anchor the page lacks, stays.
func TestJumpOnLinks(t *testing.T) {
	page := `<html><head><title>Box Class Reference</title></head><body><div class="contents">
<table><tr><td>int</td><td><a href="classBox.html#a1">size</a> () const</td></tr>
<tr><td></td><td>Returns the number of widgets in the box. <a href="classBox.html#a1">More...</a></td></tr>
<tr><td>void</td><td><a href="classBox.html#a2">clear</a> ()</td></tr>
<tr><td></td><td>Removes every widget from the box. <a href="other.html#z9">More...</a></td></tr></table>
<p>The box holds widgets of any kind and counts them, each once, even when a caller added one twice. <a href="#details">Details…</a></p>
<h2 id="details">Detailed Description</h2><p>A box is cheap to make and to copy; copies share their widgets until one of them is changed by a caller.</p>
<a id="a1"></a><h3>size()</h3><p>Returns the number of widgets held by the box right now, not counting those scheduled for removal.</p>
</div></body></html>`
	d, err := Clean(Input{URL: "https://docs.example/classBox.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Returns the number of widgets in the box.", "Removes every widget from the box. More...", "added one twice."} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, d.Text)
		}
	}
	for _, not := range []string{"widgets in the box. More...", "twice. Details…"} {
		if strings.Contains(d.Text, not) {
			t.Errorf("Text keeps %q:\n%s", not, d.Text)
		}
	}
}
