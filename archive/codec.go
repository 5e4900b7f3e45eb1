package archive

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klauspost/compress/flate"
)

// Record encodings. Captures and documents were JSON (schema 2 and
// before); since schema 3 they are written in a binary form whose first
// byte, recBinary, no JSON record starts with ('{'), so each record says
// which it is and both read. Nothing is migrated: old records stay JSON.
//
// A capture in binary form:
//
//	recBinary
//	flags        1 byte: capPayload, capText, capTimes, capSketch
//	ID, RunID    8 bytes big-endian each
//	payload      sha256, 32 raw bytes          (capPayload)
//	text         sha256, 32 raw bytes          (capText)
//	fetch times  start, end: UnixNano, 8 bytes big-endian each (capTimes)
//	sketch       uvarint count, then 4 bytes big-endian a value (capSketch)
//	rest         uvarint length of the JSON of every other field, then
//	             that JSON deflated against captureDict (RFC 1951 with a
//	             preset dictionary); heads and header values that are
//	             not UTF-8 are in its "raw" object (rawfields.go)
//
// Since schema 8 new captures are recBlocked records: the same fields,
// their rest in a capture block (capblock.go). recBinary and JSON records
// written before read as they did; none is rewritten.
//
// A field kept in binary is zero in the JSON. A hash that is not in
// canonical form (64 lower-case hex digits) or a time that is not UTC in
// UnixNano's range stays in the JSON, so every capture reads back as it
// was written.
const recBinary byte = 1

const (
	capPayload byte = 1 << iota
	capText
	capTimes
	capSketch
)

// recBlocked marks a capture record written since schema 8: the binary
// fields of recBinary, then, in place of its rest, where the rest is:
//
//	block        uvarint: the capture's ID minus its block's ID
//	index        uvarint: its rest's place in the block
//
// The block, in the capblocks bucket (capblock.go), holds the rests of
// the captures a transaction wrote, deflated together against
// captureDict.
const recBlocked byte = 2

// captureHead is the fixed part of a binary capture: marker, flags, IDs.
const captureHead = 2 + 8 + 8

// encodeBlocked returns the stored form of c, a recBlocked record, having
// added its rest to the open block of blocks.
func encodeBlocked(c Capture, blocks *capBlocks) ([]byte, error) {
	return encodeCaptureWith(c, recBlocked, func(out, js []byte) ([]byte, error) {
		block, index, err := blocks.add(c.ID, js)
		if err != nil {
			return nil, err
		}
		out = binary.AppendUvarint(out, c.ID-block)
		return binary.AppendUvarint(out, uint64(index)), nil
	})
}

// encodeCaptureWith codes the fields of c that a binary record keeps
// (recBinary, recBlocked) after marker, then has rest append what stands
// for the JSON of every other field, js, which is valid until rest
// returns.
func encodeCaptureWith(c Capture, marker byte, rest func(out, js []byte) ([]byte, error)) ([]byte, error) {
	var flags byte
	payload, ok := canonicalHash(c.PayloadSHA256)
	if ok {
		flags |= capPayload
		c.PayloadSHA256 = ""
	}
	text, ok := canonicalHash(c.TextSHA256)
	if ok {
		flags |= capText
		c.TextSHA256 = ""
	}
	start, end := c.FetchStart, c.FetchEnd
	if binaryTime(start) && binaryTime(end) {
		flags |= capTimes
		c.FetchStart, c.FetchEnd = time.Time{}, time.Time{}
	}
	sketch := c.Sketch
	if len(sketch) > 0 {
		flags |= capSketch
	}
	id, run := c.ID, c.RunID
	c.ID, c.RunID, c.Sketch = 0, 0, nil
	raw := takeRaw(&c)
	jsBuf := jsonBufs.Get().(*[]byte)
	js, err := marshalStored((*jsBuf)[:0], &c, raw)
	defer func() {
		if cap(js) <= maxPooledJSON {
			*jsBuf = js
			jsonBufs.Put(jsBuf)
		}
	}()
	if err != nil {
		return nil, err
	}
	// Room for the fixed fields, the sketch and the JSON deflated (to
	// about a third: a half leaves a margin) when the record holds it,
	// so that the record is made in one allocation, not grown twice.
	size := captureHead + 2*len(Hash{}) + 16 + 2*binary.MaxVarintLen64 + 4*len(sketch)
	if marker == recBinary {
		size += len(js)/2 + 64
	}
	out := make([]byte, captureHead, size)
	out[0], out[1] = marker, flags
	binary.BigEndian.PutUint64(out[2:], id)
	binary.BigEndian.PutUint64(out[10:], run)
	if flags&capPayload != 0 {
		out = append(out, payload[:]...)
	}
	if flags&capText != 0 {
		out = append(out, text[:]...)
	}
	if flags&capTimes != 0 {
		out = binary.BigEndian.AppendUint64(out, uint64(start.UnixNano()))
		out = binary.BigEndian.AppendUint64(out, uint64(end.UnixNano()))
	}
	if flags&capSketch != 0 {
		out = binary.AppendUvarint(out, uint64(len(sketch)))
		for _, v := range sketch {
			out = binary.BigEndian.AppendUint32(out, v)
		}
	}
	return rest(out, js)
}

