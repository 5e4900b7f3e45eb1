package clean

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cards returns n teaser cards of class class: a linked headline over a
// summary long enough that the link is under a fifth of the card's text
// (the link-density tests of linkyDiv pass it).
func cards(class string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<div class="%s col-md-4"><h3><a href="/other/%d">Other story number %d</a></h3>`+
			`<p>Summary %d of another story, in which a different reporter tells at some length what a different council `+
			`decided about the roads, the schools and the library, and what the residents said about it afterwards.</p></div>`, class, i, i, i)
	}
	return b.String()
}

// sections returns n sections of one class, each led by a heading that
// links nowhere and holding prose: one article cut into parts.
func sections(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<section class="part"><h2>Part %d of the story</h2>%s<p>Source: <a href="/src/%d">the council's minutes</a>.</p></section>`,
			i, prose(fmt.Sprintf("part %d", i), 3), i)
	}
	return b.String()
}

// feature returns a short block of a product page: a heading that links
// nowhere, a sentence and a "learn more" link, as a product's features
// are laid out. Three make a group of one signature that is no teaser.
func feature(i int) string {
	return fmt.Sprintf(`<div class="feature"><h3>Feature %d</h3><p>What feature %d does for the reader, said in a sentence or two `+
		`about why it helps.</p><p><a href="/learn/%d">Learn more about it</a></p></div>`, i, i, i)
}

// reply returns a reply of a thread: a few lines signed by a name and a time.
func reply(i int) string {
	return fmt.Sprintf(`<div class="msg"><p>I agree with much of this, reply %d says, but the council should have asked `+
		`the residents first, and the library deserves more than a line in the budget.</p>`+
		`<p class="sig">jroe%d, March %d, 2024 at 4:1%d pm</p></div>`, i, i, i+3, i)
}

// blogPost returns one post of a blog's front page: a linked title over prose.
func blogPost(i int) string {
	return fmt.Sprintf(`<div class="entry"><h2><a href="/post/%d">Post number %d</a></h2>%s</div>`, i, i, prose(fmt.Sprintf("post %d", i), 5))
}

// docSection returns one section of a reference page: a heading linked to
// its lines in the one source file every section links, over prose.
func docSection(i int) string {
	return fmt.Sprintf(`<div class="entry"><h2><a href="/src/heap.rs.html#%d-%d">Method number %d</a></h2>%s</div>`, 10*i, 10*i+4, i, prose(fmt.Sprintf("method %d", i), 5))
}

