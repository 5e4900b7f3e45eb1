package charset

import "unicode"

// cjkFit is how well one CJK encoding explains a text.
type cjkFit struct {
	name  string
	q     quality
	score int // sum of per-character plausibility, see runeScore
	chars int // multi-byte characters decoded (runes outside ASCII)
	pairs int // multi-byte codes in the text, by the encoding's lead bytes
	latin int // of those, codes that look like an accented letter in a Latin word, see latinPairs
	// spaced counts the single spaces between two ideographs or kana of
	// the decoding (spacedIdeographs); a Chinese or Japanese reading pays
	// for them only beside a Korean one (chargeSpaces)
	spaced int
}

// plausible reports whether the decoding looks like real CJK text: clean,
// not a Latin text read in pairs, and on average well above what a wrong
// decoding of the same bytes gives.
func (f cjkFit) plausible() bool {
	return f.chars > 0 && f.q.clean() && !f.latinLike() && f.score >= f.chars
}

// latinLike reports a reading whose multi-byte codes are mostly an
// accented letter of a Latin text and the ASCII letter after it, among
// ASCII bytes (see latinPairs).
func (f cjkFit) latinLike() bool {
	return f.latin*2 > f.pairs
}

// scoreCJK decodes text with every CJK encoding and returns the fits, best
// first; ties keep the order of cjkNames.
func scoreCJK(text []byte) []cjkFit {
	fits := make([]cjkFit, 0, len(cjkNames))
	for _, n := range cjkNames {
		fits = append(fits, fitCJK(text, n))
	}
	chargeSpaces(fits)
	sortFits(fits)
	return fits
}

// chargeSpaces takes spacedCost a space (cjkFit.spaced) from the Chinese
// fits, and from the Japanese ones when the EUC-KR fit reads as Korean
// text (koreanRead). Chinese runs its characters together, and a
// single-byte text read as GBK spaces its "words" too (iso-8859-5's
// Cyrillic words read as hanzi two letters each). Japanese spaces the
// items of a list and a name's two parts ("東京 大阪 名古屋", "山田
// 太郎"), which read as EUC-KR give syllables from anywhere in its
// tables, rarely frequent ones: there the spaces are evidence for Korean
// only when there is a Korean reading for them to favour. Charged for
// them, the Japanese reading fell below plausible and the list went to
// EUC-KR or a single-byte charset.
func chargeSpaces(fits []cjkFit) {
	korean := koreanRead(fitOf(fits, "euc-kr"))
	for i := range fits {
		if !isJapanese(fits[i].name) || korean {
			fits[i].score -= spacedCost * fits[i].spaced
		}
	}
}

// koreanRead reports an EUC-KR fit that reads as Korean text: clean, and
// scoring koreanPerChar a character or more. Korean text's frequent
// syllables (topHangul, 6 each) make up most of it; Chinese or Japanese
// bytes read as EUC-KR give syllables or hanja spread over the tables,
// near 1 a character.
func koreanRead(f cjkFit) bool {
	return f.chars > 0 && f.q.clean() && f.score >= koreanPerChar*f.chars
}

// koreanPerChar is the score a character at which an EUC-KR reading is
// Korean text (koreanRead).
const koreanPerChar = 3

// sortFits is a stable insertion sort by score, descending.
func sortFits(f []cjkFit) {
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && f[j].score > f[j-1].score; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
}

// fitCJK decodes text with name and scores every non-ASCII rune.
func fitCJK(text []byte, name string) cjkFit {
	s, q := measure(text, name)
	f := cjkFit{name: name, q: q}
	f.pairs, f.latin = latinPairs(text, name)
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		f.chars++
		f.score += runeScore(r, name)
	}
	if name != "euc-kr" {
		f.spaced = spacedIdeographs(s)
	}
	return f
}

// spacedCost is what a space between two ideographs or kana costs a
// Chinese or Japanese reading: those languages run their characters
// together, where Korean spaces its words (EUC-KR read as GBK gives
// frequent hanzi, a word apart). BenchmarkLocaleTexts's wrong-cjk
// scenario reads every Korean chunk right from 4 to 16 (2 misses one).
const spacedCost = 8

// spacedIdeographs counts the single ASCII spaces in s with a Han
// character or kana on each side.
func spacedIdeographs(s string) int {
	n := 0
	var prev, cur rune
	for _, r := range s {
		if cur == ' ' && ideograph(prev) && ideograph(r) {
			n++
		}
		prev, cur = cur, r
	}
	return n
}

func ideograph(r rune) bool {
	return r >= 0x3041 && r <= 0x30FF || unicode.Is(unicode.Han, r)
}