// jsonBufs hold a capture record's JSON while it is deflated into the
// record: a few kilobytes a capture, made once per writing goroutine
// rather than once per capture.
// One that grew past maxPooledJSON (a capture with a long head) is left
// to the collector.
var jsonBufs = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

const maxPooledJSON = 64 << 10

// captureDecodes counts the capture records this process has decoded:
// tests check with it that a path decodes a record once.
var captureDecodes atomic.Int64

// CaptureDecodes returns how many capture records this process has
// decoded so far: a cost counter for tests and benchmarks of the
// packages that read the archive.
func CaptureDecodes() int64 { return captureDecodes.Load() }

// decodeCaptureWith reads a stored capture, JSON or binary, whatever its
// key (captureReader.at checks it); rest gives a recBlocked record's rest.
func decodeCaptureWith(v []byte, rest func(block uint64, index int) ([]byte, error)) (Capture, error) {
	captureDecodes.Add(1)
	var c Capture
	var err error
	switch {
	case len(v) > 0 && (v[0] == recBinary || v[0] == recBlocked):
		c, err = decodeBinaryCapture(v, rest)
	default:
		err = json.Unmarshal(v, &c)
	}
	if err != nil {
		return Capture{}, fmt.Errorf("archive: decode capture: %w", err)
	}
	return c, nil
}

func decodeBinaryCapture(v []byte, blockRest func(block uint64, index int) ([]byte, error)) (Capture, error) {
	var c Capture
	r := fieldReader{b: v}
	head := r.bytes(2)
	id, run := r.uint64(), r.uint64()
	if r.err != nil {
		return c, r.err
	}
	flags := head[1]
	var payload, text []byte
	var start, end uint64
	var sketch []uint32
	if flags&capPayload != 0 {
		payload = r.bytes(32)
	}
	if flags&capText != 0 {
		text = r.bytes(32)
	}
	if flags&capTimes != 0 {
		start, end = r.uint64(), r.uint64()
	}
	if flags&capSketch != 0 {
		sketch = r.sketch()
	}
	js, err := recordRest(&r, head[0], id, blockRest)
	if err != nil {
		return c, err
	}
	stored := storedCapture{Capture: &c}
	if err := json.Unmarshal(js, &stored); err != nil {
		return c, err
	}
	if err := putRaw(&c, stored.Raw); err != nil {
		return c, err
	}
	c.ID, c.RunID, c.Sketch = id, run, sketch
	if payload != nil {
		c.PayloadSHA256 = Hash(payload).String()
	}
	if text != nil {
		c.TextSHA256 = Hash(text).String()
	}
	if flags&capTimes != 0 {
		c.FetchStart, c.FetchEnd = time.Unix(0, int64(start)).UTC(), time.Unix(0, int64(end)).UTC()
	}
	return c, nil
}

// recordRest reads the JSON of a binary record's other fields, r being
// past its binary fields: inflated from the record (recBinary) or taken
// from its block (recBlocked) through blockRest.
func recordRest(r *fieldReader, marker byte, id uint64, blockRest func(block uint64, index int) ([]byte, error)) ([]byte, error) {
	if marker == recBinary {
		n := r.uvarint()
		if r.err != nil {
			return nil, r.err
		}
		return inflateDict(r.b, n)
	}
	back, index := r.uvarint(), r.uvarint()
	switch {
	case r.err != nil:
		return nil, r.err
	case len(r.b) != 0:
		return nil, fmt.Errorf("%d bytes past a blocked record's fields", len(r.b))
	case back >= id || index >= maxBlockCount:
		return nil, fmt.Errorf("blocked record names block %d back, place %d", back, index)
	}
	return blockRest(id-back, int(index))
}

