package search

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// TestSortTokensByteOrder: sortTokens puts tokens in the order of their
// bytes, as a bucket's keys are, among tokens that share their first 8
// bytes, that are prefixes of one another, shorter than 8 bytes and
// longer, ASCII and CJK.
func TestSortTokensByteOrder(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	parts := []string{"a", "b", "z", "0", "9", "ab", "abcdefgh", "abcdefg", "网", "络", "é", "\u00ff", "\U00020000"}
	seen := map[string]bool{}
	var toks []string
	for len(toks) < 3000 {
		var b strings.Builder
		for range 1 + rng.Intn(6) {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		if s := b.String(); !seen[s] {
			seen[s] = true
			toks = append(toks, s)
		}
	}
	keyed := make([]keyedToken, len(toks))
	for i, tok := range toks {
		keyed[i] = keyedToken{prefix: tokenPrefix(tok), id: uint32(i)}
	}
	sortTokens(keyed, toks)
	got := make([]string, len(keyed))
	for i, k := range keyed {
		got[i] = toks[k.id]
	}
	want := slices.Clone(toks)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("at %d: got %q, want %q", i, got[i], want[i])
			}
		}
	}
}
