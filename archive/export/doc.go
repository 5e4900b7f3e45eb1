// Package export writes an archive's copies out for other tools: JSONL, one
// line per copy (a contract: field names and their order are fixed, more
// may be appended), and bundles, a folder (or .tar.gz / .zip) of clean text
// files with front matter, a manifest and the works.
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
