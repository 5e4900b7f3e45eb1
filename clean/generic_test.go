package clean

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// prose returns n <p> paragraphs of article text, each naming tag so that
// a test can tell which block a kept paragraph came from.
func prose(tag string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<p>Paragraph %d of the %s, where the reporter explains, at some length and with care, "+
			"what happened in the town, who was there, and why the council met again on Tuesday evening.</p>\n", i, tag)
	}
	return b.String()
}

// seriesList is a list of three links whose text starts with tag.
func seriesList(tag string) string {
	return `<ul><li><a href="/s/1">` + tag + ` part one: where the river starts</a></li>` +
		`<li><a href="/s/2">` + tag + ` part two: the long dry summer</a></li>` +
		`<li><a href="/s/3">` + tag + ` part three: the town that moved uphill</a></li></ul>`
}

// roadPost is a post of three paragraphs under names that say nothing,
// the text above the threads of the series cases in TestGenericRules.
const roadPost = `<div class="x1"><h1>Notes from the road</h1><div class="x2">` +
	`<p>We drove north along the coast, slowly, for three days, and stopped in every town that had a bakery open before eight.</p>` +
	`<p>The second day was the longest, with rain from the morning on, and we spent the evening, tired, drying our boots by the stove.</p>` +
	`<p>On the third day, at last, the sun came out, so we walked up to the lighthouse and watched the boats come in for the night.</p>` +
	`</div></div>`

