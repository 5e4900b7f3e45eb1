package clean

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The cases are small pages written for these tests, one per kind of
// caption (captions.go): each holds captions that must leave the text for
// Captions, and lines like them that must stay.
var captionCases = []struct {
	name     string
	page     string
	captions []string // Document.Captions, exactly
	keep     []string // in Text
}{
	{
		name: "figcaption and text inside a figure",
		page: `<article><div>` + prose("story", 3) +
			`<figure><img src="/p.jpg"><figcaption>The council chamber on Tuesday evening</figcaption></figure>` +
			`<figure><img src="/q.jpg"><p>The mayor, at the door, before the vote</p></figure>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"The council chamber on Tuesday evening", "The mayor, at the door, before the vote"},
		keep:     []string{"Paragraph 1 of the end"},
	},
	{
		name: "a figure framing paragraphs of the story",
		page: `<article><div>` + prose("story", 3) +
			`<figure><img src="/r.jpg">` + prose("framed", 4) +
			`<figcaption>The river at dawn</figcaption></figure>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"The river at dawn"},
		keep:     []string{"Paragraph 0 of the framed", "Paragraph 3 of the framed", "Paragraph 1 of the end"},
	},
	{
		name: "WordPress caption and a caption wrapper",
		page: `<article><div class="entry-content">` + prose("story", 3) +
			`<div class="wp-caption aligncenter"><img src="/a.jpg"><p class="wp-caption-text">Volunteers clear the river bank</p></div>` +
			`<div class="dnd-caption-wrapper">Even posh hotels might not wash a blanket between stays</div>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"Volunteers clear the river bank", "Even posh hotels might not wash a blanket between stays"},
		keep:     []string{"Paragraph 1 of the end"},
	},
	{
		name: "credit lines by a picture, and the same words in the text",
		page: `<article><div>` + prose("story", 2) +
			`<p><img src="/b.jpg"></p><p>Photo: Jane Roe</p>` + prose("middle", 2) +
			`<div class="pic"><img src="/c.jpg"></div><p>Flood water in the square. (Reuters)</p>` +
			`<p>Getty Images</p>` + prose("late", 1) +
			`<p align="center"><img src="/d.jpg"></p><p align="center">新华社记者 李明 摄</p>` +
			`<p>Reuters reported on Tuesday that the council had met again.</p>` +
			`<p>Photo: the council kept the old picture of the square, its clerk said, and the mayor agreed with him at length.</p>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"Photo: Jane Roe", "Flood water in the square. (Reuters)", "Getty Images", "新华社记者 李明 摄"},
		keep:     []string{"Reuters reported on Tuesday", "Photo: the council kept", "Paragraph 1 of the end"},
	},
	{
		name: "credit lines set before their picture",
		page: `<article><div>` + prose("story", 3) +
			`<div class="x5"><p>Photos by local children now hang in the town hall.</p>` + prose("long", 4) + `<img src="/c.jpg"></div>` +
			`<div class="x1"><div class="x2"><span>Image source, </span><span>Getty Images</span></div><img src="/a.jpg">` +
			`<p>The harbour wall after the second wave</p></div>` + prose("middle", 2) +
			`<div class="x3"><p>Photo: Jane Roe/AP</p><div class="x4"><img src="/b.jpg"></div></div>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"Image source, Getty Images", "The harbour wall after the second wave", "Photo: Jane Roe/AP"},
		keep:     []string{"Photos by local children", "Paragraph 1 of the middle", "Paragraph 1 of the end"},
	},
	{
		name: "a bare name in a block named as a credit, by a picture",
		page: `<article><div>` + prose("story", 3) +
			`<p><img src="/a.jpg"></p><p class="credit">Jane Roe</p>` + prose("middle", 2) +
			`<div class="pic"><img src="/b.jpg"></div><div class="media-credits"><span>John Doe</span></div>` +
			prose("end", 2) + `<p class="credits">Reporting by Ann Poe; editing by Tom Lee</p></div></article>`,
		captions: []string{"Jane Roe", "John Doe"},
		keep:     []string{"Reporting by Ann Poe; editing by Tom Lee", "Paragraph 1 of the middle", "Paragraph 1 of the end"},
	},
	{
		name: "a Chinese picture's kind as its caption",
		page: `<article><div>` + prose("story", 3) +
			`<p align="center"><img src="/a.jpg"></p><p align="center">资料图</p>` + prose("middle", 2) +
			`<p align="center"><img src="/b.jpg"></p><p align="center">雨后的北京街头（视频截图）</p>` +
			`<p>这张示意图显示了新桥的位置。</p>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"资料图", "雨后的北京街头（视频截图）"},
		keep:     []string{"这张示意图显示了新桥的位置", "Paragraph 1 of the middle", "Paragraph 1 of the end"},
	},
	{
		name: "a sentence that names an agency last, by a picture",
		page: `<article><div>` + prose("story", 3) +
			`<p><img src="/a.jpg"></p><p>The figures were first reported by Reuters.</p>` + prose("middle", 2) +
			`<p><img src="/b.jpg"></p><p>Jane Roe for Reuters.</p>` + prose("late", 1) +
			`<p><img src="/c.jpg"></p><p>Photo by AFP.</p>` + prose("end", 2) + `</div></article>`,
		captions: []string{"Jane Roe for Reuters.", "Photo by AFP."},
		keep:     []string{"The figures were first reported by Reuters.", "Paragraph 1 of the end"},
	},
	{
		name: "captions under a screen reader's label",
		page: `<article><div>` + prose("story", 3) +
			`<div class="x1"><p>Media playback is unsupported on your device</p><p><span>Media caption, </span>The mayor walks the harbour wall</p></div>` +
			prose("middle", 2) + `<p>Image caption, as the clerk calls it, is a line the council never reads.</p>` +
			`<p>Video caption,</p>` + prose("end", 2) + `</div></article>`,
		captions: []string{"Media playback is unsupported on your device", "Media caption, The mayor walks the harbour wall"},
		keep:     []string{"Video caption,", "Paragraph 1 of the end"},
	},
	{
		name: "blocks named for having no caption",
		page: `<article><div>` + prose("story", 3) +
			`<div class="item no_caption"><h2>The mother of the runner described the last hour of the race to the court on Monday</h2><img src="/e.jpg"></div>` +
			`<div class="media no-caption"><img src="/f.jpg"><p>The clerk read the names of the jurors aloud.</p></div>` +
			`<div class="withoutCaption"><img src="/g.jpg"><p>The court rose at noon.</p></div>` +
			`<div class="image-caption"><img src="/h.jpg"><p>The court house in winter</p></div>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"The court house in winter"},
		keep:     []string{"The mother of the runner", "The clerk read the names", "The court rose at noon", "Paragraph 1 of the end"},
	},
	{
		name: "media placeholders",
		page: `<article><div>` + prose("story", 3) +
			`<div class="player"><p>Media playback is unsupported on your device</p></div>` + prose("middle", 2) +
			`<div><p>Your browser does not support the video tag.</p></div>` + prose("end", 2) + `</div></article>`,
		captions: []string{"Media playback is unsupported on your device", "Your browser does not support the video tag."},
		keep:     []string{"Paragraph 1 of the middle", "Paragraph 1 of the end"},
	},
	{
		name: "a picture's block, whatever its classes are called",
		page: `<article><div class="css-a1">` + prose("story", 3) +
			`<div class="css-b2"><img src="/p.jpg"><p>The council chamber, seen from the gallery, on Tuesday evening</p></div>` +
			`<div class="css-c3"><div class="css-d4"><img src="/q.jpg"></div><p class="css-e5">The mayor at the door before the vote</p></div>` +
			`<p><img src="/r.jpg">A paragraph that holds its own picture, as an image floated at the start of a paragraph does.</p>` +
			`<div class="css-f6"><img src="/s.jpg"><h3>A title beside a picture</h3></div>` +
			`<div class="css-g7"><img src="/t.jpg"><p>A line beside a picture that links <a href="/more">to more</a></p></div>` +
			`<div class="css-h8"><img src="/u.jpg"><p>One paragraph by the picture.</p><p>And a second one.</p></div>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"The council chamber, seen from the gallery, on Tuesday evening", "The mayor at the door before the vote"},
		keep: []string{"A paragraph that holds its own picture", "A title beside a picture", "A line beside a picture",
			"One paragraph by the picture.", "And a second one.", "Paragraph 1 of the end"},
	},
	{
		name: "a picture's post of one paragraph",
		page: `<h1>A week by the sea</h1><div class="c1"><div class="c2"><img src="/a.jpg"><p>We went to the sea in July, and the weather, ` +
			`which had been grey for weeks, turned at last; the children swam every day, and we ate fish at the harbour every night.</p></div></div>`,
		keep: []string{"We went to the sea in July"},
	},
	{
		name: "a gallery's slides beside a story",
		page: `<article><div>` + prose("story", 4) +
			`<div class="full-gallery"><div class="scroller"><ul class="images"><li><img src="/1.jpg"></li><li><img src="/2.jpg"></li><li><img src="/3.jpg"></li></ul>` +
			`<ul class="legends">` + slides(3) + `</ul></div></div>` +
			`<ul class="hp-slideshow">` + slides(3) + `</ul>` + prose("end", 1) + `</div></article>`,
		captions: []string{"1/3 The quay", "Slide 1 shows the quay where the ferry from the island came in before the storm.",
			"2/3 The quay", "Slide 2 shows the quay where the ferry from the island came in before the storm.",
			"3/3 The quay", "Slide 3 shows the quay where the ferry from the island came in before the storm."},
		keep: []string{"Paragraph 3 of the story", "Paragraph 0 of the end"},
	},
	{
		name: "captions of a gallery the story holds, named as a gallery",
		page: `<article><div>` + prose("story", 3) +
			`<div class="gallery"><figure><img src="/1.jpg"><figcaption>The quay before the storm</figcaption></figure>` +
			`<figure><img src="/2.jpg"><figcaption>The harbour wall after the second wave</figcaption></figure></div>` +
			`<div class="gallery-grid"><dl class="gallery-item"><dt><a href="/3"><img src="/3.jpg"></a></dt>` +
			`<dd class="wp-caption-text gallery-caption">Boats pulled up on the green</dd></dl>` +
			`<dl class="gallery-item"><dt><a href="/4"><img src="/4.jpg"></a></dt>` +
			`<dd class="wp-caption-text gallery-caption">The church at high water</dd></dl></div>` +
			prose("end", 2) + `</div></article>`,
		captions: []string{"The quay before the storm", "The harbour wall after the second wave", "Boats pulled up on the green", "The church at high water"},
		keep:     []string{"Paragraph 2 of the story", "Paragraph 1 of the end"},
	},
	{
		name: "a page that is a gallery",
		page: `<article><h1>Five views of the harbour</h1><ul class="slideshow">` + slides(5) + `</ul></article>`,
		keep: []string{"1/5 The quay", "Slide 1 shows the quay", "Slide 5 shows the quay"},
	},
	{
		name: "paragraphs of a story in a wrapper named slideshow",
		page: `<article><div>` + prose("intro", 4) + `<div class="slideshow-story">` + prose("story", 3) + `</div></div></article>`,
		keep: []string{"Paragraph 3 of the intro", "Paragraph 0 of the story", "Paragraph 2 of the story"},
	},
}

