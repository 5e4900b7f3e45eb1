package clean

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Chrome lines: checked only on short paragraphs (shortLine runes or
// fewer), where they are the whole line and never article text.
const shortLine = 120

// zhSepRunes end a Chinese template's label: a colon, full-width or not,
// or one of the colons and bars that stand for it: the ratio sign and the
// vertical presentation colon (∶ ︰), the full-width bar ｜, and 丨, a
// character new-media templates set as a bar ("来源丨新华社",
// "编辑丨赵六"). Not the ASCII bar: the walk joins a table row's cells
// with " | ", and a row whose first cell is 时间 or 来源 is a table's
// head, not a label. zhSep is one of them, in an expression; zhOpen is
// the bracket a label line may open with (【来源：…】, ［责任编辑：…］,
// 〖来源：…〗).
const (
	zhSepRunes = ":：∶︰｜丨"
	zhSep      = `[` + zhSepRunes + `]`
	zhOpen     = `[\[【(（［〔〖]`
)

var (
	// editor, print/close, font size, counters, share and navigation lines;
	// then copyright and licence footers (one expression: one scan a line)
	junkRe = regexp.MustCompile(`(?i)责任编辑|责编\s*` + zhSep + `|^\s*` + zhOpen + `?\s*(?:值班|本版|网络|实习|特约|文字|图片|视频|新媒体)?(?:编辑|审核|校对|签发|监制|编审|终审|初审|复审|摄影|记者)\s*` + zhSep + `|` +
		`打印本页|关闭窗口|打印此页|打印文章|[【\[]\s*(?:` + strings.Join(bracketWords, "|") + `)\s*[】\]]|字号\s*[:：]?\s*[大中小]|字体\s*[:：]\s*[大中小]|` +
		`收藏本页|分享到|扫一扫|扫描二维码|^\s*上一篇|^\s*下一篇|阅读次数|浏览次数|点击数\s*[:：]|访问量|返回顶部|` +
		`^\s*(?:[(（【\[]\s*(?:全文)?完\s*[)）】\]]|[-—－]+\s*(?:全文)?完\s*[-—－]+)\s*$|(?:未经|未获)[^。，,]{0,20}(?:不得|禁止|严禁|谢绝|请勿)(?:任何)?(?:商业)?转载|^\s*` + zhOpen + `?\s*(?:不得|禁止|严禁|谢绝|请勿)(?:任何)?(?:商业)?转载|转载请注明(?:出处|来源)|` +
		`^\s*[上下]一条\s*[:：]|^\s*(?:网友|用户|读者|最新|热门|全部|精彩)评论\s*(?:[(（]\s*\d+\s*[)）])?\s*$|^\s*(?:已有|共有)\s*\d+\s*(?:人|条|位网友)(?:参与)?(?:评论|跟帖|讨论)?(?:\s*[,，]\s*点击查看.{0,6})?\s*$|` +
		`列印本页|关闭视窗|^\s*[【\[]?\s*(?:分享|收藏|点赞|打印|列印)\s*[】\]]?\s*$|^\s*分享(?:至)?\s*[:：]|` +
		`^\s*` + zhOpen + `?\s*(?:点击|浏览|阅读|点阅)(?:量|数|率)?\s*[:：]?\s*\d+\s*次?\s*[\]】)）］〕〗]?\s*$|` +
		`(?:^|\s)(?:share this|share on|follow us|sign up for|back to top)\b|^\s*(?:advertisement|ad|sponsored|广告|tweet|(?:\d+\s+)?comments\s*[:：]?)\s*$|` +
		`^\s*(?:` + adIntl + `)\s*$|` +
		`^\s*(?:story|article)\s+continues\s+(?:below|after)\s+(?:(?:this|the)\s+)?(?:ad|advertisement)\s*$|` +
		`^\s*(?:text|font)\s+size\s*[:：]?\s*(?:a\s*[-+−]\s*)*$|^\s*关注我们|` +
		`^\s*listen to (?:(?:this|the) )?(?:article|story)(?:\s*[·•|-]?\s*\d{1,2}(?::\d{2})?\s*(?:min(?:utes?|s)?)?)?\s*$|` +
		`^\s*(?:leave a (?:comment|reply)|post a comment|add a comment|join the (?:conversation|discussion)|(?:comments|评论)\s*[(（]\s*\d+\s*[)）]|发表评论|我要评论)\s*$|` +
		`ICP\s*[备证]|公网安备|网安备|` + copyrightExpr + `|` +
		`主办单位\s*[:：]|承办单位\s*[:：]|技术支持\s*[:：]|设为首页|加入收藏|网站地图|联系我们`)
	// metadata lines: source, author, date labels, and the labels of a
	// post's place in the site's taxonomy ("Filed under: Politics |",
	// "Posted in: NFL Network", "Tags: …", "Labels: …", "标签：…",
	// "关键词：…", and the plain word for tags in German, French and
	// Spanish: "Schlagwörter: …", "Mots-clés : …", "Etiquetas: …"): a
	// blog template's line about the post, not a line of it
	metaLineRe = regexp.MustCompile(`(?i)^\s*` + zhOpen + `?\s*(?:(?:来\s*源|稿源|本文来源|文章来源|信息来源|消息来源|出处|作者|发布时间|发布日期|发表时间|发表日期|发稿时间|更新时间|时间|日期|标\s*签|关键[词字])\s*` + zhSep + `|` +
		`(?:source|by|published|posted|updated|last updated|date|filed under|posted in|categor(?:y|ies)|tags?|tagged|labels?|` +
		`schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|stichworte|mots[-\s]cl(?:é|e)s|etiquetas)\s*[:：])`)
	// a line that is a date, optionally with a time and a source
	dateLineRe = regexp.MustCompile(`^\s*(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)(?:\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?(?:\s|$|来源|稿源|作者|\|)`)
	// an English date line: "| November 18, 2019 at 2:26 PM HST - Updated
	// November 18 at 4:46 PM", "Published 3:04 p.m. ET Nov. 7, 2022",
	// the stamp a man page converter writes under its credit, "Time:
	// 10:14:02 GMT, March 03, 2026": what is left without its dates,
	// times and their words has no word in it
	enMonthRe  = regexp.MustCompile(`(?i)\b(?:` + monthWords + `)\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:` + monthWords + `)\b`)
	dateWordRe = regexp.MustCompile(`(?i)\b(?:` + monthWords + `|` + weekdayWords + `|at|on|am|pm|a\.m|p\.m|updated|update|published|posted|last|modified|time|[a-z]{1,4}t|utc|gmt|hst|edt|est|pdt|pst|cet|cest|bst)\b|\d+(?:st|nd|rd|th)?`)
	// a link labelled as a pointer elsewhere: "Related post: …", "Read more: …"
	relatedLabelRe = regexp.MustCompile(`(?i)^\s*(?:related(?: post| article| story| stories| content)?|read more|read also|also read|see also|see more|more|don't miss|相关(?:阅读|新闻|文章|链接))\s*[:：]`)
	relatedRe      = regexp.MustCompile(`(?i)^(?:相关(?:阅读|新闻|推荐|链接|文章|报道|稿件|资讯)|热点新闻|热门(?:推荐|文章|新闻)|延伸阅读|推荐阅读|猜你喜欢|更多(?:新闻|阅读|精彩)|最新(?:新闻|文章)|` +
		`related(?: articles| stories| news| content| coverage)?|read more|more stories|more on this(?: story)?|recommended(?: for you)?|you may also like|most (?:read|popular)|` +
		relatedIntl + `)$`)
)

// relatedLabelsIntl are the related-reading labels of news and blog
// templates in languages other than English and Chinese, each a label
// that heads a link to another story or a list of them on the sites of
// its language ("Lire aussi", "Mehr zum Thema", "Читайте также",
// "関連記事", "اقرأ أيضا"). relatedRe takes them whole, as it takes its
// English and Chinese words: the label alone on its line, or before the
// colon that opens the link (relatedLabel), never as part of a sentence.
// A "see also" (Voir aussi, Ver también) is left out, as English "See
// also" is left out of relatedRe: a documentation page heads its own
// cross-references with it.
var relatedLabelsIntl = []string{
	"lire aussi", "à lire aussi", "a lire aussi", "lire également", "à lire également", "sur le même sujet", // French
	"lesen sie auch", "lesen sie mehr", "mehr zum thema", "weiterlesen", "auch interessant", "das könnte sie auch interessieren", // German
	"lee también", "lea también", "leer más", "lee más", "te puede interesar", "le puede interesar", "noticias relacionadas", // Spanish
	"leggi anche", "potrebbe interessarti", "articoli correlati", // Italian
	"leia também", "leia mais", "notícias relacionadas", // Portuguese
	"czytaj także", "czytaj też", "čtěte také", "čtěte též", "lees ook", "lees meer", // Polish, Czech, Dutch
	"читайте также", "читайте ещё", "читайте еще", "по теме", // Russian
	"関連記事", "関連ニュース", "あわせて読みたい", "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", // Japanese, Korean
	"اقرأ أيضا", "اقرأ أيضاً", "اقرأ أيضًا", "إقرأ أيضا", "إقرأ أيضاً", "اقرأ المزيد", "أخبار ذات صلة", "مواضيع ذات صلة", // Arabic
	"קרא עוד", "קראו עוד", "קראו גם", "כתבות נוספות", "עוד בנושא", // Hebrew
	"อ่านเพิ่มเติม", "อ่านต่อ", "ข่าวที่เกี่ยวข้อง", "บทความที่เกี่ยวข้อง", // Thai
	"xem thêm", "đọc thêm", "tin liên quan", "bài liên quan", "baca juga", "berita terkait", "artikel terkait", // Vietnamese, Indonesian
}

// relatedIntl is relatedLabelsIntl as relatedRe's alternatives, folded as
// headingLabel folds what relatedRe reads (foldTrad: 関連 is 关连); a space
// between two words may be any run of white space, a no-break space too.
var relatedIntl = func() string {
	alts := make([]string, len(relatedLabelsIntl))
	for i, w := range relatedLabelsIntl {
		alts[i] = strings.ReplaceAll(regexp.QuoteMeta(foldTrad(w)), " ", `[\s\x{a0}]+`)
	}
	return strings.Join(alts, "|")
}()

// cleanRuns drops chrome paragraphs from the article's runs and returns the
// paragraphs' text: link lines (not the announced items of a lead-in line
// or a list of sources, articleRuns, unless they are teasers),
// editor/print/copyright lines, source and date lines (not the records
// of a box of key facts, factRecords), the title repeated
// at the top, a related-reading heading with the link lines that follow
// it, headings that close the text (closingLabel) and a post's dated
// footer at the end (footerDate). Past the budget b it stops, keeping
// what it has.
func cleanRuns(runs []run, title string, b *budget) []string {
	out := make([]string, 0, len(runs))
	var last *html.Node // the block of the last paragraph kept that is no closing label
	lastFact := false   // that paragraph is a record of a box of key facts (factRecords)
	related := false
	normTitle := Normalize(title)
	rows := headlineRows(runs)
	span := textSpanOf(runs)
	labels := 0                         // the headings that end out (closingLabel)
	adEnd := 0                          // the runs before it that are left lie in an ad's box (adBoxEnd)
	prose := false                      // a paragraph of prose is in out
	heads := make([]bool, 0, len(runs)) // heads[k]: out[k] is a heading's
	tops := make([]bool, 0, len(runs))  // tops[k]: out[k] is a byline above the prose (storyByline)
	recs := make([]bool, 0, len(runs))  // recs[k]: out[k] is a record of a box of key facts (keyedRecord)
	facts := factRecords(runs)
	metas := metaBoxLines(runs)
	index := union(closingIndex(runs), backJumps(runs), openingIndex(runs), metaList(runs, facts))
	for i, r := range runs {
		if b.over() {
			break // out of time: the paragraphs kept so far
		}
		if index[i] || metas[i] {
			continue // the page's index of its own sections, above or below them; a post's meta block
		}
		if related {
			if r.linkUnits*2 > r.units || r.units < minRunUnits {
				continue
			}
			related = false
		}
		t := r.text
		n := runeCountFor(r)
		if relatedHeading(t, n) {
			related = true
			continue
		}
		if i < 4 && len(out) == 0 && normTitle != "" && normalEquals(t, normTitle) {
			continue
		}
		if len(out) == 0 && (kicker(r) || docLabel(r) && (normTitle != "" && labelsTitle(r, title) || labelsHeadline(runs, i))) {
			continue
		}
		if emptyAnnex(runs, i) {
			continue // an attachments label with no attachment after it
		}
		// a notice's signature date is the document's, though a date line
		signed := prose && signatureDate(r)
		if !signed && chromeLineOf(r, n, linkLine(r) && (r.announced && !teaserLink(r, false) || linkOK(runs, i, rows, span)), facts[i]) { // linkOK weighs only link lines
			if adLine(t) {
				adEnd = adBoxEnd(runs, i)
			}
			continue
		}
		if i < adEnd {
			continue
		}
		out = append(out, t)
		heads = append(heads, r.heading)
		tops = append(tops, !prose && !facts[i] && storyByline(r, n))
		recs = append(recs, keyedRecord(r) || facts[i])
		prose = prose || !r.heading && r.units >= proseUnits
		if closingLabel(r) {
			labels++
		} else {
			labels = 0
			last, lastFact = r.owner, facts[i]
		}
	}
	if labels < len(out) {
		out = out[:len(out)-labels]
	}
	if prose { // a text of short lines alone keeps them: they may be all there is
		var flags [][]bool
		out, flags = withoutOpeningBylines(out, tops, heads, recs)
		out = withoutClosingBylines(out, flags[0], flags[1])
	}
	if !lastFact && footerDate(out, last) {
		out = out[:len(out)-1]
	}
	return out
}

// storyByline reports a run, of n runes (runeCountFor), that is a date
// line of another language than English and Chinese (intlBylineKind),
// and no heading: cleanRuns asks it of the lines above the story's
// first paragraph of prose, where a template sets them under the
// headline. A line there that names the author stays: truths of news
// pages keep the byline above the text as often as they drop it.
func storyByline(r run, n int) bool {
	return !r.heading && n <= bylineRunes && intlBylineKind(r.text) == dateLineOf
}

// closingBylines is the most lines withoutOpeningBylines and
// withoutClosingBylines each take from the text: a byline and a date or
// update line.
const closingBylines = 2

// openingLines is how many of the text's first lines withoutOpeningBylines
// reads: a kicker, a byline and a date line.
const openingLines = 3

// withoutOpeningBylines returns paras without the bylines among their
// first openingLines lines (tops[k] says paras[k] is one, storyByline),
// up to closingBylines of them, and each of flags (slices of facts about
// paras, heads and recs in cleanRuns) without the same lines, so that
// flags[j][k] still speaks of the k-th paragraph returned. tops and each
// of flags are at least as long as paras; the slices returned are new
// ones when a line goes.
func withoutOpeningBylines(paras []string, tops []bool, flags ...[]bool) ([]string, [][]bool) {
	drop := 0
	for k := 0; k < min(openingLines, len(paras)); k++ {
		if tops[k] {
			drop++
		}
	}
	if drop == 0 || drop > closingBylines {
		return paras, flags
	}
	outP := make([]string, 0, len(paras))
	outF := make([][]bool, len(flags))
	for k := range paras {
		if k < openingLines && tops[k] {
			continue
		}
		outP = append(outP, paras[k])
		for j, f := range flags {
			outF[j] = append(outF[j], f[k])
		}
	}
	return outP, outF
}

// withoutClosingBylines returns paras without the bylines and date lines
// of other languages (intlBylineLine) and the news agencies' tags
// (closingTag) that end them, up to
// closingBylines of them and never the first paragraph: a template
// signs a story and dates its update under the text. heads[k] says
// paras[k] is a heading's, recs[k] that it is a record of a box of key
// facts (keyedRecord): neither is ever one. heads and recs are at least
// as long as paras.
func withoutClosingBylines(paras []string, heads, recs []bool) []string {
	for k := 0; k < closingBylines && len(paras) > 1; k++ {
		last := paras[len(paras)-1]
		if heads[len(paras)-1] || recs[len(paras)-1] || runesUpTo(last, bylineRunes+1) > bylineRunes || !intlBylineLine(last) && !closingTag(paras) {
			break
		}
		paras = paras[:len(paras)-1]
	}
	return paras
}

// closingTag reports that the last of paras is a news agency's tag
// (agencyTag) that signs the story's last sentence: the paragraph
// before it ends as a sentence does. A tag-shaped line under a link, a
// list's item or a heading ("(PDF)" after a document's link) signs no
// story.
func closingTag(paras []string) bool {
	n := len(paras)
	return n >= 2 && (agencyTag(paras[n-1]) || reporterTag(paras[n-1])) && sentenceEnd(paras[n-2])
}

// reporterRoles are the roles a Chinese news story's closing credit
// names its people by: reporters, correspondents, interns, photographers.
var reporterRoles = map[string]bool{"记者": true, "本报记者": true, "见习记者": true, "通讯员": true, "实习生": true, "摄影": true, "特约记者": true}

// reporterTag reports a line that is a Chinese story's closing credit
// alone, in parentheses: a role (reporterRoles) and the names after it,
// for one role or more ("（记者 张三 通讯员 王五）", "（记者 张三、李四）").
// agencyTag takes one role and one name ("（记者 张三）"); more names
// are more words than an agency's tag has. Each word is a role or a
// name of two to four Han characters (hanName), the first a role, each
// role followed by a name.
func reporterTag(t string) bool {
	t = strings.TrimSpace(t)
	if runesUpTo(t, agencyTagRunes+1) > agencyTagRunes || !strings.HasPrefix(t, "（") || !strings.HasSuffix(t, "）") {
		return false
	}
	words := strings.FieldsFunc(t[len("（"):len(t)-len("）")], func(r rune) bool { return r == ' ' || r == '、' || r == '\u3000' })
	named := true // the role before holds a name
	for k, w := range words {
		switch {
		case reporterRoles[w]:
			if !named {
				return false
			}
			named = false
		case k > 0 && hanName(w):
			named = true
		default:
			return false
		}
	}
	return len(words) > 0 && named
}

// agencyTagRunes is the most runes of a line agencyTag takes.
const agencyTagRunes = 24

// agencyTag reports a line that is a news agency's tag alone, as wire
// stories close: one or two names in parentheses ("(dpa)", "(AFP)",
// "(dpa/lnw)", "(Europa Press)", "（新华社）") or after a dash ("— AP",
// "– DPA"). Each name is an acronym or a short lower-case one (dpa,
// lnw: at most three letters), a run of Han characters, or, in
// parentheses, a capitalised word (agencyWord). A tag that opens a
// story's first line ("BERLIN (dpa) - …") is part of that line and no
// line of its own; the caller asks only of the lines that close the
// text.
func agencyTag(t string) bool {
	t = strings.TrimSpace(t)
	if runesUpTo(t, agencyTagRunes+1) > agencyTagRunes {
		return false
	}
	dashed := false
	switch {
	case strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")"):
		t = t[1 : len(t)-1]
	case strings.HasPrefix(t, "（") && strings.HasSuffix(t, "）"):
		t = t[len("（") : len(t)-len("）")]
	default:
		rest := strings.TrimLeft(t, "-–—")
		if rest == t || !strings.HasPrefix(rest, " ") {
			return false
		}
		t, dashed = rest, true
	}
	names := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '/' || r == ',' || r == '-' })
	if len(names) == 0 || len(names) > 2 {
		return false
	}
	for _, w := range names {
		if k := agencyWord(w); k == 0 || dashed && k == capitalised {
			return false // after a dash, a capitalised word may be any word: "- Stand"
		}
	}
	return true
}

