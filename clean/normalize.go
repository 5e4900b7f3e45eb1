package clean

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
	return bytesString(appendNormal(nil, text)) // new memory, never written again
}

// appendNormal appends Normalize(text) to dst and returns the extended
// slice. It grows dst at most once, by len(text): the normal form is no
// longer than the text.
//
// Text that is valid UTF-8 without format runes, and its own NFKC once
// folded, is collapsed in one pass that checks all three (collapseText):
// steps 1 and 2 change nothing there, and NFKC neither. Any other text
// takes every step in turn; a text that was its own NFKC only after steps
// 1 and 2 gets the same normal form through NFKC, as NFKC leaves it alone.
func appendNormal(dst []byte, text string) []byte {
	if out, ok := collapseText(dst, text, true); ok {
		return out // valid, no Cf rune, foldWide(text) its own NFKC (isNFKC)
	}
	text = dropFormat(validUTF8(text))
	out, _ := collapseText(dst, norm.NFKC.String(foldWide(text)), false)
	return out
}

// bytesString is b's bytes as a string, without a copy: for memory that
// nothing writes again while the string is in use.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// normalMemory keeps the memory hashAndSketch normalises a page's text in,
// from one call to the next; maxKeptNormal bounds what it keeps.
var normalMemory = sync.Pool{New: func() any { return new([]byte) }}

const maxKeptNormal = 1 << 20

// hashAndSketch is hashNormal and sketchNormal of Normalize(text), with
// the normal form made in memory kept between calls (normalMemory), not
// in a new string a page: no more than the hash and the sketch is kept
// of it.
func hashAndSketch(text string) (hash string, sketch []uint32, shingles int) {
	mem := normalMemory.Get().(*[]byte)
	b := appendNormal((*mem)[:0], text)
	norm := bytesString(b)
	hash = hashNormal(norm)
	sketch, shingles = sketchNormal(norm)
	if cap(b) <= maxKeptNormal {
		*mem = b[:0]
	}
	normalMemory.Put(mem)
	return hash, sketch, shingles
}

// collapseText is the last step of Normalize, over valid UTF-8, appended
// to dst: it folds
// the wide forms as foldWide does (wideASCII; NFKC's output holds none),
// folds punctuation (foldPunct) and collapses white space to single
// spaces and line breaks as Normalize says. Runes it keeps as they are are
// copied a run at a time, not rune by rune: most of a text is such runs.
// Folding here, not in a copy of the text made first, saves Chinese text
// (whose commas and colons are wide) a copy. With checkNFKC it gives up,
// ok false and dst as it was, at the first rune past ASCII that is
// neither wide nor marked in nfkcStable: isNFKC(foldWide(text)) fails
// there, and the text must go through NFKC first. It gives up too at a
// byte that is not UTF-8 or at a format rune (isFormat), which Normalize
// replaces or drops before NFKC: a text collapsed with checkNFKC needs
// neither validUTF8 nor dropFormat, two passes over it fewer.
func collapseText(dst []byte, text string, checkNFKC bool) (out []byte, ok bool) {
	var stable *[1 << 16 / 64]uint64
	if checkNFKC {
		stable = nfkcStable()
	}
	b := slices.Grow(dst, len(text))
	start := len(b)
	pendingSpace, pendingBreak := false, false
	var prev rune                            // last rune written on the current line, 0 at line start
	run := -1                                // start of the runes kept as they are, not yet written; -1 for none
	wholeHan := stable == nil || hanStable() // keptAsIs holds of every ideograph
	for i, size := 0, 0; i < len(text); i += size {
		if e := hanRun(text, i); wholeHan && e > i && !pendingSpace && !pendingBreak {
			// ideographs kept as they are, each as the test below would
			// keep it: the run goes on, prev is the last of them
			if run < 0 {
				run = i
			}
			prev, _ = hanAt(text, e-hanSize)
			size = e - i
			continue
		}
		if e := wordsRun(text, i); e > i && !pendingSpace && !pendingBreak {
			// printable ASCII and single spaces between it, each as the
			// tests below would keep it: the run goes on, prev is its
			// last byte
			if run < 0 {
				run = i
			}
			prev = rune(text[e-1])
			size = e - i
			continue
		}
		r := rune(text[i]) // as range reads it, an ideograph without a call (hanAt)
		size = 1
		if r >= utf8.RuneSelf {
			if h, ok := hanAt(text, i); ok {
				r, size = h, hanSize
			} else {
				r, size = utf8.DecodeRuneInString(text[i:])
				if stable != nil && (size == 1 || isFormat(r)) {
					return dst, false // a stray byte (U+FFFD of size 1) or a Cf rune
				}
			}
		}
		if !pendingSpace && !pendingBreak && keptAsIs(r, stable) {
			if run < 0 {
				run = i
			}
			prev = r
			continue // what the steps below do with r, in fewer tests: most runes are these
		}
		if r == ' ' && run >= 0 && prev < utf8.RuneSelf && !pendingSpace && !pendingBreak && i+1 < len(text) && '!' <= text[i+1] && text[i+1] <= '~' {
			// One space between two printable ASCII runes (prev, kept in
			// the run, and the next) is written as it stands: the steps
			// below would end the run at it, write a space and start
			// another at the next rune, once a word of English.
			continue
		}
		f := r
		if g, ok := wideASCII(r); ok {
			f = g
		} else if stable != nil && r >= utf8.RuneSelf && !nfkcMarked(stable, r) {
			return dst, false
		} else if mayFoldPunct(r) {
			if g, ok := foldPunct[r]; ok {
				f = g
			}
		}
		if isSpaceRune(f) {
			if run >= 0 {
				b = append(b, text[run:i]...)
				run = -1
			}
			if f == '\n' || f == '\r' || f == '\u2028' || f == '\u2029' || f == '\v' || f == '\f' {
				pendingBreak = true
			} else {
				pendingSpace = true
			}
			continue
		}
		switch {
		case pendingBreak && (len(b) > start || run >= 0):
			b = append(b, '\n')
			prev = 0
		case pendingSpace && prev != 0 && !isCJK(prev) && !isCJK(f):
			b = append(b, ' ')
		}
		pendingSpace, pendingBreak = false, false
		switch {
		case f != r:
			if run >= 0 {
				b = append(b, text[run:i]...)
				run = -1
			}
			b = utf8.AppendRune(b, f)
		case run < 0:
			run = i
		}
		prev = f
	}
	if run >= 0 {
		b = append(b, text[run:]...)
	}
	return b, true
}