// slides returns n slides of a gallery: list items, each a title over a
// caption.
func slides(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "<li><h2>%d/%d The quay</h2><p>Slide %d shows the quay where the ferry from the island came in before the storm.</p></li>", i, n, i)
	}
	return b.String()
}

func TestCaptions(t *testing.T) {
	for _, tc := range captionCases {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><head><title>Title</title></head><body>" + tc.page + "</body></html>"
			doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page)})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(doc.Captions, tc.captions) {
				t.Errorf("Captions = %q, want %q", doc.Captions, tc.captions)
			}
			for _, c := range tc.captions {
				if strings.Contains(doc.Text, c) {
					t.Errorf("text holds the caption %q", c)
				}
			}
			for _, k := range tc.keep {
				if !strings.Contains(doc.Text, k) {
					t.Errorf("text lacks %q; text:\n%s", k, doc.Text)
				}
			}
		})
	}
}

// A caption is not part of the text's hash: the same story under another
// photo's caption is the same text.
func TestCaptionsLeaveTheHash(t *testing.T) {
	page := func(caption string) []byte {
		return []byte(`<html><head><title>Title</title></head><body><article><div>` + prose("story", 3) +
			`<figure><img src="/p.jpg"><figcaption>` + caption + `</figcaption></figure>` + prose("end", 2) + `</div></article></body></html>`)
	}
	a, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: page("The chamber at night")})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Clean(Input{URL: "http://example.org/b", Header: http.Header{}, Body: page("Photo: Jane Roe/AP")})
	if err != nil {
		t.Fatal(err)
	}
	if a.TextSHA256 != b.TextSHA256 {
		t.Errorf("hashes differ: %s, %s", a.TextSHA256, b.TextSHA256)
	}
	if len(a.Captions) != 1 || len(b.Captions) != 1 || a.Captions[0] == b.Captions[0] {
		t.Errorf("captions %q and %q: want one each, different", a.Captions, b.Captions)
	}
}

