package clean

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// shortOpThread is a thread of a one-paragraph opening post and two
// replies in one template, each post deep in table cells, the second
// reply two paragraphs long: longer than the post it answers. alt gives
// the posts' wrappers alternating classes.
func shortOpThread(alt bool) string {
	var b strings.Builder
	b.WriteString(`<div><h1>水泵一启动就跳闸</h1><div>`)
	replies := []string{
		`<p>听起来像是启动电容坏了：电容变弱以后，电机启动电流持续的时间太长，几秒钟后断路器就会跳，这和你说的情况完全一样，而且电容很便宜，换一个试试就知道了。</p>`,
		`<p>你是不是还用原来的控制箱？那种箱子里继电器和电容是装在一起的，继电器粘住的话启动绕组会一直通电，直到断路器跳开，正好大约十秒钟。</p><p>我去年春天也遇到过一模一样的问题，最后发现是新断路器本身的毛病。有些便宜的双极断路器对电机负载太敏感，换了一个好一点的就彻底好了。</p>`,
	}
	for i := range 3 {
		body := `<p>上周末我重新给棚子布了线，现在井里的水泵每次启动十秒钟左右就会跳闸，即使这条线路上没有别的电器也是这样，请问是什么原因？</p>`
		if i > 0 {
			body = replies[i-1]
		}
		class := "q7 bg1"
		if alt && i%2 == 1 {
			class = "q7 bg2"
		}
		fmt.Fprintf(&b, `<div class="%s"><table><tr><td><a href="/u/%d">user%d</a></td><td><div><em>发表于 2026-3-%d 10:15</em></div><div><div><table><tr><td>%s</td></tr></table></div></div></td></tr></table></div>`, class, i, i, i+2, body)
	}
	b.WriteString(`</div></div>`)
	return b.String()
}

// TestOpeningPostOverLongerReply: a thread's text is its opening post,
// though a reply of the same template is longer and scores over it, and
// whether or not the posts' wrappers alternate their classes.
func TestOpeningPostOverLongerReply(t *testing.T) {
	for _, alt := range []bool{false, true} {
		doc := cleanBody(t, "水泵一启动就跳闸", shortOpThread(alt))
		checkText(t, doc, []string{"上周末我重新给棚子布了线"}, []string{"你是不是还用原来的控制箱", "听起来像是启动电容坏了"})
	}
}

// TestOpeningPostLeavesSections: sections of one template, each under a
// line with a date and a name, are one document's parts: the best of
// them gives way to none, and all stay.
func TestOpeningPostLeavesSections(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<div><h1>Minutes</h1>`)
	for i := range 4 {
		extra := ""
		if i == 2 {
			extra = `<p>The second half of the item took most of the evening, as members went through the cost of the path line by line and asked for a new estimate.</p>`
		}
		fmt.Fprintf(&b, `<div class="item"><h3>Item %d</h3><p>The members weighed item %d of the plan for the river park, which would close the old road and move the market.</p>%s</div>`, i, i, extra)
	}
	b.WriteString(`</div>`)
	doc := cleanBody(t, "Minutes", b.String())
	checkText(t, doc, []string{"item 0 of the plan", "item 3 of the plan", "line by line"}, nil)
}

// TestThreadSig: alternating class tokens read as one; other tokens do
// not.
func TestThreadSig(t *testing.T) {
	node := func(class string) *html.Node {
		return &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: class}}}
	}
	for _, p := range [][2]string{{"post bg1", "post bg2"}, {"row1", "row2"}, {"comment odd", "comment even"}, {"comment thread-odd", "comment thread-even"}, {"alt1 x", "x alt2"}} {
		if a, b := threadSig(node(p[0])), threadSig(node(p[1])); a != b {
			t.Errorf("threadSig(%q) = %q, threadSig(%q) = %q: want one", p[0], a, p[1], b)
		}
	}
	for _, p := range [][2]string{{"post", "reply"}, {"h1", "h2x"}, {"post 1", "post 2"}} {
		if a, b := threadSig(node(p[0])), threadSig(node(p[1])); a == b {
			t.Errorf("threadSig(%q) = threadSig(%q) = %q: want two", p[0], p[1], a)
		}
	}
}

// TestCardedSignOff: replies whose stamp stands among the lines of the
// poster's card, more than one sign-off's length together, are signed
// all the same: the thread is its opening post.
func TestCardedSignOff(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<div><h1>Pump keeps tripping</h1><div>`)
	for i := range 5 {
		body := `<p>I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time, even with nothing else on.</p><p>The pump is a half horse submersible, about twelve years old, on a new breaker.</p>`
		if i > 0 {
			body = `<p>Sounds like the start capacitor to me: when it goes weak the motor pulls its starting current for far too long and the breaker trips after a few seconds.</p><p>Check the voltage at the pressure switch while it starts, too; if it sags a long way you have a bad splice or a loose lug somewhere on the new run.</p>`
		}
		fmt.Fprintf(&b, `<div><div>%s, 10:15 AM</div><div><a href="/u/%d">fieldhand%d</a><div>Senior Member</div><div>Join Date: Jan 2019</div><div>Location: Springfield, Ohio, United States</div><div>Posts: 1,48%d</div></div><div>%s</div></div>`, []string{"03-02-2026", "03-03-2026", "03-04-2026", "03-05-2026", "03-06-2026"}[i], i, i, i, body)
	}
	b.WriteString(`</div></div>`)
	doc := cleanBody(t, "Pump keeps tripping", b.String())
	checkText(t, doc, []string{"I rewired the shed", "half horse submersible"}, []string{"Sounds like the start capacitor"})
}

