package search

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/index.golden from the index this code writes")

// goldenPath holds what an index built from goldenCaptures holds (a
// digest of every key and value of its file) and what it answers to
// goldenQueries, as the code that wrote version 3 indexes first made it
// (commit e0f38c7): a write that puts other bytes, or a search that
// answers otherwise, is a change of what every index already written
// holds or answers.
const goldenPath = "testdata/index.golden"

// goldenCaptures are captures of texts made here alone (not read from
// the module's testdata, which other packages change): the benchmarks'
// prose, both scripts, and random mixes of scripts, capitals, broken
// UTF-8 and long words, with copies of texts met before among them, at
// URLs of their own and at the same URL (oracleMix).
func goldenCaptures() []oracleCapture {
	var texts [][]byte
	for k := range 40 {
		texts = append(texts, []byte(benchText(k)))
	}
	rng := rand.New(rand.NewSource(7))
	parts := []string{"Word", "word", "ВОДА", "Straße", "ÉTÉ", "網絡", "网络空间", "ひらがな", "한국어", "42", "2026",
		" ", " ", "，", "。", "\xff", "\xe7\xbd", "ǅ", "İ", "ＡＢ", "e\u0301", "𠀀", "OVERLONGWORD", "Ministry", "scheme"}
	for range 160 {
		var b strings.Builder
		for range rng.Intn(60) {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		texts = append(texts, []byte(b.String()))
	}
	return oracleMix(texts, rng)
}

// goldenQueries are searches over goldenCaptures: words of either case,
// CJK runs of one to four characters, words of titles and URLs, several
// tokens at once, and some that match nothing.
func goldenQueries() []string {
	qs := []string{"", "，。", "word", "WORD Straße", "straße", "ÉTÉ", "été", "ВОДА вода", "網", "網絡", "网络空间",
		"络空", "ひらがな", "한국어", "42", "2026 word", "ǆ", "i̇", "ａｂ", "e\u0301", "𠀀", "overlongword",
		"page", "网页", "ünïcode", "oracle test", "http", "q 3", "ministry scheme", "国务院", "发展改革委 北京市",
		"percent", "percent 2027", "monday 上海市", "nothing-here", "zzzz 网络"}
	for k := range 30 {
		qs = append(qs, fmt.Sprintf("page %d", k), fmt.Sprint(k))
	}
	for i, w := range benchEnglish {
		qs = append(qs, w, strings.ToUpper(w)+" "+benchEnglish[(i*7)%len(benchEnglish)])
	}
	for i, w := range benchChinese {
		r := []rune(w)
		qs = append(qs, w, string(r[:1]), w+benchChinese[(i*5)%len(benchChinese)])
	}
	return qs
}

// goldenIndex builds the index of goldenCaptures in dir, 16 captures a
// write (so that segments are merged) and its shas folded every 40
// documents (so that lookups read both levels and the filter), and
// returns what goldenPath holds of it.
func goldenIndex(t *testing.T, dir string) string {
	defer SetSHAFoldFloor(40)()
	path := filepath.Join(dir, "golden.search")
	buildOracleIndex(t, path, goldenCaptures(), 16, func() tokenIDs { return newDict() })
	checkMerged(t, path)
	var out strings.Builder
	h := sha256.New()
	entries := dumpBolt(t, path)
	for _, e := range entries {
		fmt.Fprintf(h, "%q %q %q\n", e.bucket, e.key, e.value)
	}
	fmt.Fprintf(&out, "file: %d entries, sha256 %x\n", len(entries), h.Sum(nil))
	ix, err := Open(path, true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range goldenQueries() {
		out.WriteString(goldenAnswer(t, ix, q))
	}
	return out.String()
}

// goldenAnswer is what ix answers to q: the total, the first hits in
// rank order (a short hash of the text and the score), a digest of every
// hit, in rank order, with its text's hash, score, titles and URLs; and
// the page of 3 hits after the first 2.
func goldenAnswer(t *testing.T, ix *Index, q string) string {
	all, err := ix.Search(q, 0, 1<<30)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	page, err := ix.Search(q, 2, 3)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var first []string
	every := sha256.New()
	for i, h := range all.Hits {
		if i < 8 {
			first = append(first, fmt.Sprintf("%.8s:%d", h.TextSHA256, h.Score))
		}
		fmt.Fprintf(every, "%s %d %q %q\n", h.TextSHA256, h.Score, h.Titles, h.URLs)
	}
	var paged []string
	for _, h := range page.Hits {
		paged = append(paged, fmt.Sprintf("%.8s", h.TextSHA256))
	}
	return fmt.Sprintf("%q: %d hits [%s] all %.16x; page %d [%s]\n",
		q, all.Total, strings.Join(first, " "), every.Sum(nil), page.Total, strings.Join(paged, " "))
}

// TestIndexSameAsGolden: an index built from goldenCaptures holds, byte
// for byte, what the one goldenPath recorded held, and answers every
// query of goldenQueries as it did, hit for hit, scores and rank
// included. Run with -update to record the code's own index.
func TestIndexSameAsGolden(t *testing.T) {
	got := goldenIndex(t, t.TempDir())
	if *update {
		if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	g, w := strings.SplitAfter(got, "\n"), strings.SplitAfter(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			t.Fatalf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	if len(g) != len(w) {
		t.Fatalf("%d lines, the golden %d", len(g), len(w))
	}
	if !strings.Contains(got, "hits [") || strings.Count(got, ": 0 hits") > len(g)/4 {
		t.Fatalf("too few queries match anything to compare:\n%s", got)
	}
}
