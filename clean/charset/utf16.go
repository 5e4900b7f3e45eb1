package charset

import (
	"bytes"
	"fmt"
	"unicode"
)

// utf16Tally counts the code units of a body read as UTF-16 in one byte
// order: what tells text from bytes of an ASCII-compatible charset read
// in pairs. Those give no unit below U+2000 but with a NUL or control
// byte, and mostly rare ideographs (ASCII pairs), random Hangul
// syllables (the lead bytes of GBK or EUC-KR) or unpaired surrogates.
type utf16Tally struct {
	units     int // code units read; a surrogate pair is two
	unpaired  int // surrogates without their other half
	controls  int // C0 controls but tab, LF, FF and CR; C1 controls, private use, noncharacters
	plausible int // units of likely text (utf16Plausible); Hangul counted apart
	hangul    int // Hangul syllables
	hangulTop int // of them, frequent ones
}

// countUTF16 tallies the first sampleLimit bytes of b read as UTF-16 in
// the byte order of n ("utf-16le" or "utf-16be"); a last odd byte, and a
// high surrogate cut off at the end of the sample, are left out.
func countUTF16(b []byte, n string) utf16Tally {
	b = b[:min(len(b), sampleLimit)&^1]
	var t utf16Tally
	for i := 0; i < len(b); i += 2 {
		u := unit16(b[i:], n)
		t.units++
		switch {
		case u >= 0xD800 && u <= 0xDBFF && i+2 == len(b):
			t.units-- // cut off by the sample
		case u >= 0xD800 && u <= 0xDBFF:
			if v := unit16(b[i+2:], n); v >= 0xDC00 && v <= 0xDFFF {
				t.units++
				t.plausible += 2
				i += 2
			} else {
				t.unpaired++
			}
		case u >= 0xDC00 && u <= 0xDFFF:
			t.unpaired++
		default:
			t.add(rune(u))
		}
	}
	return t
}

// unit16 is the code unit at the start of b (two bytes at least) in the
// byte order of n.
func unit16(b []byte, n string) uint16 {
	if n == "utf-16be" {
		return uint16(b[0])<<8 | uint16(b[1])
	}
	return uint16(b[1])<<8 | uint16(b[0])
}

// add counts one code unit of the Basic Multilingual Plane.
func (t *utf16Tally) add(r rune) {
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		t.hangul++
		if classOf(r)&clHangul != 0 {
			t.hangulTop++
		}
	case utf16Control(r):
		t.controls++
	case utf16Plausible(r):
		t.plausible++
	}
}

// utf16Control reports a unit that text has few of: a C0 control but tab,
// LF, FF and CR (NUL included), a C1 control, a private-use character or
// a noncharacter.
func utf16Control(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\f' && r != '\r'
	case r >= 0x7F && r < 0xA0, r >= 0xE000 && r <= 0xF8FF, r >= 0xFDD0 && r <= 0xFDEF, r >= 0xFFFE:
		return true
	}
	return false
}

// utf16Plausible reports a unit of likely text: ASCII; any character
// below U+2000 (no pair of ASCII-compatible bytes reaches it); dashes,
// quotes, bullet, ellipsis, per mille, primes and the euro sign (not the
// dagger, which two spaces make); CJK punctuation, kana and full-width
// forms; the frequent ideographs (classOf).
func utf16Plausible(r rune) bool {
	switch {
	case r < 0x2000:
		return true
	case r >= 0x2013 && r <= 0x201F, r == 0x2022, r == 0x2026, r == 0x2030, r == 0x2032, r == 0x2033, r == 0x2039, r == 0x203A, r == 0x20AC:
		return true
	case r >= 0x3000 && r <= 0x30FF, r >= 0xFF01 && r <= 0xFF9F:
		return true
	}
	return unicode.Is(unicode.Han, r) && classOf(r)&(clTop|clGB1|clBig51|clJIS1) != 0
}

// wellFormed reports UTF-16 that holds no unpaired surrogate and at most
// one control (utf16Control) in fifty units.
func (t utf16Tally) wellFormed() bool {
	return t.unpaired == 0 && t.controls*50 <= t.units
}

// likely reports a reading of mostly likely text: three units in four
// plausible, its Hangul syllables counting when at least a third of them
// are frequent ones (a third of real Korean's are not; the syllables GBK
// or EUC-KR bytes make in pairs are random).
func (t utf16Tally) likely() bool {
	return t.likelyUnits()*4 >= t.units*3
}

// likelyUnits is how many units are likely text, Hangul syllables
// counting as likely() says.
func (t utf16Tally) likelyUnits() int {
	if t.hangulTop*3 >= t.hangul {
		return t.plausible + t.hangul
	}
	return t.plausible
}

