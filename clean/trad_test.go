package clean

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTradFoldKeepsOffsets(t *testing.T) {
	rs := []rune(tradPairs)
	if len(rs)%2 != 0 {
		t.Fatal("tradPairs has an odd number of characters")
	}
	for i := 0; i < len(rs); i += 2 {
		tr, s := rs[i], rs[i+1]
		if utf8.RuneLen(tr) != 3 || utf8.RuneLen(s) != 3 || tr == s {
			t.Errorf("pair %q→%q: not two distinct 3-byte runes", tr, s)
		}
		if got, ok := tradOf(tr); !ok || got != s {
			t.Errorf("tradOf(%q) = %q, %v; want %q", tr, got, ok, s)
		}
		if got, ok := tradOf(s); ok {
			t.Errorf("tradOf(%q) = %q: a Simplified character was folded", s, got)
		}
	}
	in := "發布時間:2022-11-11 來源:中國外文局"
	got := foldTrad(in)
	if got != "发布时间:2022-11-11 来源:中国外文局" || len(got) != len(in) {
		t.Errorf("foldTrad(%q) = %q", in, got)
	}
	if s := "plain 来源"; foldTrad(s) != s {
		t.Error("changed a Simplified string")
	}
}

// indexTrad finds what strings.IndexFunc finds, in random strings of
// Traditional and Simplified characters, ASCII, other scripts and stray
// or cut UTF-8 (whose bytes E4–E9 begin no rune).
func TestIndexTradAsIndexFunc(t *testing.T) {
	pieces := []string{"a", "1 ", "發", "来", "國", "開", "\xe9\x96", "中", "é", "\U0001F600", "\xe4", "\xe5\x8f", "\x80", "\xe4\xb8\xad", "\xe7\x99\xbc"[:2], "ｱ", "\ufffd"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		s := ""
		for range rng.IntN(10) {
			s += pieces[rng.IntN(len(pieces))]
		}
		want := strings.IndexFunc(s, func(r rune) bool { _, ok := tradOf(r); return ok })
		if got := indexTrad(s); got != want {
			t.Fatalf("indexTrad(%q) = %d, IndexFunc %d", s, got, want)
		}
	}
}