// The kinds of word agencyWord tells.
const (
	notAgency   = iota
	acronym     // "AFP", "dpa", "新华社"
	capitalised // "Reuters", "Belga"
)

// agencyWord tells a word that may name a news agency in its tag: an
// acronym of two to six capitals ("AFP", "ANSA"), a lower-case one of
// two or three letters ("dpa") or two to six Han characters ("新华社");
// or a capitalised word of letters ("Reuters", "Belga").
func agencyWord(w string) int {
	n, upper, lower, han := 0, 0, 0, 0
	for _, r := range w {
		n++
		switch {
		case isHanBlock(r):
			han++
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		default:
			return notAgency
		}
	}
	switch {
	case han > 0 && han == n && n >= 2 && n <= 6,
		upper == n && n >= 2 && n <= 6,
		lower == n && n >= 2 && n <= 3:
		return acronym
	case upper == 1 && startsUpper(w) && n <= 12:
		return capitalised
	}
	return notAgency
}

// keyedRecord reports a run that is a record of a box of key facts: a
// table's row, a list's item or a pair list's pair (dataItem) that reads
// as a key and its value, the key a label and not a person's name
// ("Ausgabedatum | 3. März 2026", "Data wydania: 3 marca 2026", not
// "Anna Schmidt | 03.03.2026"). The walk joins a row's cells and a pair
// with " | "; an item sets its key off with a colon. A date in the value
// of such a record is the story's data, not its byline.
func keyedRecord(r run) bool {
	if r.heading || r.owner == nil || !dataItem[r.owner.DataAtom] {
		return false
	}
	key, _, ok := strings.Cut(r.text, " | ")
	if !ok {
		i := strings.IndexAny(r.text, ":：")
		switch {
		case i >= 0 && !strings.HasPrefix(r.text[i:], "://"):
			key = r.text[:i]
		case r.owner.DataAtom == atom.Li:
			if key, ok = labelledItem(r.owner); !ok {
				return false
			}
		default:
			return false
		}
	}
	key = strings.TrimSpace(key)
	return pairKey(key) && !personName(key)
}

