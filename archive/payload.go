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
// then the bytes: raw, or compressed when that saves space. Since schema
// 4 they are compressed as one Zstandard frame (codec_zstd.go); before,
// as a plain RFC 1951 deflate stream, which still reads. Payloads that
// came gzipped do not shrink again and are kept raw.
const (
	codecRaw     byte = 0
	codecDeflate byte = 1 // written up to schema 3
	codecZstd    byte = 3 // 2 is codecBlob, a payload record's reference (blob.go)
	payloadHead       = 9
)

// encodePayload returns p in its stored form: zstd, or raw when that is
// no larger.
func encodePayload(p []byte) []byte {
	out := make([]byte, payloadHead, payloadHead+len(p)/2)
	putPayloadHeader(out, codecZstd, len(p))
	out = zstdAppend(out, p)
	if len(out) < payloadHead+len(p) {
		return out
	}
	return append(payloadHeader(codecRaw, len(p)), p...)
}

func payloadHeader(codec byte, n int) []byte {
	h := make([]byte, payloadHead)
	putPayloadHeader(h, codec, n)
	return h
}

// putPayloadHeader writes the header of a stored payload of n raw bytes
// into h[:payloadHead].
func putPayloadHeader(h []byte, codec byte, n int) {
	h[0] = codec
	binary.BigEndian.PutUint64(h[1:], uint64(n))
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
	case codecZstd:
		return zstdDecode(v[payloadHead:], n)
	}
	return nil, fmt.Errorf("unknown codec %d", v[0])
}

// inflaters are reused: a flate reader holds a 32 KB
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
