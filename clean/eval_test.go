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
// shared/eval/README.md); BenchmarkEval is skipped when it is absent.
const evalDir = "../../shared/eval/extraction"

var evalVerbose = flag.Bool("eval.v", false, "log the score of every eval page")

// evalPage is one page of the extraction set with its true text.
type evalPage struct {
	name        string // path under evalDir
	body, truth []byte
}

// loadEval reads evalDir/index.tsv and returns its readable pages by
// dataset; it skips b when the data is absent.
func loadEval(b *testing.B) map[string][]evalPage {
	b.Helper()
	idx, err := os.Open(filepath.Join(evalDir, "index.tsv"))
	if err != nil {
		b.Skip("no eval data:", err)
	}
	defer idx.Close()
	sets := map[string][]evalPage{}
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
		sets[f[0]] = append(sets[f[0]], evalPage{f[1], body, truth})
	}
	if err := sc.Err(); err != nil {
		b.Fatalf("read %s: %v", filepath.Join(evalDir, "index.tsv"), err)
	}
	return sets
}

// evalScore sums the precision and recall of a dataset's pages.
type evalScore struct {
	p, r, cp, cr float64
	n            int
}

// add scores one page's extracted text against its truth; the shingle
// scores are the article-extraction-benchmark's, the character scores a
// bag-of-characters check that does not depend on word splitting.
func (s *evalScore) add(text, truth string) (p, r, cp, cr float64) {
	p, r = evalscore.PRF(evalscore.Shingles(text), evalscore.Shingles(truth))
	cp, cr = evalscore.PRF(evalscore.CharBag(text), evalscore.CharBag(truth))
	s.p, s.r, s.cp, s.cr, s.n = s.p+p, s.r+r, s.cp+cp, s.cr+cr, s.n+1
	return p, r, cp, cr
}

// BenchmarkEval cleans every page of the shared extraction set, one
// sub-benchmark per dataset, one op = every page of the dataset. It reports
// the mean shingle precision, recall and F1, the character F1 and the
// median milliseconds per page as metrics:
//
//	go test -run '^$' -bench Eval ./clean/            (add -eval.v for every page's score)
func BenchmarkEval(b *testing.B) {
	sets := loadEval(b)
	names := make([]string, 0, len(sets))
	for name := range sets {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		b.Run(name, func(b *testing.B) { benchDataset(b, sets[name]) })
	}
}

// benchDataset cleans pages b.N times; the scores come from the first
// round (Clean is deterministic), the timing from all of them.
func benchDataset(b *testing.B, pages []evalPage) {
	var score evalScore
	var ms []float64
	for i := 0; i < b.N; i++ {
		for _, pg := range pages {
			start := time.Now()
			doc, err := Clean(Input{URL: "http://example.com/" + pg.name, Header: http.Header{}, Body: pg.body})
			ms = append(ms, float64(time.Since(start).Microseconds())/1000)
			if err != nil {
				b.Errorf("%s: %v", pg.name, err)
				continue
			}
			if i > 0 {
				continue
			}
			p, r, cp, cr := score.add(doc.Text, string(pg.truth))
			if *evalVerbose {
				b.Logf("%s p=%.2f r=%.2f cp=%.2f cr=%.2f %.1fms", pg.name, p, r, cp, cr, ms[len(ms)-1])
			}
		}
	}
	if score.n == 0 {
		b.Fatal("no page was cleaned")
	}
	n := float64(score.n)
	slices.Sort(ms)
	b.ReportMetric(float64(score.n), "pages")
	b.ReportMetric(score.p/n, "shingle-P")
	b.ReportMetric(score.r/n, "shingle-R")
	b.ReportMetric(evalscore.F1(score.p/n, score.r/n), "shingle-F1")
	b.ReportMetric(evalscore.F1(score.cp/n, score.cr/n), "chars-F1")
	b.ReportMetric(ms[len(ms)/2], "ms/page")
}
