package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// pageLang returns the page's primary language subtag. The declaration
// (<html lang>, Content-Language, og:locale) is kept unless the text's
// script contradicts it plainly (a "en" template around Chinese text); with
// no declaration the script decides, and Latin text is told apart by common
// function words.
func pageLang(pm *pageMeta, text string) string {
	declared := declaredLang(pm)
	if declared != "" && !cjkLang(declared) {
		return overruled(declared, text)
	}
	detected, sure := detectLang(text)
	switch {
	case declared == "":
		return detected
	case sure && detected != declared && (cjkLang(detected) || cjkLang(declared)):
		return detected
	}
	return declared
}

// declaredLang is the primary subtag the page declares: <html lang>,
// else the first of its language metas; "" when it declares none.
func declaredLang(pm *pageMeta) string {
	if d := primaryTag(pm.lang); d != "" {
		return d
	}
	return primaryTag(pm.get("content-language", "language", "dc.language", "og:locale"))
}

// overruled is pageLang for a declared language that is not CJK: only a
// text plainly in a CJK script overrules it, so which Latin language the
// text is in (latinLang, a stop-word count over up to 20,000 bytes) is
// not asked.
// A text with no rune that counts as Han, kana or Hangul (mayBeCJK) is
// not counted at all: most pages declared in a Latin language are.
func overruled(declared, text string) string {
	if !mayBeCJK(text) {
		return declared
	}
	if lang, sure, latin := scriptLang(text); !latin && sure && cjkLang(lang) {
		return lang
	}
	return declared
}

// mayBeCJK reports whether text holds a byte of E1 or above, which
// begins the UTF-8 of every rune from U+1000 on: the runes countScripts
// counts as Han, kana or Hangul all lie there (TestMayBeCJK checks every
// rune), so without one scriptLang finds no CJK language.
func mayBeCJK(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0xE1 {
			return true
		}
	}
	return false
}

func cjkLang(l string) bool { return l == "zh" || l == "ja" || l == "ko" }

// primaryTag returns the lower-cased primary subtag of a BCP 47 tag or a
// locale ("zh-CN", "zh_CN", "en-us,en" → "zh", "zh", "en").
func primaryTag(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(tag)
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for _, r := range tag {
		if r < 'a' || r > 'z' {
			return ""
		}
	}
	return tag
}

// detectLang guesses the language from the script of up to 4000 letters;
// sure means there were at least 100 letters and one script held most.
func detectLang(text string) (lang string, sure bool) {
	lang, sure, latin := scriptLang(text)
	if latin {
		return latinLang(text), sure
	}
	return lang, sure
}

// scriptLang is detectLang but for telling Latin languages apart:
// latinScript is true (and lang "") when no other script holds most of
// the letters, and then sure also needs half of them Latin. It is "",
// false, false for a text without letters.
func scriptLang(text string) (lang string, sure, latinScript bool) {
	c := countScripts(text)
	if c.total == 0 {
		return "", false, false
	}
	sure = c.total >= 100
	switch {
	case c.kana*20 > c.total:
		return "ja", sure, false
	case c.hangul*5 > c.total:
		return "ko", sure, false
	case c.han*5 > c.total:
		return "zh", sure, false
	case c.cyr*2 > c.total:
		return "ru", sure, false
	case c.arabic*2 > c.total:
		return "ar", sure, false
	case c.greek*2 > c.total:
		return "el", sure, false
	case c.thai*2 > c.total:
		return "th", sure, false
	}
	return "", sure && c.latin*2 > c.total, true
}

// scriptCounts are the letters of a text by script, and all of them.
type scriptCounts struct {
	han, kana, hangul, cyr, arabic, greek, thai, latin, total int
}

// maxScriptLetters is how many letters of a text countScripts reads.
const maxScriptLetters = 4000

// countScripts counts the first maxScriptLetters letters of text by
// script. ASCII skips the letter table: its letters are a-z and A-Z, all
// Latin; so does the CJK Unified Ideographs block (isHanBlock), counted
// here without the call to add (most runes of Chinese text are in it).
func countScripts(text string) (c scriptCounts) {
	for i, size := 0, 0; i < len(text); i += size {
		if e := hanRun(text, i); e > i { // ideographs, counted a run at a time up to the cut
			k := min((e-i)/hanSize, maxScriptLetters-c.total)
			c.han += k
			c.total += k
			if c.total >= maxScriptLetters {
				break
			}
			size = e - i
			continue
		}
		if w, ok := ascii8(text, i); ok && c.total+8 < maxScriptLetters {
			k := asciiLetters8(w) // eight ASCII bytes at once: the cut is not reached within them
			c.latin += k
			c.total += k
			size = 8
			continue
		}
		r := rune(text[i]) // as range reads it
		size = 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isHanBlock(r):
			c.han++
			c.total++
		case r >= utf8.RuneSelf:
			c.add(r)
		case 'a' <= r|0x20 && r|0x20 <= 'z':
			c.latin++
			c.total++
		}
		if c.total >= maxScriptLetters {
			break
		}
	}
	return c
}

