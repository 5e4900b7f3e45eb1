package archive

import (
	"bytes"
	stdflate "compress/flate"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
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

// BenchmarkEncodePayload deflates pages of about 5 KB as encodePayload
// does (flate.StatelessDeflate) and with a pooled level-1 writer (what it
// does past statelessMax), with the coder's memory warm, as a loop keeps
// it, and cold: 4 MB touched before each page, as a page's parse does in
// a crawl. ns/page counts the coding only.
func BenchmarkEncodePayload(b *testing.B) {
	pages := pageLike(64)
	pooled := func(p []byte) int {
		var buf bytes.Buffer
		deflatePooled(&buf, p)
		return buf.Len()
	}
	other := make([]byte, 4<<20)
	for _, c := range []struct {
		name string
		code func([]byte) int
	}{{"stateless", func(p []byte) int { return len(encodePayload(p)) - payloadHead }}, {"pooled", pooled}} {
		for _, cold := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/cold=%v", c.name, cold), func(b *testing.B) {
				var spent time.Duration
				raw, stored := 0, 0
				for i := 0; b.Loop(); i++ {
					for j := 0; cold && j < len(other); j += 64 {
						other[j]++
					}
					p := pages[i%len(pages)]
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
