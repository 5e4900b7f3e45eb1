// Package export writes an archive's copies out for other tools: JSONL, one
// line per copy (a contract: field names and their order are fixed, more
// may be appended), and bundles, a folder (or .tar.gz / .zip) of clean text
// files with front matter, a manifest and the works; and the archival
// formats, which carry every capture rather than each URL's copy: WARC/1.1
// (WARC, records built with gowarc, one gzip member each), its CDXJ index
// (CDXJ, from the same pass), WACZ 1.1.1 (WACZ: the WARC, its index, the
// pages with their texts, a datapackage) and BagIt 1.0 bags (Bag: the
// bundle and the WARC with sha256 manifests). All of them are
// reproducible: the same archive and filter give the same bytes.
// exportcheck runs outside validators on them, for the tests.
//
// A copy is the latest capture of a URL that carries content (status 200
// with a text or a payload); its work and relation come from
// archive.DB.Works. An article split over pages is one copy, at its first
// page's URL: its stitched capture, whose text is the pages' joined, with
// "pages" (URL, capture ID, text sha256 of each page, in order) in JSONL
// and the manifest, and a "pages:" line in the text file's front matter;
// its later pages are parts of it and have no line of their own. Names of bundle files are derived from URLs by
// SafeName, so that nothing a site serves can write outside the bundle.
package export
