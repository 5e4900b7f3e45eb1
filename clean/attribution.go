package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var (
	// 来源：新华社 / Source: Xinhua / 转载自人民网
	// (matched against foldTrad(text): 來源 and 轉載自 match too)
	sourceLabelRe = regexp.MustCompile(`(?i)(?:文章来\s*源|信息来\s*源|资讯来\s*源|消息来\s*源|新闻来\s*源|稿件来\s*源|来\s*源|稿源|出处|转载自|转自|source)\s*[:：]?\s*`)
	// 据新华社北京11月7日电 / 新华社北京11月7日电 at the start of the text
	datelineRe = regexp.MustCompile(`^(?:[(（【\[]?\s*)?据?([^，。,；;：:\d\s]{2,30}?)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)`)
	viaRe      = regexp.MustCompile(`据([^，。,；;：:\d\s]{2,30}?)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)`)
	// BEIJING, Nov. 7 (Xinhua) --
	enDatelineRe = regexp.MustCompile(`^[A-Z][A-Z .'-]+,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\(([A-Za-z][A-Za-z .&-]{1,30})\)\s*(?:--|—|–|-)`)
)

// agencyEnds end a news organisation's name before a dateline's place name:
// 新华社|北京, 中新网|北京, 人民日报|海外版 is not split (报 ends it first).
const agencyEnds = "社网报台刊闻端部室局办厅委院会"

// attribution finds the source a page credits: a 来源/Source line, then the
// source meta tag, then a 据…电 dateline in the text, then an English
// "(Agency) --" dateline.
func attribution(pm *pageMeta, runs []run, paras []string) string {
	for _, r := range runs {
		if len(r.text) > 400 {
			continue
		}
		if s := sourceFromLine(r.text); s != "" {
			if runIsFieldText(r) {
				return s // fieldText(r.owner) is r.text: f would be s
			}
			if f := sourceFromLine(fieldText(r.owner)); f != "" && strings.HasPrefix(s, f) {
				return f // "转载自：新华网 <a>原文链接</a>": the name ends with its element
			}
			return s
		}
	}
	if s := cleanSource(pm.get("contentsource", "source", "copyfrom", "article:source", "og:source")); s != "" {
		return s
	}
	for i, p := range paras {
		if i >= 3 {
			break
		}
		re := viaRe
		if i == 0 {
			re = datelineRe
		}
		if m := re.FindStringSubmatch(p); m != nil {
			if s := agencyName(m[1]); s != "" {
				return s
			}
		}
		if m := enDatelineRe.FindStringSubmatch(p); m != nil {
			return strings.TrimSpace(m[1])
		}
	}
	return ""
}

// sourceFromLine returns the source named after a label in t, or "".
func sourceFromLine(orig string) string {
	t := foldTrad(orig)
	if !maySourceLabel(t) {
		return ""
	}
	loc := sourceLabel(t)
	if loc == nil {
		return ""
	}
	label := t[loc[0]:loc[1]]
	if !containsRuneOf(label, ":：") {
		if !strings.HasPrefix(label, "转") {
			return "" // "source" in running text is no label
		}
		if !textSubject(strings.TrimSpace(t[:loc[0]])) {
			return "" // 本站部分内容转载自其他媒体: a site's notice, not this text's source
		}
	}
	return cleanSource(orig[loc[1]:])
}

// sourceLabelAnchored is sourceLabelRe anchored where a match begins.
// Every label begins with one of 文信资消新稿来出转, or with an s in either
// case or as ſ (the one rune past ASCII that (?i) folds to s), and the
// expression reads nothing before it; sourceLabel runs it only where one
// of those begins.
var sourceLabelAnchored = regexp.MustCompile(`^(?:` + sourceLabelRe.String() + `)`)

// sourceLabel is sourceLabelRe.FindStringIndex(t), found by the anchored
// expression at the places a label may begin (searching from every byte
// was most of its time).
func sourceLabel(t string) []int {
	for i := range len(t) {
		if !sourceLabelStart(t, i) {
			continue
		}
		if m := sourceLabelAnchored.FindStringIndex(t[i:]); m != nil {
			m[0], m[1] = i, i+m[1] // m[0] was 0: the match begins at t[i]
			return m
		}
	}
	return nil
}