// add counts r by its script when it is a letter (or in a Han block).
// The punctuation of Chinese text (commonPunct) is no letter, told
// without the letter table.
func (c *scriptCounts) add(r rune) {
	if commonPunct(r) || !isHanBlock(r) && !unicode.IsLetter(r) {
		return
	}
	c.total++
	switch {
	case r < 0x250:
		c.latin++
	case isHanBlock(r) || unicode.Is(unicode.Han, r):
		c.han++
	case unicode.In(r, unicode.Hiragana, unicode.Katakana):
		c.kana++
	case unicode.Is(unicode.Hangul, r):
		c.hangul++
	case unicode.Is(unicode.Cyrillic, r):
		c.cyr++
	case unicode.Is(unicode.Arabic, r):
		c.arabic++
	case unicode.Is(unicode.Greek, r):
		c.greek++
	case unicode.Is(unicode.Thai, r):
		c.thai++
	}
}

// commonPunct reports the runes of General Punctuation (U+2000–U+206F:
// spaces, dashes, quotes), of CJK Symbols and Punctuation but its letters
// (U+3000–U+3004 and U+3007–U+3030: 、。, brackets, 〇 and the Hangzhou
// numerals, which are numbers) and the full-width punctuation and digits
// before Ａ (U+FF01–U+FF20: ，：！？（）０-９): none is a letter
// (TestCommonPunct), and a Chinese text has one every few ideographs.
func commonPunct(r rune) bool {
	return r >= 0x2000 && r <= 0x206F || r >= 0x3000 && r <= 0x3004 || r >= 0x3007 && r <= 0x3030 || r >= 0xFF01 && r <= 0xFF20
}

// stopwords are frequent function words that tell Latin-script languages
// apart well enough for a fallback.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "that", "with", "for"},
	"fr": {"le", "la", "les", "et", "des", "est", "une", "du"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den"},
	"es": {"el", "los", "las", "y", "que", "del", "por", "una"},
	"it": {"il", "di", "che", "della", "per", "non", "sono", "gli"},
	"pt": {"o", "os", "que", "do", "da", "não", "para", "uma"},
	"nl": {"de", "het", "een", "en", "van", "niet", "zijn", "dat"},
}

// latinLangs are the languages of stopwords, in the order latinLang
// breaks ties in.
var latinLangs = [...]string{"en", "fr", "de", "es", "it", "pt", "nl"}

// stopIndex maps a stopword to the languages (indexes of latinLangs) it
// belongs to.
var stopIndex = func() map[string][]int {
	idx := map[string][]int{}
	for i, lang := range latinLangs {
		for _, w := range stopwords[lang] {
			idx[w] = append(idx[w], i)
		}
	}
	return idx
}()

func latinLang(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	var counts [len(latinLangs)]int
	eachLowerWord(text, func(w []byte) {
		for _, l := range stopIndex[string(w)] { // no allocation: a lookup
			counts[l]++
		}
	})
	best, bestN := "en", 0
	for i, l := range latinLangs {
		if counts[i] > bestN {
			best, bestN = l, counts[i]
		}
	}
	return best
}

// eachLowerWord calls fn with each word of strings.ToLower(text), words
// split as strings.FieldsFunc does at runes that are not letters, without
// building the lower-cased text or the list of words. The slice is only
// valid during the call.
func eachLowerWord(text string, fn func([]byte)) {
	var w []byte
	for _, r := range text {
		r = unicode.ToLower(r) // ToLower maps rune by rune; an invalid byte becomes U+FFFD, not a letter
		if !unicode.IsLetter(r) {
			if len(w) > 0 {
				fn(w)
				w = w[:0]
			}
			continue
		}
		w = utf8.AppendRune(w, r)
	}
	if len(w) > 0 {
		fn(w)
	}
}

// isHanBlock reports the CJK Unified Ideographs block, U+4E00–U+9FFF:
// every rune of it is a Han letter (TestHanBlock), so the letter and
// script tables need not be searched for the runes of Chinese text.
func isHanBlock(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }
