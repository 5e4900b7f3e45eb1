package charset

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// evalDir is the shared evaluation corpus beside the checkout; users'
// clones do not have it, so the benchmark skips without it.
const evalDir = "../../../shared/eval/encoding"

// splitFile fixes the tune and check halves of the corpus, by source or
// site; testdata/splitgen.go wrote it once and it never moves.
const splitFile = "testdata/split.tsv"

// evalFile is one corpus file with its true encoding and, for synthetic
// pages, the Content-Type it is served with.
type evalFile struct {
	rel       string // path under evalDir, as in splitFile
	dataset   string // chardet, charset_normalizer, european, synthetic
	truth     string // folder or manifest name, as written
	header    string
	alsoRight []string // WHATWG names that decode the file to the same text
	half      string   // tune or check
	body      []byte
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
		paths, _ := filepath.Glob(filepath.Join(evalDir, set, "*", "*"))
		for _, p := range paths {
			folder := filepath.Base(filepath.Dir(p))
			rel := set + "/" + folder + "/" + filepath.Base(p)
			files = append(files, readEval(tb, evalFile{rel: rel, dataset: set, truth: strings.ToLower(folder)}))
		}
	}
	for _, m := range readManifest(tb, "european") {
		folder, _, _ := strings.Cut(m[0], "/")
		var also []string
		for _, l := range strings.Split(m[7], ",") {
			if n := Lookup(l); n != "" {
				also = append(also, n)
			}
		}
		files = append(files, readEval(tb, evalFile{rel: "european/" + m[0], dataset: "european",
			truth: strings.ToLower(folder), alsoRight: also}))
	}
	for _, m := range readManifest(tb, "synthetic") {
		files = append(files, readEval(tb, evalFile{rel: "synthetic/" + m[0], dataset: "synthetic",
			truth: m[1], header: m[2]}))
	}
	return withHalves(tb, files)
}

// readManifest returns the rows of a dataset's manifest.tsv, header left
// out, each with at least eight columns.
func readManifest(tb testing.TB, set string) [][]string {
	b, err := os.ReadFile(filepath.Join(evalDir, set, "manifest.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	var rows [][]string
	for _, line := range strings.Split(string(b), "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) < 3 || cols[0] == "file" {
			continue
		}
		rows = append(rows, append(cols, make([]string, max(0, 8-len(cols)))...))
	}
	return rows
}

func readEval(tb testing.TB, f evalFile) evalFile {
	b, err := os.ReadFile(filepath.Join(evalDir, f.rel))
	if err != nil {
		tb.Fatal(err)
	}
	f.body = b
	return f
}

// withHalves sets every file's half from splitFile; a file the split does
// not list is an error, so a new dataset cannot slip into neither half.
func withHalves(tb testing.TB, files []evalFile) []evalFile {
	f, err := os.Open(splitFile)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	half := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) == 4 && !strings.HasPrefix(cols[0], "#") {
			half[cols[1]] = cols[3]
		}
	}
	for i := range files {
		if files[i].half = half[files[i].rel]; files[i].half == "" {
			tb.Fatalf("%s is in neither half of %s", files[i].rel, splitFile)
		}
	}
	return files
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

// truthText decodes a file with its true encoding; UTF-16 follows its BOM,
// or without one its NUL bytes.
func truthText(f evalFile) string {
	n := trueName(f.truth)
	if strings.HasPrefix(n, "utf-16") {
		if d, ok := newPage(f.body, "").byBOM(); ok {
			n = d.Name
		} else if m := utf16ByNULs(f.body); m != "" {
			n = m
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
	{"declared-utf8", func(evalFile) (string, bool) { return "text/html; charset=utf-8", true }},
}

// strayScenarios replay the UTF-8 files without a BOM with four stray
// windows-1252 bytes put in (see withStrays), under a UTF-8 header and
// under none (a file's own meta, if any, still declares).
var strayScenarios = []struct{ name, header string }{
	{"strays-utf8-header", "text/html; charset=utf-8"},
	{"strays-no-header", ""},
}

// strayInserts are put into a UTF-8 file as pasted windows-1252 text would
// be: é, ’, a no-break space and an en dash.
var strayInserts = []byte{0xE9, 0x92, 0xA0, 0x96}

// withStrays returns the UTF-8 files without a BOM, each with strayInserts
// put in at a fifth, two, three and four fifths of its length (before the
// next ASCII byte, so that no valid sequence is cut), and their true text:
// the new body decoded as UTF-8, a U+FFFD for each stray byte.
func withStrays(files []evalFile) ([]evalFile, []string) {
	var out []evalFile
	var want []string
	for _, f := range files {
		if trueName(f.truth) != "utf-8" || bytes.HasPrefix(f.body, bomUTF8) {
			continue
		}
		var b []byte
		last := 0
		for k, c := range strayInserts {
			at := max(last, len(f.body)*(k+1)/(len(strayInserts)+1))
			for at < len(f.body) && f.body[at] >= 0x80 {
				at++
			}
			b = append(append(b, f.body[last:at]...), c)
			last = at
		}
		f.body = append(b, f.body[last:]...)
		out = append(out, f)
		want = append(want, Decode(f.body, Decision{Name: "utf-8"}))
	}
	return out, want
}

type tally struct{ right, total, fffd int }

func (t *tally) add(o tally) {
	t.right += o.right
	t.total += o.total
	t.fffd += o.fffd
}

// score tallies one decision per file, by half.
type score map[string]*[2]tally // by row (a truth folder or a total); [0] tune, [1] check

func (s score) add(row string, f evalFile, right, fffd bool) {
	if s[row] == nil {
		s[row] = &[2]tally{}
	}
	t := &s[row][b2i(f.half == "check")]
	t.total++
	if right {
		t.right++
		if fffd {
			t.fffd++
		}
	}
}

// decider names a charset for a file under a Content-Type header.
type decider func(f evalFile, header string) string

func BenchmarkEval(b *testing.B) {
	files := loadEval(b)
	want := make([]string, len(files))
	size := 0
	for i, f := range files {
		want[i] = truthText(f)
		size += len(f.body)
	}
	peer := uchardet(b, files)
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for _, f := range files {
			Decode(f.body, Decide(f.body, "", ""))
		}
		el := time.Since(start)
		fmt.Printf("corpus: %d files, %.1f MB, %.1f MB/s (Decide+Decode, no header)\n",
			len(files), float64(size)/1e6, float64(size)/1e6/el.Seconds())
		prov := func(f evalFile, h string) string { return Decide(f.body, h, "").Name }
		for _, sc := range scenarios {
			s := evalScenario(files, want, sc.header, prov, os.Getenv("EVAL_VERBOSE") != "")
			var p score
			if sc.name == "none" && peer != nil {
				p = evalScenario(files, want, sc.header, func(f evalFile, _ string) string { return peer[f.rel] }, false)
			}
			printScenario(sc.name, s, p, sc.name == "none")
		}
		strayed, strayWant := withStrays(files)
		for _, sc := range strayScenarios {
			h := func(evalFile) (string, bool) { return sc.header, true }
			printScenario(sc.name, evalScenario(strayed, strayWant, h, prov, os.Getenv("EVAL_VERBOSE") != ""), nil, false)
		}
	}
}

// uchardet returns Debian uchardet's answer for every file, mapped to
// WHATWG names by Lookup ("" when it has none: Decode then reads
// windows-1252, as this package's fallback does), or nil without the
// binary. It reads the bytes only: it sees no header.
func uchardet(tb testing.TB, files []evalFile) map[string]string {
	if _, err := exec.LookPath("uchardet"); err != nil {
		fmt.Println("peer uchardet: not installed (make bench installs it), skipped")
		return nil
	}
	out := map[string]string{}
	for i := 0; i < len(files); i += 200 {
		batch := files[i:min(i+200, len(files))]
		args := make([]string, len(batch))
		for j, f := range batch {
			args[j] = filepath.Join(evalDir, f.rel)
		}
		if len(args) == 1 {
			args = append(args, args[0]) // one file prints no name; two do
		}
		res, err := exec.Command("uchardet", args...).Output()
		if err != nil {
			tb.Fatalf("uchardet: %v", err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(res)), "\n") {
			k := strings.LastIndex(line, ": ")
			if k < 0 {
				tb.Fatalf("uchardet: unexpected line %q", line)
			}
			rel, _ := filepath.Rel(evalDir, line[:k])
			out[filepath.ToSlash(rel)] = Lookup(peerLabel(line[k+2:]))
		}
	}
	for _, f := range files {
		if out[f.rel] == "utf-16le" && bytes.HasPrefix(f.body, bomUTF16BE) {
			out[f.rel] = "utf-16be" // uchardet says UTF-16 for either byte order mark
		}
	}
	return out
}

// peerLabel maps uchardet names that are no WHATWG or IANA label.
func peerLabel(name string) string {
	if strings.EqualFold(name, "MAC-CYRILLIC") {
		return "x-mac-cyrillic"
	}
	return name
}

// evalScenario decides every file under the scenario's header and tallies
// right decisions per truth folder and half. A decision is right when it
// decodes to the true text or is one of the file's also_right charsets.
// With EVAL_VERBOSE set, prov's misses on tune files are listed.
func evalScenario(files []evalFile, want []string, header func(evalFile) (string, bool), decide decider, verbose bool) score {
	s := score{}
	for i, f := range files {
		h, ok := header(f)
		if !ok {
			continue
		}
		name := decide(f, h)
		got := Decode(f.body, Decision{Name: name})
		right := got == want[i] || contains(f.alsoRight, Lookup(name))
		fffd := strings.ContainsRune(got, '\uFFFD')
		s.add(f.truth, f, right, fffd)
		s.add("ALL", f, right, fffd)
		s.add("  "+f.dataset, f, right, fffd)
		if cjkTruths[f.truth] {
			s.add("CJK", f, right, fffd)
		}
		if !right && verbose && f.half == "tune" {
			fmt.Printf("  MISS %s [%s] -> %s\n", f.rel, h, name)
		}
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// printScenario prints the tune and check halves of prov (and of the peer,
// when there is one) per truth folder when rows is set, then the totals.
func printScenario(name string, s, peer score, rows bool) {
	head := fmt.Sprintf("scenario %-19s %16s %16s %16s", name, "prov tune", "prov check", "prov both")
	if peer != nil {
		head += fmt.Sprintf("   %16s %16s %16s", "uchardet tune", "uchardet check", "uchardet both")
	}
	fmt.Println(head)
	var keys []string
	for k := range s {
		if k != "ALL" && k != "CJK" && !strings.HasPrefix(k, " ") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if rows {
		for _, k := range keys {
			printRow(k, s[k], peer[k])
		}
	}
	for _, k := range []string{"  chardet", "  charset_normalizer", "  european", "  synthetic", "CJK", "ALL"} {
		if s[k] != nil {
			printRow(k, s[k], peer[k])
		}
	}
	var fffd tally
	fffd.add(s["ALL"][0])
	fffd.add(s["ALL"][1])
	fmt.Printf("  right decisions whose text has U+FFFD (the true decoding has it too): %d\n", fffd.fffd)
}

func printRow(k string, t, peer *[2]tally) {
	line := fmt.Sprintf("  %-26s %s", k, cells(t))
	if peer != nil {
		line += "   " + cells(peer)
	}
	fmt.Println(line)
}

// cells formats the tune half, the check half and both.
func cells(t *[2]tally) string {
	both := t[0]
	both.add(t[1])
	return cell(t[0]) + " " + cell(t[1]) + " " + cell(both)
}

func cell(t tally) string {
	if t.total == 0 {
		return fmt.Sprintf("%16s", "-")
	}
	return fmt.Sprintf("%4d/%-4d %5.1f%%", t.right, t.total, pct(t))
}

func pct(t tally) float64 {
	if t.total == 0 {
		return 0
	}
	return 100 * float64(t.right) / float64(t.total)
}
