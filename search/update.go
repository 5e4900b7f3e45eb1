package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// Defaults of UpdateOptions.
const (
	DefaultBatch   = 1000
	DefaultTimeout = 5 * time.Second
)

// mappedLimit is the file-backed resident memory past which an update
// drops the index's pages from its resident set (dropMapped) after each
// write: the prov binary's own pages are 20 MB of it.
const mappedLimit = 48 << 20

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

// Update reads the captures the archive at archivePath added after the
// last one the index read, in batches of o.Batch, each in one short
// read-only opening of the archive, and adds each batch's new documents
// (their texts, titles and URLs) and the titles and URLs new to known
// documents in one write of the index. It stops when the archive has
// nothing newer; a failed batch leaves the index as the last good one left
// it.
func (ix *Index) Update(archivePath string, o UpdateOptions) (UpdateStats, error) {
	o = o.withDefaults()
	var st UpdateStats
	for {
		last, err := ix.Last()
		if err != nil {
			return st, err
		}
		st.Last = last
		b, err := ix.readBatch(archivePath, last, o)
		if err != nil {
			return st, err
		}
		if b.last == last {
			return st, nil
		}
		if err := ix.apply(b); err != nil {
			return st, fmt.Errorf("search: update %s: %w", ix.path, err)
		}
		if err := dropMapped(ix.bolt, mappedLimit); err != nil {
			return st, fmt.Errorf("search: update %s: %w", ix.path, err)
		}
		st.Captures += b.captures
		st.Documents += len(b.fresh)
		st.Last = b.last
	}
}

// batch is what one read of the archive brought: documents new to the
// index with their token counts, and titles and URLs that known
// documents gained.
type batch struct {
	captures int
	last     uint64
	fresh    []freshDoc
	bySHA    map[string]int    // index into fresh
	gained   map[uint32]*extra // known documents
	scratch  map[string]int    // counts of the text being read, emptied after each
}

// freshDoc is a document new to the index with its tokens and how often
// each occurs. A token may be listed more than once (a title added by a
// later capture): its counts add up.
type freshDoc struct {
	rec    docRecord
	counts []tokenCount
}

type tokenCount struct {
	token string
	count int
}

type extra struct {
	rec    docRecord
	tokens []string
}

// readBatch reads up to o.Batch captures after last from the archive,
// holding it only for that read.
func (ix *Index) readBatch(archivePath string, last uint64, o UpdateOptions) (*batch, error) {
	db, err := archive.Open(archivePath, archive.Options{ReadOnly: true, Timeout: o.Timeout})
	if err != nil {
		return nil, fmt.Errorf("search: read %s: %w", archivePath, err)
	}
	defer db.Close()
	b := &batch{bySHA: map[string]int{}, gained: map[uint32]*extra{}, scratch: map[string]int{}}
	b.last, err = db.CapturesAfter(last, o.Batch, func(c archive.Capture) error {
		b.captures++
		if c.TextSHA256 == "" {
			return nil
		}
		return ix.note(db, b, c)
	})
	if err != nil {
		return nil, fmt.Errorf("search: read %s: %w", archivePath, err)
	}
	return b, nil
}

// note adds capture c, which has a text, to b.
func (ix *Index) note(db *archive.DB, b *batch, c archive.Capture) error {
	if i, ok := b.bySHA[c.TextSHA256]; ok {
		f := &b.fresh[i]
		for _, t := range addNames(&f.rec, c) {
			f.counts = append(f.counts, tokenCount{t, 1})
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
			e = &extra{rec: rec}
			b.gained[n] = e
		}
		e.tokens = append(e.tokens, addNames(&e.rec, c)...)
		return nil
	}
	d, err := db.Document(c.TextSHA256)
	if err != nil {
		return fmt.Errorf("capture %d: %w", c.ID, err)
	}
	f := freshDoc{rec: docRecord{SHA: c.TextSHA256}}
	eachToken(d.Text, func(t string) { b.scratch[t]++ })
	for _, t := range addNames(&f.rec, c) {
		b.scratch[t]++
	}
	f.counts = make([]tokenCount, 0, len(b.scratch))
	for t, n := range b.scratch {
		f.counts = append(f.counts, tokenCount{t, n})
	}
	clear(b.scratch)
	b.bySHA[c.TextSHA256] = len(b.fresh)
	b.fresh = append(b.fresh, f)
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

// apply writes b in one transaction: documents, then one posting chunk per
// token, then the last capture read.
func (ix *Index) apply(b *batch) error {
	return ix.bolt.Update(func(tx *bolt.Tx) error {
		docs, shas := tx.Bucket(bucketDocs), tx.Bucket(bucketSHAs)
		chunks := map[string][]posting{}
		for _, f := range b.fresh {
			seq, err := docs.NextSequence()
			if err != nil {
				return err
			}
			n := uint32(seq)
			if err := putDoc(docs, n, f.rec); err != nil {
				return err
			}
			if err := shas.Put([]byte(f.rec.SHA), docKey(n)); err != nil {
				return err
			}
			for _, tc := range f.counts {
				chunks[tc.token] = append(chunks[tc.token], posting{doc: n, count: tc.count})
			}
		}
		for n, e := range b.gained {
			if err := putDoc(docs, n, e.rec); err != nil {
				return err
			}
			for _, t := range e.tokens {
				chunks[t] = append(chunks[t], posting{doc: n, count: 1})
			}
		}
		if err := putChunks(tx.Bucket(bucketPostings), chunks); err != nil {
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
