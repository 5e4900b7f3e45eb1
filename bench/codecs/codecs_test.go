package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
)

// TestCodecsRoundTrip checks that each codec measured writes what its
// decoder reads back whole, on both sides of the stateless limit, so the
// figures are of real compression.
func TestCodecsRoundTrip(t *testing.T) {
	cs, err := codecs()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zstd.NewReader(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	decode := map[string]func([]byte) ([]byte, error){
		"deflate":      func(b []byte) ([]byte, error) { return io.ReadAll(flate.NewReader(bytes.NewReader(b))) },
		"zstd-fastest": func(b []byte) ([]byte, error) { return zr.DecodeAll(b, nil) },
		"s2":           func(b []byte) ([]byte, error) { return s2.Decode(nil, b) },
	}
	for _, n := range []int{100, 40000} {
		src := []byte(strings.Repeat("<p>Official text, republished. 公告全文。</p>\n", n/50))
		for _, c := range cs {
			out := c.enc(make([]byte, 0, 1<<20), src)
			if len(out) >= len(src) {
				t.Errorf("%s: %d bytes from %d: no compression", c.name, len(out), len(src))
			}
			back, err := decode[c.name](out)
			if err != nil || !bytes.Equal(back, src) {
				t.Errorf("%s, %d bytes: round trip gave %d bytes, err %v", c.name, len(src), len(back), err)
			}
		}
	}
}