// labelledItem returns the key of a list item set off by its markup, not
// a colon: exactly two inline elements, no link, nothing but white space
// beside them, the first a label and the second its value ("<li><span
// class="label">Closing date</span> <span>14 April 2026</span></li>",
// "<li><b>Frist</b> <span>14.04.2026</span></li>"), both holding text.
func labelledItem(li *html.Node) (string, bool) {
	var parts []*html.Node
	for c := li.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		case c.Type == html.ElementNode && labelTags[c.DataAtom] && len(parts) < 2:
			parts = append(parts, c)
		default:
			return "", false
		}
	}
	if len(parts) != 2 || cellText(parts[1], 4) == "" || holdsLink(parts[0]) || holdsLink(parts[1]) {
		return "", false
	}
	key := cellText(parts[0], pairKeyRunes*4)
	return key, key != ""
}

// labelTags are the inline elements a list item's label or value is set
// in (labelledItem).
var labelTags = map[atom.Atom]bool{atom.Span: true, atom.B: true, atom.Strong: true, atom.Em: true, atom.Label: true, atom.Time: true}

// holdsLink reports an <a> with an href at or below n.
func holdsLink(n *html.Node) bool {
	if n.DataAtom == atom.A && attr(n, "href") != "" {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && holdsLink(c) {
			return true
		}
	}
	return false
}

// personName reports a key that reads as a person's name: opened by a
// by-word of bylineLangs or English ("Von Anna Schmidt", "By Jane
// Doe"), or two words or more that each open with a capital, but for
// the particles of surnames and the languages' words (bylineVocab: "Jan
// de Vries"). A label holds a word in lower case ("Date of issue",
// "Data wydania") or is one word ("Aktenzeichen").
func personName(key string) bool {
	words := strings.Fields(key)
	if len(words) == 0 {
		return false
	}
	if low := strings.ToLower(words[0]); bylineBy[low] || low == "by" {
		return true
	}
	caps := 0
	for _, w := range words {
		switch {
		case startsUpper(w):
			caps++
		case bylineVocab[strings.ToLower(w)]:
		default:
			return false
		}
	}
	return caps >= 2
}

// adBoxMax is the most runs an ad's box holds after its label (adBoxEnd).
const adBoxMax = 3

// adBoxEnd returns the index past the runs after runs[i], an ad's label
// (adLine), that lie in its box: the label's parent, when everything
// after the label in it is a few short lines that end no sentence
// ("Scroll to continue with content", "Weiterlesen nach der Anzeige"),
// the slot's other words. A box that holds more, or a sentence, is no
// ad's box (the label stood alone among the paragraphs): it returns i+1.
func adBoxEnd(runs []run, i int) int {
	box := runs[i].owner
	if box == nil || box.Parent == nil || box.Parent.DataAtom == atom.Body {
		return i + 1
	}
	box = box.Parent
	j := i + 1
	for ; j < len(runs) && runs[j].owner != nil && deeper(runs[j].owner, box); j++ {
		if j-i > adBoxMax || runesUpTo(runs[j].text, 41) > 40 || sentenceEnd(runs[j].text) {
			return i + 1
		}
	}
	return j
}

// kickerLabels are the genre labels a news template sets over or under a
// headline, above the article's first line ("Opinion", "Analysis",
// "Breaking news"), in English and as the plain word of a few other
// languages.
var kickerLabels = []string{
	"opinion", "analysis", "breaking", "breaking news", "exclusive", "explainer", "editorial", "commentary", "live",
	"meinung", "kommentar", "analyse", "eilmeldung", "opinión", "análisis", "última hora", "opinione", "analisi",
}

// kicker reports a line that is only a genre label (kickerLabels), not a
// heading: cleanRuns asks it only before the first line it keeps, where
// a label heads the article and no sentence of it reads so. A heading
// with the word is a section's title and stays.
func kicker(r run) bool {
	if r.heading || len(r.text) > 24 {
		return false
	}
	return oneOfFold(strings.Trim(r.text, " \u00a0:：|·•"), kickerLabels)
}

// docLabels are the kinds of document that publishers of official papers
// set as a label right over the document's headline ("Policy paper",
// "Consultation outcome", "Weißbuch", "Livre blanc"), in English, German
// and French.
var docLabels = []string{
	"policy paper", "white paper", "green paper", "consultation", "consultation outcome", "open consultation",
	"closed consultation", "guidance", "statutory guidance", "corporate report", "research and analysis",
	"independent report", "impact assessment", "policy statement", "strategy", "discussion paper", "command paper",
	"weißbuch", "grünbuch", "positionspapier", "eckpunktepapier", "strategiepapier", "konsultation", "diskussionspapier",
	"livre blanc", "livre vert", "rapport", "consultation publique", "stratégie", "document d'orientation",
}

