package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/testweb"
	"github.com/prov-archive/prov/textdiff"
	"github.com/prov-archive/prov/trace"
)

// TestWorksOnMiniWeb checks `prov works` against the mini-web's truth:
// pairwise grouping, relations and originals.
func TestWorksOnMiniWeb(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	code, out, stderr := prov(t, "works", "--json", "--db", db)
	if code != 0 {
		t.Fatalf("works exit %d: %s", code, stderr)
	}
	var works []archive.Work
	if err := json.Unmarshal([]byte(out), &works); err != nil {
		t.Fatal(err)
	}
	workOf, rel, orig := map[string]string{}, map[string]string{}, map[string]bool{}
	for _, w := range works {
		orig[w.Original.URL] = true
		for _, c := range w.Copies {
			workOf[c.URL], rel[c.URL] = w.ID, c.Relation
		}
	}
	arts := testweb.Articles()
	tp, fp, fn := 0, 0, 0
	for i, a := range arts {
		for _, b := range arts[i+1:] {
			same, got := a.Work == b.Work, workOf[a.URL] != "" && workOf[a.URL] == workOf[b.URL]
			switch {
			case same && got:
				tp++
			case got:
				fp++
				t.Errorf("%s and %s grouped, but are different works", a.URL, b.URL)
			case same:
				fn++
				t.Errorf("%s and %s not grouped, but are one work", a.URL, b.URL)
			}
		}
	}
	t.Logf("pairwise: %d true, %d false positives, %d false negatives", tp, fp, fn)
	for _, a := range arts {
		if rel[a.URL] != a.Relation {
			t.Errorf("%s: relation %q, want %q", a.URL, rel[a.URL], a.Relation)
		}
		if orig[a.URL] != (a.Relation == "original") {
			t.Errorf("%s: elected original %v, want %v", a.URL, orig[a.URL], a.Relation == "original")
		}
	}
}

