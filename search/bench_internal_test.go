package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/internal/cputime"
	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// Word lists of the benchmark corpus: news prose, two pages in three
// Chinese, as the crawl benchmark's site (bench/crawl) has them.
var (
	benchEnglish = strings.Fields("The ministry council regulator approved expanded postponed revised a subsidy scheme " +
		"for small farms new rules on data export budget rural schools pilot programme electric buses said on Monday " +
		"Tuesday percent in Shanghai Beijing Guangdong from year earlier according to officials about residents " +
		"reporters would cut waiting times at hospitals support exporters hit by tariffs Infrastructure 2027 3.4")
	benchChinese = strings.Fields("国务院 发展改革委 北京市 上海市 广东省 表示 将 进一步 推进 城乡 教育 医疗 改革 数据 显示 " +
		"同比 增长 截至 年底 已 建成 个 项目 来自 余名 代表 参加 了 论坛 会议 农村 地区 电动 公交 试点 补贴 方案 " +
		"出口 规则 防洪 基金 记者 从 获悉 今年 以来 经济 运行 总体 平稳")
)

// benchText is document k of the benchmark corpus: about 4 KB of
// sentences, Chinese unless k%3 == 2, with figures in them.
func benchText(k int) string {
	rng := rand.New(rand.NewSource(int64(k)))
	zh := k%3 != 2
	var b strings.Builder
	for b.Len() < 4000 {
		if zh {
			for range 8 + rng.Intn(10) {
				b.WriteString(benchChinese[rng.Intn(len(benchChinese))])
			}
			fmt.Fprintf(&b, "%d月%d日，", 1+rng.Intn(12), 1+rng.Intn(28))
			for range 6 + rng.Intn(8) {
				b.WriteString(benchChinese[rng.Intn(len(benchChinese))])
			}
			b.WriteString("。")
			continue
		}
		for i := range 8 + rng.Intn(12) {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(benchEnglish[rng.Intn(len(benchEnglish))])
		}
		fmt.Fprintf(&b, " %d.%d percent. ", rng.Intn(12), rng.Intn(10))
	}
	return b.String()
}

// benchCapture is the capture that brought document k, in round r of a
// benchmark (a new text hash each round, so that its documents are new).
func benchCapture(r, k int) archive.Capture {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d/%d", r, k)))
	title := "Ministry approves scheme 国务院 发展改革委 " + fmt.Sprint(k)
	return archive.Capture{ID: uint64(k + 1), TextSHA256: hex.EncodeToString(sum[:]), Title: title,
		URL: fmt.Sprintf("http://bench.test/news/%04d/%05d.html", 2000+k%25, k)}
}

// benchDocs is how many documents a benchmark's write holds: about a
// Feed's megabyte of text.
const benchDocs = 250

func benchTexts() [][]byte {
	texts := make([][]byte, benchDocs)
	for k := range texts {
		texts[k] = []byte(benchText(k))
	}
	return texts
}

func textBytes(texts [][]byte) int64 {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return int64(n)
}

// BenchmarkEachToken: tokenizing a write's texts.
func BenchmarkEachToken(b *testing.B) {
	texts := benchTexts()
	b.SetBytes(textBytes(texts))
	b.ReportAllocs()
	var lower []byte
	n := 0
	defer cputime.Report(b, cputime.Process())
	for b.Loop() {
		for _, t := range texts {
			eachToken(t, &lower, func([]byte) { n++ })
		}
	}
}

// BenchmarkAddText: counting a write's texts into a batch of its own, as
// a Feed does.
func BenchmarkAddText(b *testing.B) {
	texts := benchTexts()
	b.SetBytes(textBytes(texts))
	b.ReportAllocs()
	var log postingLog // used again, as a Feed's is
	defer cputime.Report(b, cputime.Process())
	for b.Loop() {
		log.reset()
		bt := &batch{dict: newDict(), postings: &log}
		for k, t := range texts {
			bt.addText(t, uint32(k+1))
		}
	}
}

// BenchmarkNoteAndSegment: what a Feed's write does but for its commit:
// each capture noted (looked up in a real index, its text counted, its
// title and URL), then the segment's chunks encoded and put, in a
// transaction rolled back.
func BenchmarkNoteAndSegment(b *testing.B) {
	ix, err := Open(filepath.Join(b.TempDir(), "bench.search"), false, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	texts := benchTexts()
	b.SetBytes(textBytes(texts))
	b.ReportAllocs()
	rollback := errors.New("rolled back")
	round := 0
	var log postingLog // used again, as a Feed's is
	defer cputime.Report(b, cputime.Process())
	for b.Loop() {
		round++
		bt, err := ix.newBatch(0, newDict(), &log)
		if err != nil {
			b.Fatal(err)
		}
		err = ix.viewSHAs(bt, func() error { // as a Feed's write looks them up
			for k, t := range texts {
				if err := ix.note(bt, benchCapture(round, k), func() ([]byte, error) { return t, nil }); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		err = ix.bolt.Update(func(tx *bolt.Tx) error {
			toks := bt.dict.tokens()
			if err := appendSegment(tx, toks, bt.postings.byToken(len(toks)), &bt.postings.segment); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			b.Fatal(err)
		}
	}
}

// BenchmarkFeedWrites: what a Feed does over mergeFanout+1 writes of
// benchDocs new documents each into a new index: each write in an opening
// of the index of its own, each capture noted, and each write applied,
// its segments merged and its shas folded when due.
func BenchmarkFeedWrites(b *testing.B) {
	texts := benchTexts()
	b.SetBytes((mergeFanout + 1) * textBytes(texts))
	b.ReportAllocs()
	defer SetSHAFoldFloor(2 * benchDocs)()
	var log postingLog // used again, as a Feed's is
	var d *dict        // likewise
	defer cputime.Report(b, cputime.Process())
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "bench.search")
		b.StartTimer()
		for w := range mergeFanout + 1 {
			d = d.again()
			benchWrite(b, path, w, texts, &log, d)
		}
	}
}

// benchWrite notes the captures of texts in round w, numbered after
// those of the rounds before, in log, their tokens numbered by d, and
// writes them into the index at path.
func benchWrite(b *testing.B, path string, w int, texts [][]byte, log *postingLog, d *dict) {
	ix, err := Open(path, false, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	bt, err := ix.newBatch(uint64(w*benchDocs), d, log)
	if err != nil {
		b.Fatal(err)
	}
	err = ix.viewSHAs(bt, func() error { // as a Feed's write looks them up
		for k, t := range texts {
			c := benchCapture(w, k)
			c.ID = uint64(w*benchDocs + k + 1)
			if err := ix.note(bt, c, func() ([]byte, error) { return t, nil }); err != nil {
				return err
			}
			bt.captures++
			bt.last = c.ID
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := ix.write(bt); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkByToken: grouping a write's postings by token (byToken), the
// postings of a write's texts, their titles and URLs, noted as a Feed
// notes them.
func BenchmarkByToken(b *testing.B) {
	texts := benchTexts()
	var log postingLog // used again, as a Feed's is
	bt := &batch{dict: newDict(), postings: &log}
	fill := func() {
		for k, t := range texts {
			bt.addText(t, uint32(k+1))
			bt.addNames(&docRecord{}, benchCapture(0, k), uint32(k+1))
		}
	}
	fill()
	n, postings := len(bt.dict.tokens()), log.n
	log.reset()
	for b.Loop() {
		b.StopTimer()
		fill()
		b.StartTimer()
		log.byToken(n)
	}
	b.ReportMetric(float64(postings), "postings")
}
