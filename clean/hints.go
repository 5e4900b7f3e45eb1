package clean

import (
	"strings"

	"golang.org/x/net/html"
)

// Class and id hints. Chinese sites name their blocks in English, in pinyin
// (zhengwen 正文, wenzhang 文章, xiangguan 相关, pinglun 评论, banquan 版权,
// weizhi 位置, fenxiang 分享) or after their CMS (TRS_Editor, Custom_UnionStyle).
// Long hints match as substrings of the lower-cased class and id; short ones
// only as whole tokens (split at anything not a letter or digit), so that
// "nav" does not match "canvas" nor "hot" "photo".
var (
	positiveSub = []string{
		"content", "article", "zoom", "trs_editor", "zhengwen", "wenzhang",
		"detail", "maintext", "main-text", "main_text", "unionstyle", "artibody",
		"post-body", "postbody", "entry", "story", "endtext", "rich_media",
		"news_txt", "newstext", "text_con", "txtcon", "pages_content", "neirong",
		"mathjax", // equations (Readability.js keeps them too): not a "CtxtMenu"
	}
	positiveTok = []string{"text", "txt", "con", "cont", "body", "post", "main", "zw", "nr", "wz"}
	negativeSub = []string{
		"nav", "menu", "footer", "sidebar", "side-bar", "related", "xiangguan",
		"share", "fenxiang", "comment", "pinglun", "copyright", "banquan",
		"breadcrumb", "crumb", "weizhi", "masthead", "toolbar", "advert",
		"guanggao", "sponsor", "social", "subscribe", "newsletter", "popup",
		"recommend", "tuijian", "hotnews", "rank", "paihang", "widget", "login",
		"dqwz", "location", "pagination", "pager", "signup", "cookie",
		// from Readability.js's unlikely candidates
		"legends", "combx", "disqus", "community", "remark", "replies",
		"shoutbox", "skyscraper", "supplemental", "agegate", "gdpr", "ai2html",
		"yom-remote", "-ad-", "ad-break",
		// "header" as Readability.js matches it, inside a name too: a
		// "subheaders" label or a "page-header" band is chrome, and an
		// "article-header" stays neutral (article weighs as much)
		"header",
		// Readability.js's negative weights: "promo" (a teaser box,
		// "promo-gallery" photos of other stories)
		"promo",
		// a photo gallery's slides: captions of photos, one per slide,
		// that no reader counts as the story (news sites' galleries of
		// agency photos run longer than the story)
		"gallery",
	}
	negativeTok = []string{
		"ad", "ads", "hot", "foot", "side", "top", "bottom", "head",
		"tool", "tools", "links", "link", "more", "tags", "print", "close", "xgxw", "xgyd",
		"bq", "gg", "banner", "logo", "search", "sitemap",
		// Readability.js's negative "meta" (a byline box "c-meta__byline", an
		// image's caption and credits "image-meta"), as a token only: NYT-style entity spans inside
		// paragraphs ("meta-per", "meta-loc") are words of the text, and
		// a token hit never makes an inline element chrome (isChrome)
		"meta",
	}
)

// hint is +1 when n's class or id looks like an article, -1 when it looks
// like chrome, 0 otherwise or when both pull equally: a substring hit
// weighs two, a token hit one ("main-nav" is chrome, "article-share" neither).
func hint(n *html.Node) int { return hintOf(classID(n)) }

// hintOf is hint of an element whose classID is s.
func hintOf(s string) int {
	if s == "" {
		return 0
	}
	d := matchHint(s, positiveSub, positiveTok) - matchHint(s, negativeSub, negativeTok)
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	}
	return 0
}

// classID is what hints are matched against: class and id, lower-cased.
// A class list of generated style names is left out: its short tokens
// ("gg", "bq", "nr") match the short hints by chance.
func classID(n *html.Node) string {
	c, id := attr(n, "class"), attr(n, "id")
	if generatedClasses(c) {
		c = ""
	}
	if c == "" && id == "" {
		return ""
	}
	return strings.ToLower(c + " " + id)
}

// generatedClasses reports a class list made by a CSS-in-JS tool or an
// atomic stylesheet: four or more names, none longer than three letters
// ("gc gd dg ay ax ge"). Such names say nothing about the element.
func generatedClasses(c string) bool {
	n := 0
	for t := range strings.FieldsSeq(c) { // not Fields: no slice for every element's classes
		if len(t) > 3 {
			return false
		}
		n++
	}
	return n >= 4
}

// matchHint weighs s against the hint lists: 2 for a substring hit, else 1
// for a token hit, else 0.
func matchHint(s string, subs, toks []string) int {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return 2
		}
	}
	for len(s) > 0 {
		i := strings.IndexFunc(s, isTokenRune)
		if i < 0 {
			return 0
		}
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !isTokenRune(r) })
		if j < 0 {
			j = len(s)
		}
		for _, t := range toks {
			if s[:j] == t {
				return 1
			}
		}
		s = s[j:]
	}
	return 0
}

func isTokenRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
}

// strongChrome reports a class or id that names chrome by a long hint
// ("comments", "footer", "sidebar") and nothing article-like: what the
// relaxed pass of genericText still drops, where short tokens ("side",
// "top", "head") no longer count.
func strongChrome(n *html.Node) bool { return strongChromeOf(classID(n)) }

// strongChromeOf is strongChrome of an element whose classID is s.
func strongChromeOf(s string) bool {
	return s != "" && matchHint(s, negativeSub, nil) == 2 && matchHint(s, positiveSub, positiveTok) == 0
}

// commentBlock reports a class or id naming a comment thread.
func commentBlock(n *html.Node) bool {
	s := classID(n)
	return strings.Contains(s, "comment") || strings.Contains(s, "pinglun")
}
