package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// Defaults of UpdateOptions.
const (
	DefaultBatch   = 250
	DefaultTimeout = 5 * time.Second
)

// mappedLimit is the file-backed resident memory past which an update
// drops the index's pages from its resident set (dropMapped) after each
// write: the prov binary's own pages are 17 MB of it. A variable for
// tests only.
var mappedLimit int64 = 40 << 20

// UpdateOptions configure Update. The zero value reads DefaultBatch
// captures per opening of the archive and waits DefaultTimeout for a lock.
type UpdateOptions struct {
	Batch   int           // captures read in one read of the archive
	Timeout time.Duration // wait for the archive's or the index's file lock
}

// UpdateStats says what an Update added.
type UpdateStats struct {
	Captures  int    // captures read
	Documents int    // documents new to the index
	Last      uint64 // the last capture ID the index has now read
	Rebuilt   string // the earlier layout of an index rebuilt from the archive, "" if none was
}

// Update brings the index beside the archive at archivePath (PathFor) up
// to date, creating it when there is none and rebuilding one of an
// earlier layout (UpdateStats.Rebuilt says so); see Index.Update.
func Update(archivePath string, o UpdateOptions) (st UpdateStats, err error) {
	o = o.withDefaults()
	if _, err := os.Stat(archivePath); err != nil {
		return UpdateStats{}, fmt.Errorf("search: no index made for %s: %w", archivePath, err)
	}
	ix, rebuilt, err := openForUpdate(PathFor(archivePath), o.Timeout)
	if err != nil {
		return UpdateStats{}, err
	}
	defer func() { // closed however the update ends, a panic too: a handle left open keeps the lock
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
	}()
	st, err = ix.Update(archivePath, o)
	st.Rebuilt = rebuilt
	return st, err
}

func (o UpdateOptions) withDefaults() UpdateOptions {
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	return o
}

// maxBatchHits bounds the postings an update gathers before it writes
// them (8 bytes each, 4 MB), whatever o.Batch: fewer, larger writes make
// fewer segments to merge.
var maxBatchHits = 1 << 19 // a variable for tests only

// Reader runs fn with the archive open: a read-only opening of its file
// for the time of fn (Update), or the open archive of a crawl writing it
// (a Feed).
type Reader func(fn func(db *archive.DB) error) error

// openReader is a Reader that opens the archive at path read-only for
// each call, waiting at most timeout for its lock.
func openReader(path string, timeout time.Duration) Reader {
	return func(fn func(db *archive.DB) error) error {
		db, err := archive.Open(path, archive.Options{ReadOnly: true, Timeout: timeout})
		if err != nil {
			return err
		}
		defer db.Close()
		return fn(db)
	}
}

// Update reads the captures the archive at archivePath added after the
// last one the index read, in batches of o.Batch, each in one short
// read-only opening of the archive, and adds the new documents (their
// texts, titles and URLs) and the titles and URLs new to known documents
// in one write of the index per maxBatchHits postings gathered. It stops
// when the archive has nothing newer; a failed read or write leaves the
// index as the last good write left it.
func (ix *Index) Update(archivePath string, o UpdateOptions) (UpdateStats, error) {
	o = o.withDefaults()
	st, err := ix.catchUp(openReader(archivePath, o.Timeout), 0, o)
	if err != nil {
		err = fmt.Errorf("search: update %s from %s: %w", ix.path, archivePath, err)
	}
	return st, err
}

// catchUp is Update through read, reading no capture numbered above
// upTo (0: no bound).
func (ix *Index) catchUp(read Reader, upTo uint64, o UpdateOptions) (UpdateStats, error) {
	var st UpdateStats
	last, err := ix.Last()
	if err != nil {
		return st, err
	}
	st.Last = last
	var log postingLog
	var d *dict
	for {
		d = d.again()
		b, err := ix.newBatch(last, d, &log)
		if err != nil {
			return st, err
		}
		err = ix.viewSHAs(b, func() error {
			for b.hits < maxBatchHits {
				before := b.last
				if err := ix.readBatch(read, b, upTo, o); err != nil {
					return err
				}
				if b.last == before {
					return nil // nothing newer
				}
			}
			return nil
		})
		if err != nil {
			return st, err
		}
		if b.last == last {
			return st, nil
		}
		if err := ix.write(b); err != nil {
			return st, err
		}
		st.Captures += b.captures
		st.Documents += len(b.fresh)
		st.Last, last = b.last, b.last
	}
}

