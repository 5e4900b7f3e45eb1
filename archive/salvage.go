package archive

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SalvageOptions tune Salvage. The zero value re-hashes every payload but
// cannot re-hash texts (see VerifyOptions.TextHasher).
type SalvageOptions struct {
	TextHasher  func(string) string // as VerifyOptions: pass clean.TextHash
	NormVersion int                 // as VerifyOptions
	Now         func() time.Time    // clock of the new archive's lock note; default time.Now
	// Interrupt, when set and closed, stops the copy at the next capture
	// with ErrInterrupted; the new archive, not whole, is removed.
	Interrupt <-chan struct{}
}

// Loss is one record, or one damaged span of a bucket, Salvage did not
// copy. Key is hex as Verify names it; for damaged pages, the keys after
// Key ("" from the start) and before Until ("" to the end) are lost.
type Loss struct {
	Bucket  string `json:"bucket"`
	Key     string `json:"key"`
	Capture uint64 `json:"capture,omitempty"`
	Until   string `json:"until,omitempty"`
	Detail  string `json:"detail"`
}

func (l Loss) String() string {
	s := "lost " + l.Bucket + " " + l.Key
	if l.Capture != 0 {
		s += fmt.Sprintf(" (capture %d)", l.Capture)
	}
	return s + ": " + l.Detail
}

// SalvageStats counts, by bucket, the records Salvage copied and those it
// lost (a damaged span counts once under "pages").
type SalvageStats struct {
	Copied map[string]int `json:"copied"`
	Lost   map[string]int `json:"lost"`
}

// Salvage copies every capture of the archive at src that still reads into
// a new archive at dst, which must not exist, and calls lost once per
// record it leaves out. src is opened read-only and never written.
//
// A capture is copied, under its own ID, with its payload (decompressed
// and re-hashed: it must hash to the capture's payload_sha256) and its
// document (it must decode, name its own hash, and with opts.TextHasher
// hash to it), its own text when it names one (owntext.go: it must
// decode, hash exactly to its key, and with opts.TextHasher normalise to
// the capture's text hash), and, for a stitched capture, when every page
// capture it names was copied; otherwise it is lost, and the payload,
// document or own text that failed is reported once (bucket owntexts). A capture whose run record is lost is
// still copied. Runs are copied when they decode. The indexes (urls,
// doccaps, pages, the sketch index) are rebuilt from the copied captures;
// a document's first capture is the first copied capture that brings it.
// Fields this prov does not know survive: records are copied as stored.
//
// A meta page that does not check, when it held the newest commit, is
// reported first (bucket "bbolt-meta", as Verify's FindMetaPage): bbolt
// reads the file as of the commit before, so the copy is of that one.
//
// Pages bbolt panics on are reported and walked past (walk), with
// debug.SetPanicOnFault set on the calling goroutine while Salvage reads.
// A file refused before it is mapped (ErrDamaged, ErrNotArchive) is
// returned as it is: nothing of it can be read here.
func Salvage(src, dst string, opts SalvageOptions, lost func(Loss)) (SalvageStats, error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	st := SalvageStats{Copied: map[string]int{}, Lost: map[string]int{}}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	from, err := openBolt(src, true, DefaultTimeout)
	if err != nil {
		return st, err
	}
	defer from.Close()
	to, err := createNew(dst, opts.Now)
	if err != nil {
		return st, err
	}
	defer discardOnPanic(to, dst)
	s := &salvager{opts: opts, to: to, st: st, lost: lost,
		payloads: map[string]string{}, docs: map[string]string{}, owns: map[string]string{}, copied: map[uint64]bool{}}
	if m := metaDamageOf(src); m != nil && m.Lost() {
		s.lose(Loss{Bucket: "bbolt-meta", Key: strconv.Itoa(m.Page), Detail: m.Detail()})
	}
	err = from.View(func(tx *bolt.Tx) error {
		s.tx, s.caps = tx, captureReader{tx: tx, keep: true}
		if err := s.runs(); err != nil {
			return err
		}
		return s.captures()
	})
	if err == nil {
		err = s.flush()
	}
	if err == nil {
		err = to.FlushIndex()
	}
	if cerr := to.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst) // ours, and not whole
		return st, fmt.Errorf("archive: salvage %s into %s: %w", src, dst, err)
	}
	return st, nil
}

