package archive

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

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

// docRecord is a document as stored: its text inline (schema 1) or in
// blob TextBlob.
type docRecord struct {
	Document
	TextBlob uint64 `json:"text_blob,omitempty"`
}

func encodeDocument(tx *bolt.Tx, d Document) ([]byte, error) {
	id, err := putBlob(tx, []byte(d.Text))
	if err != nil {
		return nil, err
	}
	d.Text = ""
	return json.Marshal(docRecord{Document: d, TextBlob: id})
}

// decodeDocument decodes a stored document, its text read from its blob.
func decodeDocument(tx *bolt.Tx, v []byte) (Document, error) {
	var r docRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return Document{}, err
	}
	if r.TextBlob != 0 {
		text, err := getBlob(tx, r.TextBlob)
		if err != nil {
			return Document{}, err
		}
		r.Text = string(text)
	}
	return r.Document, nil
}