// TestOpeningPostPlaceSkipped: when best's place in the opening post
// lies in a subtree the walk skips (an <aside>), the opening post itself
// is the text: no internal error, no reply.
func TestOpeningPostPlaceSkipped(t *testing.T) {
	page := shortOpThread(false)
	first := `<td><div><em>发表于 2026-3-2 10:15</em></div><div><div><table>`
	i := strings.Index(page, first)
	if i < 0 {
		t.Fatal("shortOpThread: no opening post cell")
	}
	page = page[:i] + strings.Replace(first, "<div><div><table>", "<aside><div><table>", 1) + page[i+len(first):]
	page = strings.Replace(page, `</td></tr></table></div></div></td></tr></table></div>`,
		`</td></tr></table></div></aside><p>棚子里的插座都换成了新的，水泵的线也是重新接的，只有断路器用的是原来那一个，型号和以前完全一样。</p></td></tr></table></div>`, 1)
	doc := cleanBody(t, "水泵一启动就跳闸", page)
	checkText(t, doc, []string{"棚子里的插座都换成了新的"}, []string{"你是不是还用原来的控制箱", "听起来像是启动电容坏了"})
}

// TestForeignStampedReplies: a thread whose posts are stamped with a
// German or French date ("Mo 2. Mär 2026, 10:15", "lun. 2 mars 2026
// 10:15") is a thread, not a live blog's one day of entries (dayLog):
// its replies go, its opening post stays.
func TestForeignStampedReplies(t *testing.T) {
	stamps := map[string]string{
		"de": "Beitrag von anna%d » Mo %d. Mär 2026, 10:15",
		"fr": "Message par anna%d » lun. %d mars 2026 10:15",
	}
	for lang, stamp := range stamps {
		var b strings.Builder
		b.WriteString(`<div><h1>Pump</h1><div>`)
		for i := range 4 {
			body := `<p>I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time, even with nothing else on.</p>`
			if i > 0 {
				body = `<p>Sounds like the start capacitor to me: when it goes weak the motor pulls its starting current for far too long and the breaker trips after a few seconds.</p>`
			}
			fmt.Fprintf(&b, `<div class="post"><p class="author">`+stamp+`</p><div class="content">%s</div></div>`, i, i+2, body)
		}
		b.WriteString(`</div></div>`)
		doc := cleanBody(t, "Pump", b.String())
		t.Run(lang, func(t *testing.T) {
			checkText(t, doc, []string{"I rewired the shed"}, []string{"Sounds like the start capacitor"})
		})
	}
}

// TestDatedReForeign: datedRe reads a day-first date with a month's
// name of bylineLangs and a year, not a clock time or a figure beside a
// word that a month's abbreviation spells.
func TestDatedReForeign(t *testing.T) {
	for _, s := range []string{"Mo 2. Mär 2026, 10:15", "lun. 2 mars 2026 10:15", "3 de marzo de 2026", "12 stycznia 2025"} {
		if !datedRe.MatchString(s) {
			t.Errorf("datedRe misses %q", s)
		}
	}
	for _, s := range []string{"Anna, 10:15", "5 ago", "jroe 15:02 GMT", "3 mai"} {
		if datedRe.MatchString(s) {
			t.Errorf("datedRe matches %q", s)
		}
	}
}

