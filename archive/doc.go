// Package archive is prov's system of record: a bbolt file holding every
// capture with its provenance, the payloads and clean texts they brought,
// and the crawl runs that made them. Nothing in it is overwritten.
//
// Vocabulary:
//
//   - capture: the provenance record of one fetch (Capture), with an ID
//     assigned here, in write order. A re-fetch adds a capture.
//   - payload: the entity body exactly as it came over the wire (transfer
//     coding removed, content coding kept), addressed by its sha256 and
//     stored once however many captures bring it. "Already present" is the
//     normal outcome of a revisit.
//   - document: a clean text, addressed by the sha256 of its normalised
//     form (computed by clean; archive cannot recompute it), stored once,
//     never changed.
//   - copy: a URL's latest capture that carries content (LatestContent).
//   - split article: an article served over pages (下一页, name_2.htm);
//     each page is a capture with its neighbours (NextPage, PrevPage). Its
//     stitched capture (KindStitched, written by the caller when every page
//     is archived) has no payload, the pages' joined text, and lists the
//     page captures (Pages). While it is current (its pages' texts are the
//     pages' latest), it is the first page's copy and the later pages are
//     parts of it, not copies (series.go).
//   - work: copies whose texts hash alike; one of them is elected the
//     original, with its reasons (Works).
//   - run: one crawl, begun and finished by the writing process.
//
// Layout (schema 5), one bucket each:
//
//	meta       "app" → "prov", "schema" → "5"
//	captures   capture ID (8 bytes big-endian, from NextSequence) → binary
//	           Capture (codec.go; schema 2 and older records: JSON); since
//	           schema 8 its JSON part is in a block of capblocks
//	capblocks  ID of a block's first capture → the JSON parts of the
//	           captures one write stored, deflated together (capblock.go)
//	payloads   payload sha256 (32 raw bytes) → codec byte, raw length (8 BE),
//	           then the blob ID (codec 2) or, in schema 1 records, the bytes
//	documents  text sha256 (32 raw bytes) → binary Document, its text
//	           deflated in a blob (blob.go; schema 2 records: JSON, the
//	           text raw in blob text_blob; schema 1 records: inline)
//	blobs      blob ID (8 bytes big-endian) → a stored payload (codec byte,
//	           raw length, raw or deflated bytes) or a text (blob.go)
//	doccaps    text sha256 ‖ capture ID → empty: every copy of a document
//	urls       canonical URL ‖ 0x00 ‖ capture ID → empty: a URL's history,
//	           oldest first; its latest capture is the last key under it
//	*tail      payloadstail, documentstail, doccapstail, urlstail: the
//	           new keys of payloads, documents, doccaps and urls, as
//	           they are, until a write folds them in (levels.go, fold.go);
//	           each key is in one of the two buckets, and readers read both
//	filters    payloads, documents, urls → a Bloom filter over the keys
//	           of that main bucket (urls: their URL parts), written by a
//	           fold and stamped with main's sequence; a lookup skips main
//	           when a current filter says it lacks the key (filter.go).
//	           Derived: an archive without it, or with a stale one, reads
//	           main instead
//	runs       run ID (8 bytes big-endian) → JSON Run
//	pages      URL of a page of a split article → empty (created with the
//	           first such capture)
//	requested  requested URL ‖ 0x00 ‖ capture ID → empty, for a capture
//	           filed under another URL (a redirect's source), so that
//	           the URL's history holds it (created with the first such
//	           capture; requested.go)
//	lsh        sketch index of archives written before lshseg: slot ‖
//	           hash ‖ doc ID → empty (lsh.go); its sequence counts the
//	           documents indexed (here or in lshseg)
//	lshseg     sketch index segments, one bucket per flush of lshtail:
//	           first key of a block → a block of sorted index keys
//	           (lsh_seg.go)
//	lshtail    documents not yet indexed: doc ID → their index prefixes
//	           (lsh_tail.go), moved into a new segment once as many as
//	           the index holds (4,096 to 131,072)
//
// One crawl at a time, readable while it runs. bbolt lets one process
// write at a time and takes the file lock even to read, so a crawl that
// held the file open would lock every reader out for the whole night.
// Instead a crawl takes a run lock (RunLock: an exclusive flock on
// <path>.lock, whose content is its LockNote: pid, start, holder, run id)
// for its whole run, so a second crawl is refused at once with that note,
// and opens the archive itself only to work (Shared): the file is opened on
// demand, closed again at least every DefaultSharedHold and kept closed for
// DefaultSharedGap, so readers (their Open waits a few seconds) get in
// between commits. A long read must not hold the file either, or the
// crawl's next commit waits for it: OpenSnapshot copies the archive in one
// read transaction and reads the copy, so a crawl waits only for the copy.
// Open keeps its own behaviour for other callers: it holds the file until
// Close and leaves its note at <path>.lock meanwhile; Runs tells a live
// crawl from a dead one by the run lock and its note.
//
// Files that are not prov archives, or come from a newer prov, are checked
// read-only first and refused untouched. NoSync is never set.
//
// Damage. A file cut short or whose meta pages do not check is refused
// before bbolt maps it (ErrDamaged, filecheck.go). A file one of whose
// meta pages does not check is read, as bbolt reads it, as of the other
// page's transaction; its MetaDamage says whether the newest commit is
// lost, and Verify reports it. Damage inside is read
// around (walk.go): Verify reports a page bbolt panics on as a finding and
// goes on; with Options.OnSkip, the walks behind export, works and stats
// leave out a record that does not decode or whose blob is missing and
// report it (Skipped); Salvage copies every capture that still reads, with
// its re-hashed payload and its document, into a new archive and reports
// each record it lost (salvage.go). Damage any other read or write meets
// is its error, a *DamagedError naming the file, whatever goroutine runs
// it, never a crash (damage.go).
package archive
