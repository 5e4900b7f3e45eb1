package textdiff

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// tableLCS is lcs as it was before the band and the anchors: one table
// of every suffix pair, nil past maxCells. It is the oracle the new
// alignment must agree with wherever it answered.
func tableLCS(n, m int, eq func(i, j int) bool) [][2]int {
	if n == 0 || m == 0 || n*m > maxCells {
		return nil
	}
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case eq(i, j):
				t[i][j] = t[i+1][j+1] + 1
			case t[i+1][j] >= t[i][j+1]:
				t[i][j] = t[i+1][j]
			default:
				t[i][j] = t[i][j+1]
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case eq(i, j):
			out = append(out, [2]int{i, j})
			i, j = i+1, j+1
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// randomPair makes a sequence over an alphabet of k and an edited copy.
func randomPair(r *rand.Rand, k int) ([]string, []string) {
	a := make([]string, r.Intn(40))
	for i := range a {
		a[i] = fmt.Sprint(r.Intn(k))
	}
	var b []string
	for _, x := range a {
		switch r.Intn(6) {
		case 0: // removed
		case 1:
			b = append(b, fmt.Sprint(r.Intn(k)), x)
		case 2:
			b = append(b, fmt.Sprint(r.Intn(k)))
		default:
			b = append(b, x)
		}
	}
	if r.Intn(4) == 0 {
		r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
	}
	return a, b
}

func intern(a, b []string) ([]int32, []int32) {
	ids := map[string]int32{}
	f := func(s []string) []int32 {
		var out []int32
		for _, x := range s {
			if _, ok := ids[x]; !ok {
				ids[x] = int32(len(ids))
			}
			out = append(out, ids[x])
		}
		return out
	}
	return f(a), f(b)
}

// TestLCSAsTable: the band of the table, the common prefix taken first,
// and lcs itself give the very pairs the whole table gave, on pairs of
// sequences small enough for it.
func TestLCSAsTable(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		a, b := randomPair(r, 1+r.Intn(8))
		want := tableLCS(len(a), len(b), func(i, j int) bool { return a[i] == b[j] })
		got, exact := lcs(a, b)
		if !exact || !reflect.DeepEqual(got, want) {
			t.Fatalf("lcs(%q, %q) = %v (exact %v), the table %v", a, b, got, exact, want)
		}
		ia, ib := intern(a, b)
		if len(ia) == 0 || len(ib) == 0 {
			continue
		}
		d := distance(ia, ib, len(a)+len(b))
		if d != len(a)+len(b)-2*len(want) {
			t.Fatalf("distance(%q, %q) = %d, want %d", a, b, d, len(a)+len(b)-2*len(want))
		}
		if got := band(ia, ib, d, 0, 0, nil); !reflect.DeepEqual(got, want) {
			t.Fatalf("band(%q, %q) = %v, the table %v", a, b, got, want)
		}
		if distance(ia, ib, d-1) != -1 {
			t.Fatalf("distance(%q, %q) within %d", a, b, d-1)
		}
	}
}

// TestDiffAsBefore: Diff and Mark give what they gave with the table, on
// texts small enough for it, but for the moves they add and the
// paragraphs cut short they pair.
func TestDiffAsBefore(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	words := strings.Fields("水 利 部 river basin the 。 ， flood report 地 下")
	para := func() string {
		var sb strings.Builder
		for n := 1 + r.Intn(12); n > 0; n-- {
			sb.WriteString(words[r.Intn(len(words))])
			if r.Intn(2) == 0 {
				sb.WriteString(" ")
			}
		}
		return sb.String()
	}
	cut := 0
	for n := 0; n < 3000; n++ {
		var a, b []string
		for k := r.Intn(12); k > 0; k-- {
			p := para()
			a = append(a, p)
			switch r.Intn(5) {
			case 0:
			case 1:
				b = append(b, para())
			case 2:
				q := []rune(p)
				q[r.Intn(len(q))] = '甲'
				b = append(b, string(q))
			default:
				b = append(b, p)
			}
		}
		ta, tb := strings.Join(a, "\n\n"), strings.Join(b, "\n\n")
		got := Diff(ta, tb)
		if slices.ContainsFunc(got, func(op Op) bool { return op.CutShort }) {
			cut++ // paired where it was not before
			continue
		}
		for k := range got {
			op := got[k]
			if op.MovedTo == nil {
				continue
			}
			if to := slices.IndexFunc(got, func(o Op) bool { return o.Kind == Added && o.BIndex == *op.MovedTo }); to < 0 || got[to].B != op.A || *got[to].MovedFrom != op.AIndex {
				t.Fatalf("Diff(%q, %q): %+v moved to a paragraph of another text", ta, tb, op)
			}
		}
		for k := range got {
			got[k].MovedTo, got[k].MovedFrom = nil, nil // an addition: the ops are the same
		}
		if want := oldDiff(ta, tb); !reflect.DeepEqual(got, want) {
			t.Fatalf("Diff(%q, %q)\n= %+v\nbefore %+v", ta, tb, got, want)
		}
	}
	if cut > 30 {
		t.Errorf("%d of 3,000 texts with a paragraph cut short, not compared", cut)
	}
}

