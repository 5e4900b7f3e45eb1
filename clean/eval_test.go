package clean

import (
	"bufio"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

// evalDir is the shared evaluation data beside the checkout (see
// shared/eval/README.md); the test is skipped when it is absent.
const evalDir = "../../shared/eval/extraction"

var evalVerbose = flag.Bool("eval.v", false, "print the score of every eval page")

// TestEval prints the shingle F1 (the article-extraction-benchmark score)
// and a bag-of-characters F1 per dataset, with the median time per page.
// It asserts nothing: it is a measurement.
func TestEval(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	idx, err := os.Open(filepath.Join(evalDir, "index.tsv"))
	if err != nil {
		t.Skip("no eval data:", err)
	}
	defer idx.Close()
	type acc struct {
		p, r, cp, cr float64
		n            int
		ms           []float64
	}
	sets := map[string]*acc{}
	sc := bufio.NewScanner(idx)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 || f[0] == "dataset" {
			continue
		}
		body, err1 := os.ReadFile(filepath.Join(evalDir, f[1]))
		truth, err2 := os.ReadFile(filepath.Join(evalDir, strings.TrimSuffix(f[1], ".html")+".txt"))
		if err1 != nil || err2 != nil {
			continue
		}
		start := time.Now()
		doc, err := Clean(Input{URL: "http://example.com/" + f[1], Header: http.Header{}, Body: body})
		el := float64(time.Since(start).Microseconds()) / 1000
		if err != nil {
			t.Errorf("%s: %v", f[1], err)
			continue
		}
		a := sets[f[0]]
		if a == nil {
			a = &acc{}
			sets[f[0]] = a
		}
		p, r := prf(shingles(doc.Text), shingles(string(truth)))
		cp, cr := prf(charBag(doc.Text), charBag(string(truth)))
		a.p, a.r, a.cp, a.cr, a.n = a.p+p, a.r+r, a.cp+cp, a.cr+cr, a.n+1
		a.ms = append(a.ms, el)
		if *evalVerbose {
			t.Logf("%s p=%.2f r=%.2f cp=%.2f cr=%.2f %.1fms", f[1], p, r, cp, cr, el)
		}
	}
	for _, name := range []string{"aeb", "cwce", "readability"} {
		a := sets[name]
		if a == nil {
			continue
		}
		n := float64(a.n)
		slices.Sort(a.ms)
		t.Logf("%-12s pages=%3d shingle P=%.3f R=%.3f F1=%.3f  chars F1=%.3f  median %.1f ms",
			name, a.n, a.p/n, a.r/n, f1(a.p/n, a.r/n), f1(a.cp/n, a.cr/n), a.ms[len(a.ms)/2])
	}
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// prf is precision and recall of predicted against truth multisets; an
// empty prediction of an empty truth is perfect.
func prf(pred, truth map[string]int) (p, r float64) {
	np, nt, shared := 0, 0, 0
	for k, v := range pred {
		np += v
		shared += min(v, truth[k])
	}
	for _, v := range truth {
		nt += v
	}
	if np == 0 && nt == 0 {
		return 1, 1
	}
	if np > 0 {
		p = float64(shared) / float64(np)
	}
	if nt > 0 {
		r = float64(shared) / float64(nt)
	}
	return p, r
}

func shingles(s string) map[string]int {
	toks := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	m := map[string]int{}
	for i := 0; i+4 <= len(toks); i++ {
		m[strings.Join(toks[i:i+4], " ")]++
	}
	if len(toks) > 0 && len(toks) < 4 {
		m[strings.Join(toks, " ")]++
	}
	return m
}

func charBag(s string) map[string]int {
	m := map[string]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[string(r)]++
		}
	}
	return m
}
