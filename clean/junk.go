package clean

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// junkRe is one large alternation that every short line of every page
// goes through, and most lines match none of it. junkLine asks it only
// about lines that hold a literal every one of its alternatives needs:
// the answer is junkRe's, found with a few byte scans for most lines.
// A change to junkRe must keep each alternative's literal listed here
// (TestJunkPrefilter checks the two agree on the eval and test pages).

// junkWords: alternatives that are, or start with, a literal.
var junkWords = newCJKWords(
	"责任编辑", "打印", "关闭窗口", "字号", "收藏", "分享", "扫一扫", "扫描二维码", "上一篇", "下一篇",
	"阅读", "浏览", "访问量", "返回顶部", "列印", "关闭视窗", "点赞", "点击", "点阅", "完", "转载",
	"上一条", "下一条", "已有", "共有", "网安备", "版权所有", "设为首页", "网站地图", "联系我们", "评论", "关注我们",
)

// junkColonWords: alternatives that are a word and a colon (zhSep).
var junkColonWords = newCJKWords(
	"责编", "编辑", "审核", "校对", "签发", "监制", "编审", "终审", "初审", "复审",
	"摄影", "记者", "点击数", "主办单位", "承办单位", "技术支持", "字体",
)

// junkWordsASCII: the English alternatives, matched without case.
var junkWordsASCII = []string{"share", "follow us", "sign up for", "back to top", "continues", "size", "listen to", "leave a", "post a comment", "add a comment", "join the",
	"comments", "icp", "all rights reserved", "copyright"}

// junkLine reports whether junkRe matches t.
func junkLine(t string) bool { return mayJunk(t) && junkRe.MatchString(t) }

// mayJunk reports whether t holds what some alternative of junkRe needs.
// Besides the words above: a button in brackets (bracketButton), a ©,
// and the two runes that (?i) folds onto ASCII letters of the English
// words (ſ is s, the Kelvin sign is k), for which it defers to the
// expression.
func mayJunk(t string) bool {
	if containsRuneOf(t, "©\u017F\u212A") || bracketButton(t) || junkWords.in(t) || adLine(t) || commentsLabel(t) {
		return true
	}
	if containsRuneOf(t, zhSepRunes) && junkColonWords.in(t) {
		return true
	}
	return junkASCII.in(t) // ſ and the Kelvin sign, which it folds too, answered above
}

// junkASCII is junkWordsASCII, to look up in one pass over a line.
var junkASCII = newWordSet(junkWordsASCII...)

// bracketButton is junkRe's `[【\[]\s*(?:<bracketWords>)\s*[】\]]`,
// the one alternative that needs a bracket: a page's button in brackets
// (【打印】, [ 关闭 ]). \s is ASCII white space but \v.
func bracketButton(t string) bool {
	for i := 0; i < len(t); i++ {
		var j int
		switch {
		case t[i] == '[':
			j = i + 1
		case strings.HasPrefix(t[i:], "【"):
			j = i + len("【")
		default:
			continue
		}
		j = skipRegexpSpace(t, j)
		for _, w := range bracketWords {
			if strings.HasPrefix(t[j:], w) {
				k := skipRegexpSpace(t, j+len(w))
				if strings.HasPrefix(t[k:], "]") || strings.HasPrefix(t[k:], "】") {
					return true
				}
			}
		}
	}
	return false
}

// bracketWords are the buttons in brackets junkRe and bracketButton find.
var bracketWords = []string{"打印", "关闭", "返回顶部", "大", "中", "小", "纠错", "我要纠错"}

// skipRegexpSpace returns the index in t past the \s (as Go's regexp
// reads it: \t \n \f \r and space) that starts at i.
func skipRegexpSpace(t string, i int) int {
	for i < len(t) && isRegexpSpace(t[i]) {
		i++
	}
	return i
}

// isRegexpSpace reports whether c is in \s as Go's regexp reads it.
func isRegexpSpace(c byte) bool { return strings.IndexByte("\t\n\f\r ", c) >= 0 }

