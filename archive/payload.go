package archive

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/flate"
	bolt "go.etcd.io/bbolt"
)

// A stored payload is one codec byte, the raw length (8 bytes, big-endian),
// then the bytes: raw, or deflated when that saves space. Deflated bytes
// are plain RFC 1951 streams that any inflater reads (klauspost's encoder
// writes them, at about 1.8 times the speed of compress/flate's). Payloads
// that came gzipped do not shrink again and are kept raw.
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

func encodePayload(p []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(payloadHead + len(p)/3)
	buf.Write(payloadHeader(codecDeflate, len(p)))
	zw := deflaters.get()
	zw.Reset(&buf)
	zw.Write(p)
	zw.Close()
	deflaters.put(zw)
	if buf.Len() < payloadHead+len(p) {
		return buf.Bytes()
	}
	return append(payloadHeader(codecRaw, len(p)), p...)
}

func payloadHeader(codec byte, n int) []byte {
	h := make([]byte, payloadHead)
	h[0] = codec
	binary.BigEndian.PutUint64(h[1:], uint64(n))
	return h
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
		out, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(v[payloadHead:])), n+1))
		if err != nil {
			return nil, fmt.Errorf("inflate: %w", err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown codec %d", v[0])
}

// Payload returns the payload stored under its hex sha256, decompressed
// and verified: stored bytes that do not hash to sha give a *CorruptError
// (errors.Is(err, ErrCorrupt)); a payload never stored gives ErrNotFound.
func (db *DB) Payload(sha string) ([]byte, error) {
	h, err := ParseHash(sha)
	if err != nil {
		return nil, err
	}
	var p []byte
	err = db.bolt.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPayloads).Get(h[:])
		if v == nil {
			return fmt.Errorf("archive: payload %s: %w", h.Short(), ErrNotFound)
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
