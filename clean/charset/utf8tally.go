package charset

import (
	"fmt"
	"unicode/utf8"
)

// utf8Tally counts a body's non-ASCII UTF-8 sequences: valid multi-byte
// ones, and bytes that are not part of any valid sequence.
type utf8Tally struct{ valid, invalid int }

// The strictness of "nearly UTF-8" (doc.go gives it and why), as the least
// number of valid multi-byte sequences per invalid byte, and in all. In
// the evaluation corpus no file that is not UTF-8 has even as many valid
// sequences as invalid bytes; BenchmarkLocaleTexts prints the most
// UTF-8-like of its legacy chunks. TestNearlyUTF8 keeps the declared test
// the looser one.
const (
	undeclaredPer, undeclaredLeast = 2, 8
	declaredPer, declaredLeast     = 2, 4
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

// note records the invalid bytes a UTF-8 decision decodes as U+FFFD.
func (t utf8Tally) note() string {
	if t.invalid == 0 {
		return ""
	}
	return fmt.Sprintf("%d invalid bytes replaced with U+FFFD (%d valid UTF-8 sequences)", t.invalid, t.valid)
}

// countUTF8 counts the valid multi-byte UTF-8 sequences of b and the bytes
// that are not part of any valid sequence.
func countUTF8(b []byte) utf8Tally {
	var t utf8Tally
	for len(b) > 0 {
		if b[0] < 0x80 {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			t.invalid++
		} else {
			t.valid++
		}
		b = b[n:]
	}
	return t
}