// runeScore says how likely r is in real text of the encoding name: the
// frequent characters of that script score high, characters a wrong
// decoding produces (rare ideographs, symbols from the table's odd rows,
// half-width kana, unassigned codes) score low or negative.
func runeScore(r rune, name string) int {
	c := classOf(r)
	switch {
	case r == 0xFFFD || (r >= 0x80 && r < 0xA0):
		return -8
	case r >= 0xE000 && r <= 0xF8FF:
		return -4
	case c&clTail != 0 && !isJapanese(name):
		return tailScore
	case c&clTop != 0, c&clKanji != 0 && isJapanese(name):
		return 4
	case c&levelBit(name) != 0:
		return 1
	case c&clHangul != 0:
		return 6
	case unicode.Is(unicode.Han, r):
		return -1
	case r >= 0x3041 && r <= 0x30FF:
		return kanaScore(name)
	case r >= 0xAC00 && r <= 0xD7A3:
		return 1
	case r >= 0xFF61 && r <= 0xFF9F:
		return -2
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E, r >= 0x2010 && r <= 0x2027:
		return 1
	}
	return -2
}

// tailScore is what a Chinese or Korean reading gives a top hanzi past
// the first coreHanzi (clTail), where the first ones score 4: EUC-JP
// kanji read as GBK give first-level hanzi anywhere in the list
// ("日経平均株価続落" as 泣沸士堆臭擦鲁皖), real Chinese text mostly its
// first ones. A Japanese reading scores the whole list as frequent: the
// ranks are those of Chinese text, not of Japanese (株, 式 and 駅 are
// frequent in Japanese only).
const tailScore = 3

// levelBit is the class bit of the frequent-character level of name.
func levelBit(name string) uint8 {
	switch name {
	case "gb18030":
		return clGB1
	case "big5":
		return clBig51
	case "euc-jp", "shift_jis":
		return clJIS1
	}
	return 0
}

// kanaScore: kana are the commonest characters of Japanese and rare in
// Chinese and Korean, whose tables have them too (at the same codes as
// EUC-JP, so a wrong decoding of Japanese keeps them).
func kanaScore(name string) int {
	if isJapanese(name) {
		return 4
	}
	return 0
}

// latinPairs walks text by the lead bytes of the CJK encoding name and
// counts its multi-byte codes, and those that look Latin (latinRun). A
// single-byte Latin text read as CJK gives such codes, whether they touch
// a letter ("\xe8ovjek": č, then "ovjek"; "\x9ae" for the Slovene word
// "še"; "plo\xb9\xe8adi" for "ploščadi") or a quote or space ("\xab\xc8
// la" for the Italian "«È la"); in real CJK text codes mostly follow one
// another in longer runs.
func latinPairs(text []byte, name string) (pairs, latin int) {
	start, run, twoByte := 0, 0, true // the run of adjacent codes being read: where it starts, how many, all of two bytes
	for i := 0; i <= len(text); {
		n := 0
		if i < len(text) {
			n = codeLen(text[i:], name)
		}
		if n >= 2 && i+n <= len(text) {
			if run == 0 {
				start, twoByte = i, true
			}
			pairs++
			run++
			twoByte = twoByte && n == 2
			i += n
			continue
		}
		if run > 0 && twoByte {
			latin += latinRun(text, start, i, run)
		}
		run = 0
		i++
	}
	return pairs, latin
}

// latinRun is how many of the codes of a run of two-byte codes,
// text[start:end], look Latin: all of them when the run stands among
// ASCII bytes and is one code, or two glued to an ASCII letter
// ("pit\xe4v\xe4n" for the Finnish "pitävän"); none otherwise.
func latinRun(text []byte, start, end, run int) int {
	before, after := byte(' '), byte(' ')
	if start > 0 {
		before = text[start-1]
	}
	if end < len(text) {
		after = text[end]
	}
	switch {
	case before >= 0x80 || after >= 0x80:
		return 0
	case run == 1, run == 2 && (isASCIILetter(before) || isASCIILetter(after)):
		return run
	}
	return 0
}

// codeLen is the length of the code that starts at b[0] in the CJK
// encoding name by its lead byte: 1 for ASCII and single-byte codes.
func codeLen(b []byte, name string) int {
	c := b[0]
	switch {
	case c < 0x81 || c == 0xFF:
		return 1
	case name == "gb18030":
		if len(b) > 1 && b[1] >= '0' && b[1] <= '9' {
			return 4
		}
	case name == "shift_jis":
		if c >= 0xA0 && c <= 0xDF || c >= 0xFD {
			return 1
		}
	case name == "euc-jp":
		if c == 0x8F {
			return 3
		}
		if c < 0xA1 && c != 0x8E {
			return 1
		}
	}
	return 2
}

func isASCIILetter(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// isJapanese reports a Japanese multi-byte encoding.
func isJapanese(name string) bool {
	return name == "euc-jp" || name == "shift_jis"
}