// oldDiff is Diff with the table alone, as it was.
func oldDiff(a, b string) []Op {
	pa, pb := Paragraphs(a), Paragraphs(b)
	var out []Op
	var gapA, gapB []int
	flush := func() {
		next := 0
		for _, i := range gapA {
			k := next
			for k < len(gapB) && oldSimilarity(pa[i], pb[gapB[k]]) < 0.5 {
				k++
			}
			if k == len(gapB) {
				out = append(out, Op{Kind: Removed, AIndex: i, BIndex: -1, A: pa[i]})
				continue
			}
			for ; next < k; next++ {
				out = append(out, Op{Kind: Added, AIndex: -1, BIndex: gapB[next], B: pb[gapB[next]]})
			}
			j := gapB[k]
			out = append(out, Op{Kind: Changed, AIndex: i, BIndex: j, A: pa[i], B: pb[j], Marked: oldMark(pa[i], pb[j])})
			next = k + 1
		}
		for ; next < len(gapB); next++ {
			out = append(out, Op{Kind: Added, AIndex: -1, BIndex: gapB[next], B: pb[gapB[next]]})
		}
		gapA, gapB = nil, nil
	}
	i, j := 0, 0
	for _, m := range tableLCS(len(pa), len(pb), func(i, j int) bool { return pa[i] == pb[j] }) {
		for ; i < m[0]; i++ {
			gapA = append(gapA, i)
		}
		for ; j < m[1]; j++ {
			gapB = append(gapB, j)
		}
		flush()
		out = append(out, Op{Kind: Equal, AIndex: i, BIndex: j, A: pa[i], B: pb[j]})
		i, j = i+1, j+1
	}
	for ; i < len(pa); i++ {
		gapA = append(gapA, i)
	}
	for ; j < len(pb); j++ {
		gapB = append(gapB, j)
	}
	flush()
	return out
}

func oldSimilarity(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta)+len(tb) == 0 {
		return 0
	}
	n := len(tableLCS(len(ta), len(tb), func(i, j int) bool { return ta[i] == tb[j] }))
	return 2 * float64(n) / float64(len(ta)+len(tb))
}

func oldMark(a, b string) string {
	ta, tb := tokens(a), tokens(b)
	var sb strings.Builder
	i, j := 0, 0
	for _, m := range tableLCS(len(ta), len(tb), func(i, j int) bool { return ta[i] == tb[j] }) {
		if i < m[0] {
			sb.WriteString("[-" + strings.Join(ta[i:m[0]], "") + "-]")
		}
		if j < m[1] {
			sb.WriteString("{+" + strings.Join(tb[j:m[1]], "") + "+}")
		}
		sb.WriteString(tb[m[1]])
		i, j = m[0]+1, m[1]+1
	}
	if i < len(ta) {
		sb.WriteString("[-" + strings.Join(ta[i:], "") + "-]")
	}
	if j < len(tb) {
		sb.WriteString("{+" + strings.Join(tb[j:], "") + "+}")
	}
	return sb.String()
}

// lowered runs f with align's bounds lowered to c cells and s steps.
func lowered(t *testing.T, c, s int, f func()) {
	t.Helper()
	cells, steps = c, s
	defer func() { cells, steps = maxCells, maxSteps }()
	f()
}

// TestBisectLongest: without a table, the search from both ends finds a
// common subsequence as long as the table's, of pairs that match.
func TestBisectLongest(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	lowered(t, 0, maxSteps, func() {
		for n := 0; n < 20000; n++ {
			a, b := randomPair(r, 1+r.Intn(8))
			want := tableLCS(len(a), len(b), func(i, j int) bool { return a[i] == b[j] })
			got, exact := lcs(a, b)
			if !exact || len(got) != len(want) {
				t.Fatalf("lcs(%q, %q) = %v (exact %v), want %d pairs as %v", a, b, got, exact, len(want), want)
			}
			for k, p := range got {
				if a[p[0]] != b[p[1]] || (k > 0 && (p[0] <= got[k-1][0] || p[1] <= got[k-1][1])) {
					t.Fatalf("lcs(%q, %q) = %v: pair %d", a, b, got, k)
				}
			}
		}
	})
}