// wordsRun returns the end of the printable ASCII (keptAsIs) from s[k]
// on, single spaces between two such bytes included; k when s[k] is not
// printable ASCII. collapseText keeps such a run as it is, as it keeps
// each of its bytes and spaces (the test of a space between two printable
// ASCII runes), in a loop of two tests a byte: English text is mostly
// such runs.
func wordsRun(s string, k int) int {
	start := k
	for k < len(s) {
		if _, ok := asciiWords8(s, k); ok && (k > start || s[k] != ' ') {
			k += 8 // the bytes the loop below would take, eight at a time
			continue
		}
		switch c := s[k]; {
		case '!' <= c && c <= '~':
			k++
		case c == ' ' && k > start && k+1 < len(s) && '!' <= s[k+1] && s[k+1] <= '~':
			k += 2
		default:
			return k
		}
	}
	return k
}

// hanStable reports whether every CJK Unified Ideograph (U+4E00–U+9FFF)
// is marked in nfkcStable, as the Unicode tables of the norm package have
// them all: collapseText then keeps runs of them whole (HanRun) without
// asking the table of each.
var hanStable = sync.OnceValue(func() bool {
	t := nfkcStable()
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !nfkcMarked(t, r) {
			return false
		}
	}
	return true
})

// keptAsIs reports a rune that collapseText keeps as it is, without a
// test of its own, when no white space is pending: printable ASCII but
// the space, and the CJK Unified Ideographs (U+4E00–U+9FFF), none of
// which is wide (wideASCII), white space or a key of foldPunct; with a
// stable table (checkNFKC), an ideograph must be marked in it too.
func keptAsIs(r rune, stable *[1 << 16 / 64]uint64) bool {
	if '!' <= r && r <= '~' {
		return true
	}
	return uint32(r)-0x4E00 <= 0x9FFF-0x4E00 && (stable == nil || nfkcMarked(stable, r))
}

// TextHash is the hex sha256 of Normalize(text): the exact-duplicate key.
func TextHash(text string) string { return hashNormal(Normalize(text)) }

// hashNormal is the hex sha256 of norm. It hashes norm's own bytes, not
// a copy ([]byte(norm) copied the whole text of every page): Sum256 only
// reads its input, and a string's bytes may be read through
// unsafe.StringData as long as nothing writes them.
func hashNormal(norm string) string {
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(norm), len(norm)))
	return hex.EncodeToString(sum[:])
}

