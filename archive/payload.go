package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"

	"github.com/klauspost/compress/flate"
	bolt "go.etcd.io/bbolt"
)

// A stored payload is one codec byte, the raw length (8 bytes, big-endian),
// then the bytes: raw, or deflated when that saves space. Deflated bytes
// are plain RFC 1951 streams that any inflater reads (klauspost's encoders
// write them, at about twice the speed of compress/flate's). Payloads
// that came gzipped do not shrink again and are kept raw.
//
// Deflate stays for its size. s2 (same module) for payloads, texts and
// capture records cut a crawl's CPU by a tenth and grew its archive by
// nearly a third: on bench/crawl -pages 20000, three rounds against this
// coding, 0.582 against 0.645 CPU ms a page (medians), 9.30 against 7.14
// KB a page. An archive is kept for years and crawled into nightly.
const (
	codecRaw     byte = 0
	codecDeflate byte = 1
	payloadHead       = 9
)

// deflaters are reused: a flate.Writer holds about a megabyte of state,
// and allocating one per payload dominated the cost of a write.
var deflaters = newCoderPool(func() *flate.Writer {
	zw, _ := flate.NewWriter(nil, flate.BestSpeed) // level is valid
	return zw
})

// statelessMax is the largest payload deflated by flate.StatelessDeflate
// (one block of it, its most). Such a coder hashes into a 16 KB table on
// its stack instead of a writer's 256 KB one, which in a crawl is cold
// by the time the next page comes (its parse evicted it): on the pages
// of bench/crawl with 4 MB touched between calls, 47-48 us a page vs
// 55-56 us for a pooled writer at level 1, and 2% smaller. A larger
// payload would be cut into blocks with an 8 KB window; the writer keeps
// its 32 KB one.
const statelessMax = math.MaxInt16

// encodePayload returns p in its stored form: deflated, or raw when that
// is no smaller. The form is coded into a pooled buffer and returned in
// one allocation of its size: a buffer guessed from len(p) was grown
// (copied, its first allocation left to the collector) for most pages of
// bench/crawl, whose payloads deflate to more than a third.
func encodePayload(p []byte) []byte {
	buf := encodeBufs.get()
	defer putEncodeBuf(buf)
	buf.Reset()
	buf.Write(appendPayloadHeader(buf.AvailableBuffer(), codecDeflate, len(p)))
	if len(p) <= statelessMax {
		flate.StatelessDeflate(buf, p, true, nil) // a bytes.Buffer does not fail
	} else {
		deflatePooled(buf, p)
	}
	if buf.Len() < payloadHead+len(p) {
		return bytes.Clone(buf.Bytes())
	}
	return rawPayload(p)
}

// encodePayloadOf is encodePayload for c's payload p, which it keeps raw
// without trying deflate when p came compressed (precoded): deflate does
// not shrink such bytes, and the try was thrown away (StatelessDeflate's
// stored block is 5 bytes larger). For a gzipped page of 18 KB,
// BenchmarkEncodePrecoded: 49-89 us a page tried, 8-16 us not.
func encodePayloadOf(c *Capture, p []byte) []byte {
	if precoded(c, p) {
		return rawPayload(p)
	}
	return encodePayload(p)
}

// rawPayload is p in its stored form, raw.
func rawPayload(p []byte) []byte {
	return append(appendPayloadHeader(make([]byte, 0, payloadHead+len(p)), codecRaw, len(p)), p...)
}

// precoded reports a payload whose bytes are compressed already: c's
// response names gzip or zstd as the coding applied last, and p starts
// with that format's magic number. (br has none to check the header's
// word by, and prov does not ask for it.) A gzip stream of stored blocks
// (gzip -0), which deflate would shrink, is kept raw too, as large as it
// came.
func precoded(c *Capture, p []byte) bool {
	switch lastCoding(http.Header(c.ResponseHeader).Values("Content-Encoding")) {
	case "gzip", "x-gzip":
		return bytes.HasPrefix(p, gzipMagic)
	case "zstd":
		return bytes.HasPrefix(p, zstdMagic)
	}
	return false
}

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// lastCoding is the content coding listed last in a Content-Encoding
// header's values, the one applied last, lower-cased; "" when none. Empty
// members of the list ("gzip," or a blank value) name no coding and are
// passed over.
func lastCoding(values []string) string {
	for i := len(values) - 1; i >= 0; i-- {
		v := values[i]
		for v != "" {
			k := strings.LastIndexByte(v, ',')
			if c := strings.TrimSpace(v[k+1:]); c != "" {
				return strings.ToLower(c)
			}
			v = v[:max(k, 0)]
		}
	}
	return ""
}