// pictureTree answers for the tree of the node it is asked about, not for
// the tree it looked over last.
func TestPictureTreeFollowsTheTree(t *testing.T) {
	with := parseTestPage(t, `<html><body><p>Photo: Jane Roe</p><p><img src="/a.jpg"></p></body></html>`)
	without := parseTestPage(t, `<html><body><p>Photo: Jane Roe</p><p>No picture here</p></body></html>`)
	var pics pictureTree
	for i, tc := range []struct {
		root *html.Node
		want bool
	}{{with, true}, {without, false}, {without, false}, {with, true}, {nil, false}} {
		n := tc.root
		for n != nil && n.FirstChild != nil {
			n = n.FirstChild // a leaf, as a run's owner is deep in its tree
		}
		if got := pics.has(n); got != tc.want {
			t.Errorf("ask %d: has = %v, want %v", i, got, tc.want)
		}
	}
}

// A credit line is a caption beside a picture and text on a page that has
// none: the check of the page for a picture skips only what could not be
// a caption.
func TestCreditWithoutAPictureStays(t *testing.T) {
	body := func(pic string) []byte {
		return []byte(`<html><head><title>Title</title></head><body><article><div>` + prose("story", 3) +
			`<p>` + pic + `</p><p>Photo: Jane Roe</p>` + prose("end", 2) + `</div></article></body></html>`)
	}
	for _, tc := range []struct {
		pic     string
		caption bool
	}{{`<img src="/a.jpg">`, true}, {`a line of its own`, false}} {
		doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: body(tc.pic)})
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(doc.Captions, "Photo: Jane Roe"); got != tc.caption {
			t.Errorf("beside %q: caption %v, want %v (captions %q)", tc.pic, got, tc.caption, doc.Captions)
		}
		if got := strings.Contains(doc.Text, "Photo: Jane Roe"); got == tc.caption {
			t.Errorf("beside %q: in text %v, want %v", tc.pic, got, !tc.caption)
		}
	}
}

