// Command codecs measures what the archive's payload and text compression
// costs against two faster codecs of the same module, on the eval pages
// (HTML as payloads, truth texts as extracted text), for issue #16's
// question whether compression is a lever on CPU per page:
//
//	cd bench && go run ./codecs [-eval ../../shared/eval/extraction] [-rounds 5]
//
// For each kind of file and codec it prints the median over rounds of the
// microseconds one file takes and the compressed size over the raw size.
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
	flag.Parse()
	if err := run(*dir, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "codecs:", err)
		os.Exit(1)
	}
}

func run(dir string, rounds int) error {
	cs, err := codecs()
	if err != nil {
		return err
	}
	fmt.Printf("%-5s %-13s %6s %10s %8s\n", "files", "codec", "count", "us/file", "ratio")
	for _, kind := range []string{"html", "txt"} {
		files, err := load(filepath.Join(dir, "*", "*."+kind))
		if err != nil {
			return err
		}
		for _, c := range cs {
			us, ratio := measure(c, files, rounds)
			fmt.Printf("%-5s %-13s %6d %10.1f %8.3f\n", kind, c.name, len(files), us, ratio)
		}
	}
	return nil
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
// compressed over raw.
func measure(c codec, files [][]byte, rounds int) (us, ratio float64) {
	dst := make([]byte, 0, 1<<20)
	var raw, packed int
	var per []float64
	for r := 0; r < rounds; r++ {
		raw, packed = 0, 0
		start := time.Now()
		for _, f := range files {
			out := c.enc(dst, f)
			raw, packed = raw+len(f), packed+len(out)
		}
		per = append(per, float64(time.Since(start).Microseconds())/float64(len(files)))
	}
	slices.Sort(per)
	return per[len(per)/2], float64(packed) / float64(raw)
}
