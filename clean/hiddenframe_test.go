package clean

import (
	"fmt"
	"strings"
	"testing"
)

// A hidden block never decides where the article is (articleOutside):
// one that holds most of the page's text beside a visible article, in any
// of the ways a page hides a block, is left out, whether the article runs
// to several paragraphs or is one paragraph under its headline
// (settleChrome), and when the hidden block is so long that the fallbacks
// weigh the page against it (structuralChrome). A page whose whole article
// is hidden, its body waiting for a script, still has it for its text,
// even beside a visible notice of some length when the hidden box holds
// the page's headline (an invisible box, visibility:hidden, never is the
// frame: settleChrome).
func TestHiddenNeverFrame(t *testing.T) {
	hides := []string{`style="display: none"`, `hidden`, `class="hidden"`, `aria-hidden="true"`, `style="DISPLAY:NONE !important"`, `style="visibility: hidden"`}
	for _, h := range hides {
		for _, c := range []struct {
			name       string
			page       string
			must, not_ []string
		}{
			{
				name: "hidden copy beside a story",
				page: `<div class="x1"><h1>Title</h1><div class="x2">` + prose("story", 3) + `</div></div>` +
					`<div ` + h + `><div class="x3">` + prose("hidden copy", 8) + `</div></div>`,
				must: []string{"Paragraph 2 of the story"},
				not_: []string{"hidden copy"},
			},
			{
				name: "long hidden block beside a one-paragraph story",
				page: `<div ` + h + `>` + prose("hidden copy", 8) + `</div>` +
					`<div class="x1"><h1>Title</h1><div class="x2">` + prose("story", 1) + `</div></div>`,
				must: []string{"Paragraph 0 of the story"},
				not_: []string{"hidden copy"},
			},
			{
				name: "hidden block twenty times the story",
				page: `<div class="x1"><h1>Title</h1><div class="x2">` + prose("story", 3) + `</div></div>` +
					`<div ` + h + `>` + prose("hidden copy", 60) + `</div>`,
				must: []string{"Paragraph 2 of the story"},
				not_: []string{"hidden copy"},
			},
			{
				name: "whole page hidden until a script runs",
				page: `<div class="x9"><p>Loading…</p></div><div id="app" ` + h + `><div class="x1"><h1>Title</h1>` + prose("story", 4) + `</div></div>`,
				must: []string{"Paragraph 0 of the story", "Paragraph 3 of the story"},
			},
			{
				name: "whole page hidden beside a notice of two paragraphs",
				page: `<div class="x9">` + prose("notice", 2) + `</div><div id="app" ` + h + `><div class="x1"><h1>Title</h1>` + prose("story", 2) + `</div></div>`,
				must: []string{"Paragraph 0 of the story", "Paragraph 1 of the story"},
			},
		} {
			if c.name == "whole page hidden beside a notice of two paragraphs" && strings.Contains(h, "visibility") {
				continue
			}
			t.Run(fmt.Sprintf("%s/%s", c.name, h), func(t *testing.T) {
				checkText(t, cleanBody(t, "Title", c.page), c.must, c.not_)
			})
		}
	}
}

// An element fixed to the window (overlaid) is laid over the page: a
// notice or sign-up box so styled is no part of the article, wherever it
// sits in the markup, while a page that scrolls inside one fixed box
// still has its article.
func TestOverlaidNotText(t *testing.T) {
	for _, st := range []string{"position:fixed;bottom:0;left:0;right:0", "z-index: 99; POSITION: FIXED"} {
		notice := `<div style="` + st + `"><p>We keep a few small files on your computer so that the site remembers your settings between visits.</p><button>OK</button></div>`
		for _, c := range []struct {
			name       string
			page       string
			must, not_ []string
		}{
			{
				name: "notice inside the article",
				page: `<article><h1>Title</h1>` + prose("story", 2) + notice + prose("end", 2) + `</article>`,
				must: []string{"Paragraph 1 of the story", "Paragraph 1 of the end"},
				not_: []string{"small files"},
			},
			{
				name: "notice beside the article",
				page: notice + `<div class="x1"><h1>Title</h1>` + prose("story", 4) + `</div>`,
				must: []string{"Paragraph 3 of the story"},
				not_: []string{"small files"},
			},
			{
				name: "long fixed box beside the article",
				page: `<div class="x1"><h1>Title</h1>` + prose("story", 3) + `</div><div style="` + st + `">` + prose("terms", 8) + `</div>`,
				must: []string{"Paragraph 2 of the story"},
				not_: []string{"of the terms"},
			},
			{
				name: "page scrolling inside one fixed box",
				page: `<div id="app" style="` + st + `;top:0;overflow-y:auto"><div class="x1"><h1>Title</h1>` + prose("story", 4) + `</div></div>`,
				must: []string{"Paragraph 0 of the story", "Paragraph 3 of the story"},
			},
		} {
			t.Run(c.name+"/"+st, func(t *testing.T) {
				checkText(t, cleanBody(t, "Title", c.page), c.must, c.not_)
			})
		}
	}
}

// TestInvisibleHeadingChild: older rustdoc wraps each method's signature
// in <h4 class="method"><span class="invisible">, the heading's only
// child; the signature stays. A heading's only child classed "hidden"
// (display:none) is still hidden, and so is an "invisible" span beside
// other text.
func TestInvisibleHeadingChild(t *testing.T) {
	page := `<html><head><title>widget::Gauge - Rust</title></head><body><section id="main"><h1>Struct widget::Gauge</h1>` +
		`<div class="docblock"><p>A gauge draws one bar whose length follows a value between zero and its maximum, redrawn on each tick.</p></div>` +
		`<h2 id="methods">Methods</h2><h4 id="method.len" class="method"><span id="len.v" class="invisible"><code>pub fn len(&amp;self) -&gt; usize</code></span></h4>` +
		`<div class="docblock"><p>Returns how many cells of the bar are filled at the value last set, rounding down to a whole cell.</p></div>` +
		`<h4 class="method"><span class="hidden">Secret label</span></h4><h4>Width <span class="invisible">spacer words</span></h4>` +
		`<div class="docblock"><p>Returns the width of the whole bar in cells, the filled part and the empty part together.</p></div></section></body></html>`
	d, err := Clean(Input{URL: "https://docs.example/widget/struct.Gauge.html", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "pub fn len(&self) -> usize\n\nReturns how many cells") {
		t.Errorf("lost the signature:\n%s", d.Text)
	}
	for _, w := range []string{"Secret label", "spacer words"} {
		if strings.Contains(d.Text, w) {
			t.Errorf("kept hidden %q:\n%s", w, d.Text)
		}
	}
}