// docLabel reports a line that is only the kind of document (docLabels),
// not a heading. cleanRuns asks it only of a line before the first it
// keeps, and drops it only right over the page's headline (labelsTitle):
// the label over a white paper's title. Elsewhere the words head a part
// ("Guidance") or are one.
func docLabel(r run) bool {
	if r.heading || len(r.text) > 40 {
		return false
	}
	return oneOfFold(strings.Trim(r.text, " \u00a0:：|·•"), docLabels)
}

// labelsTitle reports whether r's line stands right over the page's
// headline, which reads title: the text of r's block, or of one of its
// two nearest ancestors, opens with r's text and then title's.
func labelsTitle(r run, title string) bool {
	want := Normalize(r.text + " " + title)
	x := r.owner
	for k := 0; k < 3 && x != nil && x.Type == html.ElementNode; k++ {
		if strings.HasPrefix(Normalize(textOf(x)), want) {
			return true
		}
		x = x.Parent
	}
	return false
}

// labelsHeadline reports whether runs[i]'s line stands right over an
// <h1> that is the next run (labelsTitle, with the <h1>'s text for the
// title): the label over a paper's headline when the page's title
// (the document's <title>, say) reads another way, such as the site's
// or the publisher's name.
func labelsHeadline(runs []run, i int) bool {
	if i+1 >= len(runs) {
		return false
	}
	h := runs[i+1]
	return h.heading && h.owner != nil && h.owner.DataAtom == atom.H1 && labelsTitle(runs[i], h.text)
}

// metaList returns the runs of runs that a list of the document's
// metadata holds, or nil: a <dl> above the first paragraph of prose
// (proseRun) whose lines are all short, end no sentence and are no
// record of a box of key facts (facts), of which at least half are
// metadata (metaChrome: "Published | 3 March 2026", "Last updated: …"),
// with two lines or more. The other lines of such a list are its too
// ("From: | Department for Communities"): a template's list of who
// published the paper and when, not a line of the paper. metaBoxLines
// (gridrows.go) takes a post's meta block in any markup by its author
// or category record; metaList takes a paper's <dl> by its dates.
func metaList(runs []run, facts []bool) map[int]bool {
	type list struct {
		box   *html.Node // the <dl>, or the parent of a streak of "Key: value" paragraphs
		start int        // a streak's first run; 0 for a <dl>
	}
	lists := make(map[list][]int)
	var order []list
	for i, r := range runs {
		if proseRun(r) {
			break
		}
		o := r.owner
		if o == nil || o.Parent == nil {
			continue
		}
		var l list
		switch {
		case (o.DataAtom == atom.Dt || o.DataAtom == atom.Dd) && o.Parent.DataAtom == atom.Dl:
			l = list{box: o.Parent}
		case paraRecord(r):
			l = list{box: o.Parent, start: i}
			if i > 0 && runs[i-1].owner != nil && runs[i-1].owner.Parent == o.Parent && paraRecord(runs[i-1]) {
				l.start = order[len(order)-1].start // the streak of the paragraph before goes on
			}
		default:
			continue
		}
		if lists[l] == nil {
			order = append(order, l)
		}
		lists[l] = append(lists[l], i)
	}
	idx := make(map[int]bool)
	for _, l := range order {
		if ks := lists[l]; len(ks) >= 2 && metaLines(runs, facts, ks) {
			for _, k := range ks {
				idx[k] = true
			}
		}
	}
	return idx
}

// union is the set of indexes any of sets holds; nil sets hold none.
func union(sets ...map[int]bool) map[int]bool {
	out := make(map[int]bool)
	for _, set := range sets {
		for k := range set {
			out[k] = true
		}
	}
	return out
}

// metaLines reports whether the runs of runs at ks are a metadata list's
// lines (metaList): each short (shortLine runes or fewer), ending no
// sentence, no heading and no record of a box of key facts, and at least
// half of them metadata (metaChrome).
func metaLines(runs []run, facts []bool, ks []int) bool {
	meta := 0
	for _, k := range ks {
		r := runs[k]
		if r.heading || facts[k] || runeCountFor(r) > shortLine || sentenceEnd(r.text) {
			return false
		}
		if metaChrome(foldTrad(r.text)) || datedMetaKey(r) {
			meta++
		}
	}
	return meta*2 >= len(ks)
}

// metaDateKeys are the keys a paper's metadata list dates it by, in
// German and French ("Stand", "Datum", "Mis à jour") besides English:
// metaChrome reads such a key before a date in the language's own
// words, not before a date written the English or the numeric way.
var metaDateKeys = []string{
	"published", "first published", "updated", "last updated", "date",
	"stand", "datum", "erschienen", "erscheinungsdatum", "veröffentlicht", "veröffentlicht am", "aktualisiert",
	"aktualisiert am", "zuletzt aktualisiert", "letzte änderung",
	"publié", "publié le", "mis à jour", "mis à jour le", "dernière mise à jour", "date de publication", "date de mise à jour",
}

// metaDateRunes is the most runes of a date alone as datedMetaKey reads
// its value ("3. September 2026", "03.03.2026, 10:00").
const metaDateRunes = 24

// datedMetaKey reports a record of a metadata list (metaLines) whose key
// is one of metaDateKeys and whose value is a date alone: it opens with
// a date (findDate) and is metaDateRunes runes or fewer.
func datedMetaKey(r run) bool {
	key, value, ok := recordParts(r)
	if !ok || !oneOfFold(recordKey(key), metaDateKeys) {
		return false
	}
	value = strings.TrimSpace(value)
	if runesUpTo(value, metaDateRunes+1) > metaDateRunes {
		return false
	}
	_, at, found := findDate(value)
	return found && at == 0
}

// relatedHeading reports a related-reading label (relatedRe): a line of
// 40 runes or fewer (n, as runeCountFor counts them) that is the label
// alone, brackets, a colon or an arrow aside. cleanRuns drops it with the
// link lines under it; leadIn announces nothing with it.
func relatedHeading(t string, n int) bool {
	return n <= 40 && relatedRe.MatchString(headingLabel(t))
}

// relatedLabel reports a line that a related-reading label opens, its
// colon after it: relatedLabelRe's words ("Read more: …"), or the words
// of a related-reading heading (relatedRe: "Recommended: …", "延伸阅读：…").
// A template that heads a list of links with a label puts the same label
// before a single link set among the article's paragraphs.
func relatedLabel(t string) bool {
	if relatedLabelRe.MatchString(t) {
		return true
	}
	i := strings.IndexAny(t, ":：")
	return i > 0 && i <= relatedLabelBytes && relatedRe.MatchString(headingLabel(t[:i]))
}

// relatedLabelBytes bounds the label before the colon relatedLabel reads:
// relatedRe's longest words (a Thai label of 18 runes takes 54 bytes),
// with room for the spaces and brackets headingLabel trims.
const relatedLabelBytes = 64

// headingLabel is a heading's words as relatedRe reads them: folded to
// simplified Chinese, without the spaces (a no-break space too: French
// sets one before a colon), brackets, colon or arrow around them.
func headingLabel(t string) string { return strings.Trim(foldTrad(t), " \u00a0【】[]:：>»") }

// bareAnnexRe matches a Chinese template's attachments label alone on
// its line: "附件：", "相关附件：", "附件下载", with or without its colon.
var bareAnnexRe = regexp.MustCompile(`^\s*[【\[]?\s*(?:相关)?(?:附件|附表)(?:下载)?\s*[:：]?\s*[】\]]?\s*$`)

// annexItemRe matches the start of an enumerated line ("1.", "2、",
// "一、", "（1）") or a file's name by its extension: an attachment
// listed under its label as text.
var annexItemRe = regexp.MustCompile(`(?i)^\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[.．、]|[(（]\s*\d{1,2}\s*[)）])|\.(?:pdf|docx?|xlsx?|wps|et|ofd|zip|rar)\b`)

// emptyAnnex reports that runs[i] is an attachments label alone
// (bareAnnexRe) with no attachment after it: no run follows, or the next
// run neither links nor lists a file (annexItemRe). CMS templates print
// the label above the attachments box whether the notice has any or
// not; a label over a list of files, linked or not, is the notice's own
// and stays.
func emptyAnnex(runs []run, i int) bool {
	if !bareAnnexRe.MatchString(runs[i].text) {
		return false
	}
	if i+1 == len(runs) {
		return true
	}
	next := runs[i+1]
	return next.linkUnits == 0 && !annexItemRe.MatchString(next.text)
}

// signDateRe matches a date alone on its line, written as a Chinese
// document dates its signature (落款): "2026年3月14日", with Arabic
// digits, full-width ones or Chinese numerals ("二〇二六年三月十四日").
var signDateRe = regexp.MustCompile(`^\s*(?:[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})\s*年\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$`)