// cardThread is a thread of an opening post and replies in one template,
// posts parted by a rule (<hr>): each post's permalinked title, its
// stamp, its body, its poster's signature and, beside, the poster's card
// of label lines. opBody is the opening post's body.
func cardThread(opBody string) string {
	var b strings.Builder
	b.WriteString(`<div><h2><a href="/t/1">Pump keeps tripping</a></h2>`)
	for i := range 4 {
		body := opBody
		if i > 0 {
			body = `<p>Sounds like the start capacitor to me: when it goes weak the motor pulls its starting current for far too long and the breaker trips after a few seconds.</p>`
		}
		fmt.Fprintf(&b, `<div id="p%d" class="post"><div class="postbody"><h3><a href="#p%d">Re: Pump keeps tripping</a></h3><p class="author">by anna%d » Mon Mar %02d, 2026 10:15 am</p><div class="content">%s</div><div class="signature">Measure twice, wire once.<br>Shed build log in my profile</div></div>`+
			`<dl class="postprofile"><dt><a href="/u/%d">anna%d</a></dt><dd>Senior Member</dd><dd>Posts: 1,2%02d</dd><dd>Joined: Mar 2019</dd><dd>Location: Leeds</dd></dl></div><hr class="divider">`, i, i, i, i+2, body, i, i, i)
	}
	b.WriteString(`</div>`)
	return b.String()
}

// TestOpeningPostFurniture: the opening post of a thread keeps its
// words, not its poster's card ("Joined: Mar 2019", "Posts: 1,200")
// nor its signature, which every reply holds at the same place in the
// template; a rule between the posts does not hide the replies.
func TestOpeningPostFurniture(t *testing.T) {
	op := `<p>I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time, even with nothing else on.</p>`
	doc := cleanBody(t, "Pump keeps tripping", cardThread(op))
	checkText(t, doc, []string{"I rewired the shed"}, []string{"Sounds like the start capacitor", "Joined:", "Posts:", "Location:", "Senior Member", "Measure twice"})
}

// TestOpeningPostOwnFacts: label lines in the opening post's body (the
// pump's facts), which no reply repeats at the same place, are the
// post's words: they stay.
func TestOpeningPostOwnFacts(t *testing.T) {
	op := `<p>I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time, even with nothing else on.</p>` +
		`<ul><li>Model: Grundfos SQ 2-55</li><li>Power: 0.7 kW</li><li>Breaker: 16 A, type C</li></ul>` +
		`<p>The pump is a half horse submersible, about twelve years old, and it ran without trouble on the old panel for all those years.</p>`
	doc := cleanBody(t, "Pump keeps tripping", cardThread(op))
	checkText(t, doc, []string{"I rewired the shed", "Model: Grundfos", "Power: 0.7 kW", "Breaker: 16 A", "half horse"}, []string{"Sounds like the start capacitor", "Joined:"})
}

// TestFactBoxStays: an article's box of key facts beside its text, in
// no thread, stays whole.
func TestFactBoxStays(t *testing.T) {
	body := `<article><h1>The old mill reopens</h1><p>The old mill on the river reopened on Saturday after four years of work, with the wheel turning again for the first time since the flood.</p>` +
		`<aside class="facts"><dl><dt>Built</dt><dd>1791</dd><dt>Restored</dt><dd>2022–2026</dd><dt>Cost</dt><dd>£2.4 million</dd></dl></aside>` +
		`<div class="facts2"><p>Opening hours: Tuesday to Sunday</p><p>Entry: free for children</p></div>` +
		`<p>Volunteers will run tours on weekends, and the trust hopes to mill flour for the town's bakers again by the end of the summer.</p></article>`
	doc := cleanBody(t, "The old mill reopens", body)
	checkText(t, doc, []string{"reopened on Saturday", "Opening hours: Tuesday", "Entry: free", "Volunteers will run tours"}, nil)
}

// qaPage is a question in a template of its own, signed "asked … by",
// and answers in another, each signed "answered …".
func qaPage(answers int) string {
	var b strings.Builder
	b.WriteString(`<div><h1><a href="/q/1">Why does my well pump trip the breaker?</a></h1>` +
		`<div class="question"><div class="body"><p>I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time, even with nothing else on.</p></div>` +
		`<div class="user-info">asked Mar 2, 2026 at 10:15 <a href="/u/1">anna</a></div></div><div class="answers"><h2>Answers</h2>`)
	for i := range answers {
		fmt.Fprintf(&b, `<div class="answer"><div class="body"><p>Answer %d: it sounds like the start capacitor to me, since a weak one makes the motor pull its starting current far too long.</p></div>`+
			`<div class="user-info">answered Mar %d, 2026 at 11:15 <a href="/u/%d">user%d</a></div></div>`, i, i+3, i+2, i+2)
	}
	b.WriteString(`</div></div>`)
	return b.String()
}