// discardOnPanic closes and removes dst, a salvage's new archive, when
// Salvage panics (a read bbolt's guard did not catch, or the caller's lost
// callback), and lets the panic go on: the file is ours and not whole, and
// left open it would stay locked for the rest of the process.
func discardOnPanic(to *DB, dst string) {
	if r := recover(); r != nil {
		to.Close()
		os.Remove(dst)
		panic(r)
	}
}

// createNew creates the archive at path, which must not exist.
func createNew(path string, now func() time.Time) (*DB, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("archive: create %s: %w", path, err)
	}
	f.Close()
	return Open(path, Options{Holder: "prov salvage", Now: now})
}

// salvager is one Salvage: it reads src in tx and writes to in batches.
type salvager struct {
	opts SalvageOptions
	tx   *bolt.Tx
	to   *DB
	st   SalvageStats
	lost func(Loss)

	payloads map[string]string // payload sha read → why it is lost, "" when it reads
	docs     map[string]string // text sha read → why it is lost, "" when it reads
	owns     map[string]string // own text sha and norm version read → why it is lost, "" when it reads
	copied   map[uint64]bool   // capture IDs copied
	caps     captureReader     // reads the captures in ID order
	batch    []salvaged
	size     int
}

// salvaged is one capture to write, as stored, with what is new of it.
type salvaged struct {
	id      uint64
	raw     []byte
	block   []byte // the capture block raw names, as stored (nil when it names none)
	blockID uint64
	c       Capture
	payload []byte    // nil when its payload was copied already (or none)
	doc     *Document // nil when its document was copied already (or none)
	own     *string   // its own text when it names one (Capture.OwnTextSHA256)
}

const (
	salvageBatch      = 512
	salvageBatchBytes = 64 << 20
)

func (s *salvager) lose(l Loss) {
	s.st.Lost[l.Bucket]++
	if s.lost != nil {
		s.lost(l)
	}
}

func (s *salvager) damage(bucket string) func(Damage) error {
	return func(d Damage) error {
		s.st.Lost["pages"]++
		if s.lost != nil {
			s.lost(Loss{Bucket: bucket, Key: hexOrEmpty(d.After), Until: hexOrEmpty(d.Until), Detail: d.span()})
		}
		return nil
	}
}

// runs copies every run that decodes and is filed under its own ID.
func (s *salvager) runs() error {
	return walk(s.tx, bucketRuns, func(k, v []byte) error {
		var r Run
		err := json.Unmarshal(v, &r)
		if err == nil && (len(k) != 8 || r.ID != keyID(k)) {
			err = fmt.Errorf("record has id %d", r.ID)
		}
		if err != nil {
			s.lose(Loss{Bucket: "runs", Key: hex.EncodeToString(k), Detail: err.Error()})
			return nil
		}
		raw := bytes.Clone(v)
		s.st.Copied["runs"]++
		return s.to.bolt.Update(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketRuns)
			if r.ID > b.Sequence() {
				if err := b.SetSequence(r.ID); err != nil {
					return err
				}
			}
			return b.Put(idKey(r.ID), raw)
		})
	}, s.damage("runs"))
}

// captures walks the captures in ID order, copying each that reads.
func (s *salvager) captures() error {
	return walk(s.tx, bucketCaptures, func(k, v []byte) error {
		select {
		case <-s.opts.Interrupt:
			return ErrInterrupted
		default:
		}
		var x salvaged
		why := ""
		if err := guarded(func() error { why = s.capture(k, v, &x); return nil }); err != nil {
			why = err.Error()
		}
		if why != "" {
			s.lose(Loss{Bucket: "captures", Key: hex.EncodeToString(k), Capture: keyIDOf(k), Detail: why})
			return nil
		}
		s.copied[x.id] = true
		s.st.Copied["captures"]++
		s.batch = append(s.batch, x)
		s.size += len(x.raw) + len(x.payload)
		if x.doc != nil {
			s.size += len(x.doc.Text)
		}
		if x.own != nil {
			s.size += len(*x.own)
		}
		if len(s.batch) >= salvageBatch || s.size >= salvageBatchBytes {
			return s.flush()
		}
		return nil
	}, s.damage("captures"))
}