// signatureDate reports a run that is a notice's signature date: a
// Chinese date alone on its line (signDateRe) set flush right
// (alignedRight), as an official document sets its issuer and date
// under the text. cleanRuns asks it only after a paragraph of prose:
// a right-aligned date above the text is a template's date line.
func signatureDate(r run) bool {
	return !r.heading && r.owner != nil && signDateRe.MatchString(r.text) && alignedRight(r.owner)
}

// alignRightLevels is how many of a block's ancestors alignedRight reads
// besides the block: a <span> or <p> inside a <div align="right">.
const alignRightLevels = 2

// alignedRight reports that n, or one of its alignRightLevels nearest
// ancestors, is set flush right by its align attribute (align="right")
// or its style (text-align: right).
func alignedRight(n *html.Node) bool {
	for k := 0; n != nil && n.Type == html.ElementNode && k <= alignRightLevels; k, n = k+1, n.Parent {
		if strings.EqualFold(strings.TrimSpace(attr(n, "align")), "right") {
			return true
		}
		if style := attr(n, "style"); style != "" {
			style = strings.ToLower(strings.ReplaceAll(style, " ", ""))
			if strings.Contains(style, "text-align:right") {
				return true
			}
		}
	}
	return false
}

// footerDateRunes is the most runes a post's footer line has (see
// footerDate): metaPart's bound on a labelled date line.
const footerDateRunes = 80

// footerDate reports whether the last of paras, a paragraph of the block
// owner, is a post's footer: a short line (footerDateRunes or fewer) that
// holds a date with its time of day ("Posted by Jane Doe on March 3,
// 2021 9:15 PM", "发表于 2004年12月27日 12:40 - (阅读:85;评论:3)"). Blog,
// forum and portal templates write under the text who posted it and
// when, to the minute, with its counters; a paragraph that ends an
// article seldom names a date to the minute in so few words, and the
// date stays a candidate for Document.Published (the date finder reads
// the page's lines, not the text). Only the last paragraph, never the
// only one, and never a table's row or a list's item (dataItem: a
// schedule that ends an article is data). A dated line above the text
// is the story's byline and stays: the labelled date and source lines
// (metaPart) already leave it out when it is only that.
func footerDate(paras []string, owner *html.Node) bool {
	if len(paras) < 2 || owner == nil || dataItem[owner.DataAtom] {
		return false
	}
	last := paras[len(paras)-1]
	if runesUpTo(last, footerDateRunes+1) > footerDateRunes {
		return false
	}
	st, _, ok := findDate(last)
	return ok && st.hasTime
}

// closingLabel reports a heading that, when no text of the article follows
// it, heads nothing of the article: the label of a part of the page the
// article's blocks leave out or that cleanRuns drops (the author's links,
// where to listen, a comment form, more posts). Such headings go from the
// end of the text, unless they are all of it. A heading that ends as a
// sentence (sentenceEnd) is a line of the article, not a label.
func closingLabel(r run) bool { return r.heading && !sentenceEnd(r.text) }

// dataItem are the blocks of a table's rows (a row of short cells is one
// paragraph, owned by its <tr>) and of a list's items. A <td> is not
// one: a layout's column holds an article and its footer in lines cut
// by <br>.
var dataItem = map[atom.Atom]bool{atom.Tr: true, atom.Th: true, atom.Li: true, atom.Dt: true, atom.Dd: true}

// runeCountFor is the count of r's runes that cleanRuns and chromeLine
// read: exact up to shortLine, and past it, for a link line (chromeLine
// weighs those up to 200 runes) runesUpTo(t, 200), for any other line
// any count over shortLine (shortLine+1): no test below tells those
// apart. Most paragraphs are long and no link lines: they are counted
// up to shortLine, not 200.
func runeCountFor(r run) int {
	n := runesUpTo(r.text, shortLine+1)
	if n > shortLine && linkLine(r) {
		n = runesUpTo(r.text, 200)
	}
	return n
}

// normalEquals reports whether Normalize(t) is norm. A paragraph that holds
// more letters that Normalize keeps than norm has runes is not: it is
// turned away without being normalised (cleanRuns asks about the first
// lines of every article, which are mostly paragraphs, against its title).
func normalEquals(t, norm string) bool {
	if keptRunesExceed(t, utf8.RuneCountInString(norm)) {
		return false
	}
	return Normalize(t) == norm
}

// keptRunesExceed reports whether t holds more than n runes that are ASCII
// letters or digits or CJK Unified Ideographs. Normalize gives each of them
// at least one rune of its own: NFKC leaves them be and composes none of
// them into the rune before (none is the second of a composition), and
// neither the format, punctuation nor space steps touch them
// (TestKeptRunes checks the bound).
func keptRunesExceed(t string, n int) bool {
	k := 0
	for _, r := range t {
		if r < utf8.RuneSelf && ('a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9') || isHanBlock(r) {
			if k++; k > n {
				return true
			}
		}
	}
	return false
}

// withoutTitleHeading returns runs without the page's title heading: the
// first top-level heading (<h1>, <h2>) outside chrome whose words are the
// title's (see titleCopy), as Readability.js removes it. Where the chosen
// blocks start above the headline, or the headline is worded a little
// differently from <title>, cleanRuns's exact test misses it. Only the
// first one goes, and only above the story's first paragraph of prose: a
// heading under the prose that repeats the title (a recipe named like its
// post, a section named like the article) is text.
func withoutTitleHeading(page, runs []run, title string) []run {
	return withoutHeading(runs, headline(page, title))
}

// withoutHeading is withoutTitleHeading with the page's headline h found
// (headline): nil leaves runs as they are.
func withoutHeading(runs []run, h *html.Node) []run {
	if h == nil {
		return runs
	}
	out := make([]run, 0, len(runs))
	prose := false
	for _, r := range runs {
		if r.owner != h || prose {
			out = append(out, r)
		}
		prose = prose || !r.heading && r.units >= proseUnits
	}
	return out
}

// headline is the page's headline: the first heading outside chrome
// among page's runs that repeats the title (titleCopy); nil when none does.
func headline(page []run, title string) *html.Node {
	for _, r := range page {
		if !r.chrome && titleCopy(r, title) {
			return r.owner
		}
	}
	return nil
}

// titleCopy reports a top-level heading (<h1>, <h2>) that repeats the
// title, as Readability.js's textSimilarity weighs it: over three quarters
// of the heading's words, by length, are words of the title.
func titleCopy(r run, title string) bool {
	if !r.heading || r.owner == nil || title == "" || (r.owner.DataAtom != atom.H1 && r.owner.DataAtom != atom.H2) {
		return false
	}
	return wordSimilarity(title, r.text) > 0.75
}

// wordSimilarity is Readability.js's textSimilarity: one minus the share,
// by length, of b's words that are not words of a. The words are those
// of strings.FieldsFunc over the lowered texts, split at runes that are
// neither letters nor digits; the lengths are those of the words joined
// by single spaces (joinedLen), counted without joining them, and a's
// words are looked up in a slice on the stack while there are few of
// them (a title's): the slices, map and joined strings it made were most
// of its time, asked of every heading against the title.
func wordSimilarity(a, b string) float64 {
	var buf [smallWordSet]string
	wa := buf[:0]
	for ws := newLowerWords(a); ; {
		w, ok := ws.next()
		if !ok {
			break
		}
		wa = append(wa, w)
	}
	if len(wa) == 0 {
		return 0
	}
	var in map[string]bool
	if len(wa) > smallWordSet {
		in = make(map[string]bool, len(wa))
		for _, w := range wa {
			in[w] = true
		}
	}
	nb, lb, nu, lu := 0, 0, 0, 0 // b's words and their bytes; those not in a
	for ws := newLowerWords(b); ; {
		w, ok := ws.next()
		if !ok {
			break
		}
		nb, lb = nb+1, lb+len(w)
		if in == nil && !slices.Contains(wa, w) || in != nil && !in[w] {
			nu, lu = nu+1, lu+len(w)
		}
	}
	if nb == 0 {
		return 0
	}
	return 1 - float64(joinedLen(nu, lu))/float64(joinedLen(nb, lb))
}

// lowerWords reads the words of strings.FieldsFuncSeq(strings.ToLower(s),
// notWordRune), one a call of next, without the iterator's closure (which
// took wordSimilarity's slice of words to the heap) and without the
// Unicode tables for ASCII and the CJK Unified Ideographs block
// (isHanBlock: letters without case, TestHanBlock): a heading and the
// title are compared on every page.
type lowerWords struct {
	s string // s lowered
	i int    // where the next word is looked for
}

func newLowerWords(s string) lowerWords { return lowerWords{s: lowerASCIIHan(s)} }

// next returns the next word, ok false when there is none.
func (w *lowerWords) next() (word string, ok bool) {
	s, start := w.s, -1
	for w.i < len(s) {
		at, size, in := w.i, 1, false
		switch c := s[at]; {
		case c < utf8.RuneSelf:
			in = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' // s is lowered: no A to Z is left
		case isHanAt(s, at):
			size, in = hanSize, true
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[at:])
			in = !notWordRune(r)
		}
		w.i += size
		switch {
		case in && start < 0:
			start = at
		case !in && start >= 0:
			return s[start:at], true
		}
	}
	if start >= 0 {
		return s[start:], true
	}
	return "", false
}

