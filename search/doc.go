// Package search is a full-text index of an archive's clean texts, their
// titles and their URLs, kept in a bbolt file of its own beside the
// archive (PathFor: the archive's path + ".search"), so that the archive
// itself is never written by a reader, and a crawl feeding it (Feed)
// waits on it only when the feed falls a batch behind.
//
// Vocabulary:
//
//   - document: one clean text, by its text sha256, numbered in the order
//     the index first met it; it carries the titles and URLs of the
//     captures that brought it.
//   - token: a unit of search. Latin and other scripts that separate
//     words give one token per run of letters and digits, lower-cased;
//     CJK text (Han, kana, Hangul), which does not, gives one token per
//     character and one per pair of neighbouring characters, so that a
//     word of any length is found by the pairs it is made of (a
//     one-character query by the character).
//   - posting: a document holding a token, and how often.
//   - segment: the postings one write of the index added, or the merge of
//     several: per token, one chunk of postings in document order, each
//     as uvarint(document − previous document) and uvarint(count).
//
// Layout (version 3), one bucket each:
//
//	meta      "version" → "3", "last" → the last capture ID read (8 bytes BE),
//	          "segments" → the segment list, oldest first: number (4 bytes BE) and level (1 byte) each
//	docs      document number (4 bytes BE) → JSON docRecord
//	shas      text sha256 (hex) → document number, in two levels: shas
//	          holds the hashes folded into it (its sequence counts them),
//	shastail  the hashes written since, until they are folded (shas.go)
//	postings  one bucket per segment, named by its number (4 bytes BE):
//	          token → the token's chunk in that segment
//
// A write adds a segment, a bucket of its own: it writes pages for what
// it brings and rewrites none of the segments before it (version 1 kept
// a token's chunks together, token first, so each write rewrote most of
// the file's pages, and an index of 100,000 pages cost more to update the
// larger it grew). A search reads a token's chunk in each segment; when
// the newest mergeFanout segments are of one level they are merged into
// one of the next (segments.go, a megabyte per transaction), so the
// list stays short. An index of version 1 or 2 (2 kept shas in one
// level) is rebuilt from the archive (Update, Feed), and the rebuild
// logged by the caller.
//
// The index is incremental by capture order: Update reads the captures the
// archive added since the last one it read, a batch at a time, each batch
// in a short read of the archive, so that a crawl's commits get in
// between. A crawl feeds it as it commits (Feed), from the texts it
// holds, a write every megabyte of text; it and a reader (prov
// serve) bring it up to date with Update when it is behind.
package search