// The cases are small pages written for these tests, one per rule of the
// generic extractor: each page holds a block the rule keeps or drops.
var genericCases = []struct {
	name       string
	title      string // the page's <title>; "Title" when empty
	page       string
	must, not_ []string
}{
	{
		// blocks.go, holdsHeadline: a wrapper named for comments around the
		// headline and the post is no thread; the thread inside it and the
		// one after it still go.
		name: "a post in a wrapper named for comments",
		page: `<div class="post has-comments"><h1>Council meets again</h1><div class="x2">` + prose("story", 4) + `</div>` +
			`<div class="comments"><div class="comment"><p>Bob, May 4: We should meet earlier, and keep to the agenda this time.</p></div></div></div>` +
			`<div class="comments"><div class="comment"><p>Ann, May 3: I was there, and the meeting, as usual, ran late into the night.</p></div></div>` +
			`<div class="x9"><p>Sign up for our letter` + strings.Repeat(" to get the news from the town hall every Friday morning", 12) + `.</p></div>`,
		must: []string{"Paragraph 0 of the story", "Paragraph 3 of the story"},
		not_: []string{"We should meet earlier", "I was there", "Sign up"},
	},
	{
		// generic.go, weaklyNamedProse: a paragraph of the article in a box
		// with a weak chrome hint ("banner", a style) stays; a box of links
		// so named still goes.
		name: "a paragraph of the article in a box with a weak chrome hint",
		page: `<div class="x1"><h1>Council meets again</h1><div class="x2">` + prose("story", 3) +
			`<div class="banner"><p>The council will meet again next week in the old library hall, and the public may speak for three minutes each.</p></div>` +
			prose("rest", 2) +
			`<div class="links"><p><a href="/a">Other council stories from this week</a> <a href="/b">More from the town hall</a></p></div>` +
			`</div></div>`,
		must: []string{"Paragraph 0 of the story", "meet again next week", "Paragraph 1 of the rest"},
		not_: []string{"Other council stories"},
	},
	{
		// blocks.go, isChrome: a short hint ("head") on an inline element
		// names its style, not a page header.
		name: "inline step label with a weak chrome hint",
		page: `<article><div class="content"><div class="step"><span class="headline2 head">Step 1</span>` + prose("first step", 3) +
			`</div><div class="step"><span class="headline2 head">Step 2</span>` + prose("second step", 3) + `</div></div></article>`,
		must: []string{"Step 1", "Step 2"},
	},
	{
		// generic.go, nearHeadline: a reader's comment, under class names
		// that say nothing, outscores the short story under the headline.
		name:  "a short story under its headline and a long comment",
		title: "Ads for outdated products | The Blog",
		page: `<div class="x1"><article class="x2"><header><h1>Ads for outdated products</h1></header><div class="x3">` +
			`<p>A cartoonist has drawn a series of ads for outdated products, from the phone book to the floppy disk.</p>` +
			`<p>Each ad sells the merits of something nobody buys any more, and each one is drawn in the style of its own decade.</p>` +
			`<p>The one for the pager promises that nobody will ever again miss an important message from the office.</p>` +
			`<p>I have to agree with him about the phone book, since I have used it as a booster seat myself.</p></div></article></div>` +
			`<div class="x4"><h2>One response</h2><ol><li><article class="x5"><footer>Quicksilver says: November 12, 2012 at 4:55 pm</footer>` +
			`<div class="x6"><p>It hurts to see the old console, the one that named my generation, the one we saved for, ` +
			`the one we played every night, dissed like that, in public, by a cartoonist, of all people, on a Monday.</p>` +
			`<p>Making fun of things that are holy to others, to my friends, to my brother, to me, hurts sometimes, ` +
			`and I guess I have to live with it, as we all do, for now, until the next joke, and the next.</p></div></article></li></ol></div>`,
		must: []string{"A cartoonist has drawn a series of ads", "I have to agree with him"},
		not_: []string{"It hurts to see the old console"},
	},
	{
		// generic.go, beforeSeries: one reply of a thread, a list item
		// under names that say nothing, outscores the post above the
		// list; the post scores over half of it and is the article.
		name: "a post above a thread whose longest reply outscores it",
		page: roadPost + `<div class="x3"><ol>` +
			`<li><div class="x4"><p>Ann, May 3, 2012 at 4:15 pm</p><p>Lovely trip, thanks for sharing it with all of us here.</p></div></li>` +
			`<li><div class="x4"><p>Bob, May 3, 2012 at 6:02 pm</p><p>We did the same drive, in the same month, with the same rain, ` +
			`the same boots, the same stove, the same bakeries, the same lighthouse, the same boats, and, to be honest, ` +
			`the same sunburn, the same blisters, the same arguments about the map, the same detours, and the same ` +
			`promises, made every evening, to get up early, which, of course, we never kept, not once, not even on the last day.</p></div></li>` +
			`<li><div class="x4"><p>Cy, May 4, 2012 at 9:30 am</p><p>Which bakery was the best one, and is it still open?</p></div></li>` +
			`</ol></div>`,
		must: []string{"We drove north along the coast", "watched the boats come in"},
		not_: []string{"We did the same drive"},
	},
	{
		// generic.go, creditRun: many short replies, each an item of a list
		// under names that say nothing, pool into the list a score above
		// the post's; an item passes only seriesCredit of its score up.
		name: "a post above a long thread of short replies",
		page: roadPost + `<div class="x3"><ul>` + strings.Repeat(`<li><p>Thanks, we did the same drive, in May, with rain, boots, bakeries, and, of course, the lighthouse.</p></li>`, 12) +
			`</ul></div>`,
		must: []string{"We drove north along the coast", "watched the boats come in"},
		not_: []string{"we did the same drive"},
	},
	{
		// passes.go, sameClassAncestor: the replies' texts share the post's
		// class; one in an item of a series apart from the post is a reply,
		// not another part of the post.
		name: "replies whose text shares the post's class",
		page: `<div class="x0"><div class="x1"><h1>Notes from the road</h1><div class="x6">` +
			`<p>We drove north along the coast, slowly, for three days, and stopped in every town that had a bakery open before eight.</p>` +
			`<p>The second day was the longest, with rain from the morning on, and we spent the evening, tired, drying our boots by the stove.</p>` +
			`<p>On the third day, at last, the sun came out, so we walked up to the lighthouse and watched the boats come in for the night.</p>` +
			`<p>On the fourth day, rested, fed, and dry at last, we turned inland, away from the sea, and took the slow road home.</p>` +
			`</div></div><div class="x3"><dl>` + strings.Repeat(`<dt>Ann, May 3, 2012</dt><dd><div class="x6">`+
			`<p>We did the same drive, in the same month, with the same rain, the same boots, and, of course, the same bakeries.</p>`+
			`<p>And, to be honest, the same sunburn, the same blisters, and the same arguments about the map, every evening.</p></div></dd>`, 4) +
			`</dl></div></div>`,
		must: []string{"We drove north along the coast", "watched the boats come in"},
		not_: []string{"We did the same drive"},
	},
	{
		// generic.go, nearHeadline: the headline's box holds a summary that
		// scores under half the story's; the story stays the article.
		name: "a headline box apart from a long story",
		page: `<div class="x1"><div class="x2"><h1>Title</h1>` + prose("summary", 4) + `</div></div>` +
			`<div class="x5"><div class="x3">` + prose("story", 20) + `</div></div>`,
		must: []string{"Paragraph 0 of the story", "Paragraph 19 of the story"},
		not_: []string{"of the summary"},
	},
	{
		// generic.go, lead: a standfirst before the body, one paragraph
		// without links that scores little on its own.
		name: "standfirst before the body",
		page: `<article><h1>Title</h1><div class="perex">The town council met again on Tuesday and, after four hours ` +
			`of argument, still could not agree on next year's budget for the schools.</div>` +
			`<div class="body">` + prose("story", 8) + `</div></article>`,
		must: []string{"The town council met again on Tuesday", "Paragraph 7 of the story"},
	},
	{
		// generic.go, lead: only blocks before the body are leads.
		name: "note after the body",
		page: `<article><h1>Title</h1><div class="body">` + prose("story", 8) + `</div>` +
			`<div class="note">The writer is a freelance reporter who has covered the town council ` +
			`and its budget for many years, for several papers.</div></article>`,
		must: []string{"Paragraph 7 of the story"},
		not_: []string{"freelance reporter"},
	},
	{
		// filter.go, linkOK: a list item that is one link is a point of
		// the list; a lone link line between paragraphs is a teaser.
		name: "list of linked points",
		page: `<article><div>` + prose("story", 4) + `<ul><li><a href="/b/1">Bug 1677080 – Fullscreen window is affected</a></li>` +
			`<li>Neil fixed the <a href="/b/2">tab unloader</a> so that it shows the crash page</li>` +
			`<li><a href="/u/3">Gijs</a> moved the toolbar's start later</li></ul>` +
			`<p><a href="/other">Read more: Another story you may like to read today</a></p>` + prose("end", 2) + `</div></article>`,
		must: []string{"Bug 1677080", "Neil fixed the tab unloader", "Gijs moved", "Paragraph 1 of the end"},
		not_: []string{"Another story you may like"},
	},
	{
		// linkblocks.go, linkItems: a list whose items are mostly links
		// but have words of their own beside them (a date before the
		// link, an author after it) is a list of points; a list of bare
		// links in the same article is a link block.
		name: "points that link what they name",
		page: `<article><div>` + prose("story", 4) + `<ul><li>May 3 to 4, 2012: <a href="/w/1">Opening weekend at the river park</a></li>` +
			`<li>May 10 to 11, 2012: <a href="/w/2">Featured region: the northern valley</a></li>` +
			`<li><a href="/w/3">We should stay a little longer</a>, Ann Smith</li></ul>` + prose("end", 3) +
			`<ul><li><a href="/s/1">The mayor opens the new bridge</a></li><li><a href="/s/2">Taxes rise again in the spring</a></li>` +
			`<li><a href="/s/3">A walk along the old canal</a></li></ul>` + prose("after", 1) + `</div></article>`,
		must: []string{"Opening weekend at the river park", "Featured region: the northern valley", "We should stay a little longer, Ann Smith", "Paragraph 2 of the end"},
		not_: []string{"The mayor opens the new bridge", "Taxes rise again"},
	},
	{
		// linkblocks.go, linkItem: a tag list or a menu whose items hold
		// their separators ("tax,", "Home |") is links through and
		// through, though the mark is a fifth of a short item.
		name: "tag list and menu with separators in their items",
		page: `<article><div>` + prose("story", 3) + `<ul><li><a href="/t/1">tax</a>, </li><li><a href="/t/2">budget</a>, </li>` +
			`<li><a href="/t/3">roads</a>, </li><li><a href="/t/4">schools</a></li></ul>` + prose("middle", 2) +
			`<ul><li><a href="/">Home</a> |</li><li><a href="/n">News</a> |</li><li><a href="/s">Sport</a> |</li><li><a href="/w">Weather</a></li></ul>` +
			prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 1 of the middle", "Paragraph 1 of the end"},
		not_: []string{"budget", "Sport"},
	},
	{
		// blocks.go, isLink: "#…" links jump within the page; a table of
		// contents and self-linked headings are text. isChrome: a heading's
		// id "link-…" is an anchor, not a chrome hint.
		name: "in-page links and anchored headings",
		page: `<article><div>` + `<p><a href="#one">First part</a></p><p><a href="#two">Second part</a></p>` + prose("story", 4) +
			`<h2 id="link-3f2a"><a href="#two">The second part of the story</a></h2>` + prose("second part", 3) + `</div></article>`,
		must: []string{"First part", "The second part of the story", "Paragraph 2 of the second part"},
	},
	{
		// linkblocks.go, linkyDiv: teaser cards (a linked headline over a
		// short summary) inside the chosen block are dropped.
		name: "teaser cards after the story",
		page: `<article><div>` + prose("story", 6) +
			`<div class="card"><h3><a href="/a">A different story about the mayor</a></h3><p>Short summary of it.</p></div>` +
			`<div class="card"><h3><a href="/b">Yet another story about taxes</a></h3><p>Its short summary.</p></div></div></article>`,
		must: []string{"Paragraph 5 of the story"},
		not_: []string{"A different story", "Its short summary"},
	},
	{
		// hints.go, "meta" token: a byline-and-date box goes; an entity
		// span inside a paragraph, named "meta-per", stays.
		name: "meta box and entity spans",
		page: `<article><div><div class="c-meta__byline"><p>Filed under local politics, budget, schools and roads, updated daily.</p></div>` +
			`<p>The mayor, <span class="meta-per">Jane Roe</span>, spoke first, and at length, about the budget.</p>` +
			prose("story", 5) + `</div></article>`,
		must: []string{"The mayor, Jane Roe, spoke first", "Paragraph 4 of the story"},
		not_: []string{"Filed under local politics"},
	},
	{
		// hints.go, "bio", "about author": the box about the author after
		// the story, under either name.
		name: "author box after the story",
		page: `<article><div>` + prose("story", 5) + `<div class="author-bio"><p>Jane Roe is the town reporter, ` +
			`a former council clerk and a keen cyclist. Follow her on the town's forum.</p></div>` +
			`<div class="wp-about-author-text"><p>John Doe edits the weekend pages, writes on budgets, ` +
			`schools and roads, and runs the council podcast.</p></div></div></article>`,
		must: []string{"Paragraph 4 of the story"},
		not_: []string{"Jane Roe is the town reporter", "John Doe edits"},
	},
	{
		// hints.go, "gallery": the slides of a photo gallery in the story.
		name: "photo gallery in the story",
		page: `<article><div>` + prose("story", 5) + `<div class="asset_gallery"><ul>` +
			`<li><img src="/1.jpg"><div class="caption">The mayor, left, and the treasurer, right, arrive at the council ` +
			`chamber on Tuesday evening, before the budget meeting, in the rain.</div></li>` +
			`<li><img src="/2.jpg"><div class="caption">Residents, reporters and council members wait, for hours, ` +
			`outside the chamber, as the budget meeting runs late into the night.</div></li></ul></div>` + prose("end", 3) + `</div></article>`,
		must: []string{"Paragraph 2 of the end"},
		not_: []string{"arrive at the council chamber", "Residents, reporters"},
	},
	{
		// generic.go, leadIn: a list of links that the story's own
		// sentence announces is the story's; the same list under a
		// template's label is not.
		name: "list of links announced by the text",
		page: `<article><div>` + prose("story", 4) + `<p>The earlier parts of this series are here:</p><ul>` +
			`<li><a href="/s/1">Part one: where the river starts</a></li><li><a href="/s/2">Part two: the long dry summer</a></li>` +
			`<li><a href="/s/3">Part three: the town that moved uphill</a></li></ul></div></article>`,
		must: []string{"Paragraph 3 of the story", "Part two: the long dry summer"},
	},
	{
		name: "list of links under a template's label",
		page: `<article><div>` + prose("story", 4) + `<p>Related:</p><ul>` +
			`<li><a href="/s/1">Part one: where the river starts</a></li><li><a href="/s/2">Part two: the long dry summer</a></li>` +
			`<li><a href="/s/3">Part three: the town that moved uphill</a></li></ul></div></article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"Part two: the long dry summer"},
	},
	{
		// leadIn: a template's label of three words or more is no lead-in
		// either (the related-reading labels, relatedRe and relatedLabelRe).
		name: "list of links under a longer template label",
		page: `<article><div>` + prose("story", 4) + `<p>You may also like:</p>` + seriesList("Y") +
			`<p>See also: other stories:</p>` + seriesList("S") + `</div></article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"Y part two", "S part two"},
	},
	{
		// teaserLink, relatedLabel: a single link set amid the article's
		// paragraphs under a related-reading heading's words and a colon
		// points away from the article, as "Read more:" does.
		name: "single links labelled with a related-reading heading's words",
		page: `<article><div>` + prose("story", 3) +
			`<p><strong>Recommended:</strong> <a href="/b/1">Council votes on the new bus lanes</a></p>` + prose("middle", 2) +
			`<p>延伸阅读：<a href="/b/2">市议会就新公交专用道进行表决</a></p>` + prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 2 of the story", "Paragraph 1 of the middle", "Paragraph 1 of the end"},
		not_: []string{"new bus lanes", "公交专用道"},
	},
	{
		// junkRe, adLine: an ad slot's label left between the article's
		// paragraphs, in English or Chinese, and the line that says the
		// story goes on past the ad, are no text of the story.
		name: "ad slot labels amid the paragraphs",
		page: `<article><div>` + prose("story", 2) + `<div class="slot">广告</div>` + prose("middle", 2) +
			`<p>Sponsored</p>` + prose("later", 2) + `<p>Story continues below advertisement</p><div id="s1"></div>` +
			prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 1 of the story", "Paragraph 1 of the middle", "Paragraph 1 of the later", "Paragraph 1 of the end"},
		not_: []string{"广告", "Sponsored", "continues below"},
	},
	{
		// metaLineRe: a Chinese template's tag line ("标签：", "关键词：")
		// is a line about the post, as "Tags:" is, wherever it stands.
		name: "Chinese tag lines amid the paragraphs",
		page: `<article><div>` + prose("story", 2) + `<p>标签：<a href="/t/1">渡轮</a> <a href="/t/2">海岛</a> <a href="/t/3">议会</a></p>` +
			prose("middle", 2) + `<div>关键词：港口 疏浚 渡轮</div>` + prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 1 of the story", "Paragraph 1 of the middle", "Paragraph 1 of the end"},
		not_: []string{"标签", "关键词", "海岛"},
	},
	{
		// teaserLink, promoRe: a link line amid the paragraphs that asks
		// the reader to give, join or install something promotes the
		// site, as "Subscribe" does; a sentence that names giving is text.
		name: "promotion links amid the paragraphs",
		page: `<article><div>` + prose("story", 2) + `<p><a href="/donate">Donate now</a></p>` + prose("middle", 2) +
			`<p><a href="/app">Download our app</a></p><p>The islanders asked visitors to donate to the harbour fund.</p>` + prose("later", 2) +
			`<p><a href="/join">Become a member today</a></p><p><a href="/app">下载客户端</a></p>` + prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 1 of the story", "Paragraph 1 of the middle", "Paragraph 1 of the end", "asked visitors to donate"},
		not_: []string{"Donate now", "our app", "Become a member", "下载客户端"},
	},
	{
		// junkRe: the links and labels that open a comment section
		// ("Leave a reply", "Comments (12)", "发表评论") are no text of
		// the post, before it or after it; a sentence that asks for
		// comments is.
		name: "comment section controls around the post",
		page: `<article><div><p><a href="#comments">Comments (12)</a></p>` + prose("story", 3) +
			`<p>Leave a comment below and tell us which ferry you took.</p><p><a href="#respond">Leave a reply</a></p>` +
			`<p><a href="#c">发表评论</a></p></div></article>`,
		must: []string{"Paragraph 2 of the story", "tell us which ferry you took"},
		not_: []string{"Comments (12)", "Leave a reply", "发表评论"},
	},
	{
		// junkRe, readingTimeRe: the player's label over a story read
		// aloud ("Listen to this article") and a Chinese reading time
		// ("阅读时间：约4分钟") are about the page, not of the story; a
		// sentence that asks the reader to listen is the story's.
		name: "listen and reading-time labels over the story",
		page: `<article><div><p>Listen to this article</p><p>阅读时间：约4分钟</p>` + prose("story", 3) +
			`<p>Listen to the mayor, who spoke for an hour about the dredging and the ferry timetable.</p>` + prose("end", 1) + `</div></article>`,
		must: []string{"Paragraph 2 of the story", "Listen to the mayor, who spoke", "Paragraph 0 of the end"},
		not_: []string{"Listen to this", "阅读时间"},
	},
	{
		// linkyDiv, pointList: a <div> that only wraps a list of points,
		// each one line that cites what it names by linking it, is the
		// article's list, not a teaser card; a wrapped list of cards
		// (a linked headline and a summary an item) and a wrapped list of
		// bare links still go.
		name: "wrapped list of points that link",
		page: `<article><div>` + prose("story", 3) + `<div><ul>` +
			`<li><a href="/a">The council report</a> says the second ferry will cost two million.</li>` +
			`<li><a href="/b">The union</a> wants more crew on each crossing.</li>` +
			`<li><a href="/c">The islanders' letter</a> asks for a winter timetable.</li></ul></div>` + prose("end", 2) +
			`<div><ul><li><h3><a href="/t/1">Bridge reopens after repairs</a></h3><p>Traffic is back.</p></li>` +
			`<li><h3><a href="/t/2">New bakery on the quay</a></h3><p>Bread at six.</p></li></ul></div>` +
			`<div><ul><li><a href="/s/1">Weather</a></li><li><a href="/s/2">Sport</a> news</li><li><a href="/s/3">Letters</a></li></ul></div></div></article>`,
		must: []string{"Paragraph 2 of the story", "wants more crew on each crossing", "asks for a winter timetable", "Paragraph 1 of the end"},
		not_: []string{"Bridge reopens", "Bread at six", "Weather", "Sport"},
	},
	{
		// inLinkList: an element that wraps a linked sentence and nothing
		// else is weighed as the sentence is, not as a block of links.
		name: "wrapped sentence that is mostly links",
		page: `<article><div>` + prose("story", 3) + `<div class="box"><p><a href="/a">The council report</a>, ` +
			`<a href="/b">the union letter</a> and <a href="/c">the mayor's reply</a> are all online.</p></div>` + prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 2 of the story", "the mayor's reply are all online.", "Paragraph 1 of the end"},
	},
	{
		// junkRe: a reader's text-size control and a Chinese "follow us"
		// line are the template's, wherever they stand in the article.
		name: "text size and follow-us lines",
		page: `<article><div><div><span>Text size</span> <button>A-</button> <button>A+</button></div>` + prose("story", 3) +
			`<p>关注我们：<a href="/w">微博</a> <a href="/x">微信公众号</a></p>` + prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 2 of the story", "Paragraph 1 of the end"},
		not_: []string{"Text size", "关注我们"},
	},
	{
		// leadIn: a chrome line that ends with a colon (chromeLine: a
		// share bar's label) announces nothing.
		name: "list of links under a share label",
		page: `<article><div>` + prose("story", 4) + `<p>Share this story with your friends:</p>` + seriesList("F") + `</div></article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"F part two"},
	},
	{
		// leadIn: a heading that ends with a colon labels what follows
		// it, as a template labels its link lists: it announces nothing.
		name: "list of links under a heading",
		page: `<article><div>` + prose("story", 4) + `<h3>All the parts of this series so far:</h3>` +
			seriesList("H") + `</div></article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"H part two"},
	},
	{
		// linkblocks.go, sourceList: a list under a heading of its own,
		// amid the article's prose, whose links lead off the site is the
		// article's list of sources or tools; one whose links lead back
		// into the site is the site's further reading, and a box of
		// links off the site with no prose beside it or after it is the
		// site's offer.
		name: "list of links off the site under a heading",
		page: `<link rel="canonical" href="https://www.example.com/story"><article><div>` + prose("story", 3) +
			`<h2>Tools I use</h2><ul><li><a href="https://editor.example.org/">TextPad</a></li>` +
			`<li><a href="https://paint.example.net/">Easel</a></li><li><a href="http://www.example.org/mail">Courier</a></li></ul>` +
			prose("end", 2) + `<h2>More from the region</h2><ul><li><a href="https://www.example.com/a">Council to meet again on the bridge</a></li>` +
			`<li><a href="/b">Mayor speaks about the flood plan</a></li></ul>` + prose("after", 1) +
			`<div><h3>Get the app</h3><ul><li><a href="https://apps.example.org/w">Windows</a></li><li><a href="https://apps.example.org/m">Macintosh</a></li></ul></div></div></article>`,
		must: []string{"TextPad", "Courier", "Paragraph 1 of the end", "Paragraph 0 of the after"},
		not_: []string{"Council to meet again", "Mayor speaks", "Windows", "Macintosh"},
	},
	{
		// linkblocks.go, cites: links off the site whose text is only the
		// name of the site they lead to, or no text, point to the site's
		// profiles, not to sources, whatever the heading says.
		name: "profiles to follow under a heading",
		page: `<link rel="canonical" href="https://www.example.com/story"><article><div>` + prose("story", 3) +
			`<h2>Where to find us</h2><ul><li><a href="https://twitter.com/example">Twitter</a></li>` +
			`<li><a href="https://www.youtube.com/@example">YouTube</a></li><li><a href="https://social.example.net/@ex">Social</a></li>` +
			`<li><a href="https://photos.example.org/ex"><img src="p.png"></a></li></ul>` + prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 2 of the story", "Paragraph 1 of the end"},
		not_: []string{"Twitter", "YouTube"},
	},
	{
		// leadIn: a label of a word or two announces nothing.
		name: "list of links under a short label",
		page: `<article><div>` + prose("story", 4) + `<p>Earlier parts:</p>` + seriesList("E") + `</div></article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"E part two"},
	},
	{
		// flow: a lead-in that opens a box of its own, with no prose
		// of the article beside it, is a widget's label.
		name: "list of links under a label in a box of its own",
		page: `<article><div>` + prose("story", 4) + `<section><p>Jane Roe writes on the towns along the river, their councils and their roads.</p>` +
			`<p>More posts from this author on the site:</p>` + seriesList("B") + `</section></div></article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"B part two"},
	},
	{
		// itemLike: the lines of the block after a lead-in are announced
		// while each reads as an item; a line that does not (a heading)
		// ends them, and the links after it are weighed as any others.
		name: "announced lines end at one that is no item",
		page: `<article><div>` + prose("story", 4) + `<p>The earlier parts of this series are here:</p><div>` +
			`<p><a href="/s/1">Part one: where the river starts</a></p><p><a href="/s/2">Part two: the long dry summer</a></p>` +
			`<h4>From our partners</h4><p><a href="/x/1">The best deals on garden tools this week</a></p>` +
			`<p><a href="/x/2">Ten towns to see before you die</a></p></div>` + prose("end", 2) + `</div></article>`,
		must: []string{"Part one: where the river starts", "Part two: the long dry summer", "Paragraph 1 of the end"},
		not_: []string{"The best deals on garden tools", "Ten towns to see"},
	},
	{
		// announcement: the announced block is taken whole, wrappers and
		// all: a <div> around a table of links, which linkyDiv would call a
		// teaser card, holds the items.
		name: "announced table inside wrappers",
		page: `<article><div>` + prose("story", 4) + `<p>Here are all the results of the count:</p><div><div><table>` +
			`<tr><td><a href="/r/1">North ward</a></td><td>1200 votes</td></tr><tr><td><a href="/r/2">South ward</a></td><td>900 votes</td></tr>` +
			`<tr><td><a href="/r/3">River ward</a></td><td>450 votes</td></tr></table></div></div>` + prose("end", 2) + `</div></article>`,
		must: []string{"North ward", "River ward", "Paragraph 1 of the end"},
	},
	{
		// cleanRuns: an announced item that is a teaser (teaserLink: a
		// promotion) goes all the same.
		name: "promotion among the announced items",
		page: `<article><div>` + prose("story", 4) + `<p>The earlier parts of this series are here:</p><ul>` +
			`<li><a href="/s/1">Part one: where the river starts</a></li><li><a href="/s/2">Part two: the long dry summer</a></li>` +
			`<li><a href="/n">Subscribe to our weekly newsletter</a></li></ul></div></article>`,
		must: []string{"Part one: where the river starts", "Part two: the long dry summer"},
		not_: []string{"Subscribe to our weekly newsletter"},
	},
	{
		// generic.go, looseHeading: headings between the <div>s that
		// hold an article's text are left out as Readability.js leaves
		// them; an article with paragraphs of its own keeps them.
		name: "headings between the article's blocks",
		page: `<article><h1>Lorem</h1><div>` + prose("first block", 3) + `</div><h2>Foo</h2><div>` + prose("second block", 3) + `</div></article>`,
		must: []string{"Paragraph 2 of the first block", "Paragraph 2 of the second block"},
		not_: []string{"Lorem", "Foo"},
	},
	{
		name: "headings of an article with its own paragraphs",
		page: `<article><h1>Lorem</h1><div>` + prose("first block", 3) + `</div><h2>Foo</h2>` + prose("second part", 3) + `</article>`,
		must: []string{"Lorem", "Foo", "Paragraph 2 of the second part"},
	},
	{
		// filter.go, withoutTitleHeading: the headline, worded a little
		// differently from <title>, goes; the same words as a heading
		// under the story's prose are a section of it.
		name:  "headline worded unlike the title",
		title: "Council fails to agree on budget | Town News",
		page: `<article><div><h2>Council fails to agree on the budget</h2>` + prose("story", 6) +
			`<h2>Council fails to agree on budget</h2>` + prose("second part", 3) + `</div></article>`,
		must: []string{"Paragraph 5 of the story", "Council fails to agree on budget", "Paragraph 2 of the second part"},
		not_: []string{"agree on the budget"},
	},
	{
		// blocks.go, settleChrome: a class or id hint weighs, it does not
		// decide. A block named as chrome that holds paragraphs of prose
		// ("top" in "pa-new-top", even "sidebar") is the article's; one
		// whose lines score under hintCost a point of its hint (a line
		// under "related") is chrome.
		name: "prose under a chrome hint",
		page: `<article><div>` + prose("story", 5) + `<div class="pa-new-top">` + prose("second part", 3) + `</div>` +
			`<div class="sidebar">` + prose("sidebar", 3) + `</div>` +
			`<div class="related-box"><p>Read more about the council and its budget in our archive of the town.</p></div></div></article>`,
		must: []string{"Paragraph 4 of the story", "Paragraph 2 of the second part", "Paragraph 2 of the sidebar"},
		not_: []string{"Read more about the council"},
	},
	{
		// blocks.go, isChrome: a link is never chrome by its class; an
		// <a class="popup"> inside a sentence is a word of it and does
		// not cut the paragraph in two.
		name: "link with a chrome class inside a sentence",
		page: `<article><div>` + prose("story", 4) + `<p>The mayor's <a class="popup" href="/letter">open letter</a> to the council ` +
			`was read aloud at the start of the meeting on Tuesday.</p>` + prose("end", 2) + `</div></article>`,
		must: []string{"The mayor's open letter to the council was read aloud"},
	},
	{
		// blocks.go, settleChrome: a block made invisible by its style
		// is never the page's frame, however much of the text it holds.
		name: "invisible block holding most text",
		page: `<article><div>` + prose("story", 3) + `</div><div style="visibility: hidden">` + prose("hidden copy", 8) + `</div></article>`,
		must: []string{"Paragraph 2 of the story"},
		not_: []string{"hidden copy"},
	},
	{
		// blocks.go, squeezeStyle: CSS reads any white space between a
		// property and its value as a space: a tab or a line break in an
		// inline style hides as well.
		name: "hidden styles with tabs and line breaks",
		page: `<article><div>` + prose("story", 4) + `<div style="display:` + "\t" + `none"><p>The tab hides this paragraph of the page from every reader of it.</p></div>` +
			`<p style="color: red;` + "\n  " + `VISIBILITY:` + "\n" + `hidden">The line break hides this paragraph of the page from every reader.</p>` + prose("end", 1) + `</div></article>`,
		must: []string{"Paragraph 3 of the story", "Paragraph 0 of the end"},
		not_: []string{"The tab hides", "The line break hides"},
	},
	{
		// blocks.go, chromeRole: a dialog laid over the page (a consent
		// banner) is chrome, and never the page's frame however much of
		// its text it holds.
		name: "consent dialog outweighing a short story",
		page: `<div>` + prose("story", 2) + `</div><div id="banner"><div role="dialog" aria-label="Your privacy">` + prose("consent", 8) + `</div></div>`,
		must: []string{"Paragraph 1 of the story"},
		not_: []string{"consent"},
	},
	{
		// blocks.go, chromeRole: a <dialog> has the role dialog without
		// saying so; closed, it is not shown, open, it lies over the
		// page: its text is not the article's, wherever it sits.
		name: "dialog elements, closed and open",
		page: `<dialog open><h2>Stay in touch</h2><p>Sign up for our letter and get the council's news from the town hall every Friday morning.</p></dialog>` +
			`<article><div>` + prose("story", 2) + `<dialog id="tip"><p>Send us your tips about the town, the council and the harbour, in confidence, at any hour.</p></dialog>` +
			prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 1 of the story", "Paragraph 1 of the end"},
		not_: []string{"Stay in touch", "Sign up for our letter", "Send us your tips"},
	},
	{
		// blocks.go, chromeRole: an element in the role of <nav> or
		// <aside> is chrome as they are, under any class name.
		name: "navigation and complementary roles",
		page: `<article><div class="x1" role="navigation"><p>Sections of the site: news, sport, weather, travel and the arts of the region, all in one place.</p></div>` +
			prose("story", 4) + `<div class="x2" role="complementary">` + prose("pick of the week", 2) + `</div>` +
			`<div class="x3" role="alert">` + prose("breaking news", 2) + `</div></article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"Sections of the site", "pick of the week", "breaking news"},
	},
	{
		// blocks.go, namedFrame: a documentation theme wraps the whole
		// page in a grid named for its navigation ("wy-grid-for-nav");
		// on a short page its paragraphs score under hintCost, and the
		// name alone emptied the page.
		name: "short page inside a wrapper named as navigation",
		page: `<div class="wy-grid-for-nav"><nav><a href="/a">Install</a><a href="/b">Usage</a></nav><section><h1>Installation</h1>` +
			`<p>Gizmo runs on Python 3.10 or later and has no compiled dependencies.</p>` +
			`<div class="note"><p>Do not install it with sudo: pip would write into the system's packages.</p></div></section></div>`,
		must: []string{"Gizmo runs on Python 3.10", "Do not install it with sudo"},
	},
	{
		// callout.go, alertNote: a documentation theme's "Warning" box
		// written in the role of an alert, right after a paragraph of the
		// article, is a note of its text; a site-wide alert before the
		// article stays chrome.
		name: "alert box among the article's paragraphs",
		page: `<div class="x0" role="alert"><p>Version 4.0 is out: read the release notes before you upgrade.</p></div><main>` + prose("guide", 2) +
			`<div class="x1" role="alert"><h4>Warning</h4><p>Changing the listen address needs a restart of the agent.</p></div>` +
			prose("reload section", 1) + `</main>`,
		must: []string{"Changing the listen address needs a restart", "Paragraph 0 of the reload section"},
		not_: []string{"Version 4.0 is out"},
	},
	{
		// blocks.go, neverFrame: a box in the role of a menu or of
		// navigation is never the page's frame, however much of its
		// text it holds (a mega menu with a blurb for every section).
		name: "menu holding most of the page's text",
		page: `<div class="x1" role="menu">` + prose("menu blurb", 6) + `</div><article>` + prose("story", 4) + `</article>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"menu blurb"},
	},
	{
		// blocks.go, neverFrame: the same of a navigation box.
		name: "navigation box holding most of the page's text",
		page: `<article>` + prose("story", 4) + `</article><div class="x2" role="navigation">` + prose("section list", 6) + `</div>`,
		must: []string{"Paragraph 3 of the story"},
		not_: []string{"section list"},
	},
	{
		// hints.go, maybeContent: MathJax names the element around a
		// formula "CtxtMenu_Attached" (its context menu); beside
		// "MathJax" the "menu" counts for nothing, and the formula stays
		// in its sentence.
		name: "formula in a MathJax container",
		page: `<article>` + prose("story", 3) + `<p>When</p><mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML">` +
			`<mjx-math aria-hidden="true"><mjx-mi><mjx-c class="mjx-c1D44E"></mjx-c></mjx-mi></mjx-math><mjx-assistive-mml display="inline">` +
			`<math><mi>a</mi><mo>≠</mo><mn>0</mn></math></mjx-assistive-mml></mjx-container>, there are two solutions to the equation.</article>`,
		must: []string{"a≠0"},
	},
	{
		// blocks.go, hidden: what is hidden from screen readers is not
		// read; a pull quote repeats a line of the story.
		name: "pull quote hidden from screen readers",
		page: `<article>` + prose("story", 3) + `<div class="pq" aria-hidden="true"><p>Had he only written the sequel, said the reporter, everything in the town would have been different.</p></div>` +
			prose("end", 2) + `</article>`,
		must: []string{"Paragraph 2 of the story", "Paragraph 1 of the end"},
		not_: []string{"Had he only written"},
	},
	{
		// blocks.go, settleChrome: a page saved with a dialog open hides
		// everything else from screen readers; the article is still the
		// page's frame.
		name: "page hidden from screen readers behind a dialog",
		page: `<div id="page" aria-hidden="true"><article>` + prose("story", 6) + `</article></div>` +
			`<div role="dialog"><p>Sign up for our newsletter and never miss a story from the town council again.</p></div>`,
		must: []string{"Paragraph 5 of the story"},
		not_: []string{"Sign up"},
	},
	{
		// dom.go, spaceWriter: a line break between two Han characters
		// inside one text node is the editor's hard wrap (用木\n质 is
		// one word); between elements it parts two pieces of text.
		name:  "line breaks between Han characters",
		title: "楓紅",
		page: `<article><p>` + strings.Repeat("營區內除了露營、民宿、餐飲、賞楓項目多了許多原木飾品，", 6) + `</p>` +
			`<p><span>不同格調就是從入口處這塊招牌第一眼開始</span>` + "\n  " + `<span>木頭招牌、貓頭鷹裝飾品勾勒出美樹的風格</span></p>` +
			`<p>新石器時代的藝術家是用木` + "\n   " + `質和易腐材料進行創作的，或許今後的發掘會有助於填補這個空白。</p></article>`,
		must: []string{"第一眼開始 木頭招牌", "用木質和易腐材料"},
	},
	{
		// blocks.go, hiddenClass: a class that hides its element, but
		// not one that shows it again at a breakpoint.
		name: "element hidden by its class",
		page: `<article><div class="body">` + prose("story", 6) + `<ul id="topics" class="hidden"><li>Politics &amp; Government</li>` +
			`<li>Arts &amp; Entertainment</li></ul><p class="hidden md:block">The council will meet again on Friday, ` +
			`the mayor said after the vote, to settle the budget.</p></div></article>`,
		must: []string{"Paragraph 5 of the story", "The council will meet again on Friday"},
		not_: []string{"Politics & Government"},
	},
	{
		// blocks.go, hiddenClass and hidden: the display:none utilities of
		// Bootstrap, Bulma and video.js, and a closed dialog; a
		// breakpoint variant shows its element.
		name: "hidden utilities",
		page: `<article><div class="body">` + prose("story", 6) + `<div class="vjs-live-control vjs-hidden">Stream Type LIVE</div>` +
			`<p class="d-none">Bootstrap hides this paragraph of the page entirely.</p>` +
			`<p class="is-hidden">Bulma hides this paragraph of the page entirely.</p>` +
			`<p class="ng-hide">AngularJS hides this paragraph of the page entirely.</p>` +
			`<p class="invisible">Tailwind leaves a blank where this paragraph of the page would be.</p>` +
			`<p class="invisible group-hover:visible">The harbour master will speak at the meeting, the clerk said on the radio.</p>` +
			`<p class="d-none d-md-block">The council will meet again on Friday, the mayor said after the vote.</p></div></article>`,
		must: []string{"Paragraph 5 of the story", "The council will meet again on Friday", "The harbour master will speak"},
		not_: []string{"Stream Type", "Bootstrap hides", "Bulma hides", "AngularJS hides", "Tailwind leaves"},
	},
	{
		// blocks.go, hidden: hidden="until-found" collapses a section
		// the browser opens when the reader searches or follows a link
		// into it: the article's own text, kept; hidden, it is not.
		name: "section collapsed until found",
		page: `<article><div class="body">` + prose("story", 3) + `<h2>The vote</h2><div hidden="until-found"><p>The council voted seven to two ` +
			`for the second ferry, after a debate that ran past midnight and ended in applause.</p></div>` +
			`<div hidden><p>Sign in to read the minutes of the meeting and the council's other papers of the year.</p></div></div></article>`,
		must: []string{"Paragraph 2 of the story", "The council voted seven to two"},
		not_: []string{"Sign in to read the minutes"},
	},
	{
		// dom.go, dropTags: a form's labels are not text.
		name: "form labels",
		page: `<article><div class="body">` + prose("story", 6) + `<div class="settings"><label>Foreground</label><select><option>White</option></select>` +
			`<label>Font Size</label></div>` + prose("end", 1) + `</div></article>`,
		must: []string{"Paragraph 0 of the end"},
		not_: []string{"Foreground", "Font Size"},
	},
	{
		// filter.go, linkOK: lone link lines inside the article are
		// kept: a call to action, a linked heading, references. So is a
		// paragraph with a few short links and words of its own, a
		// credit (linkblocks.go, inLinkList).
		name: "lone link lines",
		page: `<article><div class="body">` + prose("story", 3) + `<div class="cta"><a href="/themes">Try it now</a></div>` +
			`<div><a href="/learn">Learn more</a></div>` + prose("middle", 2) +
			`<p><a href="/r1">link</a></p><p><a href="/r2">link</a></p><p><a href="/r3">link</a></p><p><a href="/r4">ref</a></p>` +
			`<p>Portrait by <a href="/p/george">George</a> <a href="/p/dbarrio">Del Barrio</a></p>` + prose("end", 2) + `</div></article>`,
		must: []string{"Try it now", "Learn more", "link\n\nlink\n\nlink\n\nref", "Portrait by George Del Barrio", "Paragraph 1 of the end"},
	},
	{
		// filter.go, linkOK and linkTail: past the article's last line of
		// text, link lines that are no sentence close the page: a way
		// back, a button, a credit. A linked sentence there is kept.
		name: "link lines after the article's last text",
		page: `<article><div class="body">` + prose("story", 3) + `<div><a href="/learn">Learn more</a></div>` + prose("end", 2) +
			`<p><a href="/blackout">The hall had a brief blackout</a> during the vote.</p>` +
			`<div class="well"><a href="/">Back to the front page</a></div><p><a href="/credit">[Image credit]</a></p></div></article>`,
		must: []string{"Learn more", "The hall had a brief blackout during the vote."},
		not_: []string{"Back to the front page", "Image credit"},
	},
	{
		// filter.go, linkOK and textSpanOf: before the article's first
		// line of text, link lines that are no sentence open the page,
		// not the article: a linked byline, a button. A linked sentence
		// there is kept.
		name: "link lines before the article's first text",
		page: `<article><div class="body"><div class="by"><a href="/author/jo">By Jo Reporter</a></div>` +
			`<div><a href="/listen">Listen to this story</a></div><p><a href="/budget">The town's budget passed on Tuesday.</a></p>` +
			prose("story", 4) + `</div></article>`,
		must: []string{"The town's budget passed on Tuesday.", "Paragraph 3 of the story"},
		not_: []string{"Jo Reporter", "Listen to this story"},
	},
	{
		// filter.go, closingLabel: a heading after which no text of the
		// article comes labels what was left out (here a list of links);
		// it goes. A heading inside the text, or one that is a sentence,
		// stays.
		name: "heading that closes the text",
		page: `<article><div class="body"><h2>The vote</h2>` + prose("story", 4) +
			`<h3>Follow the council here.</h3><h4>Where to listen to the council</h4>` +
			`<ul><li><a href="/a">Apple Podcasts</a></li><li><a href="/s">Spotify</a></li><li><a href="/g">Google Podcasts</a></li></ul></div></article>`,
		must: []string{"The vote", "Paragraph 3 of the story", "Follow the council here."},
		not_: []string{"Where to listen", "Spotify"},
	},
	{
		// filter.go, teaserLink: link lines that lead away from the
		// article are dropped: related reading, promotions, headlines in
		// capitals, a card's heading in a list, a row of headlines.
		name: "teaser link lines",
		page: `<article><div class="body">` + prose("story", 3) +
			`<p><a href="/x">Related: The mayor's other plan for the town budget</a></p>` +
			`<p><a href="/sub">Click here to subscribe to The Town Newsletter</a></p>` +
			`<p><a href="/caps">MAYOR OPENS UP ABOUT HIS SERIOUS HEALTH CONDITION</a></p>` + prose("middle", 2) +
			`<ul class="x"><li><h4><a href="/c1">The mayor's new space race</a></h4><span>4 min</span></li><li><span>4 min</span></li></ul>` +
			prose("after", 2) +
			`<div><a href="/h1">Who will make the town council in 2020?</a></div><div><a href="/h2">Fans really want the mayor in the hall</a></div>` +
			`<div><a href="/h3">The worst council meetings of the decade</a></div><div><a href="/h4">Budget vote takes over the fan vote</a></div>` +
			prose("end", 2) + `</div></article>`,
		must: []string{"Paragraph 1 of the middle", "Paragraph 1 of the end"},
		not_: []string{"other plan", "subscribe", "HEALTH CONDITION", "space race", "Who will make", "Fans really", "worst council", "Budget vote"},
	},
	{
		// filter.go, footerDate: a short last line with a date
		// and its time of day is the post's footer; such a line above
		// the text stays.
		name: "post footer with a date and time",
		page: `<div class="post"><p>Posted by Jane Doe on March 3, 2021 9:15 PM</p>` + prose("post", 3) +
			`<p>Posted by Jane Doe on March 3, 2021 9:15 PM | 4 comments</p></div>`,
		must: []string{"Posted by Jane Doe on March 3, 2021 9:15 PM\n", "Paragraph 2 of the post"},
		not_: []string{"4 comments"},
	},
	{
		name: "post footer with a date and time, Chinese",
		page: `<div class="entry">` + prose("post", 3) + `<p>发表于 2004年12月27日 12:40 - (阅读:85;评论:3)</p></div>`,
		must: []string{"Paragraph 2 of the post"},
		not_: []string{"发表于"},
	},
	{
		// A last line with a date but no time of day is text.
		name: "last line with a date",
		page: `<div class="post">` + prose("post", 3) + `<p>The council meets again on March 10, 2021.</p></div>`,
		must: []string{"Paragraph 2 of the post", "The council meets again on March 10, 2021."},
	},
	{
		// A schedule that ends the article is data: a list's last item
		// or a table's last row with a date and a time stays.
		name: "schedule list with dates and times at the end",
		page: `<div class="post">` + prose("post", 3) + `<ul><li>Opening: March 10, 2021 9:00 AM</li>` +
			`<li>Closing: March 12, 2021 5:00 PM</li></ul></div>`,
		must: []string{"Closing: March 12, 2021 5:00 PM"},
	},
	{
		name: "schedule table with dates and times at the end",
		page: `<div class="post">` + prose("post", 3) + `<table><tr><td>Heat</td><td>2021-03-13 10:30</td></tr>` +
			`<tr><td>Final</td><td>2021-03-14 18:30</td></tr></table></div>`,
		must: []string{"2021-03-14 18:30"},
	},
}