// encodeBufs hold a stored form while it is coded, one per coding
// goroutine at a time.
var encodeBufs = newCoderPool(func() *bytes.Buffer { return bytes.NewBuffer(make([]byte, 0, 16<<10)) })

// maxPooledEncode is the largest buffer encodeBufs keeps: one grown by a
// payload of megabytes is left to the collector.
const maxPooledEncode = 256 << 10

func putEncodeBuf(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledEncode {
		encodeBufs.put(buf)
	}
}

// deflatePooled appends p deflated at level 1 to buf, with a pooled writer.
func deflatePooled(buf *bytes.Buffer, p []byte) {
	zw := deflaters.get()
	zw.Reset(buf)
	zw.Write(p) // a bytes.Buffer does not fail
	zw.Close()
	deflaters.put(zw)
}

func payloadHeader(codec byte, n int) []byte {
	return appendPayloadHeader(make([]byte, 0, payloadHead), codec, n)
}

// appendPayloadHeader appends to dst a stored payload's header: codec,
// then the raw length n.
func appendPayloadHeader(dst []byte, codec byte, n int) []byte {
	return binary.BigEndian.AppendUint64(append(dst, codec), uint64(n))
}

// payloadRawLen reads the raw length from a stored payload's header.
func payloadRawLen(v []byte) int64 {
	if len(v) < payloadHead {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v[1:payloadHead]))
}

func decodePayload(v []byte) ([]byte, error) {
	if len(v) < payloadHead {
		return nil, errors.New("short header")
	}
	n := payloadRawLen(v)
	switch v[0] {
	case codecRaw:
		return bytes.Clone(v[payloadHead:]), nil
	case codecDeflate:
		zr := inflaters.get()
		defer inflaters.put(zr)
		if err := zr.(flate.Resetter).Reset(bytes.NewReader(v[payloadHead:]), nil); err != nil {
			return nil, fmt.Errorf("inflate: %w", err)
		}
		out, err := readAllSized(io.LimitReader(zr, n+1), n+1)
		if err != nil {
			return nil, fmt.Errorf("inflate: %w", err)
		}
		return out, nil
	case codecPair:
		return decodePairPayload(v)
	}
	return nil, fmt.Errorf("unknown codec %d", v[0])
}

// inflaters are reused, as deflaters: a flate reader holds a 32 KB
// window and its tables, which a text or payload read made anew cost
// more than inflating a page of text.
var inflaters = newCoderPool(func() io.ReadCloser { return flate.NewReader(bytes.NewReader(nil)) })

// readAllSized is io.ReadAll with room for size bytes made at once (the
// length a stored header claims), up to maxSizedAlloc: a damaged header
// cannot make it allocate more than that before the bytes arrive.
func readAllSized(r io.Reader, size int64) ([]byte, error) {
	out := make([]byte, 0, max(min(size, maxSizedAlloc), 512))
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)] // grow as io.ReadAll does
		}
		n, err := r.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

// maxSizedAlloc bounds what readAllSized allocates ahead of the bytes.
const maxSizedAlloc = 8 << 20

// Payload returns the payload stored under its hex sha256, decompressed
// and verified: stored bytes that do not hash to sha give a *CorruptError
// (errors.Is(err, ErrCorrupt)); a payload never stored gives ErrNotFound.
func (db *DB) Payload(sha string) ([]byte, error) {
	h, err := ParseHash(sha)
	if err != nil {
		return nil, err
	}
	var p []byte
	err = db.view(func(tx *bolt.Tx) error {
		v := idxPayloads.in(tx).get(h[:])
		if v == nil {
			return notFound("payload %s", h.Short())
		}
		p, err = readPayload(tx, v)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, err
		}
		return nil, &CorruptError{Bucket: "payloads", Key: sha, Err: err}
	}
	if got := Sum(p); got != h {
		return nil, &CorruptError{Bucket: "payloads", Key: sha, Got: got.String()}
	}
	return p, nil
}