// TestDiffAndTraceOnMiniWeb checks that `prov diff` on the edited copy shows
// exactly testweb.Edits, and that `prov trace` finds the work of a copy
// and of a file holding the edited text.
func TestDiffAndTraceOnMiniWeb(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	var edited testweb.Article
	for _, a := range testweb.Articles() {
		if a.Relation == "near" {
			edited = a
		}
	}
	code, out, stderr := prov(t, "diff", "--json", "--db", db, edited.URL)
	if code != 0 {
		t.Fatalf("diff exit %d: %s", code, stderr)
	}
	var res trace.DiffResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	checkEdits(t, res.Changes)

	file := filepath.Join(t.TempDir(), "copy.txt")
	if err := os.WriteFile(file, []byte(edited.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{edited.URL, file} {
		code, out, stderr = prov(t, "trace", "--db", db, arg)
		if code != 0 {
			t.Fatalf("trace %s exit %d: %s", arg, code, stderr)
		}
		if !strings.Contains(out, "original: "+testweb.Articles()[0].URL) || !strings.Contains(out, "faithful to the original: no") {
			t.Errorf("trace %s:\n%s", arg, out)
		}
	}
}

func checkEdits(t *testing.T, ops []textdiff.Op) {
	t.Helper()
	edits := testweb.Edits()
	if len(ops) != len(edits) {
		t.Fatalf("%d changes, want %d: %+v", len(ops), len(edits), ops)
	}
	for i, e := range edits {
		op := ops[i]
		want := textdiff.Changed
		if e.Kind == "removed" {
			want = textdiff.Removed
		}
		if op.Kind != want || op.AIndex != e.Index || op.A != e.Before || op.B != e.After {
			t.Errorf("change %d = %s at %d, want %s at %d (%s)", i, op.Kind, op.AIndex, want, e.Index, e.Note)
		}
	}
	if m := ops[0].Marked; !strings.Contains(m, "[-高-]{+飞+}") {
		t.Errorf("word change marked %q", m)
	}
}

// labelled is one calibration pair: two texts and whether they are one work.
type labelled struct {
	name     string
	a, b     string
	sameWork bool
}

// TestCalibrateThresholds prints precision and recall of the grouping
// rule (Jaccard ≥ near, or containment of the shorter ≥ contains) over
// labelled pairs built from the seeds and the mini-web; the defaults must
// score 1.0. The figures are copied into archive.DefaultNear's comment.
func TestCalibrateThresholds(t *testing.T) {
	pairs := calibrationPairs(t)
	same := 0
	for _, p := range pairs {
		if p.sameWork {
			same++
		}
	}
	t.Logf("%d labelled pairs, %d of one work", len(pairs), same)
	type res struct{ j, cShort float64 }
	rs := make([]res, len(pairs))
	for i, p := range pairs {
		sa, sb := clean.Shingles(p.a), clean.Shingles(p.b)
		j, ca, cb := setResemblance(sa, sb)
		rs[i] = res{j, max(ca, cb)}
		if !p.sameWork && (j > 0.1 || max(ca, cb) > 0.3) {
			t.Logf("different works close: %s J=%.3f c=%.3f", p.name, j, max(ca, cb))
		}
	}
	score := func(pred func(res) bool) (float64, float64) {
		tp, fp, fn := 0, 0, 0
		for i, p := range pairs {
			got := pred(rs[i])
			switch {
			case got && p.sameWork:
				tp++
			case got:
				fp++
			case p.sameWork:
				fn++
			}
		}
		return ratio(tp, tp+fp), ratio(tp, tp+fn)
	}
	for _, th := range []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95} {
		pn, rn := score(func(r res) bool { return r.j >= th })
		pc, rc := score(func(r res) bool { return r.cShort >= th })
		t.Logf("threshold %.2f: Jaccard alone precision %.3f recall %.3f; containment alone precision %.3f recall %.3f", th, pn, rn, pc, rc)
	}
	p, r := score(func(x res) bool { return x.j >= archive.DefaultNear || x.cShort >= archive.DefaultContains })
	t.Logf("defaults (near %.2f or contains %.2f): precision %.3f recall %.3f", archive.DefaultNear, archive.DefaultContains, p, r)
	if p != 1 || r != 1 {
		t.Errorf("defaults: precision %.3f recall %.3f, want 1", p, r)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func setResemblance(a, b []uint64) (j, ca, cb float64) {
	inter := 0
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			inter++
		}
	}
	return ratio(inter, len(a)+len(b)-inter), ratio(inter, len(a)), ratio(inter, len(b))
}

// calibrationPairs builds the labelled pairs: the mini-web's copies among
// themselves, edited variants and excerpts of each text against it, and
// texts of different works (with excerpts of one against the other).
func calibrationPairs(t *testing.T) []labelled {
	arts := testweb.Articles()
	var out []labelled
	for i, a := range arts {
		for _, b := range arts[i+1:] {
			out = append(out, labelled{a.URL + " ~ " + b.URL, a.Text, b.Text, a.Work == b.Work})
		}
	}
	texts := map[string]string{}
	for _, a := range arts {
		if a.Relation == "original" {
			texts[a.Work] = a.Text
		}
	}
	seed003 := seedText(t, "003")
	texts["seed003"] = seed003
	for work, text := range texts {
		out = append(out, variants(work, text)...)
		for other, ot := range texts {
			if other != work && sameFamily(work, other) == false {
				out = append(out, labelled{work + " ~ " + other, text, ot, false})
				out = append(out, excerptsAgainst(work+" excerpt ~ "+other, text, ot)...)
			}
		}
	}
	out = append(out, labelled{"seed003 ~ whitepaper-zh", seed003, texts["whitepaper-zh"], true})
	out = append(out, labelled{"seed004 ~ whitepaper-zh", seedText(t, "004"), texts["whitepaper-zh"], false})
	return out
}

func sameFamily(a, b string) bool {
	zh := func(s string) bool { return s == "seed003" || s == "whitepaper-zh" }
	return zh(a) && zh(b)
}

// variants are same-work pairs: k paragraphs removed, k paragraphs with a
// sentence added, k words replaced (k = 1..6), and contiguous excerpts of
// 10–60% of the paragraphs.
func variants(name, text string) []labelled {
	ps := textdiff.Paragraphs(text)
	var out []labelled
	for k := 1; k <= 6 && k < len(ps)/2; k++ {
		removed := slices.Delete(slices.Clone(ps), 1, 1+k)
		added := slices.Clone(ps)
		replaced := slices.Clone(ps)
		for i := 0; i < k; i++ {
			added[2*i+1] += " 本段为转载者补充的说明文字。An added editorial sentence."
			replaced[2*i+1] = strings.Replace(replaced[2*i+1], firstWord(replaced[2*i+1]), "改写", 1)
		}
		for kind, v := range map[string][]string{"removed": removed, "added": added, "replaced": replaced} {
			out = append(out, labelled{fmt.Sprintf("%s %d %s", name, k, kind), text, strings.Join(v, "\n\n"), true})
		}
	}
	for _, share := range []float64{0.1, 0.25, 0.4, 0.6} {
		n := max(1, int(share*float64(len(ps))))
		out = append(out, labelled{fmt.Sprintf("%s excerpt %.0f%%", name, 100*share), strings.Join(ps[len(ps)/3:len(ps)/3+n], "\n\n"), text, true})
	}
	return out
}

func excerptsAgainst(name, text, other string) []labelled {
	ps := textdiff.Paragraphs(text)
	var out []labelled
	for _, share := range []float64{0.1, 0.3} {
		n := max(1, int(share*float64(len(ps))))
		out = append(out, labelled{fmt.Sprintf("%s %.0f%%", name, 100*share), strings.Join(ps[:n], "\n\n"), other, false})
	}
	return out
}

func firstWord(p string) string {
	r := []rune(p)
	return string(r[:min(4, len(r))])
}

func seedText(t *testing.T, prefix string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join("..", "..", "testweb", "testdata", "seeds", prefix+"_*.txt"))
	if len(m) != 1 {
		t.Fatalf("seed %s: %v", prefix, m)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