// capture reads one capture and what it needs into x, and says why it
// cannot be copied ("" when it can).
func (s *salvager) capture(k, v []byte, x *salvaged) string {
	c, err := s.caps.at(k, v)
	switch {
	case err != nil:
		return err.Error()
	case c.URL == "" || strings.IndexByte(c.URL, 0) >= 0:
		return fmt.Sprintf("bad URL %q", c.URL)
	}
	*x = salvaged{id: c.ID, raw: bytes.Clone(v), c: c}
	if s.caps.read != 0 { // copied as stored, with its record
		x.blockID, x.block = s.caps.read, bytes.Clone(s.tx.Bucket(bucketCapBlocks).Get(idKey(s.caps.read)))
	}
	if c.PayloadSHA256 != "" {
		if why := s.payload(c.PayloadSHA256, x); why != "" {
			return "its payload " + c.PayloadSHA256 + " is lost: " + why
		}
	}
	if c.TextSHA256 != "" {
		if why := s.document(c.TextSHA256, x); why != "" {
			return "its document " + c.TextSHA256 + " is lost: " + why
		}
	}
	if c.OwnTextSHA256 != "" {
		if why := s.ownText(c, x); why != "" {
			return "its own text " + c.OwnTextSHA256 + " is lost: " + why
		}
	}
	for i, p := range c.Pages {
		if !s.copied[p.CaptureID] {
			return fmt.Sprintf("its page %d, capture %d, is lost", i+1, p.CaptureID)
		}
	}
	return ""
}

// payload reads and re-hashes the payload sha once; a payload that fails
// is reported once and says why to each capture that names it.
func (s *salvager) payload(sha string, x *salvaged) string {
	if why, seen := s.payloads[sha]; seen {
		return why
	}
	p, err := s.readPayload(sha)
	if err != nil {
		s.payloads[sha] = err.Error()
		s.lose(Loss{Bucket: "payloads", Key: sha, Detail: err.Error()})
		return err.Error()
	}
	s.payloads[sha] = ""
	x.payload = p
	return ""
}

func (s *salvager) readPayload(sha string) (p []byte, err error) {
	h, err := ParseHash(sha)
	if err != nil {
		return nil, err
	}
	err = guarded(func() error {
		v := idxPayloads.inWhole(s.tx).get(h[:])
		if v == nil {
			return errors.New("not stored")
		}
		p, err = readPayload(s.tx, v)
		return err
	})
	if err == nil && Sum(p) != h {
		err = fmt.Errorf("content hashes to %s", Sum(p))
	}
	return p, err
}

// document reads and checks the document sha once, as payload does.
func (s *salvager) document(sha string, x *salvaged) string {
	if why, seen := s.docs[sha]; seen {
		return why
	}
	d, err := s.readDocument(sha)
	if err != nil {
		s.docs[sha] = err.Error()
		s.lose(Loss{Bucket: "documents", Key: sha, Detail: err.Error()})
		return err.Error()
	}
	s.docs[sha] = ""
	x.doc = &d
	return ""
}

func (s *salvager) readDocument(sha string) (d Document, err error) {
	h, err := ParseHash(sha)
	if err != nil {
		return d, err
	}
	err = guarded(func() (err error) { d, err = getDocument(s.tx, h); return err })
	switch {
	case err != nil:
		return d, err
	case d.TextSHA256 != sha:
		return d, errors.New("record names text_sha256 " + d.TextSHA256)
	case s.opts.TextHasher != nil && (s.opts.NormVersion == 0 || d.NormVersion == s.opts.NormVersion):
		if got := s.opts.TextHasher(d.Text); got != sha {
			return d, errors.New("text hashes to " + got)
		}
	}
	return d, nil
}

// ownText reads and checks c's own text once (per norm version, which
// its check depends on), as document does: the first capture that names
// it carries it into the new archive; one that fails is reported once and
// says why to each capture that names it.
func (s *salvager) ownText(c Capture, x *salvaged) string {
	key := c.OwnTextSHA256 + " " + fmt.Sprint(c.NormVersion)
	if why, seen := s.owns[key]; seen {
		return why
	}
	text, err := s.readOwnText(c)
	if err != nil {
		s.owns[key] = err.Error()
		s.lose(Loss{Bucket: string(bucketOwnTexts), Key: c.OwnTextSHA256, Detail: err.Error()})
		return err.Error()
	}
	s.owns[key] = ""
	x.own = &text
	return ""
}

func (s *salvager) readOwnText(c Capture) (text string, err error) {
	h, err := ParseHash(c.OwnTextSHA256)
	if err != nil {
		return "", err
	}
	err = guarded(func() (err error) { text, err = ownText(s.tx, h); return err })
	switch {
	case err != nil:
		return "", err
	case Sum([]byte(text)) != h:
		return "", fmt.Errorf("text hashes to %s", Sum([]byte(text)))
	case s.opts.TextHasher != nil && (s.opts.NormVersion == 0 || c.NormVersion == s.opts.NormVersion):
		if got := s.opts.TextHasher(text); got != c.TextSHA256 {
			return "", errors.New("text normalises to " + got + ", not the capture's text hash " + c.TextSHA256)
		}
	}
	return text, nil
}

