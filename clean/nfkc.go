package clean

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfkcStable marks each rune below U+10000 that NFKC leaves alone
// wherever it stands among other marked runes: it is its own NFKC, and it
// starts a segment (canonical combining class 0, and it composes with
// nothing before it). A string of marked runes is therefore its own NFKC,
// segment by segment, without the normalizer's per-rune table walk.
// Built from the norm package's own tables, once, at the first use.
var nfkcStable = sync.OnceValue(func() *[1 << 16 / 64]uint64 {
	var t [1 << 16 / 64]uint64
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < 1<<16; r++ {
		if !utf8.ValidRune(r) {
			continue // a surrogate
		}
		s := buf[:utf8.EncodeRune(buf[:], r)]
		p := norm.NFKC.Properties(s)
		// A rune without a decomposition is its own NFKC; asking the
		// normalizer only about the others halved the build (to about
		// 5 ms, once a process).
		if p.BoundaryBefore() && (p.Decomposition() == nil || norm.NFKC.IsNormal(s)) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return &t
})

// isNFKC reports, cheaply, that norm.NFKC.String(s) is s: every rune of s
// is marked in nfkcStable. False does not say s changes, only that the
// normalizer must look; s is valid UTF-8 (validUTF8 ran).
func isNFKC(s string) bool {
	t := nfkcStable()
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue // ASCII: every byte is marked
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if !nfkcMarked(t, r) {
			return false
		}
		i += w
	}
	return true
}

// nfkcMarked reports whether r is marked in t (nfkcStable's table).
func nfkcMarked(t *[1 << 16 / 64]uint64, r rune) bool {
	return r < 1<<16 && t[r>>6]&(1<<(r&63)) != 0
}
