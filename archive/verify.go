package archive

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/bloom"
)

// Kinds of Finding.
const (
	FindPayloadCorrupt   = "payload-corrupt"   // stored payload does not decode or hash to its key
	FindPayloadMissing   = "payload-missing"   // a capture names a payload that is not stored
	FindDocumentCorrupt  = "document-corrupt"  // stored document does not decode or hash to its key
	FindDocumentMissing  = "document-missing"  // a capture names a text that is not stored
	FindCaptureCorrupt   = "capture-corrupt"   // capture record does not decode or is filed under another ID
	FindCaptureUnindexed = "capture-unindexed" // a capture is missing from the urls or doccaps index
	FindIndexDangling    = "index-dangling"    // an index entry or reference names a capture that is not there (or not that one)
	FindIndexTwice       = "index-twice"       // a key is in both an index's tail and its main bucket (levels.go)
	FindFilterMiss       = "filter-miss"       // a key of an index's main bucket is not in its current filter (filter.go): lookups would not find it
	FindRunMissing       = "run-missing"       // a capture names a run that is not stored
	FindRunCorrupt       = "run-corrupt"       // run record does not decode or is filed under another ID
	FindUnreadable       = "unreadable"        // pages of a bucket bbolt cannot read: the keys after Key and before Until are lost
	FindMetaPage         = "meta-page"         // a bbolt meta page (Key: 0 or 1) does not check: the file is read as of the other's transaction (MetaDamage)
	FindOwnTextCorrupt   = "own-text-corrupt"  // stored own text does not decode, hash to its key, or normalise to its capture's text hash (owntext.go)
	FindOwnTextMissing   = "own-text-missing"  // a capture names an own text that is not stored
)

// ErrFinding is matched (errors.Is) by every Finding.
var ErrFinding = errors.New("archive: verify finding")

// Finding is one problem Verify found. Bucket and Key say where (Key is the
// hex content address, the URL of a urls entry, or a decimal ID); Capture is
// the capture concerned, 0 when none.
type Finding struct {
	Kind    string `json:"kind"`
	Bucket  string `json:"bucket"`
	Key     string `json:"key"`
	Capture uint64 `json:"capture,omitempty"`
	Detail  string `json:"detail"`
	// Until, for FindUnreadable in a walk, is the first key read again
	// after the damage (hex; "" when none was): the bucket's keys after
	// Key ("" from its start) and before Until are lost.
	Until string `json:"until,omitempty"`
}

func (f Finding) Error() string {
	s := fmt.Sprintf("%s: %s %s", f.Kind, f.Bucket, f.Key)
	if f.Capture != 0 {
		s += fmt.Sprintf(" (capture %d)", f.Capture)
	}
	return s + ": " + f.Detail
}

// Is makes errors.Is(f, ErrFinding) hold.
func (f Finding) Is(target error) bool { return target == ErrFinding }

// VerifyOptions tune Verify. The zero value checks everything but the
// document hashes.
type VerifyOptions struct {
	// TextHasher, when set, recomputes a document's key from its text (the
	// archive cannot: normalisation lives in clean; pass clean.TextHash).
	TextHasher func(string) string
	// NormVersion, when not 0, limits the TextHasher check to documents of
	// that normalisation version; others cannot be recomputed.
	NormVersion int
	// Stitch, when set, joins page texts as the stitcher did (pass
	// clean.StitchText): a stitched capture's text must be its pages' joined.
	Stitch func(pages []string) string
}

// VerifyStats counts what Verify read.
type VerifyStats struct {
	Captures  int `json:"captures"`
	Payloads  int `json:"payloads"`
	Documents int `json:"documents"`
	Runs      int `json:"runs"`
	Findings  int `json:"findings"`
}

// Verify checks the archive's fixity and references without document
// hashes; see VerifyWith.
func (db *DB) Verify(fn func(Finding) error) error {
	_, err := db.VerifyWith(VerifyOptions{}, fn)
	return err
}

