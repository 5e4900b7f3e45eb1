package archive

import (
	"bytes"
	stdflate "compress/flate"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zstd"
)

// New payloads are Zstandard frames (RFC 8878) with their content size,
// which a decoder made afresh reads: an archive outlives the coders of the
// process that wrote it.
func TestPayloadIsZstdFrame(t *testing.T) {
	for _, n := range []int{2, 400} { // under a kilobyte (no window then), and over
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			testZstdFrame(t, []byte(strings.Repeat("<p>白皮书 white paper 第一段。</p>\n", n)))
		})
	}
}

func testZstdFrame(t *testing.T, raw []byte) {
	v := encodePayload(raw)
	if v[0] != codecZstd {
		t.Fatalf("codec %d, want zstd for a repetitive page", v[0])
	}
	if got := payloadRawLen(v); got != int64(len(raw)) {
		t.Fatalf("raw length %d, want %d", got, len(raw))
	}
	var h zstd.Header
	if err := h.Decode(v[payloadHead:]); err != nil || !h.HasFCS || h.FrameContentSize != uint64(len(raw)) || !h.HasCheckSum {
		t.Fatalf("frame header %+v, %v: want content size %d and a checksum", h, err, len(raw))
	}
	zr, err := zstd.NewReader(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	got, err := zr.DecodeAll(v[payloadHead:], nil)
	if err != nil || !bytes.Equal(got, raw) {
		t.Fatalf("a fresh zstd decoder reads %d bytes, %v; want the %d stored", len(got), err, len(raw))
	}
}

// Every stored form reads back: raw, deflate (what schema 3 and older
// wrote, here made by compress/flate) and zstd; a damaged one is an error
// naming what is wrong, never other bytes.
func TestDecodePayloadForms(t *testing.T) {
	raw := []byte(strings.Repeat("Paragraph of the white paper. 第一段。\n", 200))
	var deflated bytes.Buffer
	deflated.Write(payloadHeader(codecDeflate, len(raw)))
	zw, _ := stdflate.NewWriter(&deflated, stdflate.DefaultCompression)
	zw.Write(raw)
	zw.Close()
	zstdForm := encodePayload(raw)
	flipped := bytes.Clone(zstdForm)
	flipped[len(flipped)/2] ^= 0x40
	longer := bytes.Clone(zstdForm)
	putPayloadHeader(longer, codecZstd, len(raw)+1)
	tests := []struct {
		name    string
		stored  []byte
		wantErr string // "" when it must read back as raw
	}{
		{"raw", append(payloadHeader(codecRaw, len(raw)), raw...), ""},
		{"deflate", deflated.Bytes(), ""},
		{"zstd", zstdForm, ""},
		{"zstd cut short", zstdForm[:len(zstdForm)-10], "zstd"},
		{"zstd byte flipped", flipped, "zstd"},
		{"zstd longer than its frame", longer, "where the header says"},
		{"zstd no frame", append(payloadHeader(codecZstd, 5), "hello"...), "zstd frame header"},
		{"unknown codec", append(payloadHeader(7, len(raw)), raw...), "unknown codec 7"},
		{"short header", []byte{codecZstd, 0}, "short header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodePayload(tt.stored)
			if tt.wantErr == "" {
				if err != nil || !bytes.Equal(got, raw) {
					t.Fatalf("read %d bytes, %v; want the %d stored", len(got), err, len(raw))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// A payload that does not shrink (random bytes, as a gzipped body is) is
// stored raw.
func TestIncompressiblePayloadStoredRaw(t *testing.T) {
	raw := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range raw {
		raw[i] = byte(r.Uint32())
	}
	v := encodePayload(raw)
	if v[0] != codecRaw || !bytes.Equal(v[payloadHead:], raw) {
		t.Fatalf("codec %d, %d bytes: want raw, %d bytes", v[0], len(v)-payloadHead, len(raw))
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

// pageLike returns n pages of about 5 KB of HTML and text, words drawn at
// random from a small vocabulary, as the generated site of bench/crawl
// serves them (its stored payloads shrink to about half).
func pageLike(n int) [][]byte {
	r := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields("the state council information office white paper on jointly building a community with a shared future in cyberspace " +
		"cooperation governance security development digital economy data protection internet platform network 网络 空间 命运 共同体 合作 发展 安全")
	out := make([][]byte, n)
	for i := range out {
		var sb strings.Builder
		fmt.Fprintf(&sb, "<html><head><title>Page %d</title></head><body><nav><a href=\"/\">Home</a></nav>\n", i)
		for sb.Len() < 5000 {
			sb.WriteString("<p>")
			for range 12 + r.IntN(20) {
				sb.WriteString(words[r.IntN(len(words))])
				sb.WriteByte(' ')
			}
			fmt.Fprintf(&sb, "<a href=\"/news/%05d.html\">more</a></p>\n", r.IntN(20000))
		}
		out[i] = []byte(sb.String() + "</body></html>\n")
	}
	return out
}

// BenchmarkCodePage codes pages of about 5 KB as the archive stores them
// (zstd, since schema 4), and as schema 3 did (deflate at level 1, kept
// here for comparison), each way; "stored/raw" is the stored size over
// the raw.
func BenchmarkCodePage(b *testing.B) {
	pages := pageLike(64)
	zw, _ := flate.NewWriter(nil, flate.BestSpeed) // reused, as schema 3's writers were
	deflate1 := func(p []byte) []byte {
		var buf bytes.Buffer
		buf.Write(payloadHeader(codecDeflate, len(p)))
		zw.Reset(&buf)
		zw.Write(p)
		zw.Close()
		return buf.Bytes()
	}
	for _, c := range []struct {
		name   string
		encode func([]byte) []byte
	}{{"zstd", encodePayload}, {"deflate1", deflate1}} {
		b.Run("encode/"+c.name, func(b *testing.B) {
			var raw, stored int
			b.SetBytes(int64(len(pages[0])))
			for i := 0; b.Loop(); i++ {
				p := pages[i%len(pages)]
				raw, stored = raw+len(p), stored+len(c.encode(p))
			}
			b.ReportMetric(float64(stored)/float64(raw), "stored/raw")
		})
		b.Run("decode/"+c.name, func(b *testing.B) {
			coded := make([][]byte, len(pages))
			for i, p := range pages {
				coded[i] = c.encode(p)
			}
			b.SetBytes(int64(len(pages[0])))
			for i := 0; b.Loop(); i++ {
				if _, err := decodePayload(coded[i%len(coded)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
