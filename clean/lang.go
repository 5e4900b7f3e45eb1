package clean

import (
	"strings"
	"unicode"
)

// pageLang returns the page's primary language subtag. The declaration
// (<html lang>, Content-Language, og:locale) is kept unless the text's
// script contradicts it plainly (a "en" template around Chinese text); with
// no declaration the script decides, and Latin text is told apart by common
// function words.
func pageLang(pm *pageMeta, text string) string {
	declared := primaryTag(pm.lang)
	if declared == "" {
		declared = primaryTag(pm.get("content-language", "language", "dc.language", "og:locale"))
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
	var han, kana, hangul, cyr, arabic, greek, thai, latin, total int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		total++
		switch {
		case r < 0x250:
			latin++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.In(r, unicode.Hiragana, unicode.Katakana):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Thai, r):
			thai++
		}
		if total >= 4000 {
			break
		}
	}
	if total == 0 {
		return "", false
	}
	sure = total >= 100
	switch {
	case kana*20 > total:
		return "ja", sure
	case hangul*5 > total:
		return "ko", sure
	case han*5 > total:
		return "zh", sure
	case cyr*2 > total:
		return "ru", sure
	case arabic*2 > total:
		return "ar", sure
	case greek*2 > total:
		return "el", sure
	case thai*2 > total:
		return "th", sure
	}
	return latinLang(text), sure && latin*2 > total
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

var stopIndex = func() map[string][]string {
	idx := map[string][]string{}
	for lang, ws := range stopwords {
		for _, w := range ws {
			idx[w] = append(idx[w], lang)
		}
	}
	return idx
}()

func latinLang(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, l := range stopIndex[w] {
			counts[l]++
		}
	}
	best, bestN := "en", 0
	for _, l := range [...]string{"en", "fr", "de", "es", "it", "pt", "nl"} {
		if counts[l] > bestN {
			best, bestN = l, counts[l]
		}
	}
	return best
}