// isHanAt reports an ideograph of the block at s[i] (hanAt).
func isHanAt(s string, i int) bool {
	_, ok := hanAt(s, i)
	return ok
}

// lowerASCIIHan is strings.ToLower(s). A text of ASCII and ideographs of
// the block only is lowered here, its ASCII a byte at a time (and s is
// returned when none is upper case): ToLower would look every ideograph
// up in the case tables.
func lowerASCIIHan(s string) string {
	upper := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			upper = upper || 'A' <= c && c <= 'Z'
			i++
			continue
		}
		e := hanRun(s, i)
		if e == i {
			return strings.ToLower(s)
		}
		i = e
	}
	if !upper {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// smallWordSet is the most words wordSimilarity looks up in a slice, not a map.
const smallWordSet = 32

// notWordRune reports the runes wordSimilarity splits words at.
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// joinedLen is len(strings.Join(words, " ")) of n words of total bytes.
func joinedLen(n, total int) int {
	if n == 0 {
		return 0
	}
	return total + n - 1
}

// chromeLine reports a paragraph that is chrome: no letters, a short
// line that is mostly a link (unless linkOK), or a short line of the
// kinds junkRe and metaPart name. n is the runes of r.text, or any
// count of 200 or more when it has that many (runesUpTo), or, when r is
// no link line, any count over shortLine when it has more (runeCountFor).
func chromeLine(r run, n int, linkOK bool) bool { return chromeLineOf(r, n, linkOK, false) }

// chromeLineOf is chromeLine, but for a record of a box of key facts
// (fact: factRecords) the metadata tests (metaChrome) are not asked: a
// "Published | 3 March 2026" row among the box's other facts is one of
// them, not the template's date line.
func chromeLineOf(r run, n int, linkOK, fact bool) bool {
	t := r.text
	if !hasLetter(t) {
		return true
	}
	if linkLine(r) && n < 200 && !linkOK {
		return true
	}
	if n > shortLine {
		return false
	}
	if toolLabel(r) || controlLabel(r) {
		return true
	}
	t = foldTrad(t) // 責任編輯, 版權所有, 來源 are the same lines
	return junkLine(t) || n <= 80 && (!fact && metaChrome(t) || readingTime(t) || adBreakLine(t) || paywallLine(t) || ageLine(t) || feedbackLine(t) || generatorLine(t) || counterLine(t) || manSectionLine(t))
}

// manSectionRe matches the line man2html writes under a manual page's
// name, the manual's section and its number: "Section: User Commands
// (1)", "Section: Linux Programmer's Manual (3p)". The page's date
// ("Updated: …") and links (Index, Return to Main Contents) follow it;
// the manual's own text starts at its NAME heading.
var manSectionRe = regexp.MustCompile(`^Section: [^()]{1,50}\(\s*[1-9n][a-z]{0,4}\s*\)$`)

// manSectionLine is manSectionRe, asked only of lines that open with
// its label.
func manSectionLine(t string) bool {
	return strings.HasPrefix(t, "Section: ") && manSectionRe.MatchString(t)
}

// metaChrome reports a line, folded as chromeLine folds it, that is a
// template's metadata: a source, date or author line (metaPart), a line
// of such parts (metaParts, barredMeta).
func metaChrome(t string) bool { return metaPart(t) || metaParts(t) || barredMeta(t) }

// startsUpper reports whether t's first letter is an upper-case one.
func startsUpper(t string) bool {
	for _, r := range t {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// generatorRe matches a line that credits the tool that made the page,
// as documentation generators sign every page they write: "Generated by
// doxygen 1.9.8", "Generated on Tue Mar 3 2026 for libfoo by doxygen",
// "Created using Sphinx 5.3.0.", "Built with Sphinx using a theme
// provided by Read the Docs.", "This document was created by man2html,
// using the manual pages.", "The documentation for this class was
// generated from the following file:". The line must be the credit
// whole: a sentence that goes on past the tool's name and version is
// prose ("Generated by the parser, the table lists…").
var generatorRe = regexp.MustCompile(`(?i)^\W*(?:(?:generated|created|built|produced)(?: on [^,:]{1,40}?(?: for [^,:]{1,30}?)?)? (?:by|with|using)\s+[\w.+-]+(?: [vV]?\d[\w.-]*)?(?: using a theme provided by [\w .]{1,30})?|` +
	`(?:this (?:document|page|documentation)|the documentation for this \w+) was (?:generated|created|produced) (?:by|from|with|using) [^.]{1,40}?)\s*[.:]?\s*$`)

// generatorLine is generatorRe, asked only of lines with one of its verbs,
// of a line that opens with a capital letter: a credit opens its line,
// where "produced by GCC 11." in lower case ends a sentence that a
// plain-text NEWS file broke over lines.
func generatorLine(t string) bool {
	return startsUpper(t) && (containsFoldASCII(t, "generated") || containsFoldASCII(t, "created") || containsFoldASCII(t, "built") || containsFoldASCII(t, "produced")) && generatorRe.MatchString(t)
}

// feedbackRe matches the question a site's feedback box opens with
// under every page ("Was this page helpful?", "Is this page useful?",
// "Did you find what you were looking for?", "此页面对您有帮助吗？",
// "War diese Seite hilfreich?"), its buttons and a link to report a
// problem after it on the same line or not: the site asks about the
// page, the page does not say it.
var feedbackRe = regexp.MustCompile(`(?i)^\W*(?:(?:was|is) this (?:page|article|information|content) (?:helpful|useful)|did you find what you (?:were|are) looking for|` +
	`war diese seite hilfreich|ist diese seite hilfreich|(?:此|本)页面?(?:内容|信息)?对您有(?:帮助|用)吗)\s*[?？]`)

// feedbackLine is feedbackRe, asked only of lines with a question mark.
func feedbackLine(t string) bool {
	return strings.ContainsAny(t, "?？") && feedbackRe.MatchString(t)
}

// barredMeta reports a line cut by bars into parts of which one past the
// first is a page's line of its own (junkLine: "Leave a comment", "14
// Comments", "发表评论"), as a blog template writes the line under a
// post: "Posted in Local news | 14 Comments | Leave a comment". The
// first part is left out: it is what the line is about, and a title
// such as "Comments | Example News" is judged whole (junkLine).
func barredMeta(t string) bool {
	if !strings.ContainsAny(t, "|｜") {
		return false // no bar: no parts to split, and no slice made for them
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '|' || r == '｜' })
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts[1:] {
		if junkLine(p) {
			return true
		}
	}
	return false
}

// controlWords is the most words a control's label has ("Close", "Read
// more less", "Show picture Hide picture"); a longer line is text.
const controlWords = 4

// controlLabel reports a line that is only the labels of the page's
// controls: every word of its block's own text (not that of blocks
// inside it) lies in a control (isControl), a link that goes nowhere
// or an element a script makes a button. A script shows
// or hides something with it ("Close", "Read more less", "Show picture
// Hide picture"); it is no part of what the article says. Not a
// heading, a sentence (sentenceEnd: an accordion's question stays) or
// a line of more than controlWords words.
func controlLabel(r run) bool {
	if r.heading || r.owner == nil || sentenceEnd(r.text) || len(strings.Fields(r.text)) > controlWords {
		return false
	}
	if isControl(r.owner) {
		return true // a block a script makes a button: its own line is its label
	}
	seen := false
	for c := r.owner.FirstChild; c != nil; c = c.NextSibling {
		all, any := controlText(c)
		if !all {
			return false
		}
		seen = seen || any
	}
	return seen
}

// controlText reports whether all the text in n outside blocks (the text
// of n's block's own line) lies in controls (isControl), and whether
// there is any.
func controlText(n *html.Node) (all, any bool) {
	switch {
	case n.Type == html.TextNode:
		blank := strings.TrimSpace(n.Data) == ""
		return blank, !blank
	case n.Type != html.ElementNode || blockTags[n.DataAtom]:
		return true, false
	case isControl(n):
		return true, strings.TrimSpace(textOf(n)) != ""
	}
	all = true
	for c := n.FirstChild; c != nil && all; c = c.NextSibling {
		a, y := controlText(c)
		all, any = all && a, any || y
	}
	return all, any
}

// isControl reports an element that is a control a script works, not a
// link: an <a> whose href is "#" alone (a jump to a named place in the
// page is a link of its own), or an element whose role is button. An
// <a> to a javascript: URL is not asked: Readability.js, whose truths
// keep its text, takes such a link for a script's wrapper around the
// text. The class never decides.
func isControl(n *html.Node) bool {
	return buttonRole(n) || n.DataAtom == atom.A && strings.TrimSpace(attr(n, "href")) == "#"
}

// buttonRole reports an element that says it is a button (role="button").
func buttonRole(n *html.Node) bool {
	return strings.EqualFold(strings.TrimSpace(attr(n, "role")), "button")
}

// toolLabels are the labels an article's toolbar leaves as lines of
// their own once its icons are gone: its share row's ("Share"), and its
// buttons to print, save, copy the link or give the article away, in
// English and as the plain word of a few other languages.
var toolLabels = []string{
	"share", "teilen", "partager", "compartir", "condividi", "compartilhar", "delen",
	"print", "drucken", "imprimer", "imprimir", "stampa",
	"copy link", "save", "save article", "save for later", "gift this article", "gift article",
}

// toolLabel reports a line that is only a toolbar's label (toolLabels,
// a colon aside). Not a heading, a table's row or a list's item
// (dataItem): there the word titles a section or names a menu's entry,
// as a manual writes it.
func toolLabel(r run) bool {
	if r.heading || len(r.text) > 24 || r.owner != nil && dataItem[r.owner.DataAtom] {
		return false
	}
	return oneOfFold(strings.Trim(r.text, " \u00a0:："), toolLabels)
}

// ageLineRe matches a line that is only a story's age as a template
// writes it beside the headline: "Updated 3 hours ago", "Last updated 2
// days ago", "Published 45 minutes ago", "5 mins ago". A count in
// digits, so a sentence ("Two years ago, the town…") is no such line.
var ageLineRe = regexp.MustCompile(`(?i)^\W*(?:(?:(?:last\s+)?(?:updated|modified)|published|posted)\s*:?\s*)?` +
	`\d{1,3}\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\W*$`)

// ageLine reports a line that is only a story's age (ageLineRe).
func ageLine(t string) bool {
	return len(t) <= 48 && containsFoldASCII(t, "ago") && ageLineRe.MatchString(t)
}

// metaParts reports a line of two or more parts, split at a middle dot,
// a bullet or a bar, each of which is a date, a metadata label, a
// reading time or a story's age, and one at least a reading time or an
// age ("12 March 2026 · 4 min read", "Updated 2 hours ago | 3 min
// read"): the line a template sets under a headline, whose parts alone
// chromeLine already takes. A line of dates alone is metaPart's to
// answer (a table's row of dates is joined with bars too).
func metaParts(t string) bool {
	if !strings.ContainsAny(t, "·•|") {
		return false // no separator: no parts to split, and no slice made for them
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '·' || r == '•' || r == '|' })
	if len(parts) < 2 {
		return false
	}
	timed := false // a part is a reading time or an age
	for _, p := range parts {
		switch {
		case readingTime(p) || ageLine(p):
			timed = true
		case !metaPart(p):
			return false // an empty part, or one of words
		}
	}
	return timed
}

// readingTimeRe matches a line that is only a reading-time label:
// "Estimated reading time: 6 minutes", "4 Min Read", "Tempo de
// leitura: 2 minutos", "Lesezeit: 3 Min.".
var readingTimeRe = regexp.MustCompile(`(?i)^\W*(?:estimated\s+)?read(?:ing)?\s+time\s*[:：]?\s*(?:about\s+|ca\.?\s*|~\s*)?\d+\s*(?:min|mins|minutes?|minutos?|minuten)\.?\W*$|` +
	`^\W*\d+\s*-?\s*(?:min|mins|minutes?)\.?\s+read\W*$|` +
	`^\s*(?:预计)?阅读(?:时间|时长|约需|需要|需)\s*[:：]?\s*(?:约|大约)?\s*\d+\s*分钟\s*[。.]?\s*$`)

// readingTime is readingTimeRe, asked only of lines with a digit and one
// of its words (a byte scan is cheaper than the expression).
func readingTime(t string) bool {
	return strings.ContainsAny(t, "0123456789") && readingWords.in(t) && (readingTimeRe.MatchString(t) || intlReadingRe.MatchString(t))
}

// readingWords are the stems of readingTimeRe's words, as it reads them
// (a wordSet: "Leſezeit" is "lesezeit" to it; "阅读" is matched as bytes),
// and the longest word of each of intlReadingRe's labels.
var readingWords = newWordSet(append([]string{"read", "阅读"}, intlReadingWords...)...)

// proseUnits is the length of a paragraph of prose: two lines or so.
const proseUnits = 80

// linkLine reports a run mostly (over 60%) inside links.
func linkLine(r run) bool { return r.linkUnits*10 > r.units*6 }

// proseRun reports a paragraph of prose: a run of proseUnits or more
// outside chrome, headings and links.
func proseRun(r run) bool {
	return !r.chrome && !r.heading && r.units >= proseUnits && !linkLine(r)
}

// linkOK reports a link line among the article's runs that is article
// text all the same: a link line inside the article that is not a teaser
// pointing away from it. A lone link line between paragraphs is a call to
// action ("Try it now"), a credit, a linked heading or a reference, which
// Readability.js keeps with the rest of the article. Outside the
// article's span of text (span, textSpanOf) a link line that is no
// sentence is the page's, not the article's: past its last line of text,
// a way back ("Home", "Back to the front page"), a button under the story
// ("Learn more", "View full profile"), a link to the previous post, a
// picture credit, the author's links; before its first, a breadcrumb, a
// linked byline, a button ("Read aloud"). rows marks the runs in a row of
// headlines (headlineRows).
func linkOK(runs []run, i int, rows []bool, span textSpan) bool {
	switch o := runs[i].owner; {
	case o == nil:
		return false
	case annexLead(runs[i]):
		return true // the document's annexes, the first after its label
	case !span.holds(i) && !sentenceEnd(runs[i].text):
		return false
	case openingLinkBar(runs, i):
		return false
	}
	return !teaserLink(runs[i], rows[i])
}

// openingLinkBar reports a run of runs, at i, that is a bar of links above
// the text: it lies above every heading and every paragraph of prose
// (proseRun) of runs, and its words are the words of two or more links of
// its block (linksSpell), jumps within the page counted, nothing between
// them. A manual generator's top line ("Index Return to Main Contents")
// is one: a template's metadata line above it ("Section: User Commands
// (1)") puts it inside the span of text, where linkOK keeps link lines.
func openingLinkBar(runs []run, i int) bool {
	for _, r := range runs[:i] {
		if r.heading || proseRun(r) {
			return false
		}
	}
	return !runs[i].heading && !sentenceEnd(runs[i].text) && linksSpell(runs[i])
}

// maxBarNodes is the most nodes linksSpell looks at in a run's block: a
// bar of links lies near the top of the block it is found in.
const maxBarNodes = 200

// linksSpell reports whether r's text is the texts of two or more links
// (<a href>, a jump within the page too) that follow one another in r's
// block, nested blocks aside, with nothing but white space between them:
// no word of the run lies outside them.
func linksSpell(r run) bool {
	if r.owner == nil || r.text == "" {
		return false
	}
	want := strings.TrimSpace(r.text)
	var bar []string // the texts of the links in a row so far
	seen, found := 0, false
	var see func(*html.Node) bool // false: stop looking
	see = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if seen++; seen > maxBarNodes {
				return false
			}
			switch {
			case c.Type == html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					bar = bar[:0] // words outside a link end the row
				}
			case c.Type != html.ElementNode:
			case blockTags[c.DataAtom] || c.DataAtom == atom.Br:
				bar = bar[:0]
			case c.DataAtom == atom.A && attr(c, "href") != "":
				if bar = append(bar, strings.TrimSpace(textOf(c))); len(bar) >= 2 && endsRow(bar, want) {
					found = true
					return false
				}
			default:
				if !see(c) {
					return false
				}
			}
		}
		return true
	}
	see(r.owner)
	return found
}

