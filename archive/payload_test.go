package archive

import (
	"bytes"
	stdflate "compress/flate"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Stored payloads are standard DEFLATE: the standard library's inflater
// reads what the archive wrote, so an archive outlives its encoder.
func TestPayloadIsStandardDeflate(t *testing.T) {
	raw := []byte(strings.Repeat("<p>白皮书 white paper 第一段。</p>\n", 400))
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
