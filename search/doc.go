// Package search is a full-text index of an archive's clean texts, their
// titles and their URLs, kept in a bbolt file of its own beside the
// archive (PathFor: the archive's path + ".search"), so that the archive
// itself is never written by a reader and a crawl never waits for an
// index it does not read.
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
//   - posting: token ‖ 0x00 ‖ document number (4 bytes big-endian) →
//     how often the token occurs there (uvarint).
//
// Layout, one bucket each:
//
//	meta      "version" → "1", "last" → the last capture ID read (8 bytes BE)
//	docs      document number (4 bytes BE) → JSON docRecord
//	shas      text sha256 (hex) → document number
//	postings  token ‖ 0x00 ‖ document number → count
//
// The index is incremental by capture order: Update reads the captures the
// archive added since the last one it read, a batch at a time, each batch
// in a short read of the archive, so that a crawl's commits get in
// between. A crawl updates it when it ends; a reader (prov serve) brings
// it up to date when it is behind.
package search
