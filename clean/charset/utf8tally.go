package charset

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// utf8Tally counts a body's non-ASCII UTF-8 sequences: valid multi-byte
// ones, those of them that are plausible (plausibleSeq), and bytes that
// are not part of any valid sequence.
type utf8Tally struct{ valid, invalid, plausible int }

// The strictness of "nearly UTF-8" (doc.go gives it and why), as the least
// number of valid multi-byte sequences per invalid byte, and in all. In
// the evaluation corpus no file that is not UTF-8 has even as many valid
// sequences as invalid bytes; BenchmarkLocaleTexts prints the most
// UTF-8-like of its legacy chunks. A declared UTF-8 is overruled only when
// its invalid bytes outnumber its plausible sequences more than
// declaredPer to one (or none is plausible): in 80,000 legacy chunks of
// translated messages (BenchmarkLocaleTexts's tune half, 20 to 1000
// characters) none had a plausible sequence for three invalid bytes.
// TestNearlyUTF8 keeps the declared test the looser one.
const (
	undeclaredPer, undeclaredLeast = 2, 8
	declaredPer                    = 2
)

// utf8Tally counts the UTF-8 sequences of the body once.
func (p *page) utf8Tally() utf8Tally {
	if p.counts == nil {
		t := countUTF8(p.body)
		p.counts = &t
	}
	return *p.counts
}

// nearly reports whether the counted body is UTF-8 but for a few invalid
// bytes: at least per valid multi-byte sequences for each invalid byte,
// and at least least of them.
func (t utf8Tally) nearly(per, least int) bool {
	return t.valid >= least && t.invalid*per <= t.valid
}

// fitsDeclared reports whether a body declared UTF-8 is UTF-8 but for
// stray bytes: nearly UTF-8 as an undeclared body must be, or with
// plausible valid sequences that its invalid bytes do not outnumber more
// than declaredPer to one. A plausible sequence is rare in legacy text by
// chance, and one stray byte in a short page must not garble its few
// valid ones ("café" read as windows-1252 is "cafÃ©").
func (t utf8Tally) fitsDeclared() bool {
	return t.nearly(undeclaredPer, undeclaredLeast) || t.plausible > 0 && t.invalid <= declaredPer*t.plausible
}

// note records the invalid bytes a UTF-8 decision decodes as U+FFFD.
func (t utf8Tally) note() string {
	if t.invalid == 0 {
		return ""
	}
	return fmt.Sprintf("%d invalid bytes replaced with U+FFFD (%d valid UTF-8 sequences)", t.invalid, t.valid)
}

// countUTF8 counts the valid multi-byte UTF-8 sequences of b, those of
// them that are plausible, and the bytes that are not part of any valid
// sequence.
func countUTF8(b []byte) utf8Tally {
	var t utf8Tally
	prev := noRune // the valid sequence just before b[i], if b[i-1] ends one
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			prev = noRune
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			t.invalid++
			prev = invalidByte
			i++
			continue
		}
		t.valid++
		if plausibleSeq(r, prev, nextRune(b[i+n:])) {
			t.plausible++
		}
		prev = r
		i += n
	}
	return t
}

// Neighbours of a sequence that are no valid multi-byte one: ASCII or the
// end of the body (noRune), or an invalid byte.
const (
	noRune      rune = -1
	invalidByte rune = -2
)

// nextRune is what b opens with, as a neighbour: noRune, invalidByte or
// the rune of a valid multi-byte sequence.
func nextRune(b []byte) rune {
	if len(b) == 0 || b[0] < 0x80 {
		return noRune
	}
	r, n := utf8.DecodeRune(b)
	if r == utf8.RuneError && n == 1 {
		return invalidByte
	}
	return r
}

// plausibleSeq reports whether the valid sequence of r, between prev and
// next (noRune, invalidByte or a rune), is likely meant rather than a
// chance pairing of legacy bytes: it touches no invalid byte (legacy
// text's high bytes run together, and pairs that happen to be valid sit
// among others that are not), and it is a common sign or a Latin letter,
// or a letter of another script beside one of its own script (legacy
// pairs give lone letters of odd scripts: "Úž" in windows-1250 is the
// Arabic U+069E).
func plausibleSeq(r, prev, next rune) bool {
	switch {
	case prev == invalidByte || next == invalidByte:
		return false
	case unicode.IsLetter(r):
		return commonLatin(r) || sameScript(r, prev) || sameScript(r, next)
	case r < 0xA0 || !unicode.In(r, unicode.N, unicode.P, unicode.S, unicode.Zs):
		return false // C1 controls, marks, format characters, private use
	}
	return r < 0x800 || commonSign(r)
}

// commonLatin reports a Latin letter of the Latin-1 and Latin
// Extended-A blocks, Romanian's comma letters or a Vietnamese one.
func commonLatin(r rune) bool {
	return r >= 0xA0 && r <= 0x17F || r >= 0x218 && r <= 0x21B || r >= 0x1E00 && r <= 0x1EFF
}

// commonSign reports a sign of the blocks text uses: general punctuation,
// currency, letterlike and number forms, arrows and mathematical
// operators, box drawing, shapes and dingbats, CJK punctuation, full-width
// forms and pictographs.
func commonSign(r rune) bool {
	return r >= 0x2000 && r <= 0x22FF || r >= 0x2500 && r <= 0x27BF || r >= 0x3000 && r <= 0x303F ||
		r >= 0xFF00 && r <= 0xFFEF || r >= 0x1F300 && r <= 0x1FAFF
}

// scripts are the scripts whose letters sameScript pairs.
var scripts = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Cyrillic, unicode.Greek,
	unicode.Arabic, unicode.Hebrew, unicode.Thai, unicode.Armenian, unicode.Georgian, unicode.Devanagari,
}

// sameScript reports whether the letter r and the rune o (noRune and
// invalidByte are none) are letters of one script of scripts.
func sameScript(r, o rune) bool {
	if o < 0 || !unicode.IsLetter(o) {
		return false
	}
	for _, s := range scripts {
		if unicode.Is(s, r) {
			return unicode.Is(s, o)
		}
	}
	return false
}