// flush writes the batch to the new archive in one transaction.
func (s *salvager) flush() error {
	if len(s.batch) == 0 {
		return nil
	}
	err := s.to.bolt.Update(func(tx *bolt.Tx) error {
		for i := range s.batch {
			if err := putSalvaged(tx, &s.batch[i]); err != nil {
				return err
			}
		}
		return nil
	})
	for _, x := range s.batch {
		if x.payload != nil {
			s.st.Copied["payloads"]++
		}
		if x.doc != nil {
			s.st.Copied["documents"]++
		}
		if x.own != nil {
			s.st.Copied[string(bucketOwnTexts)]++
		}
	}
	s.batch, s.size = s.batch[:0], 0
	return err
}

// putSalvaged stores one salvaged capture as it was stored, with its
// payload and document when they are new here, and indexes it as
// putEntry does.
func putSalvaged(tx *bolt.Tx, x *salvaged) error {
	c := &x.c
	caps := tx.Bucket(bucketCaptures)
	caps.FillPercent = appendFill
	if c.ID > caps.Sequence() {
		if err := caps.SetSequence(c.ID); err != nil {
			return err
		}
	}
	if _, err := putPayload(tx, c, nil, x.payload); err != nil { // encoded only when new to the copy
		return err
	}
	if x.doc != nil {
		if err := putSalvagedDocument(tx, *x.doc, c.ID); err != nil {
			return err
		}
	}
	if x.own != nil {
		if err := putSalvagedOwnText(tx, c.OwnTextSHA256, *x.own); err != nil {
			return err
		}
	}
	for _, put := range []func(*bolt.Tx, *Capture) error{putSketch, putIndexes, putPageIndex} {
		if err := put(tx, c); err != nil {
			return err
		}
	}
	if err := putSalvagedBlock(tx, x); err != nil {
		return err
	}
	if err := caps.Put(idKey(c.ID), x.raw); err != nil {
		return fmt.Errorf("archive: put capture %d: %w", c.ID, err)
	}
	return nil
}

// putSalvagedBlock stores the capture block x's record names, as it was
// stored, unless an earlier capture of the block stored it. It holds the
// rests of the block's captures that were lost too: the copy keeps the
// block's bytes whole rather than code another.
func putSalvagedBlock(tx *bolt.Tx, x *salvaged) error {
	if x.block == nil {
		return nil
	}
	b := tx.Bucket(bucketCapBlocks)
	if b.Get(idKey(x.blockID)) != nil {
		return nil
	}
	b.FillPercent = appendFill
	if err := b.Put(idKey(x.blockID), x.block); err != nil {
		return fmt.Errorf("archive: put capture block %d: %w", x.blockID, err)
	}
	return nil
}

// putSalvagedDocument stores d, first brought here by capture id.
func putSalvagedDocument(tx *bolt.Tx, d Document, id uint64) error {
	h, _ := ParseHash(d.TextSHA256) // checked by readDocument
	b := idxDocuments.in(tx)
	if b.get(h[:]) != nil {
		return nil
	}
	d.FirstCapture = id
	v, err := encodeDocument(tx, d, nil, 0)
	if err == nil {
		err = b.put(h[:], v)
	}
	if err != nil {
		return fmt.Errorf("archive: put document %s: %w", h.Short(), err)
	}
	return nil
}

// putSalvagedOwnText stores an own text under its exact sha256 (checked by
// readOwnText), in a blob, unless stored.
func putSalvagedOwnText(tx *bolt.Tx, sha, text string) error {
	h, _ := ParseHash(sha)
	b := tx.Bucket(bucketOwnTexts)
	if b == nil {
		return fmt.Errorf("archive: put own text %s: %w", h.Short(), errBucketMissing)
	}
	if b.Get(h[:]) != nil {
		return nil
	}
	id, err := putBlob(tx, encodeText(text))
	if err == nil {
		err = b.Put(h[:], ownTextRecord{kind: ownTextBlob, blob: id}.encode())
	}
	if err != nil {
		return fmt.Errorf("archive: put own text %s: %w", h.Short(), err)
	}
	return nil
}