// endsRow reports whether want is the last two or more texts of bar joined
// by spaces.
func endsRow(bar []string, want string) bool {
	joined := bar[len(bar)-1]
	for k := len(bar) - 2; k >= 0 && len(joined) < len(want); k-- {
		if joined = bar[k] + " " + joined; joined == want {
			return true
		}
	}
	return false
}

// A textSpan is runs[first:end], from the first run that is not a link
// line to the last one: the link lines outside it open or close the
// article.
type textSpan struct{ first, end int }

// textSpanOf is the span of runs' text. When every run is a link line, it
// is all of runs: then no line opens or closes anything.
func textSpanOf(runs []run) textSpan {
	sp := textSpan{0, len(runs)}
	for sp.first < len(runs) && linkLine(runs[sp.first]) {
		sp.first++
	}
	if sp.first == len(runs) {
		return textSpan{0, len(runs)}
	}
	for linkLine(runs[sp.end-1]) {
		sp.end--
	}
	return sp
}

func (sp textSpan) holds(i int) bool { return sp.first <= i && i < sp.end }

// sentenceEnd reports a line that ends as a sentence does: with a full
// stop, a question or an exclamation mark (Latin or CJK), after which
// only closing quotes or brackets may follow. An ellipsis ("Read
// more...", "Weiter …") is no sentence's end but a teaser's.
func sentenceEnd(t string) bool {
	t = strings.TrimRight(t, " \u00a0\"'”’»)]）」』")
	if strings.HasSuffix(t, "..") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?。！？", r)
}