func parseTestPage(t *testing.T, page string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// A long caption full of commas in a picture's block of unknown name
// scores more than a story of short paragraphs beside it; it is a
// caption, so it does not score, and the story is the text.
func TestPictureCaptionDoesNotWin(t *testing.T) {
	var story strings.Builder
	for i := range 9 {
		fmt.Fprintf(&story, "<p>Short paragraph %d of the story tells what the crew of the station did next week.</p>", i)
	}
	caption := "In this Dec. 12, 2006, file photo, made available by the agency, an astronaut, left, and another, right, " +
		"take part in a walk outside the station, during its construction, over the ocean, at dawn. (Agency, File)"
	page := `<html><body><div class="x1"><h1 class="x2">Crew plans</h1>` +
		`<div class="x3"><img src="/space.jpg"><p>` + caption + `</p></div>` +
		`<div class="x4">` + story.String() + `</div></div></body></html>`
	doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "Short paragraph 0 of the story") || !strings.Contains(doc.Text, "Short paragraph 8 of the story") {
		t.Errorf("text lacks the story:\n%s", doc.Text)
	}
	if strings.Contains(doc.Text, "file photo") {
		t.Errorf("text holds the caption:\n%s", doc.Text)
	}
}

// A CMS that writes no <figure> puts a picture, its caption and its
// credit in one block of unknown name: the credit, told by its form,
// leaves the caption as the block's other text, and both leave the text.
// A paragraph above the picture in such a block (a how-to's step with
// its photo and the photo's credit) is text, and so is a line beside a
// caption told by its name: a picture has one caption.
func TestCaptionBesideCredit(t *testing.T) {
	const caption = "The old mill by the river, seen from the bridge in spring."
	for _, tc := range []struct {
		name, block string
		caption     bool
	}{
		{"caption under the picture, credit beside it",
			`<div class="x1"><div class="x2"><img src="/mill.jpg"><span class="x3">Foto: Jane Roe</span></div>` +
				`<div class="x4">` + caption + `</div></div>`, true},
		{"caption in an inline wrapper, credit after it",
			`<div class="x1"><div><img src="/mill.jpg"></div><div class="x4"><x-fold><p>` + caption +
				`</p></x-fold><small>Getty Images</small></div></div>`, true},
		{"paragraph above the picture, credit below",
			`<div class="x1"><div class="x4"><p>` + caption + `</p></div><img src="/mill.jpg">` +
				`<div class="x3">Jane Roe/iStock/Getty Images</div></div>`, false},
		{"line beside a named caption",
			`<div class="x1"><img src="/mill.jpg"><div class="x4">` + caption + `</div>` +
				`<div class="image-caption">The mill in spring.</div></div>`, false},
	} {
		page := `<html><head><title>Mills</title></head><body><div class="x0">` + prose("story", 3) + tc.block +
			prose("end", 3) + `</div></body></html>`
		doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(doc.Text, caption); got == tc.caption {
			t.Errorf("%s: caption in the text %v, want %v:\n%s", tc.name, got, !tc.caption, doc.Text)
		}
		if got := slices.Contains(doc.Captions, caption); got != tc.caption {
			t.Errorf("%s: caption in Captions %v, want %v (captions %q)", tc.name, got, tc.caption, doc.Captions)
		}
	}
}

