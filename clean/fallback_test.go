package clean

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/prov-archive/prov/rules"
)

// linkRows returns a <ul> of n links, as a sidebar's list of posts.
func linkRows(n int) string {
	var b strings.Builder
	b.WriteString("<ul>")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<li><a href="/post/%d">An older post of this blog, number %d, about the weather</a></li>`, i, i)
	}
	b.WriteString("</ul>")
	return b.String()
}

// poem returns a block of n short lines cut by <br>: no line is long
// enough to score as a paragraph (minRunUnits), yet the block is the page.
func poem(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "a line %d, slow,<br>\n", i)
	}
	return b.String()
}

// The cases are small pages written for these tests, one per step of the
// fallback order (fallback.go).
var fallbackCases = []struct {
	name      string
	page      string
	extractor string
	must      []string
	budget    int // Input.Budget; the default when 0
}{
	{
		// The article sits in a wrapper named "widget Blog" (a strong
		// chrome hint, which the relaxed retry still honours) that holds
		// just under half of the page's text, beside a short note named
		// like a post's body: the wrapper's prose outweighs its hint, so it
		// is not chrome (settleChrome), but its hint's weight still ranks the
		// note above it in both generic passes; the structural pass, which
		// weighs no hint, finds it.
		name: "article in a widget wrapper",
		page: `<div class="widget Blog"><h2>Title</h2>` + prose("story", 4) + `<p><a href="/more">More posts</a></p></div>` +
			`<div class="widget BlogArchive">` + linkRows(16) + `</div>` +
			`<div class="post-body"><p>Posted on Tuesday, in Weather, by the editor, alone.</p></div>`,
		extractor: ExtractorGeneric,
		must:      []string{"Paragraph 3 of the story"},
	},
	{
		// A poem: lines too short to score, so the generic scorer takes
		// the one short note that scores, the structural pass too;
		// go-readability reads the <br> block as one paragraph.
		name:      "a poem beside a short note",
		page:      `<div><div>` + poem(40) + `</div></div><div class="note"><p>Set in type, by hand, in 1921, at home.</p></div>`,
		extractor: ExtractorReadability,
		must:      []string{"a line 39, slow,"},
	},
	{
		// The same poem on a page too large for go-readability
		// (readabilityElems): the block itself is the text. The page is
		// given the budget its many elements need.
		name: "a poem on a page too large for go-readability",
		page: `<div><div>` + poem(40) + `</div></div><div class="note"><p>Set in type, by hand, in 1921, at home.</p></div>` +
			strings.Repeat("<i></i>", readabilityElems),
		extractor: ExtractorBlock,
		must:      []string{"a line 0, slow,", "a line 39, slow,"},
		budget:    10 * DefaultBudget,
	},
}

func TestFallbackOrder(t *testing.T) {
	for _, tc := range fallbackCases {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><head><title>Title</title></head><body>" + tc.page + "</body></html>"
			doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page), Budget: tc.budget})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Extractor != tc.extractor {
				t.Errorf("Extractor = %q, want %q; text:\n%s", doc.Extractor, tc.extractor, doc.Text)
			}
			for _, m := range tc.must {
				if !strings.Contains(doc.Text, m) {
					t.Errorf("text lacks %q; text:\n%s", m, doc.Text)
				}
			}
			if doc.OverBudget {
				t.Error("over budget")
			}
		})
	}
}

// The widget page's text before the fallback: without it the page was
// empty, which is what the test above would not see if the generic
// scorer changed to find the article by itself.
func TestWidgetPageNeedsFallback(t *testing.T) {
	page := "<html><head><title>Title</title></head><body>" + fallbackCases[0].page + "</body></html>"
	root, err := parseHTML([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	first := genericText(root, bw, "Title")
	block := largestBlock(bw)
	if first.units()*shortDivisor >= block.units {
		t.Errorf("generic text holds %d units of a %d-unit block: not far less, the fallback is not exercised", first.units(), block.units)
	}
}

// A site rule whose Content selector finds nothing (the site changed its
// layout) falls back to the generic scorer; one that finds the article
// is the extractor.
func TestRuleFallsBack(t *testing.T) {
	page := "<html><head><title>Title</title></head><body><div class=\"story\">" + prose("story", 5) + "</div></body></html>"
	for _, tc := range []struct{ content, want string }{
		{".old-layout-body", ExtractorGeneric},
		{".story", ExtractorRule},
	} {
		site := &rules.Site{Name: "example", Hosts: []string{"example.com"}, Content: tc.content}
		doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page), Site: site})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Extractor != tc.want || !strings.Contains(doc.Text, "Paragraph 4 of the story") {
			t.Errorf("content %q: Extractor = %q, want %q; text:\n%s", tc.content, doc.Extractor, tc.want, doc.Text)
		}
	}
}