// misfit says why the body is not UTF-16 in this byte order, or "".
func (t utf16Tally) misfit() string {
	switch {
	case t.unpaired > 0:
		return fmt.Sprintf("not UTF-16: %d unpaired surrogates", t.unpaired)
	case !t.wellFormed():
		return fmt.Sprintf("not UTF-16: %d control characters in %d code units", t.controls, t.units)
	case !t.likely():
		return fmt.Sprintf("read as UTF-16, %d of %d code units are unlikely text", t.units-t.likelyUnits(), t.units)
	}
	return ""
}

// likelyUTF16 returns the byte order in which b reads as well-formed
// UTF-16 of likely text, when it does in one order only, or "": mostly
// CJK UTF-16 without a BOM shows no NUL pattern (utf16ByNULs), and no
// ASCII-compatible text reads so (none of 80,000 legacy chunks of
// translated messages, the tune half of BenchmarkLocaleTexts's).
func likelyUTF16(b []byte) string {
	le := countUTF16(b, "utf-16le").misfit() == ""
	be := countUTF16(b, "utf-16be").misfit() == ""
	switch {
	case le && !be:
		return "utf-16le"
	case be && !le:
		return "utf-16be"
	}
	return ""
}

// byNULs is rule 1's second half, evidence utf16-nuls: UTF-16 without a
// BOM, of mostly Latin text, by its NUL bytes (utf16ByNULs). A
// declaration of the same UTF-16 decides instead (the NULs bear it out).
// One the body fits (fitsBesideNULs) is left to the rules below, with a
// Note that the NULs were set aside; one it does not fit is set aside.
func (p *page) byNULs() (Decision, bool) {
	n := utf16ByNULs(p.body)
	if n == "" {
		return Decision{}, false
	}
	for _, l := range p.labels() {
		switch m := l.name(); {
		case m == n:
			return decision(n, l.from, "no BOM; the NUL bytes bear it out"), true
		case m == "" || weak(l):
			continue
		case p.fitsBesideNULs(l):
			return Decision{Note: fmt.Sprintf("NUL bytes as in %s set aside: the body fits %s", n, l)}, false
		}
	}
	d := decision(n, "utf16-nuls", "no BOM: UTF-16 recognised by its NUL bytes")
	d.Confidence = 90
	return d, true
}

// fitsBesideNULs reports whether the body fits the declaration l though
// its NULs look like UTF-16: its tags are ASCII (asciiTags: a page with a
// stretch of NULs; a UTF-16 page's tags hold NULs, and text with no tag
// has nothing but its NULs to tell), and it fits l by rule 4's test
// (valid UTF-8 fits utf-8).
func (p *page) fitsBesideNULs(l label) bool {
	switch {
	case !asciiTags(p.body):
		return false
	case l.name() == "utf-8" && p.validUTF8():
		return true
	}
	return p.misfit(l) == ""
}

// asciiTags reports whether more of the tags in the first nulSample bytes
// of b are written in ASCII ('<' then a letter, '/' or '!') than in
// UTF-16 ('<', NUL, then one of those).
func asciiTags(b []byte) bool {
	b = b[:min(len(b), nulSample)]
	wide, narrow := 0, 0
	for i := 0; i+2 < len(b); i++ {
		switch {
		case b[i] != '<':
		case b[i+1] == 0 && opensTag(b[i+2]):
			wide++
		case opensTag(b[i+1]):
			narrow++
		}
	}
	return narrow > wide
}

// opensTag reports a byte that may follow '<' in a tag: a letter, '/' or
// '!'.
func opensTag(c byte) bool {
	return isASCIILetter(c) || c == '/' || c == '!'
}

// utf16ByNULs recognises BOM-less UTF-16 of mostly Latin text: NUL in
// (nearly) every other byte on one side only.
func utf16ByNULs(b []byte) string {
	b = b[:min(len(b), nulSample)]
	if len(b) < 8 {
		return ""
	}
	even, odd := nulSides(b)
	half := len(b) / 2
	switch {
	case odd*10 >= half*4 && even*20 <= half:
		return "utf-16le"
	case even*10 >= half*4 && odd*20 <= half:
		return "utf-16be"
	}
	return ""
}

// nulSample is how much of a body the UTF-16 tests read.
const nulSample = 4096

// nulSides counts the NUL bytes of b at even and at odd offsets: ASCII in
// UTF-16 puts its NUL after each byte (little-endian: odd) or before it
// (big-endian: even).
//
// It finds each NUL with bytes.IndexByte: most bodies have none, and the
// loop it replaced read every byte of the sample of every page.
func nulSides(b []byte) (even, odd int) {
	for at := 0; ; at++ {
		i := bytes.IndexByte(b[at:], 0)
		if i < 0 {
			return even, odd
		}
		at += i
		if at%2 == 0 {
			even++
		} else {
			odd++
		}
	}
}
