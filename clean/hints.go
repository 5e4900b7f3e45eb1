package clean

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Class and id hints. Chinese sites name their blocks in English, in pinyin
// (zhengwen 正文, wenzhang 文章, xiangguan 相关, pinglun 评论, banquan 版权,
// weizhi 位置, fenxiang 分享) or after their CMS (TRS_Editor, Custom_UnionStyle).
//
// Hints are matched against the words of the class and id (hintWords):
// never inside a word, so that "nav" does not match "canvas", "hot"
// "photo", nor "pager" "PageBuilder". A hint of two words ("trs editor") matches
// two words in a row. A hint ending in "*" also matches as the start
// of a word: the plural or compound a naming convention makes of it
// ("comments", "commentlist", "sidebarleft", "navbar"). Strong hints are
// the long names of a kind of block; weak ones are short words that also
// name styles ("top", "head", "more").
var (
	strongPositive = []string{
		"content*", "article*", "zoom", "trs editor", "zhengwen*", "wenzhang*",
		"detail*", "maintext", "main text", "union style", "unionstyle", "artibody",
		"post body", "postbody", "entry", "story", "endtext", "rich media",
		"news txt", "newstext", "text con", "txtcon", "pages content", "neirong",
	}
	weakPositive = []string{
		"text", "txt", "con", "cont", "body", "post", "main", "zw", "nr", "wz",
		"prose", // the article body of Tailwind's typography plugin
	}
	strongNegative = []string{
		"nav*", "menu*", "footer*", "sidebar*", "side bar", "related*", "xiangguan*",
		"share*", "fenxiang*", "comment*", "pinglun*", "copyright*", "banquan*",
		"breadcrumb*", "crumb*", "weizhi*", "masthead*", "toolbar*", "advert*",
		"guanggao*", "sponsor*", "social*", "subscribe*", "newsletter*", "popup*",
		"recommend*", "tuijian*", "hotnews*", "rank*", "paihang*", "widget*", "login*",
		"dqwz*", "location*", "pagination*", "pager", "signup*", "sign up", "cookie*",
		// from Readability.js's unlikely candidates
		"legends", "combx", "disqus*", "community*", "remark*", "replies",
		"shoutbox", "skyscraper*", "supplemental*", "agegate", "gdpr*", "ai2html*",
		"yom remote", "ad break",
		// "header" as Readability.js counts it unlikely: a "page-header"
		// band is chrome, and an "article-header" stays neutral (article
		// weighs as much)
		"header*",
		// a photo gallery's slides: captions of photos, one per slide,
		// that no reader counts as the story (news sites' galleries of
		// agency photos run longer than the story)
		"gallery*",
		// the box about the author after a post ("author-bio",
		// "wp-about-author-text"): a portrait in a few lines and links
		// to follow them, which is the site's, not the story's
		"bio", "about author",
	}
	weakNegative = []string{
		"ad", "ads", "hot", "foot", "side", "top", "bottom", "head",
		"tool", "tools", "links", "link", "more", "tags", "print", "close", "xgxw", "xgyd",
		"bq", "gg", "banner", "logo", "search", "sitemap",
		// Readability.js's negative "meta" (a byline box "c-meta__byline", an
		// image's caption and credits "image-meta"): NYT-style entity spans inside
		// paragraphs ("meta-per", "meta-loc") are words of the text, and
		// a weak hint never makes an inline element chrome (isChrome)
		"meta",
	}
	// Readability.js's okMaybeItsACandidate: a name that also says
	// "column" or "mathjax" may be the story, so a chrome hint beside it
	// never makes the element chrome by itself (chromeHint,
	// strongChromeOf), though it still weighs on its score, as in
	// Readability.js ("main-column sidebar-left"; MathJax's "MathJax
	// CtxtMenu_Attached_0" around a formula in a sentence). Of its other
	// words, article, body, content and main are positive hints already;
	// "and" and "shadow" are left out: as whole words they would clear
	// "nav-and-search" and a "sidebar shadow-lg" box (a CSS utility).
	maybeContent = []string{"column*", "math jax", "mathjax"}
)

// hint is +1 when n's class or id looks like an article, -1 when it looks
// like chrome, 0 otherwise or when both pull equally: a strong hint weighs
// two, a weak one one ("main-nav" is chrome, "article-share" neither).
func hint(n *html.Node) int { return hintOf(classID(n)) }

// chromeHint reports a class and id (classID s) that name chrome: a
// chrome hint outweighs an article one, and no maybeContent word stands
// beside it.
func chromeHint(s string) bool { return hintOf(s) < 0 && !maybeContentHints.matches(s) }

// hintOf is hint of an element whose classID is s.
func hintOf(s string) int {
	if s == "" {
		return 0
	}
	d := matchHint(s, strongPositiveHints, weakPositiveHints) - matchHint(s, strongNegativeHints, weakNegativeHints)
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	}
	return 0
}