// sourceLabelStart reports whether a label of sourceLabelRe may begin at
// t[i]. The first runes of its Chinese labels have three bytes of UTF-8,
// read here without a check that they are valid: a rune that begins at
// t[i] is read right, and a wrong guess only costs the expression a try.
func sourceLabelStart(t string, i int) bool {
	switch c := t[i]; {
	case c|0x20 == 's':
		return true
	case c == 0xC5:
		return strings.HasPrefix(t[i:], "ſ")
	case c < 0xE0 || c > 0xEF || i+2 >= len(t):
		return false
	}
	switch rune(t[i]&0x0F)<<12 | rune(t[i+1]&0x3F)<<6 | rune(t[i+2]&0x3F) {
	case '文', '信', '资', '消', '新', '稿', '来', '出', '转':
		return true
	}
	return false
}

// textSubject reports whether the words before a 转载自 or 转自 without a
// colon leave it naming the text's source: none (the line starts with
// it), or a few (at most maxReprintSubject runes) that name no site (站,
// 网: 本站, 本网) and no share of a site's pages (部分, 均): 本文转载自人民网,
// 以上内容转载自新华网. Otherwise the line is a site's notice about its
// pages (本站部分内容转载自其他媒体, 本站内容均转载自网络), which names no
// source of this text.
func textSubject(subject string) bool {
	if utf8.RuneCountInString(subject) > maxReprintSubject {
		return false
	}
	for _, w := range []string{"站", "网", "部分", "均"} {
		if strings.Contains(subject, w) {
			return false
		}
	}
	return true
}

const maxReprintSubject = 6

// maySourceLabel reports whether sourceFromLine asks sourceLabelRe about
// t; false only where the expression cannot match, or where it was never
// asked (a line without 来, 稿源, 转, 出处 or "source" in any ASCII case:
// an "ſource" alone is no label). Past the words that let a line through,
// a line whose only one is 来 must hold what the expression needs with
// it: the 源 of 来源, or the ſ of an "ſource" (the one rune past ASCII
// that (?i) folds to a letter of "source"). containsFoldASCII(t,
// "source") is strings.Contains(strings.ToLower(t), "source"): no rune
// past ASCII lowers to one of its letters.
func maySourceLabel(t string) bool {
	if strings.Contains(t, "稿源") || strings.Contains(t, "转") || strings.Contains(t, "出处") || containsFoldASCII(t, "source") {
		return true
	}
	return strings.Contains(t, "来") && (strings.Contains(t, "源") || strings.ContainsRune(t, 'ſ'))
}

// cleanSource trims a source name of the fields, dates and punctuation that
// follow it on its line. Names longer than 40 runes are not names.
func cleanSource(s string) string {
	s = strings.TrimSpace(s)
	if i := sourceEnd(foldTrad(s)); i >= 0 {
		s = s[:i]
	}
	if r, _ := utf8.DecodeRuneInString(s); isCJK(r) {
		if i := strings.IndexByte(s, ' '); i > 0 {
			s = s[:i]
		}
	} else if i := strings.Index(s, "  "); i > 0 {
		s = s[:i]
	}
	if i := strings.IndexAny(s, "，。；！？"); i > 0 {
		s = s[:i] // a name ends with its clause: 来源：新华社，有删节
	}
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，;；:：.。)）]】-—–|", r)
	})
	if strings.HasPrefix(s, "《") && strings.HasSuffix(s, "》") && strings.Count(s, "《") == 1 {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "《"), "》")
	}
	if n := utf8.RuneCountInString(s); n == 0 || n > 40 {
		return ""
	}
	return s
}

// The next field on a metadata line ends the source's name: one of
// sourceEndWords, a year (four digits, then a date's separator after any
// \s), or, as a word of its own in any case, "by", "updated",
// "published" or "posted". sourceEnd finds where the first begins: it is
// FindStringIndex(t)[0] of the expression
//
//	(?i)作者|记者|编辑|责任编辑|发布|时间|日期|字号|浏览|点击|阅读|【|\[|\||丨|｜|/|\d{4}\s*[-/.年]|\b(?:by|updated|published|posted)\b
//
// (TestSourceEndAsExpression), read in one pass of byte tests: the
// expression, tried from every rune of the line, was most of cleanSource.
var (
	sourceEndWords = []string{"作者", "记者", "编辑", "责任编辑", "发布", "时间", "日期", "字号", "浏览", "点击", "阅读", "【", "[", "|", "丨", "｜", "/"}
	sourceEndNames = []string{"by", "updated", "published", "posted"}
)

