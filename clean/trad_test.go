package clean

import (
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
