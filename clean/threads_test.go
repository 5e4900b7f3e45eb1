package clean

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// threadPage is a short post and, after it, a comment section that a
// heading labels (label), with replies longer than the post, and no class
// or id name on the page to say which is which.
func threadPage(label, post, reply string, replies int) string {
	var b strings.Builder
	b.WriteString(`<div><div><h1>A short post</h1><div>`)
	b.WriteString(post)
	b.WriteString(`</div></div><div><h3>` + label + `</h3>`)
	for i := range replies {
		fmt.Fprintf(&b, `<div><p>%s</p><p>Reader %d, March %d, 2012 at 4:15 pm</p></div>`, reply, i, i+1)
	}
	b.WriteString(`</div></div>`)
	return b.String()
}

// TestLabelledThread: a comment section under a post, labelled by its
// heading ("Comments", "评论"), is no part of the article even when no
// class or id names it, and its replies, longer together than the post,
// do not make it the article.
func TestLabelledThread(t *testing.T) {
	post := `<p>The council met on Tuesday to weigh the plan for the river park, which would close the old road, move the market and add a path along the water.</p>` +
		`<p>After four hours the members voted to put the plan to the town in the spring, with a second hearing on the cost of the path.</p>`
	reply := `I walked that road every day for years, and I think, honestly, that closing it would hurt the shops, the market, the school run and, in the end, the park itself.`
	doc := cleanBody(t, "A short post", threadPage("Comments", post, reply, 12))
	checkText(t, doc, []string{"The council met on Tuesday", "put the plan to the town"}, []string{"I walked that road", "Reader 3"})

	zhPost := `<p>市议会周二开会讨论河滨公园的方案，方案将关闭旧路，迁移市场，并沿河修建步道。</p><p>经过四个小时的讨论，议员们投票决定在春季把方案交给全镇讨论，并就步道的费用再举行一次听证会。</p>`
	zhReply := `我每天都走那条路，说实话，我觉得关闭它会伤害商店、市场、上学的孩子，最后也会伤害公园本身。`
	zh := cleanBody(t, "A short post", threadPage("评论", zhPost, zhReply, 12))
	checkText(t, zh, []string{"市议会周二开会", "再举行一次听证会"}, []string{"我每天都走那条路"})
}

// TestThreadLabelOpensNothing: a label that opens no section (a count in
// the post's own block) takes none of the post with it, and a label
// before any prose (the post's own first heading) is no thread.
func TestThreadLabelOpensNothing(t *testing.T) {
	post := `<p>The council met on Tuesday to weigh the plan for the river park, which would close the old road, move the market and add a path along the water.</p>` +
		`<h3>12 comments</h3>` +
		`<p>After four hours the members voted to put the plan to the town in the spring, with a second hearing on the cost of the path.</p>`
	doc := cleanBody(t, "A short post", `<div><h1>A short post</h1>`+post+`</div>`)
	checkText(t, doc, []string{"The council met on Tuesday", "put the plan to the town"}, nil)

	// The same label before any prose: the post's own first heading, over
	// its text, opens no thread.
	first := strings.Replace(post, `<h3>12 comments</h3>`, "", 1)
	doc = cleanBody(t, "A short post", `<div><div><h3>Comments</h3>`+first+`</div><p>Share this</p></div>`)
	checkText(t, doc, []string{"The council met on Tuesday", "put the plan to the town"}, nil)
	if doc.Extractor != ExtractorGeneric {
		t.Errorf("a label before the prose: extractor %q, want %q", doc.Extractor, ExtractorGeneric)
	}
}