// adLine is junkRe's `^\s*(?:advertisement|ad|sponsored|广告|tweet)\s*$`
// and `^\s*(?:<adLabelsIntl>)\s*$`: an ad slot's label, in English,
// Chinese or another language, or the label of Twitter's share button
// left in the page.
func adLine(t string) bool {
	s := strings.Trim(t, "\t\n\f\r ")
	if strings.EqualFold(s, "ad") || strings.EqualFold(s, "advertisement") || strings.EqualFold(s, "sponsored") ||
		s == "广告" || strings.EqualFold(s, "tweet") {
		return true
	}
	return oneOfFold(s, adLabelsIntl)
}

// oneOfFold reports whether s is one of words, in any case.
func oneOfFold(s string, words []string) bool {
	for _, w := range words {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// adLabelsIntl are the labels news sites set over an ad slot in other
// languages than English and Chinese ("Anzeige", "Publicité", "Реклама",
// "広告", "광고", "إعلان"): the word alone on its line, as "Advertisement"
// is. None is changed by foldTrad, which chromeLine applies first, and
// none holds a metacharacter (adIntl is them as junkRe's alternatives).
var adLabelsIntl = []string{
	"anzeige", "werbung", "publicité", "publicidad", "pubblicità", "publicidade", "reklama", "advertentie", "iklan",
	"реклама", "広告", "광고", "إعلان", "פרסומת", "โฆษณา", "quảng cáo",
}

// adIntl is adLabelsIntl as alternatives of junkRe (which reads them
// without case, as adLine does).
var adIntl = strings.Join(adLabelsIntl, "|")

// adBreakRe matches a line that is only the label a news template sets
// where an ad slot interrupts the article, or over the slot: "Skip
// advertisement", "Report this ad", "Story continues below", "Continue
// reading below", "Continue reading the main story", "Sponsored
// content", "Scroll to continue with content", "Advertisement · Scroll
// to continue". The label is the whole line (punctuation aside), so a
// sentence that holds these words stays. junkRe already takes the forms
// that name the ad ("Story continues below advertisement").
var adBreakRe = regexp.MustCompile(`(?i)^\W*(?:skip\s+(?:advertisement|ad)|report\s+this\s+ad|` +
	`(?:story|article)\s+continues\s+below|continue\s+reading\s+below|sponsored\s+content|` +
	`(?:advertisement\W*)?scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:reading|with\s+(?:the\s+)?(?:content|article|story)))?)\W*$`)

// adBreakWords are the first words of adBreakRe's labels, as it reads
// them: a line with none of them is no ad break, found without the
// expression.
var adBreakWords = newWordSet("skip", "report", "story", "article", "continue", "sponsored", "scroll")

// adBreakLine reports a line that is only an ad break's label (adBreakRe).
func adBreakLine(t string) bool {
	return len(t) <= 64 && adBreakWords.in(t) && adBreakRe.MatchString(t)
}

// paywallRe matches a line that is only a paywall's words where a
// subscriber's article is cut off for others: "Subscribe to continue
// reading", "Log in or subscribe to keep reading", "This article is for
// subscribers only", "Already a subscriber? Log in", "Already have an
// account? Sign in"; and the call that closes a story in its place on
// an open article, "Subscribe to our (free daily) newsletter". The words
// are the whole line (punctuation aside): a sentence about subscribers
// or accounts stays.
var paywallRe = regexp.MustCompile(`(?i)^\W*(?:` +
	`(?:(?:subscribe|sign\s+up|register|log\s*in|sign\s+in)\s+(?:or|and)\s+)?(?:subscribe|sign\s+up|register|log\s*in|sign\s+in)\s+(?:now\s+)?to\s+(?:continue|keep)\s+reading|` +
	`subscribe\s+to\s+read\s+(?:the\s+full\s+(?:article|story)|more|this\s+(?:article|story))|` +
	`this\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:for|available\s+(?:only\s+)?to|reserved\s+for|exclusive\s+to)\s+(?:our\s+)?(?:paying\s+|premium\s+)?(?:subscribers|members)(?:\s+only)?|` +
	`already\s+(?:a\s+(?:subscriber|member)|have\s+an\s+account|registered)\s*\?\s*(?:(?:log|sign)\s*in(?:\s+here)?)?|` +
	`subscribe\s+to\s+(?:our|the)\s+(?:free\s+)?(?:(?:daily|weekly|morning|evening|email)\s+)?(?:newsletters?|briefing|email\s+updates)` +
	`)\W*$`)

// paywallWords: each of paywallRe's alternatives holds one of them.
var paywallWords = newWordSet("reading", "subscri", "member", "already")

// paywallLine reports a line that is only a paywall's words (paywallRe).
func paywallLine(t string) bool {
	return len(t) <= 96 && paywallWords.in(t) && paywallRe.MatchString(t)
}

// commentsLabel is junkRe's `^\s*(?:\d+\s+)?comments\s*[:：]?\s*$`:
// the heading or count over a comment section ("Comments", "12
// comments"), whose thread a script fills in after the article. The
// singular is left out: "Comment" also labels an opinion column.
func commentsLabel(t string) bool {
	s := strings.Trim(t, "\t\n\f\r ")
	if c, ok := strings.CutSuffix(s, ":"); ok {
		s = strings.TrimRight(c, "\t\n\f\r ")
	} else if c, ok := strings.CutSuffix(s, "："); ok {
		s = strings.TrimRight(c, "\t\n\f\r ")
	}
	if d := strings.TrimLeft(s, "0123456789"); len(d) < len(s) {
		rest := strings.TrimLeft(d, "\t\n\f\r ")
		if len(rest) == len(d) {
			return false // digits run into the word: not a count
		}
		s = rest
	}
	return strings.EqualFold(s, "comments")
}

// containsRuneOf is strings.ContainsAny(s, chars), without decoding s:
// ContainsAny decodes s a rune at a time when chars is not all ASCII,
// while this looks for each rune's UTF-8 in s with ContainsRune's byte
// search. The two agree on any s, even invalid UTF-8: a rune's first
// byte is never a continuation byte, so a decoder that reaches it starts
// a rune there, and reads the rune whose bytes follow.
func containsRuneOf(s, chars string) bool {
	for _, c := range chars {
		if strings.ContainsRune(s, c) {
			return true
		}
	}
	return false
}

// cjkWords is a set of words that each start with a rune of three bytes of
// UTF-8 (U+0800–U+FFFF: junkRe's Chinese words), looked up in a line in
// one pass (in), where a strings.Contains a word read a Chinese line once
// a word, and stopped at every rune that shares the word's first byte.
type cjkWords struct {
	first   [1 << 16 / 64]uint64 // the words' first runes, a bit each
	byFirst map[rune][]string    // the words, by their first rune
}

// newCJKWords returns the set of words; it panics on a word that does not
// start with a rune of three bytes (a mistake in a list above).
func newCJKWords(words ...string) *cjkWords {
	ws := &cjkWords{byFirst: map[rune][]string{}}
	for _, w := range words {
		r, size := utf8.DecodeRuneInString(w)
		if size != 3 || r == utf8.RuneError {
			panic("clean: cjkWords: " + w + " does not start with a rune of three bytes")
		}
		ws.first[r>>6] |= 1 << (r & 63)
		ws.byFirst[r] = append(ws.byFirst[r], w)
	}
	return ws
}

// in reports whether t holds one of the words: strings.Contains of each,
// on any bytes (valid UTF-8 or not). A word's first byte leads three
// bytes (E0–EF); at each such byte of t, the rune those three bytes would
// make is looked up in first, and only the words it starts are compared.
func (ws *cjkWords) in(t string) bool {
	for i := 0; i+2 < len(t); i++ {
		if c := t[i]; c < 0xE0 || c > 0xEF {
			continue
		}
		r := rune(t[i]&0x0F)<<12 | rune(t[i+1]&0x3F)<<6 | rune(t[i+2]&0x3F)
		if ws.first[r>>6]&(1<<(r&63)) == 0 {
			continue
		}
		for _, w := range ws.byFirst[r] {
			if strings.HasPrefix(t[i:], w) {
				return true
			}
		}
	}
	return false
}
