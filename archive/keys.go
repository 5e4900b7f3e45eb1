package archive

import (
	"bytes"
	"encoding/binary"
)

// idKey is the 8-byte big-endian form of an ID, so keys sort by ID.
func idKey(id uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, id)
	return b
}

func keyID(b []byte) uint64 { return binary.BigEndian.Uint64(b[len(b)-8:]) }

// urlPrefix is the part of a urls key before the capture ID. URLs cannot
// hold NUL, and NUL sorts first, so one URL's keys are contiguous and a
// URL's keys never interleave with a longer URL's.
func urlPrefix(url string) []byte {
	return append([]byte(url), 0)
}

func urlKey(url string, id uint64) []byte {
	return append(urlPrefix(url), idKey(id)...)
}

// urlOfKey returns the URL part of a urls key.
func urlOfKey(k []byte) string { return string(k[:len(k)-9]) }

func docCapKey(text Hash, id uint64) []byte {
	return append(text[:len(text):len(text)], idKey(id)...)
}

func hasPrefix(k, prefix []byte) bool { return k != nil && bytes.HasPrefix(k, prefix) }