// TestThreadOutOfLinkDensity: a wrapper around a post, its box of links
// and the thread under it is weighed by the links of its text outside the
// thread: the replies' long unlinked text does not dilute the links of the
// box beside the post and lift the wrapper over the post.
func TestThreadOutOfLinkDensity(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><div><div><h2>A short post</h2><div>`)
	for range 2 {
		b.WriteString(`<p>The council met on Tuesday to weigh the plan for the <a href="/park">river park</a>, which would close the old road, move the market and add a path.</p>`)
	}
	b.WriteString(`</div><p>Related links</p><ul>`)
	for i := range 4 {
		fmt.Fprintf(&b, `<li><a href="/l%d">Another story about the town council and its plans, part %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></div><div><h3>Comments</h3>`)
	for i := range 12 {
		fmt.Fprintf(&b, `<div><p>I walked that road every day for years, and I think, honestly, that closing it would hurt the shops, the market and the park.</p><p>Reader %d, March %d, 2012 at 4:15 pm</p></div>`, i, i+1)
	}
	b.WriteString(`</div></div></body></html>`)
	root, err := html.Parse(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	defer bw.release()
	post := bw.runs[1].owner.Parent // the <div> around the post's paragraphs (runs[0] is its heading)
	roots := genericRoots(bw, headlineRegion(bw, "A short post"))
	if len(roots) != 1 || roots[0] != post {
		for _, r := range roots {
			t.Errorf("root <%s> with %d units, want the post's block (%d units) alone", r.Data, bw.stats[r].units, bw.stats[post].units)
		}
	}
}

// TestCountedThreadLabel: a comment section's heading that counts the
// replies or calls for one ("Comments (11) Add A Comment", "One Response
// to …", "Leave a Reply", "已有12件评论", "发表评论") labels the thread as
// "Comments" does, with no class or id name on the page.
func TestCountedThreadLabel(t *testing.T) {
	post := `<p>The council met on Tuesday to weigh the plan for the river park, which would close the old road, move the market and add a path along the water.</p>` +
		`<p>After four hours the members voted to put the plan to the town in the spring, with a second hearing on the cost of the path.</p>`
	reply := `I walked that road every day for years, and I think, honestly, that closing it would hurt the shops, the market, the school run and, in the end, the park itself.`
	for _, label := range []string{"Comments (11) Add A Comment", "One Response to “A short post”", "48 Responses to “A short post”:", "2 responses to A Short Post", "1 comment:", "No comments", "Leave a Reply", "Post a Comment"} {
		doc := cleanBody(t, "A short post", threadPage(label, post, reply, 12))
		checkText(t, doc, []string{"The council met on Tuesday", "put the plan to the town"}, []string{"I walked that road", "Reader 3"})
	}
	// A count of responses to something other than the post is a
	// document's own heading: what follows it stays.
	for _, label := range []string{"12 responses to the consultation", "48 Responses to “Another post”"} {
		doc := cleanBody(t, "A short post", threadPage(label, post, reply, 12))
		checkText(t, doc, []string{"The council met on Tuesday", "I walked that road"}, nil)
	}
	zhPost := `<p>市议会周二开会讨论河滨公园的方案，方案将关闭旧路，迁移市场，并沿河修建步道。</p><p>经过四个小时的讨论，议员们投票决定在春季把方案交给全镇讨论，并就步道的费用再举行一次听证会。</p>`
	zhReply := `我每天都走那条路，说实话，我觉得关闭它会伤害商店、市场、上学的孩子，最后也会伤害公园本身。`
	for _, label := range []string{"《河滨公园方案》已有12件评论", "12条评论", "发表评论"} {
		zh := cleanBody(t, "A short post", threadPage(label, zhPost, zhReply, 12))
		checkText(t, zh, []string{"市议会周二开会", "再举行一次听证会"}, []string{"我每天都走那条路"})
	}
}

// TestThreadLabelWords: what threadLabel takes and leaves. A lone
// "Comment" or "Reply" may head an opinion column or a letter, and a
// heading that talks about responses is no count of them.
func TestThreadLabelWords(t *testing.T) {
	for _, s := range []string{"Comments", "12 comments", "Comments (18)", "Reader Comments (1)", "7 Responses", "3 Responses to “Those attacks”", "Leave a reply", "Post Your Comment", "No comments:", "评论", "评论（3）", "已有1件评论"} {
		if label, _ := threadLabel(s); !label {
			t.Errorf("threadLabel(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"Comment", "Reply", "Responses to the plan", "Why the council's comments matter", "A post about comments", "读者评论家", "Leave a message"} {
		if label, _ := threadLabel(s); label {
			t.Errorf("threadLabel(%q) = true, want false", s)
		}
	}
}

// TestStructuralPassLeavesThread: the fallback's structural pass, which
// reads no names, still leaves out a comment section its heading labels,
// though the replies outweigh the post.
func TestStructuralPassLeavesThread(t *testing.T) {
	post := `<p>The council met on Tuesday to weigh the plan for the river park, which would close the old road, move the market and add a path along the water.</p>` +
		`<p>After four hours the members voted to put the plan to the town in the spring, with a second hearing on the cost of the path.</p>`
	reply := `I walked that road every day for years, and I think, honestly, that closing it would hurt the shops, the market, the school run and, in the end, the park itself.`
	page := "<html><head><title>A short post</title></head><body>" + threadPage("Comments", post, reply, 12) + "</body></html>"
	root, err := parseHTML([]byte(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	bw := walkBlocks(root)
	defer bw.release()
	pg := &parsed{root: root, bw: bw, title: "A short post", url: "http://example.com/a"}
	text := strings.Join(structuralText(pg).paras, "\n")
	if !strings.Contains(text, "The council met on Tuesday") || strings.Contains(text, "I walked that road") {
		t.Errorf("structural pass: want the post without the replies:\n%s", text)
	}
}

// TestPermalinkedPostHeadings: a forum thread whose posts each open with
// the same heading linking the post's own anchor ("Re: the title" over
// "#p3") and a line naming the poster and the time, with the poster's
// card after the text, is the opening post alone: a heading every post
// repeats is the template's label, not a section's title.
func TestPermalinkedPostHeadings(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<div><h2>Pump keeps tripping</h2>`)
	for i := range 6 {
		body := `I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time.`
		if i > 0 {
			body = `Sounds like the start capacitor to me: when it goes weak the motor pulls its starting current for far too long and the breaker trips after a few seconds, which is what you describe.`
		}
		fmt.Fprintf(&b, `<div class="post"><h3><a href="#p%d">Re: Pump keeps tripping</a></h3><p>fieldhand%d » March %d, 2026, 10:15 am</p><div>%s</div><dl><dt><a href="/u/%d">fieldhand%d</a></dt><dd>Posts: 1482</dd></dl></div>`, i, i, i+2, body, i, i)
	}
	b.WriteString(`</div>`)
	doc := cleanBody(t, "Pump keeps tripping", b.String())
	checkText(t, doc, []string{"I rewired the shed"}, []string{"Sounds like the start capacitor"})

	// Sections under headings of their own, each linking its anchor, are
	// one document's parts, however they are dated.
	var s strings.Builder
	s.WriteString(`<div><h2>Release notes</h2>`)
	for i := range 4 {
		fmt.Fprintf(&s, `<div class="section"><h3><a href="#v1-%d">Version 1.%d</a></h3><p>Released 2026-03-0%d</p><p>This release changes the way the parser reads nested lists, and the reader now keeps the numbering of item %d across pages.</p></div>`, i, i, i+1, i)
	}
	s.WriteString(`</div>`)
	doc = cleanBody(t, "Release notes", s.String())
	checkText(t, doc, []string{"numbering of item 0", "numbering of item 3"}, nil)
}