// teaserLink reports a link line that points the reader away from the
// article: one labelled as related reading ("Related: …", "Read more:
// …"), a promotion (subscribe, a newsletter, an app), a headline set in
// capitals, the linked heading of a card in a list of cards, or one of a
// row of link lines that is a list of headlines without list markup
// (inRow, see headlineRows).
func teaserLink(r run, inRow bool) bool {
	if relatedLabel(r.text) || promoRe.MatchString(r.text) || shouting(r.text) {
		return true
	}
	if o := r.owner; isHeading(o.DataAtom) && o.Parent != nil && o.Parent.DataAtom == atom.Li {
		return true
	}
	return inRow
}

// promoRe matches the words of a link that promotes something other than
// the article: "Click here to subscribe", "Get the Fox News app",
// "Download our app", "Donate now", "Become a member", "下载客户端",
// "Also on rt.com …".
var promoRe = regexp.MustCompile(`(?i)\b(?:subscribe|newsletter|donate|support us|become a (?:member|subscriber|supporter)|` +
	`(?:get|download) (?:the|our) [\w ]{0,30}app|also on)\b|下载(?:客户端|app)`)

// shouting reports a line set in capitals (over eight capital letters,
// four times as many as small ones): a promoted headline.
func shouting(t string) bool {
	up, low := 0, 0
	for _, r := range t {
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up > 8 && up > 4*low
}

// headlineRows marks the runs that are one of four or more link lines in
// a row of which at least half are headline length (headlineUnits): a
// list of stories without list markup. A row of short links ("link",
// "[1]") is references in the text. One pass: each row is weighed once.
func headlineRows(runs []run) []bool {
	rows := make([]bool, len(runs))
	for lo := 0; lo < len(runs); {
		if !linkLine(runs[lo]) {
			lo++
			continue
		}
		hi, long := lo, 0
		for ; hi < len(runs) && linkLine(runs[hi]); hi++ {
			if runs[hi].units >= headlineUnits {
				long++
			}
		}
		if n := hi - lo; n >= 4 && long*2 >= n {
			for k := lo; k < hi; k++ {
				rows[k] = true
			}
		}
		lo = hi
	}
	return rows
}

// headlineUnits is the length of a headline: four English words or ten
// Han characters.
const headlineUnits = 20

// plainText reports whether n holds a letter or digit outside links.
func plainText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && hasLetter(c.Data):
			return true
		case c.Type == html.ElementNode && c.DataAtom != atom.A && c.DataAtom != atom.Script && c.DataAtom != atom.Style && plainText(c):
			return true
		}
	}
	return false
}

// metaPart reports a line, or one part of a line, that is a source, date
// or author label, a date, or a byline.
func metaPart(t string) bool {
	return metaLine(t) || dateLine(t) || enDateLine(t) || intlDateLine(t)
}

// intlDateLineRe matches the start of a news template's dated line in
// another language than English and Chinese: a label that says the story
// was published or updated ("Publié le", "Veröffentlicht am", "Publicado
// el", "Опубликовано", "입력", "نشر في", "פורסם", "เผยแพร่"), or a
// Vietnamese weekday and a numeric date, then a digit within a few
// words: the date. With no colon after the label, metaLineRe's English
// and Chinese labels do not reach these.
var intlDateLineRe = regexp.MustCompile(`(?i)^\s*(?:` +
	`publié(?:\s+le)?|mis\s+à\s+jour(?:\s+le)?|modifié\s+le|actualisé\s+le|` + // French
	`veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|stand\s*:|` + // German
	`publicado(?:\s+(?:el|em))?|actualizado(?:\s+el)?|atualizado(?:\s+em)?|pubblicato(?:\s+il)?|aggiornato(?:\s+il)?|` + // Spanish, Portuguese, Italian
	`опубликовано|обновлено|дата\s+публикации|diterbitkan|diperbarui|opublikowano|gepubliceerd|bijgewerkt|` + // Russian, Indonesian, Polish, Dutch
	`기사\s*입력|입력|수정|نشر\s+في|نُشر\s+في|تاريخ\s+النشر|آخر\s+تحديث|פורסם|עודכן|เผยแพร่|ปรับปรุง|cập\s+nhật|ngày\s+đăng|` + // Korean, Arabic, Hebrew, Thai, Vietnamese
	`(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật),\s*\d{1,2}/\d{1,2}/\d{4}` +
	`)[\s:：,]*[^\d]{0,24}\d`)

// intlDateTimeRe matches a time of day as news templates write it
// ("10:12", "10h12"), or a line that ends with a digit, or a digit and
// a time word or zone ("2024", "Uhr", "น.", "(GMT+7)").
var intlDateTimeRe = regexp.MustCompile(`(?i)\b\d{1,2}[:h]\d{2}\b|\d\s*(?:uhr|น\.|\(gmt[+-]\d+\))?\s*$`)

// intlDateLine reports a short dated line in another language
// (intlDateLineRe) that holds a time of day or ends with its date
// (intlDateTimeRe): a sentence that opens with "Publicado en 1998, …"
// goes on past its date in words.
func intlDateLine(t string) bool {
	return strings.ContainsAny(t, "0123456789") && intlDateLineRe.MatchString(t) && intlDateTimeRe.MatchString(t)
}

// The guards below are necessary conditions of their expressions, checked
// first because most lines fail them and a byte scan is cheaper than a
// regexp.

// metaLine is metaLineRe or intlMetaRe: their labels end with a colon or
// a bar (zhSep).
func metaLine(t string) bool {
	return containsRuneOf(t, zhSepRunes) && (metaLineRe.MatchString(t) || intlMetaRe.MatchString(t))
}

// dateLine is dateLineRe: the line starts with a digit after spaces (\s).
func dateLine(t string) bool {
	s := strings.TrimLeft(t, " \t\n\f\r")
	return s != "" && s[0] >= '0' && s[0] <= '9' && dateLineRe.MatchString(t)
}

// enDateLine reports a line that is an English date and time with nothing
// else in it but separators and words like "Updated" and a time zone.
func enDateLine(t string) bool {
	if !strings.ContainsAny(t, "0123456789") || !holdsMonth(t) || !enMonthRe.MatchString(t) { // its dates have digits and a month
		return false
	}
	return !hasLetter(dateWordRe.ReplaceAllString(t, ""))
}

// monthWords and weekdayWords are the English months and weekdays, in
// full or cut as pages cut them ("Sept", "Tues"), for expressions under
// (?i) between word bounds: only these words, so "Marktplatz 06:18" or
// "Junior 12" hold no month.
const (
	monthWords   = `jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`
	weekdayWords = `mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?`
)

// holdsMonth is enMonthRe's need of a month's first three letters, in any
// case: a line of a changelog or a table with figures in it, and no
// month, is let by without the expression.
func holdsMonth(t string) bool { return monthStems.in(t) }

// monthStems are the months as enMonthRe names them, by their first three
// letters ("sept" starts with "sep").
var monthStems = newWordSet(monthStemWords...)

var monthStemWords = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// A wordSet is words of lower-case ASCII, indexed by their first letter,
// to look up in a line as an expression under (?i) would find them (in).
type wordSet struct {
	byFirst [256][][]byte
}

func newWordSet(words ...string) *wordSet {
	ws := &wordSet{}
	for _, w := range words {
		ws.byFirst[w[0]] = append(ws.byFirst[w[0]], []byte(w))
	}
	return ws
}

// in reports whether t holds one of the words, in any case
// (foldCaseASCII). It reads the folded line once, trying at each byte
// only the words that start with it.
func (ws *wordSet) in(t string) bool {
	var buf [512]byte // a short line's; a longer one grows past it
	low := foldCaseASCII(buf[:0], t)
	for i, c := range low {
		for _, w := range ws.byFirst[c] {
			if bytes.HasPrefix(low[i:], w) {
				return true
			}
		}
	}
	return false
}

// foldCaseASCII appends to dst t as an expression under (?i) reads its
// ASCII letters: capitals lowered, and the two runes past ASCII that fold
// to an ASCII letter, ſ and the Kelvin sign, as s and k. Every other byte
// is copied; a byte of a rune past ASCII (0x80 and up) is never one of an
// ASCII word's. A word of lower-case ASCII letters the expression matches
// in t is then in dst.
func foldCaseASCII(dst []byte, t string) []byte {
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c < utf8.RuneSelf:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
		case strings.HasPrefix(t[i:], "ſ"):
			dst = append(dst, 's')
			i += len("ſ")
		case strings.HasPrefix(t[i:], "\u212a"):
			dst = append(dst, 'k')
			i += len("\u212a")
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
