package evalscore

import (
	"math"
	"strings"
	"testing"
)

func TestScores(t *testing.T) {
	truth := "one two three four five. 第一 段"
	cases := []struct {
		pred     string
		p, r, f1 float64
	}{
		{truth, 1, 1, 1},
		{"", 0, 0, 0},
		{"one two three four", 1, 0.25, 0.4}, // 1 of its 1 shingle, 1 of the truth's 4
		{"one two three four five. 第一 段 extra words here", 4.0 / 7, 1, 2 * (4.0 / 7) / (4.0/7 + 1)},
	}
	for _, c := range cases {
		p, r := PRF(Shingles(c.pred), Shingles(truth))
		if math.Abs(p-c.p) > 1e-9 || math.Abs(r-c.r) > 1e-9 || math.Abs(F1(p, r)-c.f1) > 1e-9 {
			t.Errorf("%q: P %.3f R %.3f F1 %.3f, want %.3f %.3f %.3f", c.pred, p, r, F1(p, r), c.p, c.r, c.f1)
		}
	}
	if p, r := PRF(Shingles(""), Shingles("")); p != 1 || r != 1 {
		t.Errorf("empty against empty: %v %v, want perfect", p, r)
	}
	if got := Shingles("a b"); len(got) != 1 || got["a b"] != 1 {
		t.Errorf("short text shingles %v", got)
	}
	bag := CharBag("中 文\n中")
	if len(bag) != 2 || bag["中"] != 2 || bag["文"] != 1 {
		t.Errorf("CharBag %v", bag)
	}
}

func TestSplit(t *testing.T) {
	n := map[string]int{}
	siteHalf := map[string]string{}
	for f, pl := range split {
		if pl.half != Tune && pl.half != Check {
			t.Fatalf("%s: half %q", f, pl.half)
		}
		n[pl.half]++
		key := strings.SplitN(f, "/", 2)[0] + " " + pl.site
		if h, ok := siteHalf[key]; pl.site == "" || ok && h != pl.half {
			t.Errorf("%s: site %q, split across halves or unnamed", f, pl.site)
		}
		siteHalf[key] = pl.half
	}
	if n[Tune] < 250 || n[Check] < 250 {
		t.Errorf("split has %d tune and %d check pages, want both halves of the 609 pages well filled", n[Tune], n[Check])
	}
	if Half("aeb/001.html") == "" || Half("trafcmp/001.html") == "" || Half("no/such.html") != "" {
		t.Errorf("Half lookups wrong")
	}
	if Site("aeb/001.html") != "wsj.com" || Site("no/such.html") != "" {
		t.Errorf("Site lookups wrong: %q, %q", Site("aeb/001.html"), Site("no/such.html"))
	}
}
