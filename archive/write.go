package archive

import (
	"fmt"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Document is one clean text, stored once per text hash and never changed.
type Document struct {
	TextSHA256  string `json:"text_sha256"`
	NormVersion int    `json:"norm_version"`
	Text        string `json:"text"`
	Length      int    `json:"length"` // characters (Unicode code points) in Text
	// ExactSHA256 is the hex sha256 of Text as it is, not normalised: a
	// capture whose own text hashes otherwise keeps it (OwnTextSHA256).
	// "" in documents stored before schema 6.
	ExactSHA256  string `json:"exact_sha256,omitempty"`
	FirstCapture uint64 `json:"first_capture"` // the capture that first brought it
}

// Write stores entries in one transaction and returns their capture IDs,
// in order. Either all are stored or none. For each entry it checks that
// the payload hashes to Capture.PayloadSHA256 (filling PayloadSHA256 and
// PayloadLength when empty), stores the payload and the document unless
// already present, fills Capture.Kind when empty, and indexes the capture
// by URL and by text hash. Capture.URL defaults to FinalURL, then
// RequestedURL.
func (db *DB) Write(entries []Entry) ([]uint64, error) {
	caps, err := db.write(entries)
	if err != nil {
		return nil, err
	}
	ids := make([]uint64, len(caps))
	for i, c := range caps {
		ids[i] = c.ID
	}
	return ids, nil
}

// write prepares a copy of entries outside the transaction (hashing is the
// slow part) and stores them in one.
func (db *DB) write(entries []Entry) ([]Capture, error) {
	if db.readOnly {
		return nil, ErrReadOnly
	}
	prepared := make([]Entry, len(entries))
	for i := range entries {
		prepared[i] = entries[i]
		if err := prepare(&prepared[i]); err != nil {
			return nil, err
		}
	}
	return db.writePrepared(prepared, nil)
}

// writePrepared stores entries in one transaction, with the run record
// run returns for them when run is set (WriterConfig.RunRecord), then
// moves a full sketch-index tail into the index and folds the index
// tails that are due (fold.go). caps are the stored
// captures; they are set when err is the error of that second step.
func (db *DB) writePrepared(entries []Entry, run func([]Capture) Run) ([]Capture, error) {
	caps := make([]Capture, len(entries))
	full := false
	var folds []*index
	err := db.update(func(tx *bolt.Tx) error {
		blocks := newCapBlocks(tx)
		for i := range entries {
			if err := putEntry(tx, blocks, &entries[i], &caps[i]); err != nil {
				return err
			}
		}
		if err := blocks.close(); err != nil {
			return err
		}
		if run != nil {
			if err := putRunning(tx, run(caps)); err != nil {
				return err
			}
		}
		full, folds = tailFull(tx), foldsDue(tx)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if db.onWrite != nil {
		db.onWrite(caps)
	}
	if full {
		err = db.FlushIndex()
	}
	if err == nil {
		err = db.foldTails(folds)
	}
	if err == nil {
		err = db.dropMappedOver(writerMappedLimit)
	}
	if err != nil {
		return caps, fmt.Errorf("archive: captures stored, but: %w", err)
	}
	return caps, nil
}

// writerMappedLimit is the file-backed resident memory past which a
// write drops the archive's pages (dropMappedOver) once committed. A
// batch's keys (URLs, hashes) are random, so the pages it reads are all
// over the file; each stays resident, counted in the process's memory,
// until the file is unmapped. A sketch-index flush reads the index
// whole. The prov binary's own pages are 17 MB of the limit.
const writerMappedLimit = 40 << 20

// prepare checks an entry and fills what can be derived from it.
func prepare(e *Entry) error {
	c := &e.Capture
	if c.URL == "" {
		c.URL = c.FinalURL
	}
	if c.URL == "" {
		c.URL = c.RequestedURL
	}
	if c.URL == "" || strings.IndexByte(c.URL, 0) >= 0 {
		return fmt.Errorf("archive: put capture: bad URL %q", c.URL)
	}
	if err := preparePayload(e); err != nil {
		return err
	}
	if c.TextSHA256 != "" {
		if _, err := ParseHash(c.TextSHA256); err != nil {
			return fmt.Errorf("archive: put capture %s: text: %w", c.URL, err)
		}
		if e.Text != "" {
			if !documentKnown(e) && !isPair(e.stored) {
				e.storedText = encodeText(e.Text) // outside the transaction, as the payload
			}
			e.exact = Sum(readOnly(e.Text))
		}
	} else if e.Text != "" {
		return fmt.Errorf("archive: put capture %s: text without text_sha256", c.URL)
	}
	if c.OwnTextSHA256 != "" && e.Text == "" { // copied with the clean fields (CleanFrom)
		if _, err := ParseHash(c.OwnTextSHA256); err != nil {
			return fmt.Errorf("archive: put capture %s: own text: %w", c.URL, err)
		}
	}
	c.FetchStart, c.FetchEnd = c.FetchStart.UTC(), c.FetchEnd.UTC()
	return nil
}

// documentKnown reports that e's text is of a document the archive
// holds already, as far as e.Previous says: the URL's previous capture
// named it (a page fetched again whose bytes changed and whose text did
// not). prepare then leaves the text uncoded: a write stores a text
// only for a new document, or as the capture's own when it differs from
// its document's and is not stored yet (owntext.go), and codes it
// itself then. Documents are never removed, so that is for an own text
// only, and the coding the write threw away is saved.
func documentKnown(e *Entry) bool {
	p, sha := e.Previous, e.Capture.TextSHA256
	return p != nil && (p.page != nil && p.page.TextSHA256 == sha || p.last != nil && p.last.TextSHA256 == sha)
}

func preparePayload(e *Entry) error {
	c := &e.Capture
	if e.Payload == nil {
		if c.PayloadSHA256 == "" {
			return nil
		}
		_, err := ParseHash(c.PayloadSHA256)
		return wrapPut(c, err)
	}
	got := Sum(e.Payload)
	if c.PayloadSHA256 != "" {
		want, err := ParseHash(c.PayloadSHA256)
		if err != nil {
			return wrapPut(c, err)
		}
		if got != want {
			return fmt.Errorf("archive: put capture %s: %w: bytes hash to %s, record says %s",
				c.URL, ErrMismatch, got, want)
		}
	}
	c.PayloadSHA256 = got.String()
	if c.PayloadLength == 0 {
		c.PayloadLength = int64(len(e.Payload))
	}
	if e.Previous != nil && e.Previous.PayloadSHA256 == c.PayloadSHA256 {
		// A revisit: the URL's latest payload is these bytes, stored
		// already. Not encoded; kept raw for putPayload, in case the
		// archive no longer holds them.
		return nil
	}
	// Encoded here, in the caller's goroutine, not in the transaction. The
	// entry keeps the encoded form only: a queued entry is one copy of its
	// payload, not two (the raw bytes are the caller's to drop).
	if pairable(e) {
		if pair := encodePair(e.Payload, e.Text); pair != nil {
			e.stored, e.Payload = pair, nil
			return nil
		}
	}
	e.stored, e.Payload = encodePayloadOf(c, e.Payload), nil
	return nil
}

// pairable reports an entry whose new payload and text go in one pair
// blob (pair.go): a payload that did not come compressed (precoded) and
// the text of a document not known to be stored (documentKnown), whose
// hash is in canonical form (else its record is JSON, its text raw).
// Either may turn out stored already when the write comes (putPayload,
// putDocument); the other is then coded alone there.
func pairable(e *Entry) bool {
	c := &e.Capture
	if e.Text == "" || precoded(c, e.Payload) || documentKnown(e) {
		return false
	}
	_, ok := canonicalHash(c.TextSHA256)
	return ok
}

func wrapPut(c *Capture, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("archive: put capture %s: %w", c.URL, err)
}

// appendFill is the fill of buckets whose keys only grow (capture IDs):
// their pages are never split again, so they can be filled.
const appendFill = 0.95

// putEntry stores one prepared entry inside tx, its capture's rest in
// the open block of blocks (which the caller closes before tx commits),
// and sets *c to the capture as stored (ID and Kind filled). c is where
// the caller keeps it (a batch's slice of captures): the capture, several
// hundred bytes, is copied into it once, not returned and copied again.
func putEntry(tx *bolt.Tx, blocks *capBlocks, e *Entry, c *Capture) error {
	*c = e.Capture
	caps := tx.Bucket(bucketCaptures)
	caps.FillPercent = appendFill
	id, err := caps.NextSequence()
	if err != nil {
		return fmt.Errorf("archive: put capture: %w", err)
	}
	c.ID = id
	if c.Kind == "" {
		c.Kind = deriveKind(tx, c, e.Previous)
	}
	pair, err := putPayload(tx, c, e.stored, e.Payload)
	if err != nil {
		return err
	}
	fresh, err := putDocument(tx, c, e, pair)
	if err != nil {
		return err
	}
	if err := indexSketch(tx, c, fresh); err != nil {
		return err
	}
	if err := putIndexes(tx, c); err != nil {
		return err
	}
	if err := putPageIndex(tx, c); err != nil {
		return err
	}
	b, err := encodeBlocked(*c, blocks)
	if err != nil {
		return fmt.Errorf("archive: put capture: %w", err)
	}
	if err := caps.Put(idKey(id), b); err != nil {
		return fmt.Errorf("archive: put capture: %w", err)
	}
	return nil
}

// deriveKind classifies a capture against its URL's previous capture,
// read through prev when that is current (lastCaptureVia).
func deriveKind(tx *bolt.Tx, c *Capture, prev *Previous) string {
	switch {
	case c.Error != "" || c.Status == 0:
		return KindFailed
	case c.Status == 304:
		return KindNotModified
	}
	if c.PayloadSHA256 != "" {
		if last, ok := lastCaptureVia(tx, c.URL, prev); ok && last.PayloadSHA256 == c.PayloadSHA256 {
			return KindRevisit
		}
	}
	return KindResponse
}

// lastCapture returns the latest capture stored for url that brought a
// payload (a 304 or a failure in between does not hide it).
func lastCapture(tx *bolt.Tx, url string) (Capture, bool) {
	ids := urlCaptureIDs(tx, url)
	for i := len(ids) - 1; i >= 0; i-- {
		c, err := getCapture(tx, ids[i])
		if err != nil {
			return Capture{}, false
		}
		if c.PayloadSHA256 != "" && c.Error == "" {
			return c, true
		}
	}
	return Capture{}, false
}

// putPayload stores a payload unless present; stored is its encoded form
// (encodePayload or a pair blob, made by prepare), or nil, when prepare
// left a revisit's bytes raw (encoded here if they are not present after
// all) or the entry has no payload (raw nil too). pair is the ID of the
// pair blob it stored, for the document to name; 0 when it stored none.
// A pair blob is stored whole even when its document turns out present:
// its text part is then read by no record, as the payload is not held
// raw to code again.
func putPayload(tx *bolt.Tx, c *Capture, stored, raw []byte) (pair uint64, err error) {
	if stored == nil && raw == nil {
		return 0, nil
	}
	h, _ := ParseHash(c.PayloadSHA256) // checked by prepare
	b := idxPayloads.in(tx)
	if b.get(h[:]) != nil {
		return 0, nil // already present: stored once
	}
	if stored == nil {
		stored = encodePayloadOf(c, raw)
	}
	blob, err := putBlob(tx, stored)
	if err == nil {
		err = b.put(h[:], payloadRef(int(payloadRawLen(stored)), blob))
	}
	if err != nil {
		return 0, fmt.Errorf("archive: put payload %s: %w", h.Short(), err)
	}
	if isPair(stored) {
		pair = blob
	}
	return pair, nil
}

// putDocument stores the capture's document, e.Text, unless present
// (its blob form e.storedText, when prepare made it, or pair, the pair
// blob putPayload stored with it, and exact sha256 e.exact made by
// prepare). A text prepare put in a pair blob whose payload was stored
// already is coded here.
// fresh reports that it stored it: c is the document's first capture
// (what putSketch would otherwise read back and decode, text and all).
// When the document is present, its text stays (the first text stored
// under a hash), and c keeps its own when that is another (keepOwnText).
// Without a text, c's OwnTextSHA256 stays as the caller set it.
func putDocument(tx *bolt.Tx, c *Capture, e *Entry, pair uint64) (fresh bool, err error) {
	if e.Text == "" {
		return false, nil
	}
	h, _ := ParseHash(c.TextSHA256) // checked by prepare
	b := idxDocuments.in(tx)
	if v := b.get(h[:]); v != nil {
		return false, keepOwnText(tx, c, e, v) // immutable: the first text stored under a hash stays
	}
	c.OwnTextSHA256 = ""
	doc := Document{TextSHA256: c.TextSHA256, NormVersion: c.NormVersion, Text: e.Text,
		Length: utf8.RuneCountInString(e.Text), FirstCapture: c.ID, ExactSHA256: e.exact.String()}
	v, err := encodeDocument(tx, doc, e.storedText, pair)
	if err == nil {
		err = b.put(h[:], v)
	}
	if err != nil {
		return false, fmt.Errorf("archive: put document %s: %w", h.Short(), err)
	}
	return true, nil
}

func putIndexes(tx *bolt.Tx, c *Capture) error {
	if err := idxURLs.in(tx).put(urlKey(c.URL, c.ID), []byte{}); err != nil {
		return fmt.Errorf("archive: put url index: %w", err)
	}
	if err := putRequestedIndex(tx, c); err != nil {
		return err
	}
	if c.TextSHA256 == "" {
		return nil
	}
	h, _ := ParseHash(c.TextSHA256)
	if err := idxDocCaps.in(tx).put(docCapKey(h, c.ID), []byte{}); err != nil {
		return fmt.Errorf("archive: put document index: %w", err)
	}
	return nil
}
