package archive

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/klauspost/compress/flate"
)

// A pair blob (schema 7) holds a new page's payload and its new
// document's text in one deflate stream:
//
//	codecPair
//	payload length   8 bytes big-endian (raw bytes)
//	text length      8 bytes big-endian (raw bytes)
//	stream           one RFC 1951 stream of the payload's bytes, then
//	                 the text's
//
// The payload record names the blob as any other (codecBlob, payloadRef)
// and reads the stream's first part; the document record names it as its
// text blob and reads the second part, inflating the payload's part and
// discarding it. The payload comes first: damage in the text's part of
// the stream leaves the payload, the primary evidence, readable. One
// stream builds one Huffman table where two streams built two, and the
// text's words find their matches in the payload they came from.
//
// The first 9 bytes are a stored payload's header (codec, the payload's
// raw length), so payloadRawLen reads a pair blob's payload length.
const codecPair byte = 3

// pairHead is a pair blob's header: codec and the two lengths.
const pairHead = 1 + 8 + 8

// encodePair returns payload p and text in a pair blob, or nil when they
// do not fit one stateless block (statelessMax; each is then coded
// alone, as before) or deflate does not make them smaller. The two are
// copied into one pooled buffer, as StatelessDeflate codes one slice.
func encodePair(p []byte, text string) []byte {
	n := len(p) + len(text)
	if n > statelessMax {
		return nil
	}
	in := encodeBufs.get()
	defer putEncodeBuf(in)
	in.Reset()
	in.Write(p)
	in.WriteString(text)
	out := encodeBufs.get()
	defer putEncodeBuf(out)
	out.Reset()
	head := appendPayloadHeader(out.AvailableBuffer(), codecPair, len(p))
	out.Write(binary.BigEndian.AppendUint64(head, uint64(len(text))))
	flate.StatelessDeflate(out, in.Bytes(), true, nil) // a bytes.Buffer does not fail
	if out.Len() >= payloadHead+n {
		return nil
	}
	return bytes.Clone(out.Bytes())
}

// isPair reports a stored form that is a pair blob.
func isPair(v []byte) bool { return len(v) > 0 && v[0] == codecPair }

// pairLens reads a pair blob's two raw lengths.
func pairLens(v []byte) (payload, text int64, err error) {
	if len(v) < pairHead {
		return 0, 0, fmt.Errorf("pair blob: short header (%d bytes)", len(v))
	}
	payload = int64(binary.BigEndian.Uint64(v[1:9]))
	text = int64(binary.BigEndian.Uint64(v[9:pairHead]))
	if payload < 0 || text < 0 {
		return 0, 0, fmt.Errorf("pair blob: lengths %d and %d", payload, text)
	}
	return payload, text, nil
}

// pairInflater returns a pooled inflater reset to v's stream, and the
// function that returns it to the pool.
func pairInflater(v []byte) (io.Reader, func(), error) {
	zr := inflaters.get()
	if err := zr.(flate.Resetter).Reset(bytes.NewReader(v[pairHead:]), nil); err != nil {
		inflaters.put(zr)
		return nil, nil, err
	}
	return zr, func() { inflaters.put(zr) }, nil
}

// decodePairPayload returns the payload a pair blob holds: the first
// part of its stream, which must inflate to the length its header says.
// The text's part is not read.
func decodePairPayload(v []byte) ([]byte, error) {
	pn, _, err := pairLens(v)
	if err != nil {
		return nil, err
	}
	zr, done, err := pairInflater(v)
	if err != nil {
		return nil, fmt.Errorf("pair blob: payload part: inflate: %w", err)
	}
	defer done()
	out, err := readAllSized(io.LimitReader(zr, pn), pn+1) // room for the read that meets the limit: no grow
	if err == nil && int64(len(out)) != pn {
		err = fmt.Errorf("%d bytes where the header says %d", len(out), pn)
	}
	if err != nil {
		return nil, fmt.Errorf("pair blob: payload part: inflate: %w", err)
	}
	return out, nil
}

// decodePairText returns the text a pair blob holds: the stream's part
// after the payload's, which it inflates and discards. The stream must
// end with the text, at the length its header says. An error names the
// part it reached: damage in the payload's part makes the text
// unreachable too.
func decodePairText(v []byte) ([]byte, error) {
	pn, tn, err := pairLens(v)
	if err != nil {
		return nil, err
	}
	zr, done, err := pairInflater(v)
	if err != nil {
		return nil, fmt.Errorf("pair blob: payload part (before the text): inflate: %w", err)
	}
	defer done()
	if k, err := io.CopyN(io.Discard, zr, pn); err != nil {
		return nil, fmt.Errorf("pair blob: payload part (before the text): %d of %d bytes: %w", k, pn, err)
	}
	out, err := readAllSized(io.LimitReader(zr, tn+1), tn+1)
	if err == nil && int64(len(out)) != tn {
		err = fmt.Errorf("%d bytes where the header says %d", len(out), tn)
	}
	if err != nil {
		return nil, fmt.Errorf("pair blob: text part: inflate: %w", err)
	}
	return out, nil
}