// write applies b, merges segments when they are due (compact), folds
// the shas tail when due (foldSHAs), and drops the index's pages it read
// from the resident set when they pile up.
func (ix *Index) write(b *batch) error {
	err := ix.apply(b)
	if err == nil {
		err = ix.compact()
	}
	if err == nil {
		err = ix.foldSHAs(shaFoldChunk)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", ix.path, err)
	}
	return dropMapped(ix.bolt, mappedLimit)
}

// batch is what one write of the index adds: documents new to the index,
// the titles and URLs that known documents gained, and the postings of
// both, by token. New documents are numbered from base+1 in the order
// they are met, as the docs bucket's sequence will number them.
type batch struct {
	captures int
	last     uint64
	base     uint32
	fresh    []docRecord
	bySHA    map[string]uint32     // document number of a fresh document
	gained   map[uint32]*docRecord // known documents
	dict     tokenIDs              // the batch's tokens, among those of writes before it that shared it
	postings *postingLog           // by token id
	hits     int                   // postings gathered
	text     tally                 // counts of the text being read
	shas     *shaReader            // the lookups' read transaction (viewSHAs); nil: one each
}

// newBatch starts a batch after capture last, its documents numbered
// after the index's, its tokens numbered by d, its postings gathered in
// log (emptied: a log is used again from write to write).
func (ix *Index) newBatch(last uint64, d tokenIDs, log *postingLog) (*batch, error) {
	log.reset()
	b := &batch{last: last, bySHA: map[string]uint32{}, gained: map[uint32]*docRecord{}, dict: d, postings: log}
	err := ix.bolt.View(func(tx *bolt.Tx) error {
		b.base = uint32(tx.Bucket(bucketDocs).Sequence())
		return nil
	})
	return b, err
}

// add notes count occurrences of the token numbered id in document n.
func (b *batch) add(id, n, count uint32) {
	b.postings.add(id, n, count)
	b.hits++
}

// addText adds the tokens of text, document n's, with their counts.
func (b *batch) addText(text []byte, n uint32) {
	b.dict.count(text, &b.text)
	b.hits += b.postings.addTally(&b.text, n)
}

// errStop ends a read of the archive at a bound.
var errStop = errors.New("search: read up to the bound")

// readBatch reads up to o.Batch captures after b.last, none numbered
// above upTo (0: no bound), into b, through read. The captures are read
// first and their documents after, each in a read transaction of its
// own: a read transaction opened inside another of the same file can
// wait forever for a writer (a crawl's) that waits for the outer one.
func (ix *Index) readBatch(read Reader, b *batch, upTo uint64, o UpdateOptions) error {
	return read(func(db *archive.DB) error {
		var caps []archive.Capture
		last, err := db.CapturesAfter(b.last, o.Batch, func(c archive.Capture) error {
			if upTo > 0 && c.ID > upTo {
				return errStop
			}
			caps = append(caps, c)
			return nil
		})
		if errors.Is(err, errStop) {
			last, err = b.last, nil
			if len(caps) > 0 {
				last = caps[len(caps)-1].ID
			}
		}
		if err != nil {
			return err
		}
		for _, c := range caps {
			b.captures++
			if c.TextSHA256 == "" {
				continue
			}
			if err := ix.note(b, c, func() ([]byte, error) { return documentText(db, c.TextSHA256) }); err != nil {
				return err
			}
		}
		b.last = last
		return nil
	})
}

// documentText is the text of the archive's document sha, to be read
// only (readOnly).
func documentText(db *archive.DB, sha string) ([]byte, error) {
	d, err := db.Document(sha)
	return readOnly(d.Text), err
}

// note adds capture c, which has a text, to b; text gives the text when
// the index does not hold it yet (it is only read).
func (ix *Index) note(b *batch, c archive.Capture, text func() ([]byte, error)) error {
	if n, ok := b.bySHA[c.TextSHA256]; ok {
		b.addNames(&b.fresh[n-b.base-1], c, n)
		return nil
	}
	n, rec, ok, err := ix.lookup(b, c.TextSHA256)
	if err != nil {
		return err
	}
	if ok {
		e := b.gained[n]
		if e == nil {
			e = &rec
			b.gained[n] = e
		}
		b.addNames(e, c, n)
		return nil
	}
	t, err := text()
	if err != nil {
		return fmt.Errorf("capture %d: %w", c.ID, err)
	}
	n = b.base + uint32(len(b.fresh)) + 1
	b.fresh = append(b.fresh, docRecord{SHA: c.TextSHA256})
	b.bySHA[c.TextSHA256] = n
	b.addText(t, n)
	b.addNames(&b.fresh[len(b.fresh)-1], c, n)
	return nil
}