// teaserCases are small pages with repeated blocks, each failing when
// the rule named in its comment is taken out.
var teaserCases = []struct {
	name       string
	page       string
	must, not_ []string
}{
	{
		// card: a grid of linked headlines with summaries after the
		// story, inside the block chosen as the article.
		name: "card grid after the story",
		page: `<article><div class="body">` + prose("story", 8) + `<div class="grid">` + cards("teaser", 4) + `</div></div></article>`,
		must: []string{"Paragraph 7 of the story"},
		not_: []string{"Other story number", "Summary 2 of another story"},
	},
	{
		// card: the sections of one article share a signature, but they
		// are led by headings that link nowhere: all are kept.
		name: "article of one card per section",
		page: `<article><div class="body">` + sections(4) + `</div></article>`,
		must: []string{"Part 0 of the story", "Paragraph 2 of the part 0", "Part 3 of the story", "Paragraph 2 of the part 3"},
	},
	{
		// card: short blocks led by a heading that links nowhere are a
		// product's features, not teasers.
		name: "features after the text",
		page: `<article><div class="body">` + prose("story", 6) + feature(1) + feature(2) + feature(3) + `</div></article>`,
		must: []string{"Paragraph 5 of the story", "What feature 1 does", "What feature 3 does"},
	},
	{
		// card: a bulleted list whose points start with a link is text.
		name: "bulleted list of linked points",
		page: `<article><div class="body">` + prose("story", 6) + `<ul>` +
			`<li><a href="/t/1">First tool</a><br>A tool the reporter used to read the budget and its many tables.</li>` +
			`<li><a href="/t/2">Second tool</a><br>A tool the reporter used to compare it with last year's.</li>` +
			`<li><a href="/t/3">Third tool</a><br>A tool the reporter used to chart where the money goes.</li></ul>` + prose("end", 2) + `</div></article>`,
		must: []string{"A tool the reporter used to read", "chart where the money goes", "Paragraph 1 of the end"},
	},
	{
		// replyGroup: the replies under an opening post, each signed with
		// a name and a time, are dropped; the post is kept.
		name: "forum thread with replies",
		page: `<div class="thread"><div class="msg opening"><p><a href="/u/jane">jane</a></p>` + prose("opening post", 6) + `</div>` +
			reply(1) + reply(2) + reply(3) + `</div>`,
		must: []string{"Paragraph 5 of the opening post"},
		not_: []string{"reply 1 says", "reply 3 says", "jroe2"},
	},
	{
		// replyGroup, dropRuns: replies go even when they outweigh a
		// short opening post of their own template; the post stays.
		name: "forum thread with more replies than post",
		page: `<div class="thread"><div class="msg"><p><a href="/u/jane">jane</a></p>` + prose("opening post", 2) + `<p class="sig">jane, March 1, 2024 at 9:00 am</p></div>` +
			reply(1) + reply(2) + reply(3) + reply(4) + reply(5) + reply(6) + reply(7) + reply(8) + `</div>`,
		must: []string{"Paragraph 0 of the opening post", "Paragraph 1 of the opening post"},
		not_: []string{"reply 1 says", "reply 8 says", "jroe5"},
	},
	{
		// firstPost: a blog's front page is a listing of posts, each led
		// by its linked title; the first post is the article.
		name: "blog listing of three posts",
		page: `<div class="posts">` + blogPost(1) + blogPost(2) + blogPost(3) + `</div>`,
		must: []string{"Paragraph 4 of the post 1"},
		not_: []string{"Paragraph 0 of the post 2", "Post number 3"},
	},
	{
		// postGroup: sections whose leading links all name one page
		// (anchors into one source file) are one document's parts, not
		// posts of a listing: all are kept.
		name: "reference page of sections linked into one source",
		page: `<div class="posts">` + docSection(1) + docSection(2) + docSection(3) + `</div>`,
		must: []string{"Paragraph 4 of the method 1", "Paragraph 0 of the method 2", "Paragraph 4 of the method 3"},
	},
}

func TestTeaserRules(t *testing.T) {
	for _, c := range teaserCases {
		t.Run(c.name, func(t *testing.T) {
			checkText(t, cleanBody(t, "Title", c.page), c.must, c.not_)
		})
	}
}

func TestSignOff(t *testing.T) {
	for line, want := range map[string]bool{
		"jroe, March 3, 2024 at 4:15 pm":         true,
		"Posted by Jane Roe 3 hours ago":         true,
		"— Dylan Byers (@DylanByers) November 7": true,
		"March 3, 2024":                          false, // a date alone: no name
		"4:15 pm":                                false,
		"The council met on March 3 and, after four hours of argument, still could not agree on a budget for the schools.": false, // prose
		"Jane Roe": false,
		// names a month's or a day's stem starts, short names ending in
		// t: the name stays (stampWordRe)
		"Mark, May 3, 2012 at 4:15 pm":  true,
		"Janet, March 3, 2012":          true,
		"Sunil 3 hours ago":             true,
		"Pat, May 5, 2023 at 5:28 pm":   true,
		"Scott – 12/03/2012 10:15":      true,
		"Matt said on Sept 3, 2012":     true,
		"Posted Tuesday, 4:15 pm EDT":   false, // no name: the words are the stamp's
		"Updated: Monday 3 March 10:15": false,
	} {
		if got := signOff(line); got != want {
			t.Errorf("signOff(%q) = %v, want %v", line, got, want)
		}
	}
}