// classID is what hints are matched against: the words of n's class and
// id (hintWords), lower-cased, each followed by a space, but for utility
// classes; the id's words follow idMark.
func classID(n *html.Node) string { return classIDOf(attr(n, "class"), attr(n, "id")) }

// classIDOf is classID of an element whose class and id are c and id.
func classIDOf(c, id string) string {
	if c == "" && id == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(c) + len(id) + len(idMark) + 8) // mostly enough: a word per name, a space per word
	for name := range strings.FieldsSeq(c) {
		if !utilityClass(name) {
			hintWords(&b, name)
		}
	}
	if id != "" {
		b.WriteString(idMark)
		hintWords(&b, id)
	}
	return b.String()
}

// namesHold reports whether class or id holds one of words (lower-case
// ASCII letters) in any ASCII case: a necessary condition of a word of
// classIDOf(class, id), or two of them in a row, holding it. Its words
// are runs of a name's ASCII letters and digits, lower-cased, each
// followed by a space, so a letter string found in one lies within one
// run of the name.
func namesHold(class, id string, words ...string) bool {
	for _, w := range words {
		if containsFoldASCII(class, w) || containsFoldASCII(id, w) {
			return true
		}
	}
	return false
}

// hintWords writes the words of a class or id name to b, lower-cased and
// each followed by a space: the name is split at anything not a letter
// or digit, and where a lower-case letter or digit is followed by an
// upper-case one ("PageBuilder-pageRow" is page builder page row,
// "TRS_Editor" trs editor). The words of one name after "with" are left
// out: they say what the element goes with, not what it is (a heading's
// "anchorWithStickyNavbar" is an anchor offset for a navbar, a
// "layout-with-sidebar" a layout beside one).
func hintWords(b *strings.Builder, name string) {
	for part := range strings.FieldsFuncSeq(name, func(r rune) bool { return !isTokenRune(r | 0x20) }) {
		humps := 0
		for i := 1; i < len(part); i++ {
			if isUpper(part[i]) && !isUpper(part[i-1]) {
				if !writeHintWord(b, part[humps:i]) {
					return
				}
				humps = i
			}
		}
		if !writeHintWord(b, part[humps:]) {
			return
		}
	}
}

// writeHintWord writes w as writeLowerWord does and reports true, or
// writes nothing and reports false when w is "with", where a name's hint
// words end.
func writeHintWord(b *strings.Builder, w string) bool {
	if strings.EqualFold(w, "with") {
		return false
	}
	writeLowerWord(b, w)
	return true
}

// writeLowerWord writes w lower-cased and a space to b. w is a part of a
// name as hintWords splits it: ASCII only (no rune past ASCII is a token
// rune), where strings.ToLower changes A-Z alone, as this does.
func writeLowerWord(b *strings.Builder, w string) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isUpper(c) {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	b.WriteByte(' ')
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func isTokenRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
}

// utilityClass reports a class name of a utility stylesheet (Bootstrap,
// Tailwind, Foundation): a variant for a screen size or state
// ("md:block"), a border ("border-top"), an alignment ("text-center"),
// or a position or a property's abbreviation of three letters or fewer
// with a value ("top-0", "pb-35", "mt-4", "col-md-6"). Such a name
// styles the element and says nothing about what it holds: the "top" of
// "border-top" is no page top.
func utilityClass(name string) bool {
	if strings.ContainsRune(name, ':') {
		return true
	}
	prefix, rest, ok := strings.Cut(strings.ToLower(name), "-")
	if !ok || rest == "" {
		return false
	}
	if prefix == "border" || prefix == "text" && textUtility(rest) {
		return true
	}
	if !utilityValue(rest) {
		return false
	}
	return utilityPlaces[prefix] || len(prefix) <= 3 && prefix != "ad" && prefix != "ads" && prefix != "nav" // "ad-300" is an ad slot
}

// textAligns are the values of the alignment utilities ("text-center").
var textAligns = map[string]bool{"center": true, "left": true, "right": true, "justify": true, "start": true, "end": true}

// textUtility reports the value of a "text-" utility: an alignment
// ("text-center"), a size ("text-lg", "text-2xl", "text-base") or a
// colour ("text-gray-600", "text-muted"). Tailwind styles every block
// with one, a comment thread and a footer as well as an article, so its
// "text" is no hint of the article's text.
func textUtility(v string) bool {
	if textAligns[v] || textColours[v] || utilitySizes[v] || v == "base" {
		return true
	}
	if n := strings.TrimSuffix(v, "xl"); n != v && digitsOnly(n) {
		return true // "2xl"
	}
	hue, shade, ok := strings.Cut(v, "-")
	return ok && hue != "" && strings.Trim(hue, "abcdefghijklmnopqrstuvwxyz") == "" && digitsOnly(shade)
}

