package clean

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// writeUnitsRef is spaceWriter.writeUnits as it was before it copied
// words at once: every rune through put.
func writeUnitsRef(w *spaceWriter, s string) int {
	n := 0
	w.crossed = w.pending
	for _, r := range s {
		if isSpace(r) {
			w.pending = true
			w.layout = w.layout || r == '\n' || r == '\r' || r == '\t'
			if r >= 0x2E80 {
				n += runeUnits(r)
			}
			continue
		}
		w.put(r)
		n += runeUnits(r)
	}
	return n
}

// TestWriteUnitsAsBefore: writeUnits writes the text and counts the units
// that writing rune by rune did, over runs of random writes mixing ASCII,
// CJK, every white space, stray and cut UTF-8 and U+FFFD itself.
func TestWriteUnitsAsBefore(t *testing.T) {
	pieces := []string{"a", "Z9", " ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\u3000", "\u2028", "\u0085", "中", "文。",
		"\xff", "\xe4\xb8", "\x80", "\ufffd", "é", "\U0001F600", "\ud7ff", "\xed\xa0\x80"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var got, want spaceWriter
		for range rng.IntN(4) + 1 {
			s := ""
			for range rng.IntN(8) {
				s += pieces[rng.IntN(len(pieces))]
			}
			if g, w := got.writeUnits(s), writeUnitsRef(&want, s); g != w {
				t.Fatalf("writeUnits(%q) = %d units, before %d", s, g, w)
			}
		}
		if got.String() != want.String() || got.last != want.last || got.pending != want.pending || got.layout != want.layout || got.crossed != want.crossed {
			t.Fatalf("writeUnits wrote %q (last %q), before %q (last %q)", got.String(), got.last, want.String(), want.last)
		}
		if !utf8.ValidString(got.String()) {
			t.Fatalf("writeUnits wrote invalid UTF-8 %q", got.String())
		}
	}
}

// TestUnitsAsBefore: units counts as ranging over the runes did, on the
// same random strings, and asciiSpace is isSpace on every ASCII byte.
func TestUnitsAsBefore(t *testing.T) {
	ref := func(s string) int {
		n := 0
		for _, r := range s {
			if r >= 0x2E80 || !isSpace(r) {
				n += runeUnits(r)
			}
		}
		return n
	}
	for c := range byte(utf8.RuneSelf) {
		if asciiSpace(c) != isSpace(rune(c)) {
			t.Errorf("asciiSpace(%q) = %v, isSpace %v", c, asciiSpace(c), isSpace(rune(c)))
		}
	}
	pieces := []string{"a", " ", "\t", "\v", "\u00a0", "\u3000", "中", "。", "\xff", "\xe4\xb8", "\ufffd", "é", "\U0001F600", "ｱ"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		s := ""
		for range rng.IntN(12) {
			s += pieces[rng.IntN(len(pieces))]
		}
		if got, want := units(s), ref(s); got != want {
			t.Fatalf("units(%q) = %d, before %d", s, got, want)
		}
	}
}