func TestGenericRules(t *testing.T) {
	for _, c := range genericCases {
		t.Run(c.name, func(t *testing.T) {
			title := c.title
			if title == "" {
				title = "Title"
			}
			checkText(t, cleanBody(t, title, c.page), c.must, c.not_)
		})
	}
}

// cleanBody cleans a page made of title and body, failing on an error.
func cleanBody(t *testing.T, title, body string) *Document {
	t.Helper()
	page := "<html><head><title>" + title + "</title></head><body>" + body + "</body></html>"
	doc, err := Clean(Input{URL: "http://example.com/story", Header: http.Header{}, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkText wants every string of must in doc's text and none of not.
func checkText(t *testing.T, doc *Document, must, not []string) {
	t.Helper()
	for _, s := range must {
		if !strings.Contains(doc.Text, s) {
			t.Errorf("text lacks %q:\n%s", s, doc.Text)
		}
	}
	for _, s := range not {
		if strings.Contains(doc.Text, s) {
			t.Errorf("text holds %q:\n%s", s, doc.Text)
		}
	}
}

// TestHintWords: hints match whole words of a class or id, split at
// punctuation and camelCase humps, never a part of a word; utility
// classes say nothing.
func TestHintWords(t *testing.T) {
	for _, c := range []struct {
		class, id string
		want      int
	}{
		{"PageBuilder-pageRow", "", 0}, // not "pager"
		{"canvas photo", "", 0},        // not "nav", "hot"
		{"border-top pb-35 mt-4", "", 0},
		{"text-center col-md-6", "", 0},
		{"space-y-4 text-lg leading-relaxed", "", 0}, // Tailwind's sizes and colours of text
		{"text-sm text-gray-600 mt-2", "", 0},
		{"text-2xl text-muted", "", 0},
		{"main-nav", "", -1},
		{"navbar", "", -1},           // a strong hint as a word's start
		{"sidebarLeft", "", -1},      // a strong hint as a word's start
		{"relatedPosts", "", -1},     // and after a camelCase hump
		{"widget Blog", "Blog1", -1}, // a hint still; settleChrome judges it
		{"entry-content", "", 1},
		{"TRS_Editor", "", 1},
		{"article-share", "", 0},
		{"ad-300", "", -1},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div,
			Attr: []html.Attribute{{Key: "class", Val: c.class}, {Key: "id", Val: c.id}}}
		if got := hint(n); got != c.want {
			t.Errorf("hint(class=%q id=%q) = %d (words %q), want %d", c.class, c.id, got, classID(n), c.want)
		}
	}
}

// TestChromeHint: a chrome hint makes an element chrome unless a
// maybeContent word stands beside it; the hint still weighs (hint).
func TestChromeHint(t *testing.T) {
	for _, c := range []struct {
		class  string
		chrome bool
		hint   int
		strong bool
	}{
		{"main-nav", true, -1, false}, // "main" is a weak article hint
		{"sidebar-left", true, -1, true},
		{"main-column sidebar-left", false, -1, false},
		{"MathJax CtxtMenu_Attached_0", false, -1, false},
		{"sidebar shadow-lg", true, -1, true}, // "shadow" is a CSS utility, not content
		{"nav-and-search", true, -1, true},
	} {
		cid := classIDOf(c.class, "")
		if got := chromeHint(cid); got != c.chrome {
			t.Errorf("chromeHint(%q) = %v, want %v", cid, got, c.chrome)
		}
		if got := hintOf(cid); got != c.hint {
			t.Errorf("hintOf(%q) = %d, want %d", cid, got, c.hint)
		}
		if got := strongChromeOf(cid); got != c.strong {
			t.Errorf("strongChromeOf(%q) = %v, want %v", cid, got, c.strong)
		}
	}
}

// TestBestProseKept: a class hint alone never removes the block that
// holds the page's best prose (its paragraphs outweigh the hint,
// settleChrome). Each strong chrome hint but a comment
// thread's names a wrapper around the article that holds under half the
// page's text (a menu of links holds the rest), so that the frame rule
// does not keep it.
func TestBestProseKept(t *testing.T) {
	menu := strings.Repeat(`<li><a href="/x">A section of the site with a long name here</a></li>`, 60)
	for _, h := range strongNegative {
		class := strings.ReplaceAll(strings.TrimSuffix(h, "*"), " ", "-")
		if class == "comment" || class == "pinglun" {
			continue
		}
		page := `<html><head><title>Title</title></head><body><div><ul>` + menu + `</ul></div><div class="` + class + `"><h1>Title</h1>` +
			prose("story", 6) + `</div></body></html>`
		doc, err := Clean(Input{URL: "http://example.com/story", Header: http.Header{}, Body: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.Text, "Paragraph 5 of the story") {
			t.Errorf("class %q: the article is gone:\n%s", class, doc.Text)
		}
	}
}

// TestWriteUnits: the one-pass writeUnits writes what write wrote and
// counts what units counts. The reference writes each rune on its own,
// white space together with the rune after it in s: a line break between
// two Han characters is dropped only inside one text node (see collapse),
// and s is a node of its own.
func TestWriteUnits(t *testing.T) {
	for _, s := range []string{"", " ", "\n\t", "\u3000", "a b", "中 文\n字", "  x\u3000y\u00A0z\u2028 ", "\xffa\u2003b", "ＡＢ，。"} {
		var a, b spaceWriter
		a.write("前")
		b.write("前")
		if u := a.writeUnits(s); u != units(s) || u != refUnits(s) {
			t.Errorf("writeUnits(%q) = %d, units %d, want %d", s, u, units(s), refUnits(s))
		}
		pend := ""
		for _, r := range s {
			if pend += string(r); !isSpace(r) {
				b.write(pend)
				pend = ""
			}
		}
		b.write(pend) // the end of s's node: its white space
		b.write("后")  // a node of its own
		a.write("后")
		if a.String() != b.String() {
			t.Errorf("%q: %q in one write, %q rune by rune", s, a.String(), b.String())
		}
	}
}

// refUnits is units as first written.
func refUnits(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < 0x2E80:
			if !isSpace(r) {
				n++
			}
		case isCJK(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// TestParaUnitsUpTo: paraUnitsUpTo is paraUnits under the limit, and at
// least the limit when paraUnits is.
func TestParaUnitsUpTo(t *testing.T) {
	paras := []string{"一二三", "four five", "", "  ", "中文 text", "x"}
	for n := 0; n <= len(paras); n++ {
		total := paraUnits(paras[:n])
		for limit := 0; limit <= total+2; limit++ {
			got := paraUnitsUpTo(paras[:n], limit)
			if total < limit && got != total || total >= limit && got < limit {
				t.Errorf("paraUnitsUpTo(%q, %d) = %d, paraUnits %d", paras[:n], limit, got, total)
			}
		}
	}
}

// TestUnitsUpTo: unitsUpTo is units under the limit, and at least the
// limit when units is, on ASCII, ideographs, other runes, white space
// and stray bytes.
func TestUnitsUpTo(t *testing.T) {
	for _, s := range []string{"", " ", "一二三", "four  five", "中文 text\u3000é", "x\xffy", "\u00a0a\u2003中"} {
		total := units(s)
		for limit := 0; limit <= total+2; limit++ {
			if got := unitsUpTo(s, limit); total < limit && got != total || total >= limit && got < limit {
				t.Errorf("unitsUpTo(%q, %d) = %d, units %d", s, limit, got, total)
			}
		}
	}
}

// guideDoc cleans a page whose article is two paragraphs of prose, the
// markup under test (mid) and one more paragraph.
func guideDoc(t *testing.T, mid string) *Document {
	t.Helper()
	page := `<html><head><title>Title</title></head><body><article><h1>Title</h1>` + prose("guide", 2) + mid + prose("end", 1) + `</article></body></html>`
	return cleanPage(t, "http://example.com/a", []byte(page))
}

// TestCodeTokensNotChrome: a syntax highlighter names each token of a
// code sample by its kind ("token comment", "hljs-comment"), and a
// comment is a line of the code a reader copies, not a comment thread:
// inside <pre> or <code> no class or id makes an element chrome, so the
// sample keeps its comments and stays one paragraph.
func TestCodeTokensNotChrome(t *testing.T) {
	doc := guideDoc(t, `<pre><code class="language-bash"><span class="token comment"># install it from the index</span>`+"\n"+
		`pip install the-tool`+"\n"+`<span class="hljs-comment"># check that it runs</span>`+"\n"+
		`the-tool --version</code></pre>`)
	want := "# install it from the index\npip install the-tool\n# check that it runs\nthe-tool --version"
	if !strings.Contains(doc.Text, want) {
		t.Errorf("the code sample is not whole in the text:\n%s", doc.Text)
	}
}

// TestPreBreaksAreLines: a <br> inside a <pre> (highlighters and forum
// software write one per line) is a line break of the sample, as a
// browser shows it, not a paragraph boundary cutting it in pieces.
func TestPreBreaksAreLines(t *testing.T) {
	doc := guideDoc(t, `<pre class="code">for i in 1 2 3; do<br>  echo "$i"<br/>done</pre>`)
	want := "\n\nfor i in 1 2 3; do\n  echo \"$i\"\ndone\n\n"
	if !strings.Contains(doc.Text, want) {
		t.Errorf("the code sample is not one block of three lines:\n%s", doc.Text)
	}
}

// TestMathAnnotationNotText: a formula's MathML <annotation> (its TeX
// source, as KaTeX and MathJax write it) is not shown, so it is not
// read: the formula reads once.
func TestMathAnnotationNotText(t *testing.T) {
	doc := guideDoc(t, `<p>The area of the harbour basin is <math><semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></mrow>`+
		`<annotation encoding="application/x-tex">\pi r^2</annotation></semantics></math> square metres.</p>`)
	if want := "The area of the harbour basin is πr2 square metres."; !strings.Contains(doc.Text, want) {
		t.Errorf("want %q in the text:\n%s", want, doc.Text)
	}
}

// TestHiddenInlineKeepsTheSentence: a hidden inline element amid a
// sentence (an icon marked aria-hidden, a collapsed word) is left out
// without cutting the sentence in two, and the words before it stay.
func TestHiddenInlineKeepsTheSentence(t *testing.T) {
	for _, h := range []string{`<i class="fa fa-phone" aria-hidden="true"></i>`, `<span aria-hidden="true">→</span>`, `<span style="display: none">secret</span>`} {
		doc := guideDoc(t, `<p>Read more `+h+` about the ferry and the council meeting that was held on the island on Tuesday evening.</p>`)
		want := "\n\nRead more about the ferry and the council meeting that was held on the island on Tuesday evening.\n\n"
		if !strings.Contains(doc.Text, want) || strings.Contains(doc.Text, "secret") {
			t.Errorf("%s: the sentence is not one paragraph without the hidden element:\n%s", h, doc.Text)
		}
	}
}
