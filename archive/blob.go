package archive

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

// Large values live in the blobs bucket under increasing IDs, and the
// hash-keyed payloads and documents buckets hold small records naming
// them (schema 2):
//
//	blobs      blob ID (8 bytes big-endian) → stored payload, or a text
//
// Keys by content hash are random, so a batch of new pages touches about
// one page of those buckets per entry; with kilobytes inline, every such
// page was read and rewritten with its overflow, and a crawl's memory
// filled with mapped pages of the file. Blobs are appended: written once,
// in order. Schema 1 archives keep their inline values, which read as
// before.
var bucketBlobs = []byte("blobs")

// errBlobMissing is the error of a record naming a blob that is not stored.
var errBlobMissing = errors.New("blob missing")

// putBlob appends data to the blobs bucket and returns its ID.
func putBlob(tx *bolt.Tx, data []byte) (uint64, error) {
	b, err := tx.CreateBucketIfNotExists(bucketBlobs)
	if err != nil {
		return 0, err
	}
	b.FillPercent = 1 // keys only ever grow
	id, err := b.NextSequence()
	if err != nil {
		return 0, err
	}
	return id, b.Put(idKey(id), data)
}

// getBlob returns blob id; the bytes are valid for the transaction only.
func getBlob(tx *bolt.Tx, id uint64) ([]byte, error) {
	var v []byte
	if b := tx.Bucket(bucketBlobs); b != nil {
		v = b.Get(idKey(id))
	}
	if v == nil {
		return nil, fmt.Errorf("%w: blob %d", errBlobMissing, id)
	}
	return v, nil
}

// A payload record of codec codecBlob is the header (codec, raw length)
// and the 8-byte ID of the blob holding the stored payload (its own
// header, then raw or deflated bytes).
const codecBlob byte = 2

func payloadRef(rawLen int, blob uint64) []byte {
	return binary.BigEndian.AppendUint64(payloadHeader(codecBlob, rawLen), blob)
}

// storedPayload returns the stored form of a payload record: the record
// itself, or the blob it names.
func storedPayload(tx *bolt.Tx, v []byte) ([]byte, error) {
	if len(v) < payloadHead || v[0] != codecBlob {
		return v, nil
	}
	if len(v) != payloadHead+8 {
		return nil, fmt.Errorf("blob reference of %d bytes", len(v)-payloadHead)
	}
	return getBlob(tx, binary.BigEndian.Uint64(v[payloadHead:]))
}

// readPayload decodes a payload record, following its blob reference.
func readPayload(tx *bolt.Tx, v []byte) ([]byte, error) {
	s, err := storedPayload(tx, v)
	if err != nil {
		return nil, err
	}
	return decodePayload(s)
}

// docRecord is a document as stored: JSON with its text inline (schema
// 1) or in blob TextBlob as raw bytes (schema 2); or, since schema 3,
// binary (codec.go's recBinary):
//
//	recBinary
//	text sha256    32 raw bytes
//	norm version   uvarint
//	length         uvarint (characters)
//	first capture  8 bytes big-endian
//	text blob      8 bytes big-endian; the blob holds the text in a
//	               stored payload's form (codec byte, raw length, raw or
//	               deflated bytes: encodePayload)
//	exact sha256   32 raw bytes: the sha256 of the text as it is, not
//	               normalised (Document.ExactSHA256); since schema 6,
//	               absent from records written before
//
// A text hash not in canonical form keeps the document in JSON.
type docRecord struct {
	Document
	TextBlob uint64 `json:"text_blob,omitempty"`
	coded    bool   // binary: the blob is in encodePayload's form
}