// TestFigureBodyIsText: a table, a code sample, a quote or a list that a
// <figure> presents (WordPress's table block, a highlighter's code figure,
// a book's numbered listing, Bootstrap's quote with its source) is text
// of the article; only the figure's <figcaption> is a caption.
func TestFigureBodyIsText(t *testing.T) {
	for name, c := range map[string]struct{ figure, want string }{
		"table": {`<figure class="wp-block-table"><table><thead><tr><th>Year</th><th>Crossings</th></tr></thead>` +
			`<tbody><tr><td>2024</td><td>1,200</td></tr></tbody></table><figcaption>Crossings by year</figcaption></figure>`,
			"Year | Crossings\n\n2024 | 1,200"},
		"code": {`<figure class="highlight"><pre><code>sail(now)` + "\n" + `wait(10)</code></pre><figcaption>Listing 1: sailing</figcaption></figure>`,
			"sail(now)\nwait(10)"},
		"quote": {`<figure><blockquote class="blockquote"><p>The harbour master said the wind that night was the worst he could remember.</p></blockquote>` +
			`<figcaption>Tom Hale, in the harbour log</figcaption></figure>`,
			"\n\nThe harbour master said the wind that night was the worst he could remember.\n\n"},
		"list": {`<figure><ul><li>Apples from the hill farm</li><li>Two goats</li></ul><figcaption>What was sold</figcaption></figure>`,
			"Apples from the hill farm\n\nTwo goats"},
	} {
		page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + prose(name, 2) + c.figure + prose("end", 1) + `</article></body></html>`
		doc, err := Clean(Input{URL: "http://example.com/a", Header: http.Header{}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.Text, c.want) {
			t.Errorf("%s: the figure's body is not in the text:\n%s\ncaptions %q", name, doc.Text, doc.Captions)
		}
		if len(doc.Captions) != 1 || strings.Contains(doc.Text, doc.Captions[0]) {
			t.Errorf("%s: want the figcaption alone in Captions, not in the text: %q", name, doc.Captions)
		}
	}
}
