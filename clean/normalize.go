package clean

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormVersion is the version of Normalize. Change it whenever Normalize
// changes what it returns, since stored text hashes depend on it.
const NormVersion = 1

// Normalize returns the form of text that TextHash hashes. In order:
//
//  1. invalid UTF-8 is replaced by U+FFFD;
//  2. format characters (Unicode category Cf: ZWSP, ZWJ, ZWNJ, word joiner,
//     BOM, soft hyphen, bidi marks) are removed;
//  3. Unicode NFKC, which folds full-width ASCII forms (，→, ：→: ！→! （→(
//     ０→0 Ａ→A), half-width katakana and punctuation (｡→。 ､→、), the
//     ideographic space and ligatures;
//  4. the punctuation table foldPunct: quotes of every width to ASCII " and ',
//     dashes (‐ ‑ ‒ – — ― − －) to "-", middle dots to "·", the wave dash
//     〜 to "~". The CJK full stop 。 and the enumeration comma 、 stay as they
//     are: they have no ASCII counterpart (a "." copy of 。 is a different
//     text, and "." is also the decimal point);
//  5. whitespace: every run of white space that holds a line break becomes
//     one "\n" (a paragraph break), every other run one space; a space next
//     to a CJK character or CJK punctuation is removed (CJK text has no
//     spaces, so a space there is layout, e.g. "你好, 世界" after a
//     width-folding tool); lines are trimmed and empty lines dropped.
//
// Case, script (Simplified/Traditional) and wording are left alone.
func Normalize(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = norm.NFKC.String(dropFormat(text))
	var b strings.Builder
	b.Grow(len(text))
	pendingSpace, pendingBreak := false, false
	var prev rune // last rune written on the current line, 0 at line start
	for _, r := range text {
		if r >= foldPunctMin {
			if f, ok := foldPunct[r]; ok {
				r = f
			}
		}
		if unicode.IsSpace(r) {
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f' {
				pendingBreak = true
			} else {
				pendingSpace = true
			}
			continue
		}
		switch {
		case pendingBreak && b.Len() > 0:
			b.WriteByte('\n')
			prev = 0
		case pendingSpace && prev != 0 && !isCJK(prev) && !isCJK(r):
			b.WriteByte(' ')
		}
		pendingSpace, pendingBreak = false, false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// TextHash is the hex sha256 of Normalize(text): the exact-duplicate key.
func TextHash(text string) string { return hashNormal(Normalize(text)) }

func hashNormal(norm string) string {
	sum := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(sum[:])
}

// dropFormat removes Cf runes; it returns text itself when there are none.
func dropFormat(text string) string {
	i := strings.IndexFunc(text, isFormat)
	if i < 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	b.WriteString(text[:i])
	for _, r := range text[i:] {
		if !isFormat(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isFormat(r rune) bool {
	return r == '\u00AD' || r >= 0x0600 && unicode.Is(unicode.Cf, r)
}

// foldPunctMin is the least key of foldPunct: runes below it (all of
// ASCII and Latin) skip the lookup.
const foldPunctMin = '\u2010'

// foldPunct is the explicit punctuation table applied after NFKC (NFKC has
// already folded the full-width block U+FF01–FF5E and half-width forms).
var foldPunct = map[rune]rune{
	'\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u301D': '"', '\u301E': '"',
	'\u2018': '\'', '\u2019': '\'', '\u201A': '\'', '\u201B': '\'', '\u2032': '\'',
	'\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-',
	'\u2212': '-', '\uFE58': '-', '\uFE63': '-', '\uFF0D': '-',
	'\u30FB': '·', '\u2027': '·', '\u2022': '·', '\u2219': '·',
	'\u301C': '~',
}

// isCJK reports runes of scripts written without spaces, and CJK punctuation.
func isCJK(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	switch {
	case r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
		r >= 0xFF00 && r <= 0xFFEF, // full-width and half-width forms
		r >= 0xFE30 && r <= 0xFE4F: // CJK compatibility forms
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}
