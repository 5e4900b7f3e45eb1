package clean

import "testing"

// TestHeadingTools: a heading's permalink ("¶", "#", an empty link within
// the page) and a wiki's "[edit]" link are tools, not words of the
// heading; a heading's link elsewhere, a "#" in its words and a "¶" in
// a paragraph stay.
func TestHeadingTools(t *testing.T) {
	body := `<article><h1>Configuration files</h1>` + prose("intro", 3) +
		`<h2 id="order">Search order<a class="headerlink" href="#order" title="Permalink to this heading">¶</a></h2>` + prose("order", 2) +
		`<h2 id="hooks">Hooks<a href="#hooks" class="hash-link" aria-label="Direct link to Hooks">&#8203;</a></h2>` + prose("hooks", 2) +
		`<h3 id="c">Using C#<a href="#c">#</a></h3>` + prose("csharp", 2) +
		`<h2><span class="mw-headline" id="History">History of the mills</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span>` +
		`<a href="/w/index.php?title=River&amp;action=edit&amp;section=2" title="Edit section: History">edit</a><span class="mw-editsection-bracket">]</span></span></h2>` + prose("history", 2) +
		`<h2>Weirs <span>[<a href="/wiki/Weir">see Weir</a>]</span></h2>` + prose("weirs", 2) +
		`<dl><dt id="loader.read">read(path)<a class="headerlink" href="#loader.read">¶</a></dt><dd><p>Reads one file and returns its values, or the first error it met.</p></dd></dl>` +
		`<p>The pilcrow ¶ marks a paragraph in the old manuscripts the loader was named after.</p>` + `</article>`
	doc := cleanBody(t, "Configuration files", body)
	checkText(t, doc,
		[]string{"Search order\n\n", "Hooks\n\n", "Using C#\n\n", "History of the mills\n\n", "Weirs [see Weir]", "read(path)\n\n", "The pilcrow ¶ marks"},
		[]string{"order¶", "\u200b", "C##", "[edit]", "edit]", "path)¶"})
}