// TestQuestionTwoAnswers: a question signed in its own template is the
// text; two signed answers after it, too few for a group, go as three
// would.
func TestQuestionTwoAnswers(t *testing.T) {
	for _, n := range []int{2, 3} {
		doc := cleanBody(t, "Why does my well pump trip the breaker?", qaPage(n))
		checkText(t, doc, []string{"I rewired the shed"}, []string{"Answer 0:", "Answer 1:"})
	}
}

// TestSignedPairHeaded: two signed statements, each under its own
// heading, after a signed introduction are the document's sections,
// not answers: they stay.
func TestSignedPairHeaded(t *testing.T) {
	body := `<div><h1>Two views on the river park</h1><div class="intro"><p>The council asked two members to set out their view of the river park plan before the vote next week, and both agreed to write for this page.</p><p class="by">Jane Roe, March 2, 2026</p></div><div class="views">` +
		`<div class="view"><h2>For the plan</h2><p>The park would give the town its river back, close a road few use, and bring the market to the water where it began two hundred years ago.</p><p class="by">John Doe, March 3, 2026</p></div>` +
		`<div class="view"><h2>Against the plan</h2><p>The cost has doubled since the first estimate, and the traders on the old road were never asked whether they want to move at all.</p><p class="by">Mary Major, March 3, 2026</p></div></div></div>`
	doc := cleanBody(t, "Two views on the river park", body)
	checkText(t, doc, []string{"The council asked", "give the town its river back", "The cost has doubled"}, nil)
}

// TestOpeningPostShortCard: a poster's card of a name, a rank and one
// label line, in a table's cell beside the post's body, goes with the
// replies' cards: every post holds "Join Date:" at the same place,
// though a reply, longer than the post, holds the best container. The
// signature under a rule goes too.
func TestOpeningPostShortCard(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<h1>Pump keeps tripping</h1><div id="posts">`)
	for i := range 6 {
		body := `I rewired the shed last weekend and now the well pump trips the breaker ten seconds after it starts, every single time, even with nothing else on.<br><br>`
		if i > 0 {
			body = `Sounds like the start capacitor to me: when it goes weak the motor pulls its starting current for far too long and the breaker trips after a few seconds.<br><br>`
		}
		if i%2 == 1 {
			body += `Check the voltage at the pressure switch while it starts as well; a big sag means a bad splice or a loose lug somewhere on the new run.<br><br>`
		}
		fmt.Fprintf(&b, `<div id="edit%d"><table class="tborder"><tr><td class="thead">by fieldhand%[6]d » Mon Mar 0%[2]d, 2026 10:15 am</td><td class="thead"><a href="#post%d">#%d</a></td></tr>`+
			`<tr><td class="alt2"><div><a href="/u/%d">fieldhand%d</a></div><div>Senior Member</div><div>Join Date: Mar 2019</div></td><td class="alt1"><div id="post_message_%[7]d">%[8]s</div><div>__________________<br>Measure twice, wire once.</div></td></tr></table></div>`, i, i+2, i, i+1, i, i, i, body)
	}
	b.WriteString(`</div>`)
	doc := cleanBody(t, "Pump keeps tripping", b.String())
	checkText(t, doc, []string{"I rewired the shed"}, []string{"Sounds like the start capacitor", "Join Date", "Senior Member", "Measure twice"})
}