func TestSignature(t *testing.T) {
	if sa, sb := signature(firstElement(t, `<div class="card promo">`)), signature(firstElement(t, `<div class="promo card">`)); sa != sb {
		t.Errorf("signatures of one class list in two orders differ: %q, %q", sa, sb)
	}
	if signature(firstElement(t, `<div class="card">`)) == signature(firstElement(t, `<div class="promo">`)) {
		t.Error("different classes give one signature")
	}
}

// firstElement parses an element's start tag and returns the element.
func firstElement(t *testing.T, tag string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader("<html><body>" + tag + "x"))
	if err != nil {
		t.Fatal(err)
	}
	var body *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			body = n
		}
		for c := n.FirstChild; c != nil && body == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	if body == nil || body.FirstChild == nil {
		t.Fatalf("no element in %s", tag)
	}
	return body.FirstChild
}

func TestLinkedImageFirst(t *testing.T) {
	many := strings.Repeat("<span></span>", imageLook)
	for page, want := range map[string]bool{
		`<div><a href="/s/1"><img src="t.jpg"></a><h3>Headline</h3></div>`:                     true,
		`<div><div><a href="/s/1"><span><picture></picture></span></a></div><p>Text</p></div>`: true,
		`<div><img src="t.jpg"><h3><a href="/s/1">Headline</a></h3></div>`:                     false, // the image links nowhere
		`<div><p>Text first</p><a href="/s/1"><img src="t.jpg"></a></div>`:                     false,
		`<div><a href="#top"><img src="t.jpg"></a></div>`:                                      false, // a jump within the page
		`<div><script>x</script><a href="/s/1"><img src="t.jpg"></a></div>`:                    true,
		`<div>` + many + `<a href="/s/1"><img src="t.jpg"></a></div>`:                          false, // past imageLook nodes
	} {
		if got := linkedImageFirst(firstElement(t, page)); got != want {
			t.Errorf("linkedImageFirst(%s) = %v, want %v", page, got, want)
		}
	}
}

func TestLeadHref(t *testing.T) {
	for page, want := range map[string]string{
		`<div><h2><a href="#x">¶</a><a href=" /src/a.rs.html#3-5 ">Source</a></h2><p>Text</p></div>`: "/src/a.rs.html#3-5",
		`<div><p>No link at all</p></div>`:                                                   "",
		`<div>` + strings.Repeat("<span></span>", imageLook) + `<a href="/p">late</a></div>`: "",
	} {
		if got := leadHref(firstElement(t, page)); got != want {
			t.Errorf("leadHref(%s) = %q, want %q", page, got, want)
		}
	}
}

// TestRootGroupsKept: rootGroups gives what rootGroupsOf finds for the
// roots asked about, whether it asked about them last, about others, or
// about the same nodes in another slice.
func TestRootGroupsKept(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><div id=a>")
	for i := range 4 {
		fmt.Fprintf(&b, `<div class="card"><a href="/%d">Headline %d</a><p>Summary of story %d, two lines or so.</p></div>`, i, i, i)
	}
	b.WriteString("</div><div id=b>")
	for i := range 3 {
		fmt.Fprintf(&b, `<p class="post">Paragraph %d of the article, long enough to count as prose here.</p>`, i)
	}
	b.WriteString("</div></body></html>")
	root, err := html.Parse(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	var a, bb *html.Node
	for _, n := range bw.order {
		switch attr(n, "id") {
		case "a":
			a = n
		case "b":
			bb = n
		}
	}
	groups := func(gs []*sibGroup) (out [][]*html.Node) {
		for _, g := range gs {
			out = append(out, g.items)
		}
		return out
	}
	for _, roots := range [][]*html.Node{{a}, {a}, {bb}, {a, bb}, {a}, append(make([]*html.Node, 0, 4), a)} {
		got, want := groups(rootGroups(bw, roots)), groups(rootGroupsOf(bw, roots))
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("rootGroups(%v) = %v, want %v", roots, got, want)
		}
	}
	if len(rootGroupsOf(bw, []*html.Node{a})) == 0 || len(rootGroupsOf(bw, []*html.Node{bb})) == 0 {
		t.Error("the roots hold no group: the test proves little")
	}
}