// encodeDocument stores d's text in a blob and returns d's record. coded,
// when not nil, is d.Text already in its blob form (encodeText). pair,
// when not 0, is a stored pair blob holding d.Text as its text part
// (pair.go), which a binary record names instead of a blob of its own. A
// d.ExactSHA256 not in canonical form is computed from d.Text.
func encodeDocument(tx *bolt.Tx, d Document, coded []byte, pair uint64) ([]byte, error) {
	exact, ok := canonicalHash(d.ExactSHA256)
	if !ok {
		exact = Sum(readOnly(d.Text))
		d.ExactSHA256 = exact.String()
	}
	h, canonical := canonicalHash(d.TextSHA256)
	id := pair
	if !canonical || id == 0 {
		text := coded // the text's blob: its coded form, or, in a JSON record, the text as it is
		switch {
		case !canonical:
			text = []byte(d.Text)
		case text == nil:
			text = encodeText(d.Text)
		}
		var err error
		if id, err = putBlob(tx, text); err != nil {
			return nil, err
		}
	}
	if !canonical {
		d.Text = ""
		return json.Marshal(docRecord{Document: d, TextBlob: id})
	}
	// Made at its full length once, not grown by each field's append.
	out := make([]byte, 0, 1+len(h)+2*binary.MaxVarintLen64+8+8+len(exact))
	out = append(append(out, recBinary), h[:]...)
	out = binary.AppendUvarint(out, uint64(d.NormVersion))
	out = binary.AppendUvarint(out, uint64(d.Length))
	out = binary.BigEndian.AppendUint64(out, d.FirstCapture)
	out = binary.BigEndian.AppendUint64(out, id)
	return append(out, exact[:]...), nil
}

// decodeDocRecord decodes a stored document record, JSON or binary,
// without reading its text blob.
func decodeDocRecord(v []byte) (docRecord, error) {
	var r docRecord
	if len(v) == 0 || v[0] != recBinary {
		err := json.Unmarshal(v, &r)
		return r, err
	}
	f := fieldReader{b: v[1:]}
	h := f.bytes(32)
	norm, length := f.uvarint(), f.uvarint()
	first, blob := f.uint64(), f.uint64()
	var exact []byte
	if len(f.b) == len(Hash{}) { // schema 6
		exact = f.bytes(len(Hash{}))
	}
	switch {
	case f.err != nil:
		return r, f.err
	case len(f.b) != 0:
		return r, fmt.Errorf("binary document record: %d bytes past its end", len(f.b))
	case blob == 0:
		return r, errors.New("binary document record names no text blob")
	}
	if exact != nil {
		r.ExactSHA256 = Hash(exact).String()
	}
	r.TextSHA256 = Hash(h).String()
	r.NormVersion, r.Length, r.FirstCapture = int(norm), int(length), first
	r.TextBlob, r.coded = blob, true
	return r, nil
}

// decodeDocument decodes a stored document, its text read from its blob.
func decodeDocument(tx *bolt.Tx, v []byte) (Document, error) {
	r, err := decodeDocRecord(v)
	if err != nil || r.TextBlob == 0 {
		return r.Document, err
	}
	text, err := getBlob(tx, r.TextBlob)
	if err != nil {
		return Document{}, err
	}
	if r.coded {
		if text, err = decodeText(text); err != nil {
			return Document{}, fmt.Errorf("text blob %d: %w", r.TextBlob, err)
		}
	}
	r.Text = string(text)
	return r.Document, nil
}

// encodeText is a text's blob in a binary document record: the stored
// payload form, deflated when that saves space.
func encodeText(text string) []byte { return encodePayload(readOnly(text)) }

// readOnly is s's bytes, not a copy of them, for a reader that only reads
// them (a hash, a deflater, a copy): a string's bytes may be read through
// unsafe.StringData as long as nothing writes them. []byte(s) copied a
// page's text twice in prepare.
func readOnly(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// decodeText decodes a text blob in encodePayload's form, checking its
// length, or the text part of a pair blob (pair.go).
func decodeText(v []byte) ([]byte, error) {
	if isPair(v) {
		return decodePairText(v)
	}
	text, err := decodePayload(v)
	if err == nil && int64(len(text)) != payloadRawLen(v) {
		err = fmt.Errorf("%d bytes where the header says %d", len(text), payloadRawLen(v))
	}
	return text, err
}
