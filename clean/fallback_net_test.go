package clean

import (
	"net/http"
	"strings"
	"testing"
)

// A page whose only prose a wrong chrome verdict has made a labelled
// comment section (every run marked as a thread, as labelledThreads would
// mark a post's first part under a "Comments" heading) still has visible
// prose: the fallback finds it, where leaving thread runs out of the
// largest block made the page look empty and nothing fell back.
func TestThreadOnlyPageFallsBack(t *testing.T) {
	page := "<html><head><title>Title</title></head><body><div><div><h3>Comments</h3>" +
		"<p>" + "Alpha: the ferry left the harbour an hour late on Saturday, because the wind had turned in the night and the captain would not sail before it eased." + "</p><p>" + "Bravo: on board, most passengers were farmers going to the market across the water, with crates of apples, two goats and a great deal of patience." + "</p></div><p>Share this</p></div></body></html>"
	root, err := parseHTML([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	for i := range bw.runs {
		bw.runs[i].chrome, bw.runs[i].thread = true, true
	}
	pg := &parsed{root: root, bw: bw, title: "Title", url: "http://example.com/a"}
	first := extraction{extractor: ExtractorGeneric} // empty, as the generic scorer leaves a page all marked thread
	text := strings.Join(fallback(pg, first).paras, "\n")
	if !strings.Contains(text, "Alpha:") || !strings.Contains(text, "Bravo:") {
		t.Errorf("fallback text lacks the post:\n%s", text)
	}
}

// A page framed in one <form> (ASP.NET's) with many links around its
// article: the form holds the whole page but is not its frame (most of
// its text is links), and taking it for chrome left the page without
// visible prose, so the widget page that the structural pass rescues
// (TestFallbackOrder) kept the generic scorer's one short note.
func TestFormFramedPageFallsBack(t *testing.T) {
	page := `<html><head><title>Title</title></head><body><form method="post" action="/a">` +
		"<div>" + linkRows(40) + "</div>" + fallbackCases[0].page + "</form></body></html>"
	doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "Paragraph 0 of the story") || !strings.Contains(doc.Text, "Paragraph 3 of the story") {
		t.Errorf("Extractor %q; text lacks the story:\n%s", doc.Extractor, doc.Text)
	}
}

// A page a template wraps in one <header> or <footer>, with many links
// around its article: the band holds the whole page but is not its frame
// (most of its text is links), and taking it for chrome left the page
// without visible prose and its text empty.
func TestBandFramedPageFallsBack(t *testing.T) {
	for _, tag := range []string{"header", "footer"} {
		page := "<html><head><title>Title</title></head><body><" + tag + ">" +
			"<div>" + linkRows(40) + "</div><div>" + prose("story", 3) + "</div></" + tag + "></body></html>"
		doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.Text, "Paragraph 0 of the story") || !strings.Contains(doc.Text, "Paragraph 2 of the story") {
			t.Errorf("<%s>: Extractor %q; text lacks the story:\n%s", tag, doc.Extractor, doc.Text)
		}
	}
}

// A page whose article, two paragraphs, sits in a box named as chrome
// ("bio") beside a list of links that no name marks: the generic passes
// score no paragraph, so the text is the page's runs outside chrome, the
// link list, which is longer than the article. Counted in units it is not
// short; but the largest block counts units outside links, and so does the
// test of a short text: a text of links has none, and the structural pass
// finds the article.
func TestLinkListTextFallsBack(t *testing.T) {
	page := `<html><head><title>Title</title></head><body><div class="bio">` +
		"<p>Delta: at the other side the market had already opened, so the farmers set up their stalls in a hurry, and the first buyers were waiting for them.</p>" +
		"<p>Echo: by noon the apples were gone, the goats sold to a family from the hills, and the talk at the tables had turned to the weather for next week.</p>" +
		"</div><div><ul>" + strings.Repeat(`<li><a href="/s">A section of the site</a></li>`, 6) + "</ul></div></body></html>"
	doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "Delta:") || !strings.Contains(doc.Text, "Echo:") || strings.Contains(doc.Text, "A section") {
		t.Errorf("Extractor %q; text is not the article:\n%s", doc.Extractor, doc.Text)
	}
}
