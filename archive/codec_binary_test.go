package archive

import (
	"bytes"
	"encoding/binary"

	"github.com/klauspost/compress/flate"
)

// The record form prov wrote from schema 3 to 7 (recBinary, codec.go): the
// rest deflated in the record itself. prov reads it and writes
// recBlocked records now; the tests make old records with it.

// encodeCapture returns c as a recBinary record.
func encodeCapture(c Capture) ([]byte, error) {
	return encodeCaptureWith(c, recBinary, func(out, js []byte) ([]byte, error) {
		return deflateDict(binary.AppendUvarint(out, uint64(len(js))), js), nil
	})
}

// decodeCapture reads a capture record that needs no block (JSON or
// recBinary), whatever its key.
func decodeCapture(v []byte) (Capture, error) {
	return decodeCaptureWith(v, func(block uint64, _ int) ([]byte, error) {
		return nil, errBlockMissing
	})
}

// deflateDict appends to dst p deflated against captureDict: one RFC 1951
// stream that any inflater given the dictionary reads (inflateDict).
//
// flate.StatelessDeflate codes it, not a pooled level-1 flate.Writer: the
// writer's Reset coded the whole dictionary again before each record,
// its matches thrown away, where the stateless coder only hashes it into
// a 16 KB table on its stack. On 2,000 captures of bench/crawl, a record
// takes 15% fewer instructions to deflate and misses the L1 data cache
// 60% less often (cachegrind: 221k against 259k, 700 against 1,810 misses)
// and comes out 5% larger (534 against 506 bytes; the captures bucket's
// pages, filled to 95%, hold them in as many pages). A record past 29 KB
// is coded in blocks with an 8 KB window. Records the writer made read
// the same (codec_test.go).
//
// The dictionary is not where a record's deflate spends its CPU: in a
// 20,001-page bench/crawl profile this function takes 0.33 s of 9.21 s,
// 0.23 s of it building and writing the record's Huffman block
// (writeBlockDynamic, whatever the dictionary) and 0.07 s finding matches,
// hashing the dictionary included. Cutting the dictionary to the 1,614 B
// the bench's records match against saved 2 µs a record (18.5 against
// 16.5 cpu-µs a deflate on 3,001 real records) and nothing measurable in
// the whole crawl (paired runs, 1.002 and 1.019 of the CPU a page), while
// dropping what other sites' captures use (revisits, GBK and Big5,
// redirects); it would also have been a new record form.
func deflateDict(dst, p []byte) []byte {
	buf := bytes.NewBuffer(dst)
	flate.StatelessDeflate(buf, p, true, captureDictBytes) // a bytes.Buffer does not fail
	return buf.Bytes()
}