// TestSignedThreadAfterShortPost: a thread that no heading labels and no
// name marks, each reply signed with a name and a time, is dropped after
// a short post even when it outweighs the post (signedThreads); a
// forum's thread, whose first item holds the opening post, keeps it.
func TestSignedThreadAfterShortPost(t *testing.T) {
	var replies strings.Builder
	for i := 1; i <= 8; i++ {
		replies.WriteString(reply(i))
	}
	page := `<div class="x1"><h1>The council meets again</h1>` + prose("post", 2) + `</div><div class="x2">` + replies.String() + `</div>`
	checkText(t, cleanBody(t, "Title", page), []string{"Paragraph 0 of the post", "Paragraph 1 of the post"}, []string{"reply 1 says", "reply 8 says", "jroe3"})

	forum := `<div class="x2"><div class="msg"><h1>The council meets again</h1>` + prose("opening post", 2) + `<p class="sig">jane, March 1, 2024 at 9:00 am</p></div>` + replies.String() + `</div>`
	checkText(t, cleanBody(t, "Title", forum), []string{"Paragraph 0 of the opening post", "Paragraph 1 of the opening post"}, nil)
}

// framedReply returns a reply whose sign-off is split around its text, as
// blog templates lay it out: the name and "says:" over the time, then
// the text, then a "Reply" link.
func framedReply(i int) string {
	return fmt.Sprintf(`<div class="x3"><div class="x4"><div><b>jroe%d</b> says:</div><div><a href="#c%d">March %d, 2024 at 4:1%d pm</a></div></div>`+
		`<div class="x5"><p>I agree with much of this, reply %d says, but the council should have asked the residents first, and the library deserves more than a line in the budget.</p></div>`+
		`<div class="x6"><a href="?replyto=%d">Reply</a></div></div>`, i, i, i+3, i, i, i)
}

// TestFramedSignOff: replies whose name and time sit above their text
// and a "Reply" link below it are signed off (framedSignOff): after a
// short post they are a thread, dropped. Cards led by a heading, with a
// date under their text ("Updated: March 5, 2024"), are not replies.
func TestFramedSignOff(t *testing.T) {
	var replies strings.Builder
	for i := 1; i <= 6; i++ {
		replies.WriteString(framedReply(i))
	}
	page := `<div class="x1"><h1>The council meets again</h1>` + prose("post", 2) + `<div class="x2">` + replies.String() + `</div></div>`
	checkText(t, cleanBody(t, "Title", page), []string{"Paragraph 0 of the post", "Paragraph 1 of the post"}, []string{"reply 1 says", "reply 6 says", "jroe3"})

	var shows strings.Builder
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&shows, `<div class="x3"><h3>Show number %d</h3><p>Show %d is a weekly programme about the town, its council and its people, with interviews and a look at the week's decisions.</p>`+
			`<p>%d episodes</p><p>Updated: March %d, 2024</p><p><a href="/show/%d">Explore all</a></p></div>`, i, i, 10*i, i, i)
	}
	page = `<div class="x1"><h1>The council meets again</h1>` + prose("post", 2) + `<div class="x2">` + shows.String() + `</div></div>`
	checkText(t, cleanBody(t, "Title", page), []string{"Paragraph 1 of the post", "Show 1 is a weekly", "Show 3 is a weekly"}, nil)
}