// textColours are the colour utilities of text without a shade.
var textColours = map[string]bool{"white": true, "black": true, "muted": true, "primary": true, "secondary": true, "dark": true, "light": true}

// utilityPlaces are the utility prefixes of a position ("top-0", "bottom-6").
var utilityPlaces = map[string]bool{"top": true, "bottom": true, "left": true, "right": true, "inset": true}

// utilityValue reports a utility class's value: numbers and sizes
// ("35", "md-6", "auto").
func utilityValue(v string) bool {
	for p := range strings.SplitSeq(v, "-") {
		if p == "" || strings.Trim(p, "0123456789") != "" && !utilitySizes[p] {
			return false
		}
	}
	return true
}

var utilitySizes = map[string]bool{
	"xs": true, "sm": true, "md": true, "lg": true, "xl": true, "xxl": true, "auto": true,
	"full": true, "none": true, "px": true,
}

// matchHint weighs the words s (a classID) against hint tables: 2 for a
// strong hit, else 1 for a weak one, else 0. A nil table holds no hint.
func matchHint(s string, strong, weak *hintTable) int {
	switch {
	case s == "":
		return 0
	case strong.matches(s):
		return 2
	case weak.matches(s):
		return 1
	}
	return 0
}

// Hint tables of the hint lists above.
var (
	strongPositiveHints = newHintTable(strongPositive)
	weakPositiveHints   = newHintTable(weakPositive)
	strongNegativeHints = newHintTable(strongNegative)
	weakNegativeHints   = newHintTable(weakNegative)
	maybeContentHints   = newHintTable(maybeContent)
	// strongNegativeButHeaderHints is strongNegative without "header*":
	// what tells a heading named a header alone (sectionHeaderHeading).
	strongNegativeButHeaderHints = newHintTable(slices.DeleteFunc(slices.Clone(strongNegative), func(h string) bool { return h == "header*" }))
)

// hintTable is a list of hints by first byte: at each word of a classID,
// matches tries only the hints that start with the word's first byte.
type hintTable [256][]tableHint

// tableHint is a hint without its "*", and whether it had one.
type tableHint struct {
	words  string
	prefix bool
}

// newHintTable indexes hints (none empty) by their first byte.
func newHintTable(hints []string) *hintTable {
	t := new(hintTable)
	for _, h := range hints {
		w := strings.TrimSuffix(h, "*")
		t[w[0]] = append(t[w[0]], tableHint{words: w, prefix: w != h})
	}
	return t
}

// matches reports whether some hint of t is in the words s, as hasHint
// finds it: starting s or a word of it (after a space), and ending at a
// word's end unless it is a prefix hint. It tries every such start, as
// hasHint tries every occurrence, so the two agree (TestHintTable).
func (t *hintTable) matches(s string) bool {
	if t == nil {
		return false
	}
	for at := 0; at < len(s); {
		for _, h := range t[s[at]] {
			end := at + len(h.words)
			if strings.HasPrefix(s[at:], h.words) && (h.prefix || end < len(s) && s[end] == ' ') {
				return true
			}
		}
		sp := strings.IndexByte(s[at:], ' ')
		if sp < 0 {
			break
		}
		at += sp + 1
	}
	return false
}

// hasHint reports whether the words s (each followed by a space) hold
// hint h: its words in a row, the last only as a word's start when h
// ends in "*".
func hasHint(s, h string) bool {
	prefix := strings.HasSuffix(h, "*")
	h = strings.TrimSuffix(h, "*")
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], h)
		if j < 0 {
			return false
		}
		at := i + j
		end := at + len(h)
		if (at == 0 || s[at-1] == ' ') && (prefix || end < len(s) && s[end] == ' ') {
			return true
		}
		i = at + 1
	}
	return false
}

// strongChromeOf reports a class or id, s, that names chrome by a strong
// hint ("comments", "footer", "sidebar") and nothing article-like: what
// the relaxed pass of genericText still weighs (settleChrome), where weak
// hints ("side", "top", "head") no longer count.
func strongChromeOf(s string) bool {
	return s != "" && matchHint(s, strongNegativeHints, nil) == 2 && matchHint(s, strongPositiveHints, weakPositiveHints) == 0 && !maybeContentHints.matches(s)
}

// commentBlock reports a class or id naming a comment thread.
func commentBlock(n *html.Node) bool { return commentBlockOf(classID(n)) }

// commentBlockOf is commentBlock of an element whose classID is s.
func commentBlockOf(s string) bool {
	return hasHint(s, "comment*") || hasHint(s, "pinglun*")
}

// idMark separates the words of the class from those of the id in a
// classID: a word no hint matches.
const idMark = "| "

// digitsOnly reports a non-empty string of ASCII digits alone.
func digitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
