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

	"github.com/prov-archive/prov/evalscore"
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
		p, r := evalscore.PRF(evalscore.Shingles(doc.Text), evalscore.Shingles(string(truth)))
		cp, cr := evalscore.PRF(evalscore.CharBag(doc.Text), evalscore.CharBag(string(truth)))
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
			name, a.n, a.p/n, a.r/n, evalscore.F1(a.p/n, a.r/n), evalscore.F1(a.cp/n, a.cr/n), a.ms[len(a.ms)/2])
	}
}
