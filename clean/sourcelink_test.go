package clean

import (
	"strings"
	"testing"
)

// TestSourceLinks: an API generator's link from an entry's heading to
// its code ("[src]" in the heading, "source" beside it in the box around
// it, "[source]" in a definition's term) is no word of the text; a
// sentence that links the word "source" keeps it.
func TestSourceLinks(t *testing.T) {
	page := `<html><head><title>Planner in plan</title></head><body><main>
<div class="main-heading"><h1>Struct plan::Planner</h1><span><a href="../src/plan/lib.rs.html#1">source</a></span></div>
<p>Keeps the steps of a plan and the order in which the workers must take them up, one step at a time.</p>
<section id="method.go"><a href="../src/plan/lib.rs.html#40">source</a><h4>pub fn go(&amp;self) -&gt; bool</h4></section>
<p>Reports whether the plan has been carried out by the worker pool already, without waiting for it.</p>
<h4 id="method.stop"><code>pub fn stop(&amp;self)</code><a href="../src/plan/lib.rs.html#52">[src]</a></h4>
<p>Stops the workers once the step each of them holds is done; read the <a href="../src/plan/lib.rs.html">source</a> for the order.</p>
<dl><dt id="plan.load"><code>load(path)</code><a href="../_modules/plan.html#load">[source]</a></dt><dd><p>Loads a plan from the file at the given path and checks that every step in it names a known worker.</p></dd></dl>
</main></body></html>`
	d, err := Clean(Input{URL: "https://docs.example/plan/struct.Planner.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Struct plan::Planner\n\nKeeps", "pub fn go(&self) -> bool", "pub fn stop(&self)\n\n", "read the source for the order", "load(path)\n\n"} {
		if !strings.Contains(d.Text, w) {
			t.Errorf("lost %q:\n%s", w, d.Text)
		}
	}
	for _, w := range []string{"[src]", "[source]", "source\n\n"} {
		if strings.Contains(d.Text, w) {
			t.Errorf("kept %q:\n%s", w, d.Text)
		}
	}
}