// VerifyWith re-hashes every payload (decompressed, its sha256 must equal
// its key), re-checks every document (and its hash, with opts.TextHasher),
// and checks every reference: captures to payloads, documents, runs and
// both indexes, and the urls and doccaps indexes back to captures. The
// four two-level indexes are checked in both levels, and a key found in
// both is a finding (FindIndexTwice). fn is
// called once per finding, as found; an error from fn stops the check and
// is returned. Findings are not errors of VerifyWith: it returns nil when
// the walk finished, whatever it found.
//
// A damaged page is a finding, not the end of the check: a page bbolt
// panics on while walking a bucket gives FindUnreadable, naming the keys
// around it, and the walk goes on past it; a record whose own reads panic
// is reported as corrupt (or its reference as dangling). VerifyWith sets debug.SetPanicOnFault on its goroutine while
// it reads, so a wild read of a damaged page is a panic, not a crash.
// A meta page of the file that did not check when db was opened (the
// file is read as of the other's, older transaction) is the first
// finding, FindMetaPage.
//
// Everything is read in one read transaction, so the check sees one state of
// the archive. It works on a read-only open, but bbolt locks the file while
// it is open, even to read, so a crawl could not commit to the file while
// VerifyWith walks it. To check an archive during a crawl, open it with
// OpenSnapshot, as prov verify does: the crawl waits only for the copy,
// which is made in one read transaction and whose data pages are the
// file's own bytes, so checking it checks the file as of that moment. (A
// copy made by other means, such as cp, during a commit may show findings
// of its own.) prov verify --refetch, which writes, takes the run lock
// instead and is refused while a crawl runs.
func (db *DB) VerifyWith(opts VerifyOptions, fn func(Finding) error) (VerifyStats, error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	v := &verifier{opts: opts, fn: fn, stop: db.Interrupted}
	if m := db.meta; m != nil {
		if err := v.report(Finding{Kind: FindMetaPage, Bucket: "bbolt-meta", Key: strconv.Itoa(m.Page), Detail: m.Detail()}); err != nil {
			return v.stats, err
		}
	}
	err := db.view(func(tx *bolt.Tx) error {
		v.tx, v.caps = tx, captureReader{tx: tx, keep: true}
		for _, step := range []func() error{v.payloads, v.documents, v.ownTexts, v.runs, v.captures, v.urls, v.docCaps, v.rest} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	return v.stats, err
}

// rest walks every key of the buckets the other steps do not walk (the
// near-copy index, the index filters, blobs, meta), nested buckets too,
// which reads every page that holds them: such buckets hold no record to
// check against another, but a damaged page in them breaks prov works
// and the exports, so it is a finding (FindUnreadable) like one in any
// other bucket. The bytes of a value are not read.
func (v *verifier) rest() error {
	checked := map[string]bool{}
	for _, ix := range []*index{idxPayloads, idxDocuments, idxURLs, idxDocCaps} {
		checked[string(ix.main)], checked[string(ix.tail)] = true, true
	}
	checked[string(bucketRuns)], checked[string(bucketCaptures)] = true, true
	checked[string(bucketOwnTexts)] = true
	var names [][]byte
	err := guarded(func() error {
		return v.tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, bytes.Clone(name))
			return nil
		})
	})
	if err != nil {
		return v.report(Finding{Kind: FindUnreadable, Bucket: "(the list of buckets)", Detail: err.Error()})
	}
	for _, name := range names {
		if checked[string(name)] {
			continue
		}
		b, _ := guardedBucket(v.tx, name) // walk reports a bucket it cannot open
		err := v.walk(name, func(k, val []byte) error {
			if val != nil || b == nil {
				return nil
			}
			return v.nested(string(name), b, k)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// nested walks every key of the bucket under key in parent, and of its
// own nested buckets, reporting the first page that will not read.
func (v *verifier) nested(path string, parent *bolt.Bucket, key []byte) error {
	path += "/" + hexOrText(key)
	err := guarded(func() error {
		b := parent.Bucket(key)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, val []byte) error {
			if err := v.stop(); err != nil {
				return err
			}
			if val == nil {
				return v.nested(path, b, k)
			}
			return nil
		})
	})
	if errors.Is(err, errUnreadable) {
		return v.report(Finding{Kind: FindUnreadable, Bucket: path, Detail: err.Error()})
	}
	return err
}

// hexOrText names a nested bucket's key: as text when it is printable
// ASCII, else in hex.
func hexOrText(k []byte) string {
	for _, c := range k {
		if c < ' ' || c > '~' {
			return hex.EncodeToString(k)
		}
	}
	return string(k)
}

// verifier is one Verify walk.
type verifier struct {
	tx    *bolt.Tx
	caps  captureReader // reads the captures in ID order (captures)
	opts  VerifyOptions
	fn    func(Finding) error
	stop  func() error // DB.Interrupted, checked at every record
	stats VerifyStats

	normalised map[[2]string]string // own text sha and norm version → what its TextHasher check found ("" fine)
	entries    *entryBatch          // the index entries and findings walkEntries holds, nil outside it
}

// report hands f to fn, or, while an index's entries are being gathered
// (walkEntries), holds it until the entries before it are checked.
func (v *verifier) report(f Finding) error {
	if v.entries != nil {
		v.entries.hold(f)
		return nil
	}
	v.stats.Findings++
	return v.fn(f)
}

// has reports whether key is stored in bucket name; a bucket or page that
// cannot be read says no.
func (v *verifier) has(name, key []byte) bool {
	b, err := guardedBucket(v.tx, name)
	if err != nil {
		return false
	}
	val, err := guardedGet(b, key)
	return err == nil && val != nil
}

// hasIn reports whether key is stored in either level of ix.
func (v *verifier) hasIn(ix *index, key []byte) bool {
	return v.has(ix.tail, key) || v.has(ix.main, key)
}

// walkIndex walks both levels of ix, main then tail (walk), and reports a
// tail key that main holds too: readers would take the tail's value and
// a fold would overwrite main's. fn checks the keys of both.
func (v *verifier) walkIndex(ix *index, fn func(k, val []byte) error) error {
	if err := v.walk(ix.main, v.filtered(ix, fn)); err != nil {
		return err
	}
	if _, err := guardedBucket(v.tx, ix.tail); errors.Is(err, errBucketMissing) {
		return nil // schema 4 or older: no tail
	}
	return v.walk(ix.tail, func(k, val []byte) error {
		if v.has(ix.main, k) {
			err := v.report(Finding{Kind: FindIndexTwice, Bucket: string(ix.tail), Key: hex.EncodeToString(k),
				Detail: "key is in " + ix.name + " as well"})
			if err != nil {
				return err
			}
		}
		return fn(k, val)
	})
}

// filtered wraps fn, a walk of ix's main bucket, with the check that its
// current filter (filter.go), if it has one, holds each key. The filter is
// read as lookups read it; one that cannot be read is as none.
func (v *verifier) filtered(ix *index, fn func(k, val []byte) error) func(k, val []byte) error {
	var f bloom.Filter
	ok := false
	guarded(func() error {
		f, ok = storedFilter(v.tx, ix, v.tx.Bucket(ix.main))
		return nil
	})
	if !ok {
		return fn
	}
	return func(k, val []byte) error {
		if !f.MayHold(ix.filterKey(k)) {
			err := v.report(Finding{Kind: FindFilterMiss, Bucket: string(bucketFilters), Key: hex.EncodeToString(k),
				Detail: "key of " + ix.name + " is not in its filter: lookups would miss it (prov salvage copies the archive without filters)"})
			if err != nil {
				return err
			}
		}
		return fn(k, val)
	}
}

// walk walks bucket name (walk), reporting its damaged parts.
func (v *verifier) walk(name []byte, fn func(k, val []byte) error) error {
	return walk(v.tx, name, func(k, val []byte) error {
		if err := v.stop(); err != nil {
			return err
		}
		return fn(k, val)
	}, func(d Damage) error {
		return v.report(Finding{Kind: FindUnreadable, Bucket: string(name), Key: hexOrEmpty(d.After),
			Until: hexOrEmpty(d.Until), Detail: d.span()})
	})
}

// record checks one record with check; when a page it reads panics, the
// record is reported as kind (its bucket's corrupt or dangling kind).
func (v *verifier) record(kind, bucket, key string, capture uint64, check func() error) error {
	var ferr error // an error of fn: returned, not reported
	err := guarded(func() error { ferr = check(); return nil })
	if err != nil {
		return v.report(Finding{Kind: kind, Bucket: bucket, Key: key, Capture: capture, Detail: err.Error()})
	}
	return ferr
}

func hexOrEmpty(b []byte) string {
	if b == nil {
		return ""
	}
	return hex.EncodeToString(b)
}

func (v *verifier) payloads() error {
	return v.walkIndex(idxPayloads, func(k, val []byte) error {
		v.stats.Payloads++
		key := hex.EncodeToString(k)
		return v.record(FindPayloadCorrupt, "payloads", key, 0, func() error { return v.payload(k, key, val) })
	})
}

func (v *verifier) payload(k []byte, key string, val []byte) error {

	p, err := readPayload(v.tx, val)
	if err != nil {
		return v.report(Finding{Kind: FindPayloadCorrupt, Bucket: "payloads", Key: key, Detail: err.Error()})
	}
	if got := Sum(p); !bytes.Equal(got[:], k) {
		return v.report(Finding{Kind: FindPayloadCorrupt, Bucket: "payloads", Key: key,
			Detail: "content hashes to " + got.String()})
	}
	return nil
}

func (v *verifier) documents() error {
	return v.walkIndex(idxDocuments, func(k, val []byte) error {
		v.stats.Documents++
		return v.record(FindDocumentCorrupt, "documents", hex.EncodeToString(k), 0, func() error { return v.document(k, val) })
	})
}

func (v *verifier) document(k, val []byte) error {

	if detail := v.documentProblem(k, val); detail != "" {
		return v.report(Finding{Kind: FindDocumentCorrupt, Bucket: "documents", Key: hex.EncodeToString(k), Detail: detail})
	}
	return v.firstCapture(k, val)
}

// documentProblem says what is wrong with the document stored under k, ""
// when nothing is.
func (v *verifier) documentProblem(k, val []byte) string {
	d, err := decodeDocument(v.tx, val)
	if err != nil {
		return "does not decode: " + err.Error()
	}
	key := hex.EncodeToString(k)
	if d.TextSHA256 != key {
		return "record names text_sha256 " + d.TextSHA256
	}
	if d.ExactSHA256 != "" {
		if got := Sum([]byte(d.Text)).String(); got != d.ExactSHA256 {
			return "text hashes exactly to " + got + ", the record says " + d.ExactSHA256
		}
	}
	if v.opts.TextHasher == nil || (v.opts.NormVersion != 0 && d.NormVersion != v.opts.NormVersion) {
		return ""
	}
	if got := v.opts.TextHasher(d.Text); got != key {
		return "text hashes to " + got
	}
	return ""
}

// firstCapture checks that a document's FirstCapture is stored.
func (v *verifier) firstCapture(k, val []byte) error {
	d, err := decodeDocRecord(val)
	if err != nil || d.FirstCapture == 0 || v.has(bucketCaptures, idKey(d.FirstCapture)) {
		return nil
	}
	return v.report(Finding{Kind: FindIndexDangling, Bucket: "documents", Key: hex.EncodeToString(k),
		Capture: d.FirstCapture, Detail: "first_capture is not stored"})
}

func (v *verifier) runs() error {
	return v.walk(bucketRuns, func(k, val []byte) error {
		v.stats.Runs++
		var r Run
		err := json.Unmarshal(val, &r)
		if err == nil && (len(k) != 8 || r.ID != keyID(k)) {
			err = fmt.Errorf("record has id %d", r.ID)
		}
		if err != nil {
			return v.report(Finding{Kind: FindRunCorrupt, Bucket: "runs", Key: fmt.Sprintf("%x", k), Detail: err.Error()})
		}
		return nil
	})
}

func (v *verifier) captures() error {
	return v.walk(bucketCaptures, func(k, val []byte) error {
		v.stats.Captures++
		key := hex.EncodeToString(k)
		var id uint64
		if len(k) == 8 {
			id = keyID(k)
		}
		return v.record(FindCaptureCorrupt, "captures", key, id, func() error { return v.capture(k, val) })
	})
}

func (v *verifier) capture(k, val []byte) error {
	c, err := v.caps.at(k, val)
	if err != nil {
		return v.report(Finding{Kind: FindCaptureCorrupt, Bucket: "captures", Key: fmt.Sprintf("%x", k), Detail: err.Error()})
	}
	for _, f := range v.captureRefs(c) {
		if err := v.report(f); err != nil {
			return err
		}
	}
	return nil
}

// captureRefs checks the references of one capture.
func (v *verifier) captureRefs(c Capture) []Finding {
	var out []Finding
	add := func(kind, bucket, key, detail string) {
		out = append(out, Finding{Kind: kind, Bucket: bucket, Key: key, Capture: c.ID, Detail: detail})
	}
	if c.PayloadSHA256 != "" {
		h, err := ParseHash(c.PayloadSHA256)
		if err != nil || !v.hasIn(idxPayloads, h[:]) {
			add(FindPayloadMissing, "payloads", c.PayloadSHA256, "payload named by the capture is not stored")
		}
	}
	if c.TextSHA256 != "" {
		h, err := ParseHash(c.TextSHA256)
		if err != nil || !v.hasIn(idxDocuments, h[:]) {
			add(FindDocumentMissing, "documents", c.TextSHA256, "text named by the capture is not stored")
		}
		if err == nil && !v.hasIn(idxDocCaps, docCapKey(h, c.ID)) {
			add(FindCaptureUnindexed, "doccaps", c.TextSHA256, "capture is not indexed under its text")
		}
	}
	if f, ok := v.ownTextRef(c); !ok {
		out = append(out, f)
	}
	if !v.hasIn(idxURLs, urlKey(c.URL, c.ID)) {
		add(FindCaptureUnindexed, "urls", c.URL, "capture is not indexed under its URL")
	}
	if c.RunID != 0 && !v.has(bucketRuns, idKey(c.RunID)) {
		add(FindRunMissing, "runs", fmt.Sprint(c.RunID), "run named by the capture is not stored")
	}
	if detail := cleanFromProblem(v.tx, c); detail != "" {
		add(FindIndexDangling, "captures", fmt.Sprint(c.CleanFrom), detail)
	}
	return append(out, v.stitchRefs(c)...)
}

// cleanFromProblem says what is wrong with c's CleanFrom, "" if nothing:
// it must name an earlier capture of the same URL that brought the same
// bytes and text under the same clean key.
func cleanFromProblem(tx *bolt.Tx, c Capture) string {
	if c.CleanFrom == 0 {
		return ""
	}
	from, err := getCapture(tx, c.CleanFrom)
	switch {
	case err != nil:
		return fmt.Sprintf("clean fields copied from capture %d, which is not stored", c.CleanFrom)
	case from.ID >= c.ID || from.URL != c.URL:
		return fmt.Sprintf("clean fields copied from capture %d, which is not an earlier capture of %s", c.CleanFrom, c.URL)
	case from.PayloadSHA256 != c.PayloadSHA256 || from.TextSHA256 != c.TextSHA256 || from.CleanKey != c.CleanKey ||
		from.OwnTextSHA256 != c.OwnTextSHA256:
		return fmt.Sprintf("clean fields copied from capture %d, which brought other bytes, text or clean key", c.CleanFrom)
	}
	return ""
}

// urls checks that every urls entry names a stored capture of that URL.
func (v *verifier) urls() error {
	return v.walkEntries(idxURLs, func(k []byte) error {
		if len(k) < 9 || k[len(k)-9] != 0 {
			return v.report(Finding{Kind: FindIndexDangling, Bucket: "urls", Key: fmt.Sprintf("%q", k), Detail: "malformed key"})
		}
		v.entries.add("urls", urlOfKey(k), keyID(k))
		return nil
	}, func(url string, c Capture) string {
		if c.URL != url {
			return "capture is filed under URL " + c.URL
		}
		return ""
	})
}

// docCaps checks that every doccaps entry names a stored capture of that text.
func (v *verifier) docCaps() error {
	return v.walkEntries(idxDocCaps, func(k []byte) error {
		if len(k) != len(Hash{})+8 {
			return v.report(Finding{Kind: FindIndexDangling, Bucket: "doccaps", Key: fmt.Sprintf("%x", k), Detail: "malformed key"})
		}
		v.entries.add("doccaps", hex.EncodeToString(k[:len(Hash{})]), keyID(k))
		return nil
	}, func(text string, c Capture) string {
		if c.TextSHA256 != text {
			return "capture names text " + c.TextSHA256
		}
		return ""
	})
}