// TestOpeningPostStamp: when the opening post alone is the article and
// its siblings of one template are signed replies, the post's own stamp
// after its text ("Posted by … on …" over "Quote Reply Report") goes as
// theirs does; its text stays, a short last line of its body too.
func TestOpeningPostStamp(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<div><h1>Pump keeps tripping</h1><div>`)
	for i := range 6 {
		body := `I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time, even with nothing else on.`
		if i > 0 {
			body = `Sounds like the start capacitor to me: when it goes weak the motor pulls its starting current for far too long and the breaker trips after a few seconds, which is what you describe.`
		}
		if i == 0 {
			body += `</p><p>Seen this before, Sam?` // a short last line of the post's own
		}
		fmt.Fprintf(&b, `<div class="r5t6"><div class="u8i9"><a href="/u/%d">fieldhand%d</a><div>Joined: Jan 2019 Posts: 1,482</div></div><div class="p1l2"><p>%s</p></div><div class="m4n5">Posted by fieldhand%d on March %d, 2026 at 10:15 am</div><div class="v7c8">Quote Reply Report</div></div>`, i, i, body, i, i+2)
	}
	b.WriteString(`</div></div>`)
	doc := cleanBody(t, "Pump keeps tripping", b.String())
	checkText(t, doc, []string{"I rewired the shed", "Seen this before, Sam?"}, []string{"Sounds like the start capacitor", "Posted by fieldhand0", "Quote Reply Report"})
}