// dropFormat removes Cf runes; it returns text itself when there are none.
func dropFormat(text string) string {
	i := indexFormat(text)
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

// foldWide replaces the fullwidth forms of ASCII (U+FF01–U+FF5E) and the
// ideographic space (U+3000) by the ASCII NFKC maps them to; text without
// them is returned as it is. NFKC of the result is NFKC of text: each is
// replaced by its whole compatibility decomposition, one ASCII character,
// which composes with nothing before it. It is for speed: the NFKC fast
// path stops at the first rune it must change, so a fullwidth comma near
// the start of Chinese text had all the rest decomposed and recomposed.
func foldWide(text string) string {
	i := indexWide(text)
	if i < 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i >= 0 {
		b.WriteString(text[:i])
		r, size := utf8.DecodeRuneInString(text[i:])
		a, _ := wideASCII(r)
		b.WriteByte(byte(a))
		text = text[i+size:]
		i = indexWide(text)
	}
	b.WriteString(text)
	return b.String()
}

// wideASCII returns the ASCII that foldWide replaces a wide rune by: a
// fullwidth form of ASCII (U+FF01–U+FF5E) its ASCII, the ideographic
// space (U+3000) a space; false for any other rune.
func wideASCII(r rune) (rune, bool) {
	switch {
	case r == '\u3000':
		return ' ', true
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + '!', true
	}
	return r, false
}

// indexWide returns the index of the first rune of s that foldWide
// replaces, -1 for none. Their UTF-8 starts EF BC or EF BD (U+FF00–U+FF7F),
// or is E3 80 80 (U+3000).
func indexWide(s string) int {
	for i := 0; i+2 < len(s); i++ {
		switch s[i] {
		case 0xEF:
			if s[i+1] == 0xBC && s[i+2] >= 0x81 || s[i+1] == 0xBD && s[i+2] <= 0x9E {
				return i
			}
		case 0xE3:
			if s[i+1] == 0x80 && s[i+2] == 0x80 {
				return i
			}
		}
	}
	return -1
}

// indexFormat is strings.IndexFunc(s, isFormat), decoding only the runes
// whose first byte may start a Cf rune (formatLead): Chinese text (lead
// bytes E3–E9) and ASCII are passed over a byte at a time.
func indexFormat(s string) int {
	for i := 0; i < len(s); i++ {
		if formatLead[s[i]] {
			if r, _ := utf8.DecodeRuneInString(s[i:]); isFormat(r) {
				return i
			}
		}
	}
	return -1
}

// formatLead marks the bytes that start the UTF-8 of some Cf rune: C2
// (U+00AD), D8–E2 (U+0600–U+2FFF) and EF–F4 (U+F000 and above); no Cf rune
// lies in U+00C0–U+05FF or U+3000–U+EFFF (TestFormatLead checks every rune).
var formatLead = func() (t [256]bool) {
	t[0xC2] = true
	for b := 0xD8; b <= 0xE2; b++ {
		t[b] = true
	}
	for b := 0xEF; b <= 0xF4; b++ {
		t[b] = true
	}
	return t
}()

// isFormat reports Unicode category Cf. The BMP has no Cf rune between
// U+2070 and U+FEFE, nor between U+FF00 and U+FFF8 (TestIsFormat checks
// every rune), so CJK text and its full-width punctuation (，：（）, which
// indexFormat decodes: their lead byte EF starts Cf runes too) skip the
// table search.
func isFormat(r rune) bool {
	return r == '\u00AD' || r >= 0x0600 && (r < 0x2070 || r >= 0xFEFF && (r < 0xFF00 || r > 0xFFF8)) && unicode.Is(unicode.Cf, r)
}

// validUTF8 is strings.ToValidUTF8(s, "\uFFFD"), with utf8.ValidString's
// fast scan first: text is almost always valid already.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// isSpaceRune is unicode.IsSpace: no white space lies above U+3000
// (TestIsSpaceRune checks every rune), so most CJK runes skip the table.
func isSpaceRune(r rune) bool { return r <= 0x3000 && unicode.IsSpace(r) }

// foldPunctMin is the least key of foldPunct: runes below it (all of
// ASCII and Latin) skip the lookup.
const foldPunctMin = '\u2010'

// mayFoldPunct reports whether r may be a key of foldPunct: not below
// foldPunctMin, nor in the gap U+3100–U+FE57 that holds no key (the CJK
// ideographs; TestFoldPunctGap checks it), so most runes skip the map.
func mayFoldPunct(r rune) bool { return r >= foldPunctMin && (r < 0x3100 || r > 0xFE57) }

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
	if r >= 0x4E00 && r <= 0x9FFF {
		return true // CJK Unified Ideographs, all Han: skip the tables (TestIsCJK)
	}
	switch {
	case r >= 0x3000 && r <= 0x303F, // CJK symbols and punctuation
		r >= 0xFF00 && r <= 0xFFEF, // full-width and half-width forms
		r >= 0xFE30 && r <= 0xFE4F: // CJK compatibility forms
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}
