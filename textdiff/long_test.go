package textdiff

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestLongTexts: texts past the table's bound (3,000 paragraphs; one
// paragraph of 3,000 characters) report what changed, not everything.
func TestLongTexts(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	words := strings.Fields("water river basin report province guideline target panel meter subsidy")
	var pa []string
	for i := 0; i < 3000; i++ {
		var w []string
		for k := 0; k < 40; k++ {
			w = append(w, words[r.Intn(len(words))])
		}
		pa = append(pa, strings.Join(w, " ")+fmt.Sprintf(" number %d.", i))
	}
	pb := append([]string(nil), pa...)
	pb[1500] = strings.Replace(pb[1500], "number 1500", "number 1501 amended", 1)
	moved := pb[10]
	pb = append(append(pb[:10:10], pb[11:]...), moved)
	var got []string
	for _, op := range Changes(Diff(strings.Join(pa, "\n\n"), strings.Join(pb, "\n\n"))) {
		got = append(got, fmt.Sprintf("%s %d %d %s", op.Kind, op.AIndex, op.BIndex, op.Note))
	}
	want := []string{"removed 10 -1 ", "changed 1500 1499 ", "added -1 2999 "}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("3,000 paragraphs, one edited, one moved: %d changes %.3q, want %q", len(got), got, want)
	}

	zh := []rune(strings.Repeat("为深入贯彻落实国家关于生态文明建设的决策部署，进一步加强流域保护和地下水管理。", 80))[:3000]
	edited := string(zh[:1500]) + "甲" + string(zh[1501:])
	ops := Changes(Diff("标题\n\n"+string(zh)+"\n\n结尾。", "标题\n\n"+edited+"\n\n结尾。"))
	wantMarked := string(zh[:1500]) + "[-" + string(zh[1500]) + "-]{+甲+}" + string(zh[1501:])
	if len(ops) != 1 || ops[0].Kind != Changed || ops[0].Marked != wantMarked || ops[0].Note != "" {
		t.Errorf("one character of 3,000 changed: %d ops: %.200v", len(ops), ops)
	}
}

// TestBoundSaid: texts too long and different to align within the bound
// are compared in part, and every op says so.
func TestBoundSaid(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	var a, b []string
	for i := 0; i < 300; i++ {
		a = append(a, []string{"甲。", "乙。"}[r.Intn(2)])
		b = append(b, []string{"甲。", "乙。"}[r.Intn(2)])
	}
	var ops []Op
	lowered(t, 1000, 1000, func() { ops = Changes(Diff(strings.Join(a, "\n\n"), strings.Join(b, "\n\n"))) })
	if len(ops) == 0 {
		t.Fatal("no changes")
	}
	for _, op := range ops {
		if op.Note != NoteParagraphs {
			t.Fatalf("op %+v: note %q, want %q", op, op.Note, NoteParagraphs)
		}
	}
	// a text that is the end of the other is all of it, however far apart
	end := strings.Split(strings.Repeat("x ", 3000), " ")
	whole := append(strings.Split(strings.Repeat("y ", 10000), " "), end...)
	var pairs [][2]int
	var exact bool
	lowered(t, 1000, 1000, func() { pairs, exact = lcs(end, whole) })
	if !exact || len(pairs) != len(end) {
		t.Errorf("a text at the end of another: %d pairs of %d, exact %v", len(pairs), len(end), exact)
	}
	long := strings.Repeat("甲乙", 300)
	other := strings.Repeat("乙甲甲", 100) + strings.Repeat("乙", 300)
	lowered(t, 1000, 1000, func() {
		if spans, exact := spansOf(long, other); exact {
			t.Errorf("two long paragraphs far apart: spans exact (%d)", len(spans))
		}
	})
}

// unlikeTexts are two texts of n long paragraphs each, every paragraph
// unlike every other.
func unlikeTexts(n int) (string, string) {
	r := rand.New(rand.NewSource(4))
	para := func() string {
		w := make([]string, 300)
		for i := range w {
			w[i] = fmt.Sprintf("w%d", r.Intn(1e6))
		}
		return strings.Join(w, " ")
	}
	var a, b []string
	for i := 0; i < n; i++ {
		a, b = append(a, para()), append(b, para())
	}
	return strings.Join(a, "\n\n"), strings.Join(b, "\n\n")
}

// TestPairingBound: many long paragraphs, each unlike every other, are
// compared against each other within a bound, and the ops left unpaired
// past it say so. (What the bound saves in time is BenchmarkPairingBound's
// to show: a timed test fails on a busy machine.)
func TestPairingBound(t *testing.T) {
	ops := Changes(Diff(unlikeTexts(300)))
	if len(ops) != 600 || ops[len(ops)-1].Note != NotePaired || ops[0].Note != "" {
		t.Errorf("%d ops, first note %q, last %q; want 600, the last past the bound", len(ops), ops[0].Note, ops[len(ops)-1].Note)
	}
}

func BenchmarkPairingBound(b *testing.B) {
	a, c := unlikeTexts(300)
	for b.Loop() {
		Changes(Diff(a, c))
	}
}
