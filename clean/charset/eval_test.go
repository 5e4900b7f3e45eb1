package charset

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// evalDir is the shared evaluation corpus beside the checkout; users'
// clones do not have it, so the benchmark skips without it.
const evalDir = "../../../shared/eval/encoding"

// evalFile is one corpus file with its true encoding and, for synthetic
// pages, the Content-Type it is served with.
type evalFile struct {
	path   string
	truth  string // folder or manifest name, as written
	header string
	body   []byte
}

// cjkTruths are the true encodings the 100% bar applies to.
var cjkTruths = map[string]bool{
	"gb2312": true, "gbk": true, "gb18030": true, "big5": true, "euc-jp": true,
	"shift_jis": true, "cp932": true, "iso-2022-jp": true, "euc-kr": true, "cp949": true,
}

func loadEval(tb testing.TB) []evalFile {
	if _, err := os.Stat(evalDir); err != nil {
		tb.Skipf("no eval corpus at %s", evalDir)
	}
	var files []evalFile
	for _, set := range []string{"chardet", "charset_normalizer"} {
		dirs, _ := filepath.Glob(filepath.Join(evalDir, set, "*"))
		for _, d := range dirs {
			paths, _ := filepath.Glob(filepath.Join(d, "*"))
			for _, p := range paths {
				files = append(files, readEval(tb, p, strings.ToLower(filepath.Base(d)), ""))
			}
		}
	}
	return append(files, loadManifest(tb)...)
}

func loadManifest(tb testing.TB) []evalFile {
	dir := filepath.Join(evalDir, "synthetic")
	f, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var files []evalFile
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 || cols[0] == "file" {
			continue
		}
		files = append(files, readEval(tb, filepath.Join(dir, cols[0]), cols[1], cols[2]))
	}
	return files
}

func readEval(tb testing.TB, path, truth, header string) evalFile {
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return evalFile{path: path, truth: truth, header: header, body: b}
}

// trueName maps a folder name ("iso-8859-2-czech", "utf-8-bom") to a
// WHATWG name, dropping a language suffix.
func trueName(truth string) string {
	for t := truth; t != ""; {
		if n := Lookup(t); n != "" {
			return n
		}
		i := strings.LastIndexByte(t, '-')
		if i < 0 {
			break
		}
		t = t[:i]
	}
	return ""
}

// truthText decodes a file with its true encoding; UTF-16 follows its BOM.
func truthText(f evalFile) string {
	n := trueName(f.truth)
	if strings.HasPrefix(n, "utf-16") {
		if d, ok := newPage(f.body, "").byBOM(); ok {
			n = d.Name
		}
	}
	return Decode(f.body, Decision{Name: n})
}

// scenarios are the headers each file is replayed under.
var scenarios = []struct {
	name   string
	header func(evalFile) (string, bool)
}{
	{"none", func(evalFile) (string, bool) { return "", true }},
	{"manifest", func(f evalFile) (string, bool) { return f.header, f.header != "" }},
	{"wrong-latin1", func(evalFile) (string, bool) { return "text/html; charset=ISO-8859-1", true }},
	{"wrong-cjk", func(f evalFile) (string, bool) {
		if trueName(f.truth) == "gb18030" {
			return "text/html; charset=big5", true
		}
		return "text/html; charset=gb2312", true
	}},
}

type tally struct{ right, total, fffd int }

func BenchmarkEval(b *testing.B) {
	files := loadEval(b)
	want := make([]string, len(files))
	size := 0
	for i, f := range files {
		want[i] = truthText(f)
		size += len(f.body)
	}
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for _, f := range files {
			Decode(f.body, Decide(f.body, "", ""))
		}
		el := time.Since(start)
		fmt.Printf("corpus: %d files, %.1f MB, %.1f MB/s (Decide+Decode, no header)\n",
			len(files), float64(size)/1e6, float64(size)/1e6/el.Seconds())
		for _, sc := range scenarios {
			printScenario(sc.name, evalScenario(files, want, sc.header))
		}
	}
}

// evalScenario decides every file under the scenario's header and tallies
// right decisions per true encoding.
func evalScenario(files []evalFile, want []string, header func(evalFile) (string, bool)) map[string]*tally {
	t := map[string]*tally{}
	for i, f := range files {
		h, ok := header(f)
		if !ok {
			continue
		}
		d := Decide(f.body, h, "")
		key := strings.ToLower(f.truth)
		if t[key] == nil {
			t[key] = &tally{}
		}
		t[key].total++
		if got := Decode(f.body, d); got == want[i] {
			t[key].right++
			if strings.ContainsRune(got, '\uFFFD') {
				t[key].fffd++
			}
		} else if os.Getenv("EVAL_VERBOSE") != "" {
			fmt.Printf("  MISS %s [%s] -> %+v\n", f.path, h, d)
		}
	}
	return t
}

func printScenario(name string, t map[string]*tally) {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var all, cjk tally
	fmt.Printf("scenario %s\n", name)
	for _, k := range keys {
		v := t[k]
		fmt.Printf("  %-24s %4d/%-4d %6.1f%%\n", k, v.right, v.total, pct(*v))
		all.right += v.right
		all.total += v.total
		all.fffd += v.fffd
		if cjkTruths[k] {
			cjk.right += v.right
			cjk.total += v.total
		}
	}
	fmt.Printf("  %-24s %4d/%-4d %6.1f%%\n  %-24s %4d/%-4d %6.1f%%\n",
		"CJK", cjk.right, cjk.total, pct(cjk), "ALL", all.right, all.total, pct(all))
	fmt.Printf("  right decisions whose text has U+FFFD (the true decoding has it too): %d\n", all.fffd)
}

func pct(t tally) float64 {
	if t.total == 0 {
		return 0
	}
	return 100 * float64(t.right) / float64(t.total)
}
