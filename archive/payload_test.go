package archive

import (
	"bytes"
	stdflate "compress/flate"
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
