package archive

import (
	"fmt"

	"github.com/klauspost/compress/zstd"
)

// Payloads and texts are written as Zstandard frames (RFC 8878) since
// schema 4: at its fastest level, klauspost's encoder codes a page of a
// few kilobytes in about two thirds of the time its deflate encoder takes
// at level 1 (BenchmarkCodePage), and the frames come out about as
// small. Each frame is a single segment (WithSingleSegment: the whole
// payload is in memory anyway), so its header always gives its content
// size, even for a payload under a kilobyte, and it carries a checksum;
// any Zstandard decoder reads it.
//
// One encoder and one decoder serve the whole process: EncodeAll and
// DecodeAll may be called concurrently, each call taking one of their
// coders (GOMAXPROCS of each, made on first use) and waiting when all are
// busy, so the memory they hold stays fixed.
var (
	zstdEncoder = mustZstd(zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderCRC(true), zstd.WithSingleSegment(true)))
	// The decoder's output is bounded by the capacity it is given
	// (WithDecodeAllCapLimit): zstdDecode gives the raw length the record
	// claims, so a damaged frame cannot make it allocate more.
	zstdDecoder = mustZstd(zstd.NewReader(nil, zstd.WithDecoderConcurrency(0),
		zstd.WithDecodeAllCapLimit(true)))
)

func mustZstd[T any](c T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("archive: zstd options: %v", err)) // constant options, checked by every test
	}
	return c
}

// zstdAppend appends p to dst as one Zstandard frame.
func zstdAppend(dst, p []byte) []byte { return zstdEncoder.EncodeAll(p, dst) }

// zstdDecode decodes z, which must be one frame whose header gives its
// content size as n and which decodes to exactly n bytes.
func zstdDecode(z []byte, n int64) ([]byte, error) {
	var h zstd.Header
	if err := h.Decode(z); err != nil {
		return nil, fmt.Errorf("zstd frame header: %w", err)
	}
	if !h.HasFCS || h.FrameContentSize != uint64(n) {
		return nil, fmt.Errorf("zstd frame of %d bytes (known %v) where the header says %d", h.FrameContentSize, h.HasFCS, n)
	}
	out, err := zstdDecoder.DecodeAll(z, make([]byte, 0, n))
	if err != nil {
		return nil, fmt.Errorf("zstd: %w", err)
	}
	if int64(len(out)) != n {
		return nil, fmt.Errorf("zstd: %d bytes where the header says %d", len(out), n)
	}
	return out, nil
}