// TestOpeningPostLeadStamp: the opening post's stamp line set over its
// body, under the post's subject, goes with the replies' stamps; the
// post's words stay.
func TestOpeningPostLeadStamp(t *testing.T) {
	stamps := []string{"Posted by anna » Mon Mar 02, 2026 10:15 am", "发表于 2026-3-3 09:40", "Beitrag von klaus » Mi 4. Mär 2026, 18:02"}
	bodies := []string{
		`<p>Last weekend I rewired the shed and now the well pump trips the breaker about ten seconds after it starts, even when nothing else on that circuit is running at all.</p><p>The pump ran fine for eight years on the old panel, and the wire is the same gauge as before.</p>`,
		`<p>Sounds like the start capacitor is weak: the motor keeps drawing starting current for far too long and the breaker trips after a few seconds, exactly as you describe it.</p>`,
		`<p>Are you still using the old control box? The relay in those sticks sometimes, and then the start winding stays powered until the breaker opens, roughly ten seconds later.</p>`,
	}
	var b strings.Builder
	b.WriteString(`<div id="page-body"><h2><a href="/t/1">Pump trips the breaker</a></h2>`)
	for i := range 3 {
		fmt.Fprintf(&b, `<div class="post bg%d"><div class="postbody"><h3><a href="#p%d">Re: Pump trips the breaker</a></h3><p class="author">%s</p><div class="content">%s</div></div><dl class="profile"><dt>user%d</dt><dd>Posts: %d</dd></dl></div>`, 1+i%2, i, stamps[i], bodies[i], i, 10+i)
	}
	b.WriteString(`</div>`)
	doc := cleanBody(t, "Pump trips the breaker", b.String())
	checkText(t, doc, []string{"Last weekend I rewired the shed", "The pump ran fine for eight years"}, []string{"Posted by anna", "Sounds like the start capacitor"})
}

// TestQuestionOneAnswer: a question's one answer, signed and set in a
// block of the question's shape, goes as two would; a signed note of
// its own shape after a signed article stays.
func TestQuestionOneAnswer(t *testing.T) {
	doc := cleanBody(t, "Why does my well pump trip the breaker?", qaPage(1))
	checkText(t, doc, []string{"I rewired the shed"}, []string{"Answer 0:"})
	body := `<article><h1>The old mill reopens</h1><div class="story"><div class="body"><p>The old mill on the river reopened on Saturday after four years of repairs, and more than two thousand people came to see the wheel turn again.</p><p>The trust that owns it raised most of the money from the town's own residents.</p></div><div class="by">Jane Roe, March 2, 2026</div></div>` +
		`<div class="note"><b>Correction, March 4, 2026</b><p>An earlier version of this story gave the wrong year for the start of the repairs, which began in 2022 and not in 2021.</p><p>It also named the wrong mason: the stone of the weir was laid again by a firm from the next valley, which has worked on three other mills.</p></div></article>`
	doc = cleanBody(t, "The old mill reopens", body)
	checkText(t, doc, []string{"reopened on Saturday", "An earlier version of this story"}, nil)
}

// TestRuledSignature: a lone post's signature under a rule, a short
// line or two with a link or opened by dashes, goes; a closing
// paragraph of the post's length under a rule stays, and so do notes
// under a rule: a footnote with its way back ("↩", href="#…"), a list of
// notes, a note that is a sentence.
func TestRuledSignature(t *testing.T) {
	words := `<h1>Pump trips the breaker</h1><div class="post"><div class="author"><a href="/u/anna">anna</a></div><div class="content"><p>Last weekend I rewired the shed and now the well pump trips the breaker about ten seconds after it starts, even when nothing else on that circuit is running at all.</p><p>The pump ran fine for eight years on the old panel, and the wire is the same gauge as before.</p><hr>`
	for _, sig := range []string{
		`<div>-- anna_k | Pumps, wells and old farmhouses since 1998</div>`,
		`<p>Anna from the hills<br><a href="http://blog.example.org/">My build log: anna's workshop</a></p>`,
	} {
		doc := cleanBody(t, "Pump trips the breaker", words+sig+`</div></div>`)
		checkText(t, doc, []string{"Last weekend I rewired the shed", "The pump ran fine"}, []string{"anna_k", "Anna from the hills", "My build log"})
	}
	for _, c := range []struct{ tail, keep string }{
		{`<p>That is all from the shed for this week, and I will write again once the new capacitor has arrived and the pump has run for a few days.</p>`, "That is all from the shed"},
		{`<p id="fn1">1. See RFC 3484 for the original proposal. <a href="#r1">↩</a></p>`, "See RFC 3484"},
		{`<div class="footnotes"><p>1. Source: <a href="http://example.org/report">annual report</a> <a href="#fnref1">↩</a></p></div>`, "annual report"},
		{`<ol><li>Census of 2019, <a href="http://example.org/census">table 4</a></li></ol>`, "Census of 2019"},
		{`<p>-- Written by the editors, May 2021.</p>`, "Written by the editors"},
	} {
		doc := cleanBody(t, "Pump trips the breaker", words+c.tail+`</div></div>`)
		checkText(t, doc, []string{"Last weekend I rewired the shed", c.keep}, nil)
	}
}