// canonicalHash parses s when it is a hash in the form Hash.String
// gives, which it then reads back as. It compares s with the digits
// written into an array, not with h.String(), which would allocate
// them (and the slice hex.EncodeToString writes them into) for each of
// a capture's hashes.
func canonicalHash(s string) (Hash, bool) {
	h, err := ParseHash(s)
	if err != nil {
		return h, false
	}
	var digits [2 * len(Hash{})]byte
	hex.Encode(digits[:], h[:])
	return h, string(digits[:]) == s
}

// binaryTime says whether t reads back unchanged from its UnixNano: UTC,
// not zero, within the years UnixNano can hold.
func binaryTime(t time.Time) bool {
	return !t.IsZero() && t.Location() == time.UTC && t.Year() > 1678 && t.Year() < 2262
}

// fieldReader reads a binary record's fields in order; the first short
// read sets err, and later reads return zero values.
type fieldReader struct {
	b   []byte
	err error
}

var errShortRecord = errors.New("binary record cut short")

func (r *fieldReader) bytes(n int) []byte {
	if r.err != nil || len(r.b) < n {
		r.err = errShortRecord
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *fieldReader) uint64() uint64 {
	if b := r.bytes(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

func (r *fieldReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.err = errShortRecord
		return 0
	}
	r.b = r.b[k:]
	return n
}

// sketch reads a count and that many 4-byte values; a count beyond the
// bytes left is a short record, not an allocation.
func (r *fieldReader) sketch() []uint32 {
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.b)/4) {
		r.err = errShortRecord
	}
	b := r.bytes(int(n) * 4)
	if b == nil {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.BigEndian.Uint32(b[4*i:])
	}
	return out
}

// Record inflaters are reused: each holds tens of kilobytes of state,
// more than the records they code.
var dictInflaters = newCoderPool(func() io.ReadCloser {
	return flate.NewReaderDict(bytes.NewReader(nil), captureDictBytes)
})

// coderPool keeps up to coderPoolSize idle coders for reuse. Unlike a
// sync.Pool it keeps them whatever the garbage collector or the race
// detector does (the latter makes a sync.Pool drop a quarter of what it
// is given, and a megabyte deflater made anew for a record costs more
// than coding it).
type coderPool[T any] struct {
	idle     chan T
	newCoder func() T
}

const coderPoolSize = 8

func newCoderPool[T any](newCoder func() T) *coderPool[T] {
	return &coderPool[T]{idle: make(chan T, coderPoolSize), newCoder: newCoder}
}

func (p *coderPool[T]) get() T {
	select {
	case c := <-p.idle:
		return c
	default:
		return p.newCoder()
	}
}

func (p *coderPool[T]) put(c T) {
	select {
	case p.idle <- c:
	default:
	}
}

// maxRecordJSON bounds the length a record may claim for its JSON, so
// that a damaged length is an error, not an allocation of exabytes.
const maxRecordJSON = 64 << 20

// inflateDict inflates z, the rest of a recBinary record deflated against
// captureDict (schema 3 to 7), which must inflate to exactly n bytes.
func inflateDict(z []byte, n uint64) ([]byte, error) {
	if n > maxRecordJSON {
		return nil, fmt.Errorf("record claims %d bytes of JSON", n)
	}
	return inflateDictPrefix(z, n, true, "record")
}

// inflateDictPrefix inflates the first n bytes of z, a deflate stream
// against captureDict (a recBinary record's rest, or a capture block's
// rests); whole says that they must be all of it. Its errors name what z
// is.
func inflateDictPrefix(z []byte, n uint64, whole bool, what string) ([]byte, error) {
	zr := dictInflaters.get()
	defer dictInflaters.put(zr)
	if err := zr.(flate.Resetter).Reset(bytes.NewReader(z), captureDictBytes); err != nil {
		return nil, err
	}
	out := make([]byte, n)
	if _, err := io.ReadFull(zr, out); err != nil {
		return nil, fmt.Errorf("inflate %s: %w", what, err)
	}
	if !whole {
		return out, nil
	}
	if k, err := zr.Read(make([]byte, 1)); k != 0 || err != io.EOF {
		return nil, fmt.Errorf("inflate %s: more than the %d bytes it claims, or cut short (%v)", what, n, err)
	}
	return out, nil
}