// sourceEndFirst marks the first bytes of sourceEndWords: sourceEndAt
// tries the words only where one may begin, not at every byte of a line
// (a continuation byte or an ASCII letter begins none).
var sourceEndFirst = func() (t [256]bool) {
	for _, w := range sourceEndWords {
		t[w[0]] = true
	}
	return t
}()

// sourceEnd returns the index in t where the next field begins (see
// sourceEndWords), -1 when none does. Every match begins with an ASCII
// byte or the first byte of a rune, so the index of a byte is the index
// of a rune wherever one can begin.
func sourceEnd(t string) int {
	for i := range len(t) {
		if sourceEndAt(t, i) {
			return i
		}
	}
	return -1
}

// sourceEndAt reports whether a field that ends a source's name begins at
// t[i].
func sourceEndAt(t string, i int) bool {
	rest := t[i:]
	if sourceEndFirst[t[i]] {
		for _, w := range sourceEndWords {
			if strings.HasPrefix(rest, w) {
				return true
			}
		}
	}
	if fourDigitsAt(t, i) && afterSpaceIs(t, i+4, "-/.年") {
		return true
	}
	if !wordBoundary(t, i) {
		return false
	}
	for _, w := range sourceEndNames {
		if n, ok := foldPrefix(rest, w); ok && wordBoundary(t, i+n) {
			return true
		}
	}
	return false
}

// foldPrefix reports whether s begins with word (lower-case ASCII letters)
// as (?i) reads it: each letter in either case, an s also as ſ (the one
// rune past ASCII that folds to a letter of sourceEndNames); n is the
// length of that beginning of s, in bytes.
func foldPrefix(s, word string) (n int, ok bool) {
	for j := 0; j < len(word); j++ {
		switch {
		case n < len(s) && s[n]|0x20 == word[j]:
			n++
		case word[j] == 's' && strings.HasPrefix(s[n:], "ſ"):
			n += len("ſ")
		default:
			return 0, false
		}
	}
	return n, true
}

// fieldText is the text of n's subtree with a space wherever an element
// starts or ends, so that fields in separate elements stay apart even where
// collapse would join two CJK runes.
func fieldText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && b.Len() < 2000; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(collapse(c.Data))
			case c.Type == html.ElementNode && !dropTags[c.DataAtom]:
				b.WriteByte(' ')
				walk(c)
				b.WriteByte(' ')
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ") // not collapse: it would join 新华网 原文链接
}

// runIsFieldText reports a run whose text is fieldText(r.owner), told
// without making it: the owner's one child is a text node, outside a
// <pre>, so both are that node's text as collapse writes it, r.text
// trimmed of what unicode.IsSpace calls white space and fieldText with
// each run of it made one space; and r.text holds no such white space but
// single spaces, so both are the same (TestRunIsFieldText). A source line
// is mostly such a run, and fieldText made it again for nothing.
func runIsFieldText(r run) bool {
	n := r.owner
	if n == nil || n.FirstChild == nil || n.FirstChild != n.LastChild || n.FirstChild.Type != html.TextNode {
		return false
	}
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Pre {
			return false // verbatim: the run keeps the white space fieldText folds
		}
	}
	return singleSpaced(r.text)
}

// singleSpaced reports whether t holds no white space (unicode.IsSpace)
// but single spaces between other runes.
func singleSpaced(t string) bool {
	if t == "" || t[0] == ' ' || t[len(t)-1] == ' ' || strings.Contains(t, "  ") {
		return false
	}
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if c != ' ' && asciiSpace(c) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// agencyName cuts a dateline's "agency + place" at the agency's last
// characteristic character, and drops a 记者 clause.
func agencyName(s string) string {
	if i := strings.Index(s, "记者"); i > 0 {
		s = s[:i]
	}
	last := -1
	for i, r := range s {
		if strings.ContainsRune(agencyEnds, r) {
			last = i + utf8.RuneLen(r)
		}
	}
	if last > 0 {
		s = s[:last]
	}
	return strings.TrimSpace(s)
}
