package clean

import (
	"strings"
	"testing"
)

// TestFileListKept: the documents an article attaches, a list of links
// to files under a heading of its own or a table of them beside its
// prose, are text, though every item is a link; a list of links to the
// site's pages under a related-reading heading still goes, and so does a
// box of the site's downloads after the article, apart from its prose.
func TestFileListKept(t *testing.T) {
	files := `<h3>Documents</h3><ul><li><a href="/docs/guidance.pdf">Guidance note on the consultation (PDF, 210 KB)</a></li>` +
		`<li><a href="/docs/form.docx">Response form for the consultation (Word, 48 KB)</a></li>` +
		`<li><a href="/docs/map.pdf">Map of the proposed boundary changes (PDF, 1.2 MB)</a></li></ul>`
	reports := `<table><tr><td><a href="/r/2021.pdf">Annual report of the district office 2021</a></td><td><a href="/r/2021.pdf">120 KB</a></td></tr>` +
		`<tr><td><a href="/r/2022.pdf">Annual report of the district office 2022</a></td><td><a href="/r/2022.pdf">131 KB</a></td></tr></table>`
	related := `<h3>Related stories</h3><ul><li><a href="/n/1">Mayor opens new bridge over the Avon river</a></li>` +
		`<li><a href="/n/2">School closures announced across the county</a></li></ul>`
	box := `<div class="box"><h4>Popular downloads</h4><ul><li><a href="/f/a.pdf">Residents' guide to council services 2023</a></li>` +
		`<li><a href="/f/b.pdf">Bin collection calendar for the year</a></li></ul></div>`
	doc := guideDoc(t, files+prose("middle", 1)+reports+related+box)
	for _, want := range []string{
		"Response form for the consultation (Word, 48 KB)",
		"Annual report of the district office 2022 | 131 KB",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("%q lost:\n%s", want, doc.Text)
		}
	}
	for _, chrome := range []string{"School closures", "Bin collection calendar"} {
		if strings.Contains(doc.Text, chrome) {
			t.Errorf("%q kept:\n%s", chrome, doc.Text)
		}
	}
}

// TestFileLink: a link leads to a file by its path's extension, in any
// case, whatever its query; a page's path or a host's name is none.
func TestFileLink(t *testing.T) {
	for href, want := range map[string]bool{
		"/docs/a.pdf": true, "https://x.test/f/B.DOCX?v=2": true, "/a/附件1.xls": true,
		"/news/a.html": false, "https://files.pdf.test/": false, "/docs/": false, "/e/et": false,
	} {
		a := firstElement(t, `<a href="`+href+`">`)
		if got := fileLink(a); got != want {
			t.Errorf("fileLink(%q) = %v, want %v", href, got, want)
		}
	}
}