// addNames adds c's title and URL to rec, document n's, when new to it,
// and the tokens of what it added, once per occurrence.
func (b *batch) addNames(rec *docRecord, c archive.Capture, n uint32) {
	add := func(id uint32) { b.add(id, n, 1) }
	if c.Title != "" && !slices.Contains(rec.Titles, c.Title) {
		rec.Titles = append(rec.Titles, c.Title)
		b.dict.each(readOnly(c.Title), add)
	}
	if c.URL != "" && !slices.Contains(rec.URLs, c.URL) {
		rec.URLs = append(rec.URLs, c.URL)
		b.dict.each(readOnly(c.URL), add)
	}
}

// shaReadsPerDrop is how many lookups that read the shas bucket's main
// level (getSHA: a hash its filter cannot rule out, such as a known
// document's, or any before the first fold) come between two checks of
// the mapped memory (dropMappedTx). A text hash is a random key, so each
// such lookup reads a leaf of its own, and the kernel maps the neighbours
// it has cached with it: at 100,000 documents, without a filter, the 200
// lookups of one write made up to 19 MB of the file resident.
const shaReadsPerDrop = 32

// lookup finds a document by its text sha256: in b's read transaction
// (viewSHAs), or in one of its own.
func (ix *Index) lookup(b *batch, sha string) (n uint32, rec docRecord, ok bool, err error) {
	if b.shas != nil {
		return ix.lookupIn(b.shas, sha)
	}
	err = ix.bolt.View(func(tx *bolt.Tx) error {
		n, rec, ok, err = ix.lookupIn(newSHAReader(tx), sha)
		return err
	})
	return n, rec, ok, err
}

func (ix *Index) lookupIn(r *shaReader, sha string) (n uint32, rec docRecord, ok bool, err error) {
	v, readMain := r.get([]byte(sha))
	if len(v) == 4 {
		n, ok = binary.BigEndian.Uint32(v), true
		if err := json.Unmarshal(r.docs.Get(v), &rec); err != nil {
			return 0, docRecord{}, false, err
		}
	}
	if readMain && ix.mainReads.Add(1)%shaReadsPerDrop == 0 {
		err = dropMappedTx(r.tx, mappedLimit)
	}
	return n, rec, ok, err
}

// viewSHAs runs fn, which notes captures into b, with b's lookups in one
// read transaction of the index (lookup), where each would open its own:
// a Feed's write looks up every capture it notes, some hundreds. fn must
// not write the index: the transaction, open until fn returns, would keep
// a write that grows the file waiting for it.
func (ix *Index) viewSHAs(b *batch, fn func() error) error {
	return ix.bolt.View(func(tx *bolt.Tx) error {
		b.shas = newSHAReader(tx)
		defer func() { b.shas = nil }()
		return fn()
	})
}

// docsFill is the fill of the docs bucket's pages. Its keys are document
// numbers, which only grow, so a write's new documents go after the last
// page, filled, and are not split again but by a known document's record
// growing (a title or URL it gained). At bbolt's default, half, a write
// of 520 new documents wrote twice the pages they needed, about 50 of
// the 280 pages of each of a crawl's writes, and kept them half empty.
const docsFill = 0.95

// apply writes b in one transaction: documents, then its postings as a
// new segment (appendSegment), then the last
// capture read. It fails, writing nothing, when the index numbered
// documents meanwhile (another update between b's start and its write).
func (ix *Index) apply(b *batch) error {
	return ix.bolt.Update(func(tx *bolt.Tx) error {
		docs := tx.Bucket(bucketDocs)
		docs.FillPercent = docsFill
		for i, rec := range b.fresh {
			seq, err := docs.NextSequence()
			if err != nil {
				return err
			}
			n := uint32(seq)
			if want := b.base + uint32(i) + 1; n != want {
				return fmt.Errorf("document %s numbered %d, the batch expected %d: the index changed during the update", rec.SHA, n, want)
			}
			if err := putDoc(docs, n, rec); err != nil {
				return err
			}
			if err := putSHA(tx, []byte(rec.SHA), docKey(n)); err != nil {
				return err
			}
		}
		for n, rec := range b.gained {
			if err := putDoc(docs, n, *rec); err != nil {
				return err
			}
		}
		if b.hits > 0 {
			toks := b.dict.tokens()
			if err := appendSegment(tx, toks, b.postings.byToken(len(toks)), &b.postings.segment); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keyLast, binary.BigEndian.AppendUint64(nil, b.last))
	})
}

func putDoc(docs *bolt.Bucket, n uint32, rec docRecord) error {
	v, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return docs.Put(docKey(n), v)
}
