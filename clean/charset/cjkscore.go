package charset

import "unicode"

// cjkFit is how well one CJK encoding explains a text.
type cjkFit struct {
	name  string
	q     quality
	score int // sum of per-character plausibility, see runeScore
	chars int // multi-byte characters decoded (runes outside ASCII)
}

// plausible reports whether the decoding looks like real CJK text: clean,
// and on average well above what a wrong decoding of the same bytes gives.
func (f cjkFit) plausible() bool {
	return f.chars > 0 && f.q.clean() && f.score >= f.chars
}

// scoreCJK decodes text with every CJK encoding and returns the fits, best
// first; ties keep the order of cjkNames.
func scoreCJK(text []byte) []cjkFit {
	fits := make([]cjkFit, 0, len(cjkNames))
	for _, n := range cjkNames {
		fits = append(fits, fitCJK(text, n))
	}
	sortFits(fits)
	return fits
}

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
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		f.chars++
		f.score += runeScore(r, name)
	}
	return f
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
	case c&clTop != 0:
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
	if name == "euc-jp" || name == "shift_jis" {
		return 4
	}
	return 0
}
