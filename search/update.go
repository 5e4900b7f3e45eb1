package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
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
// write: the prov binary's own pages are 17 MB of it.
const mappedLimit = 40 << 20

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
}

// Update brings the index beside the archive at archivePath (PathFor) up
// to date, creating it when there is none; see Index.Update.
func Update(archivePath string, o UpdateOptions) (UpdateStats, error) {
	o = o.withDefaults()
	if _, err := os.Stat(archivePath); err != nil {
		return UpdateStats{}, fmt.Errorf("search: no index made for %s: %w", archivePath, err)
	}
	ix, err := Open(PathFor(archivePath), false, o.Timeout)
	if err != nil {
		return UpdateStats{}, err
	}
	st, err := ix.Update(archivePath, o)
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
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
// them (8 bytes each, 4 MB), whatever o.Batch: each write puts one
// chunk per token, next to the token's earlier chunks, so it rewrites
// most of the postings' pages however few documents it brings, and
// fewer, larger writes keep an update of many captures from rewriting
// the index once per o.Batch (a 100,000-page crawl's update wrote it a
// hundred times at 1,000 captures a write).
var maxBatchHits = 1 << 19 // a variable for tests only

// Update reads the captures the archive at archivePath added after the
// last one the index read, in batches of o.Batch, each in one short
// read-only opening of the archive, and adds the new documents (their
// texts, titles and URLs) and the titles and URLs new to known documents
// in one write of the index per maxBatchHits postings gathered. It stops
// when the archive has nothing newer; a failed read or write leaves the
// index as the last good write left it.
func (ix *Index) Update(archivePath string, o UpdateOptions) (UpdateStats, error) {
	o = o.withDefaults()
	var st UpdateStats
	last, err := ix.Last()
	if err != nil {
		return st, err
	}
	st.Last = last
	for {
		b, err := ix.newBatch(last)
		if err != nil {
			return st, err
		}
		for b.hits < maxBatchHits {
			before := b.last
			if err := ix.readBatch(archivePath, b, o); err != nil {
				return st, err
			}
			if b.last == before {
				break // nothing newer
			}
		}
		if b.last == last {
			return st, nil
		}
		if err := ix.write(b); err != nil {
			return st, fmt.Errorf("search: update %s: %w", ix.path, err)
		}
		st.Captures += b.captures
		st.Documents += len(b.fresh)
		st.Last, last = b.last, b.last
	}
}

// write applies b and drops the index's pages it read from the resident
// set when they pile up.
func (ix *Index) write(b *batch) error {
	if err := ix.apply(b); err != nil {
		return err
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
	chunks   map[string][]hit      // token → postings, its key a copy (not a text's substring)
	hits     int                   // postings in chunks
	scratch  map[string]int        // counts of the text being read, emptied after each
}

// newBatch starts a batch after capture last, its documents numbered
// after the index's.
func (ix *Index) newBatch(last uint64) (*batch, error) {
	b := &batch{last: last, bySHA: map[string]uint32{}, gained: map[uint32]*docRecord{},
		chunks: map[string][]hit{}, scratch: map[string]int{}}
	err := ix.bolt.View(func(tx *bolt.Tx) error {
		b.base = uint32(tx.Bucket(bucketDocs).Sequence())
		return nil
	})
	return b, err
}

// add notes count occurrences of token t in document n.
func (b *batch) add(t string, n uint32, count int) {
	ps, ok := b.chunks[t]
	if !ok {
		t = strings.Clone(t) // the key outlives the text it was cut from
	}
	b.chunks[t] = append(ps, hit{doc: n, count: uint32(count)})
	b.hits++
}

// readBatch reads up to o.Batch captures after b.last from the archive
// into b, holding the archive only for that read.
func (ix *Index) readBatch(archivePath string, b *batch, o UpdateOptions) error {
	db, err := archive.Open(archivePath, archive.Options{ReadOnly: true, Timeout: o.Timeout})
	if err != nil {
		return fmt.Errorf("search: read %s: %w", archivePath, err)
	}
	defer db.Close()
	last, err := db.CapturesAfter(b.last, o.Batch, func(c archive.Capture) error {
		b.captures++
		if c.TextSHA256 == "" {
			return nil
		}
		return ix.note(db, b, c)
	})
	if err != nil {
		return fmt.Errorf("search: read %s: %w", archivePath, err)
	}
	b.last = last
	return nil
}

// note adds capture c, which has a text, to b.
func (ix *Index) note(db *archive.DB, b *batch, c archive.Capture) error {
	if n, ok := b.bySHA[c.TextSHA256]; ok {
		for _, t := range addNames(&b.fresh[n-b.base-1], c) {
			b.add(t, n, 1)
		}
		return nil
	}
	n, rec, ok, err := ix.lookup(c.TextSHA256)
	if err != nil {
		return err
	}
	if ok {
		e := b.gained[n]
		if e == nil {
			e = &rec
			b.gained[n] = e
		}
		for _, t := range addNames(e, c) {
			b.add(t, n, 1)
		}
		return nil
	}
	d, err := db.Document(c.TextSHA256)
	if err != nil {
		return fmt.Errorf("capture %d: %w", c.ID, err)
	}
	n = b.base + uint32(len(b.fresh)) + 1
	b.fresh = append(b.fresh, docRecord{SHA: c.TextSHA256})
	b.bySHA[c.TextSHA256] = n
	eachToken(d.Text, func(t string) { b.scratch[t]++ })
	for _, t := range addNames(&b.fresh[len(b.fresh)-1], c) {
		b.scratch[t]++
	}
	for t, count := range b.scratch {
		b.add(t, n, count)
	}
	clear(b.scratch)
	return nil
}

// addNames adds c's title and URL to rec when new to it, and returns the
// tokens of what it added.
func addNames(rec *docRecord, c archive.Capture) []string {
	var toks []string
	if c.Title != "" && !slices.Contains(rec.Titles, c.Title) {
		rec.Titles = append(rec.Titles, c.Title)
		toks = append(toks, Tokens(c.Title)...)
	}
	if c.URL != "" && !slices.Contains(rec.URLs, c.URL) {
		rec.URLs = append(rec.URLs, c.URL)
		toks = append(toks, Tokens(c.URL)...)
	}
	return toks
}

// lookup finds a document by its text sha256.
func (ix *Index) lookup(sha string) (n uint32, rec docRecord, ok bool, err error) {
	err = ix.bolt.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSHAs).Get([]byte(sha))
		if len(v) != 4 {
			return nil
		}
		n, ok = binary.BigEndian.Uint32(v), true
		return json.Unmarshal(tx.Bucket(bucketDocs).Get(v), &rec)
	})
	return n, rec, ok, err
}

// apply writes b in one transaction: documents, then one posting chunk
// per token, then the last capture read. It fails, writing nothing, when
// the index numbered documents meanwhile (another update between b's
// start and its write).
func (ix *Index) apply(b *batch) error {
	return ix.bolt.Update(func(tx *bolt.Tx) error {
		docs, shas := tx.Bucket(bucketDocs), tx.Bucket(bucketSHAs)
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
			if err := shas.Put([]byte(rec.SHA), docKey(n)); err != nil {
				return err
			}
		}
		for n, rec := range b.gained {
			if err := putDoc(docs, n, *rec); err != nil {
				return err
			}
		}
		if err := putChunks(tx.Bucket(bucketPostings), b.chunks); err != nil {
			return err
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
