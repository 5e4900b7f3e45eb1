package archive

import (
	"bytes"
	stdflate "compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
)

// Stored payloads are standard DEFLATE: the standard library's inflater
// reads what the archive wrote, so an archive outlives its encoder.
func TestPayloadIsStandardDeflate(t *testing.T) {
	// under statelessMax (flate.StatelessDeflate) and over it (a pooled
	// flate.Writer)
	for _, n := range []int{2, 400, 2000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			testStandardDeflate(t, []byte(strings.Repeat("<p>白皮书 white paper 第一段。</p>\n", n)))
		})
	}
}

func testStandardDeflate(t *testing.T, raw []byte) {
	v := encodePayload(raw)
	if v[0] != codecDeflate {
		t.Fatalf("codec %d, want deflate for a repetitive page", v[0])
	}
	if got := payloadRawLen(v); got != int64(len(raw)) {
		t.Fatalf("raw length %d, want %d", got, len(raw))
	}
	got, err := io.ReadAll(stdflate.NewReader(bytes.NewReader(v[payloadHead:])))
	if err != nil {
		t.Fatalf("compress/flate cannot read the stored payload: %v", err)
	}
	if !bytes.Equal(got, raw) {
		t.Fatal("compress/flate read other bytes than were stored")
	}
	back, err := decodePayload(v)
	if err != nil || !bytes.Equal(back, raw) {
		t.Fatalf("decodePayload: %v, equal %v", err, bytes.Equal(back, raw))
	}
}

// BenchmarkDecodeText inflates a stored text of about 6 KB, as reading a
// document does (a search index update reads every new one).
// A stored form is the caller's alone: encodePayload codes in a pooled
// buffer, and what it returned for one payload must not change when the
// next ones are coded, on the writer's goroutine or another's.
func TestEncodedPayloadsDoNotShareBytes(t *testing.T) {
	pages := pageLike(64)
	first := make([][]byte, len(pages))
	for i, p := range pages {
		first[i] = encodePayload(p)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, p := range pages {
			encodePayload(bytes.Repeat(p, 2))
		}
	}()
	for i := len(pages) - 1; i >= 0; i-- {
		encodePayload(pages[i][:len(pages[i])/2])
	}
	<-done
	for i, p := range pages {
		got, err := decodePayload(first[i])
		if err != nil || !bytes.Equal(got, p) {
			t.Fatalf("payload %d: stored form changed after later codings (err %v)", i, err)
		}
		if cap(first[i]) > len(first[i])+len(first[i])/4+64 {
			t.Errorf("payload %d: stored form of %d bytes holds %d", i, len(first[i]), cap(first[i]))
		}
	}
}

func BenchmarkDecodeText(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 6000; i++ {
		fmt.Fprintf(&sb, "Paragraph %d of the white paper, on cooperation in cyberspace. ", i)
	}
	stored := encodeText(sb.String())
	b.ReportAllocs()
	for b.Loop() {
		if text, err := decodeText(stored); err != nil || len(text) != sb.Len() {
			b.Fatalf("%d bytes, %v", len(text), err)
		}
	}
}

// pageLike returns n pages of about 5 KB of HTML, words of random letters
// between tags, which deflate to about half as the pages of bench/crawl do.
func pageLike(n int) [][]byte {
	r := rand.New(rand.NewPCG(3, 4))
	out := make([][]byte, n)
	for i := range out {
		var sb strings.Builder
		fmt.Fprintf(&sb, "<html><head><title>Page %d</title></head><body>\n", i)
		for sb.Len() < 5000 {
			sb.WriteString("<p>")
			for range 8 + r.IntN(12) {
				for range 2 + r.IntN(7) {
					sb.WriteByte(byte('a' + r.IntN(26)))
				}
				sb.WriteByte(' ')
			}
			fmt.Fprintf(&sb, "<a href=\"/news/%05d.html\">more</a></p>\n", r.IntN(20000))
		}
		out[i] = []byte(sb.String() + "</body></html>\n")
	}
	return out
}

// BenchmarkEncodePayload codes pages as encodePayload does
// (flate.StatelessDeflate), with a pooled level-1 writer (what it does
// past statelessMax), and, for comparison, with zstd's fastest level and
// with s2 (the same module's faster codecs, which the archive does not
// write): with the coder's memory warm, as a loop keeps it, and cold, 4 MB
// touched before each page, as a page's parse does in a crawl. The pages
// are made-up ones of about 5 KB and, when the eval data is beside the
// checkout, its HTML pages up to 32 KB. ns/page counts the coding only.
// The coders alone: what a codec costs in a crawl shows in bench/crawl's
// profile (-cpuprofile).
func BenchmarkEncodePayload(b *testing.B) {
	sets := []struct {
		name  string
		pages [][]byte
	}{{"made", pageLike(64)}}
	if eval := evalPages(b, statelessMax); len(eval) > 0 {
		sets = append(sets, struct {
			name  string
			pages [][]byte
		}{"eval", eval})
	}
	other := make([]byte, 4<<20)
	for _, set := range sets {
		for _, c := range payloadCoders(b) {
			for _, cold := range []bool{false, true} {
				b.Run(fmt.Sprintf("%s/%s/cold=%v", set.name, c.name, cold), func(b *testing.B) {
					var spent time.Duration
					raw, stored := 0, 0
					for i := 0; b.Loop(); i++ {
						for j := 0; cold && j < len(other); j += 64 {
							other[j]++
						}
						p := set.pages[i%len(set.pages)]
						began := time.Now()
						stored += c.code(p)
						spent += time.Since(began)
						raw += len(p)
					}
					b.ReportMetric(float64(spent.Nanoseconds())/float64(b.N), "ns/page")
					b.ReportMetric(float64(stored)/float64(raw), "stored/raw")
				})
			}
		}
	}
}

// A payloadCoder codes a page and returns the coded length.
type payloadCoder struct {
	name string
	code func([]byte) int
}

func payloadCoders(b *testing.B) []payloadCoder {
	zw, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		b.Fatal(err)
	}
	var dst []byte
	return []payloadCoder{
		{"stateless", func(p []byte) int { return len(encodePayload(p)) - payloadHead }},
		{"pooled", func(p []byte) int {
			var buf bytes.Buffer
			deflatePooled(&buf, p)
			return buf.Len()
		}},
		{"zstd", func(p []byte) int { dst = zw.EncodeAll(p, dst[:0]); return len(dst) }},
		{"s2", func(p []byte) int { dst = s2.Encode(dst[:cap(dst)], p); return len(dst) }},
	}
}

// evalPages reads the eval data's HTML pages of at most limit bytes; none
// when the data is not beside the checkout.
func evalPages(b *testing.B, limit int) [][]byte {
	names, err := filepath.Glob("../../shared/eval/extraction/*/*.html")
	if err != nil {
		b.Fatal(err)
	}
	var out [][]byte
	for _, n := range names {
		p, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		if len(p) <= limit {
			out = append(out, p)
		}
	}
	return out
}