// TestHeadedSignedSections: signed and dated blocks each under a heading
// of their own (letters to the editor under their titles) after a short
// introduction are the page's text, not a thread: a reply has no heading
// of its own (ownHeading).
func TestHeadedSignedSections(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<div class="x1"><h1>Letters to the editor</h1><p>` + neParas[0] + `</p><div class="x2">`)
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, `<div class="x3"><h3>Letter number %d, on the ferry</h3><p>%s</p><p>%s</p><p class="x4">Jane Roe %d, Springfield, March %d, 2024</p></div>`,
			i+1, neParas[i+1], neReplies[i], i, i+1)
	}
	b.WriteString(`</div></div>`)
	checkText(t, cleanBody(t, "Letters", b.String()), []string{"Alpha:", "Letter number 1", neParas[1][:20], "Letter number 4", neParas[4][:20]}, nil)
}

// liveUpdate returns the i-th update of a live blog, its author and a
// stamp after its text (stamp formats the minutes).
func liveUpdate(i int, stamp string) string {
	return fmt.Sprintf(`<div class="x3"><p>Update %d: the water at the harbour wall rose again, the crews moved the sandbags further up the road, and the ferry stayed tied up at the quay.</p>`+
		`<p class="x4">`+stamp+`</p></div>`, i, 50-3*i)
}

// TestLiveBlogUpdates: a live blog's updates stamped with a name and a
// clock time alone, after a short standfirst, are the article, not a
// thread of replies (dayLog): a day's entries carry no date. The same
// blocks stamped with dates or ages are replies, and go.
func TestLiveBlogUpdates(t *testing.T) {
	page := func(stamp string) string {
		var b strings.Builder
		b.WriteString(`<div class="x1"><h1>Storm over the town: live</h1><p>` + neParas[0] + `</p><div class="x2">`)
		for i := 1; i <= 10; i++ {
			b.WriteString(liveUpdate(i, stamp))
		}
		return b.String() + `</div></div>`
	}
	updates := []string{"Alpha:", "Update 1:", "Update 5:", "Update 10:"}
	checkText(t, cleanBody(t, "Storm over the town: live", page("Jane Roe, 4:%02d pm")), updates, nil)
	checkText(t, cleanBody(t, "Storm over the town: live", page("Jane Roe 15:%02d GMT")), updates, nil)
	checkText(t, cleanBody(t, "Storm over the town: live", page("Jane Roe, March 3, 2024 at 4:%02d pm")), []string{"Alpha:"}, []string{"Update 1:", "Update 10:"})
	checkText(t, cleanBody(t, "Storm over the town: live", page("jroe, %d minutes ago")), []string{"Alpha:"}, []string{"Update 1:", "Update 10:"})
}

// frontPost returns the i-th post of a blog's front page: a linked title,
// a date, paras paragraphs and a link to the rest.
func frontPost(i, paras int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="x3"><h2><a href="/2024/03/post-%d">Post number %d</a></h2><p class="x4">March %d, 2024</p>`, i, i, i)
	for j := 1; j <= paras; j++ {
		fmt.Fprintf(&b, `<p>Post %d paragraph %d: we walked along the river to the old mill, where the water was high after the rain, and talked about the summer.</p>`, i, j)
	}
	fmt.Fprintf(&b, `<p><a href="/2024/03/post-%d#more">Continue reading</a></p></div>`, i)
	return b.String()
}

// TestFrontWithShortPost: a blog's front page of full posts keeps only
// its first post (firstPost) though one of the posts is as short as a
// card; a front of short items only is a listing, kept whole.
func TestFrontWithShortPost(t *testing.T) {
	front := `<div class="x1">` + frontPost(1, 5) + frontPost(2, 1) + frontPost(3, 5) + frontPost(4, 5) + `</div>`
	checkText(t, cleanBody(t, "Notes from the mill", front), []string{"Post 1 paragraph 1:", "Post 1 paragraph 5:"}, []string{"Post 2 paragraph 1:", "Post 3 paragraph", "Post 4 paragraph"})
	front = `<div class="x1">` + frontPost(1, 1) + frontPost(2, 5) + frontPost(3, 5) + `</div>`
	checkText(t, cleanBody(t, "Notes from the mill", front), []string{"Post 1 paragraph 1:"}, []string{"Post 2 paragraph", "Post 3 paragraph"})
	front = `<div class="x1">` + frontPost(1, 1) + frontPost(2, 1) + frontPost(3, 1) + frontPost(4, 1) + `</div>`
	checkText(t, cleanBody(t, "Notes from the mill", front), []string{"Post 1 paragraph 1:", "Post 4 paragraph 1:"}, nil)
}
