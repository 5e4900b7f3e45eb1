package archive

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Own texts. A document is stored once per normalised text hash, with
// the text of the capture that first brought it. Copies whose texts
// differ from it only in what normalisation folds (full-width against
// half-width punctuation, NFKC forms, white space) share that document,
// and so their work and their relation (identical), but each copy's text
// is its own: a capture whose text is not byte for byte its document's
// names it (Capture.OwnTextSHA256), and the archive keeps it, once per
// exact sha256, never overwritten (schema 6):
//
//	owntexts   exact text sha256 (32 raw bytes) → a record:
//	           ownTextBlob ‖ blob ID (8 bytes big-endian): the blob
//	           holds the text as a document's blob does (encodeText);
//	           or ownTextDocument ‖ text sha256 (32 raw bytes): the
//	           text is that document's, one stored before schema 6
//	           without its exact sha256, as the first write that
//	           compared them found, so that they are compared once
//
// A document of schema 6 records its text's exact sha256, so a write
// compares hashes, not texts: the common case, a text its document's,
// costs the sha256 of the text (made outside the transaction, by
// prepare) and no read of the stored text.
var bucketOwnTexts = []byte("owntexts")

// Kinds of owntexts record.
const (
	ownTextBlob     byte = 1
	ownTextDocument byte = 2
)

// ownTextRecord is an owntexts record: a blob, or a document's text.
type ownTextRecord struct {
	kind byte
	blob uint64 // ownTextBlob
	doc  Hash   // ownTextDocument
}

func (r ownTextRecord) encode() []byte {
	if r.kind == ownTextBlob {
		return binary.BigEndian.AppendUint64([]byte{ownTextBlob}, r.blob)
	}
	return append([]byte{ownTextDocument}, r.doc[:]...)
}

func decodeOwnTextRecord(v []byte) (ownTextRecord, error) {
	switch {
	case len(v) == 9 && v[0] == ownTextBlob:
		r := ownTextRecord{kind: ownTextBlob, blob: binary.BigEndian.Uint64(v[1:])}
		if r.blob == 0 {
			return r, fmt.Errorf("own text record names no blob")
		}
		return r, nil
	case len(v) == 1+len(Hash{}) && v[0] == ownTextDocument:
		return ownTextRecord{kind: ownTextDocument, doc: Hash(v[1:])}, nil
	}
	return ownTextRecord{}, fmt.Errorf("own text record of %d bytes, kind %d", len(v), firstByte(v))
}

func firstByte(v []byte) int {
	if len(v) == 0 {
		return -1
	}
	return int(v[0])
}

// keepOwnText sets c.OwnTextSHA256 for e's text, whose document, stored
// already, is the record doc: "" when the text is the document's, else
// its exact sha256, the text stored under it unless it is already.
func keepOwnText(tx *bolt.Tx, c *Capture, e *Entry, doc []byte) error {
	c.OwnTextSHA256 = ""
	b := tx.Bucket(bucketOwnTexts)
	if b == nil {
		return fmt.Errorf("archive: put own text: %s: %w", bucketOwnTexts, errBucketMissing)
	}
	same, err := isDocumentText(tx, b, c, e, doc)
	if err != nil || same {
		return err
	}
	c.OwnTextSHA256 = e.exact.String()
	if b.Get(e.exact[:]) != nil {
		return nil // stored once
	}
	coded := e.storedText
	if coded == nil {
		coded = encodeText(e.Text)
	}
	id, err := putBlob(tx, coded)
	if err == nil {
		err = b.Put(e.exact[:], ownTextRecord{kind: ownTextBlob, blob: id}.encode())
	}
	if err != nil {
		return fmt.Errorf("archive: put own text %s: %w", e.exact.Short(), err)
	}
	return nil
}

// isDocumentText says whether e's text is the text of the document
// stored as doc under c's text hash. A schema 6 document says by its
// exact sha256; an older one is decoded and compared once, and a text
// found to be its text is recorded so in b. A record that does not
// decode says no: the text is then kept as the capture's own.
func isDocumentText(tx *bolt.Tx, b *bolt.Bucket, c *Capture, e *Entry, doc []byte) (bool, error) {
	r, err := decodeDocRecord(doc)
	if err != nil {
		return false, nil
	}
	if exact, ok := canonicalHash(r.ExactSHA256); ok {
		return exact == e.exact, nil
	}
	h, _ := ParseHash(c.TextSHA256) // checked by prepare
	if v := b.Get(e.exact[:]); v != nil {
		o, err := decodeOwnTextRecord(v)
		return err == nil && o.kind == ownTextDocument && o.doc == h, nil
	}
	d, err := decodeDocument(tx, doc)
	if err != nil || d.Text != e.Text {
		return false, nil
	}
	if err := b.Put(e.exact[:], ownTextRecord{kind: ownTextDocument, doc: h}.encode()); err != nil {
		return false, fmt.Errorf("archive: put own text %s: %w", e.exact.Short(), err)
	}
	return true, nil
}

// CaptureText returns c's own clean text: the text it brought, as clean
// made it. That is its document's text (the first text stored under
// c.TextSHA256) unless c names an own text (OwnTextSHA256), which is
// then read. Every view or export of a copy's text reads it so; a view
// of a document (a work, the search index) may read the document's
// (Document). A capture without a text is an ErrNotFound.
func (db *DB) CaptureText(c Capture) (string, error) {
	var text string
	err := db.view(func(tx *bolt.Tx) (err error) {
		text, err = captureText(tx, c)
		return err
	})
	return text, err
}

// captureText is CaptureText inside tx.
func captureText(tx *bolt.Tx, c Capture) (string, error) {
	if c.TextSHA256 == "" {
		return "", notFound("capture %d: text", c.ID)
	}
	if c.OwnTextSHA256 == "" {
		h, err := ParseHash(c.TextSHA256)
		if err != nil {
			return "", fmt.Errorf("archive: capture %d: text: %w", c.ID, err)
		}
		d, err := getDocument(tx, h)
		return d.Text, err
	}
	x, err := ParseHash(c.OwnTextSHA256)
	if err != nil {
		return "", fmt.Errorf("archive: capture %d: own text: %w", c.ID, err)
	}
	text, err := ownText(tx, x)
	if err != nil {
		return "", fmt.Errorf("archive: capture %d: %w", c.ID, err)
	}
	return text, nil
}

// ownText reads the own text stored under its exact sha256 x.
func ownText(tx *bolt.Tx, x Hash) (string, error) {
	var v []byte
	if b := tx.Bucket(bucketOwnTexts); b != nil {
		v = b.Get(x[:])
	}
	if v == nil {
		return "", notFound("own text %s", x.Short())
	}
	r, err := decodeOwnTextRecord(v)
	if err != nil {
		return "", fmt.Errorf("archive: own text %s: %w", x.Short(), err)
	}
	if r.kind == ownTextDocument {
		d, err := getDocument(tx, r.doc)
		if err != nil {
			return "", fmt.Errorf("archive: own text %s: %w", x.Short(), err)
		}
		return d.Text, nil
	}
	blob, err := getBlob(tx, r.blob)
	if err == nil {
		blob, err = decodeText(blob)
	}
	if err != nil {
		return "", fmt.Errorf("archive: own text %s: blob %d: %w", x.Short(), r.blob, err)
	}
	return string(blob), nil
}
