// Command codecs measures what the archive's payload and text compression
// costs against two faster codecs of the same module, on the eval pages
// (HTML as payloads, truth texts as extracted text), for issue #16's
// question whether compression is a lever on CPU per page:
//
//	cd bench && go run ./codecs [-eval ../../shared/eval/extraction] [-rounds 5]
//
// For each kind of file, size class (up to 32 KiB, larger) and codec it prints the median over rounds of the
// microseconds one file takes and the compressed size over the raw size.
// Before each file the program writes -touch bytes of other memory, as a
// crawl's parse of the next page does: warm and back to back (-touch 0)
// a coder whose tables stay in the cache looks faster than it is in a
// crawl.
// "deflate" is what the archive writes today: one stateless block up to
// 32 KiB, else a level-1 writer. The encoders are reused across files, as
// the archive reuses its writers.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
)

// A codec compresses src, appending to dst[:0], and returns the result.
type codec struct {
	name string
	enc  func(dst, src []byte) []byte
}

func codecs() ([]codec, error) {
	zw, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	zs, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	deflate := func(dst, src []byte) []byte {
		buf := bytes.NewBuffer(dst[:0])
		if len(src) <= math.MaxInt16 {
			flate.StatelessDeflate(buf, src, true, nil)
		} else {
			zw.Reset(buf)
			zw.Write(src)
			zw.Close()
		}
		return buf.Bytes()
	}
	return []codec{
		{"deflate", deflate},
		{"zstd-fastest", func(dst, src []byte) []byte { return zs.EncodeAll(src, dst[:0]) }},
		{"s2", func(dst, src []byte) []byte { return s2.Encode(dst[:cap(dst)], src) }},
	}, nil
}

func main() {
	dir := flag.String("eval", "../../shared/eval/extraction", "the extraction eval folder")
	rounds := flag.Int("rounds", 5, "rounds over the files; the median round is reported")
	touch := flag.Int("touch", 4<<20, "`bytes` of other memory written before each file, as a crawl's parse does between two pages (0: warm, back to back)")
	flag.Parse()
	if err := run(*dir, *rounds, *touch); err != nil {
		fmt.Fprintln(os.Stderr, "codecs:", err)
		os.Exit(1)
	}
}

func run(dir string, rounds, touch int) error {
	cs, err := codecs()
	if err != nil {
		return err
	}
	fmt.Printf("%-5s %-6s %-13s %6s %10s %8s\n", "files", "size", "codec", "count", "us/file", "ratio")
	for _, kind := range []string{"html", "txt"} {
		files, err := load(filepath.Join(dir, "*", "*."+kind))
		if err != nil {
			return err
		}
		small, large := bySize(files)
		for _, set := range []struct {
			size  string
			files [][]byte
		}{{"<=32K", small}, {">32K", large}} {
			if len(set.files) == 0 {
				continue
			}
			for _, c := range cs {
				us, ratio := measure(c, set.files, rounds, make([]byte, touch))
				fmt.Printf("%-5s %-6s %-13s %6d %10.1f %8.3f\n", kind, set.size, c.name, len(set.files), us, ratio)
			}
		}
	}
	return nil
}

// bySize splits files at the archive's stateless limit (32 KiB): most
// pages of a crawl are under it, and the codecs' costs differ on the two
// sides.
func bySize(files [][]byte) (small, large [][]byte) {
	for _, f := range files {
		if len(f) <= math.MaxInt16 {
			small = append(small, f)
		} else {
			large = append(large, f)
		}
	}
	return small, large
}

func load(pattern string) ([][]byte, error) {
	names, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no file matches %s", pattern)
	}
	var files [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		files = append(files, b)
	}
	return files, nil
}

// measure returns the median round's microseconds per file, and the sizes
// compressed over raw. Before each file it writes every cache line of
// other, outside the time measured, so the coder's tables are as cold as
// in a crawl.
func measure(c codec, files [][]byte, rounds int, other []byte) (us, ratio float64) {
	dst := make([]byte, 0, 1<<20)
	var raw, packed int
	var per []float64
	for r := 0; r < rounds; r++ {
		raw, packed = 0, 0
		var spent time.Duration
		for i, f := range files {
			for j := 0; j < len(other); j += 64 {
				other[j] = byte(i)
			}
			start := time.Now()
			out := c.enc(dst, f)
			spent += time.Since(start)
			raw, packed = raw+len(f), packed+len(out)
		}
		per = append(per, float64(spent.Microseconds())/float64(len(files)))
	}
	slices.Sort(per)
	return per[len(per)/2], float64(packed) / float64(raw)
}
