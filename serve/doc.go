// Package serve is prov serve: a read-only web view of an archive for
// archivists, rendered on the server with html/template, with no script
// and no asset from anywhere but itself, so that every page works with
// JavaScript off.
//
// Pages (Server.Handler routes them):
//
//	/                  works: each work's original, title, authority, date
//	                   and copies by relation; filters by host, relation
//	                   and date; paged
//	/work/{id}         a work: the elected original with its reasons, and
//	                   every copy with its evidence; export links
//	/diff?a=&b=        a copy against the original, or any two captures,
//	                   paragraph by paragraph, side by side (/diff.json is
//	                   the same result as prov diff --json)
//	/capture/{id}      every provenance field of a capture, its fixity
//	                   re-checked, its raw page in a sandboxed frame
//	/url?u=            a URL's captures over time
//	/search?q=         full text over texts, titles and URLs (package search)
//	/runs, /verify     the crawl runs and the last verify result
//
// The archive is opened read-only for each request and closed before the
// page is written, so a crawl's commits (archive.Shared) get in between
// requests; exports and verify read a snapshot (archive.OpenSnapshot),
// which holds the archive only while it is copied, and so do the pages
// that group works once the archive is larger than Config.SnapshotOver.
//
// Archived pages are hostile input. Every template escapes, and sets each
// archived string apart in a <bdi> so that a bidi override in it cannot
// reorder prov's own words; the raw bytes of a capture are served only
// from /capture/{id}/raw, with a Content-Security-Policy that sandboxes
// them (no scripts, an opaque origin, no subresource from anywhere)
// inside an <iframe sandbox>, and from /capture/{id}/download as an
// attachment.
//
// A server on loopback answers only requests whose Host names it (see
// hostGuard), and a verify or an export only when the browser says no
// other site asked for it (ownPagesOnly).
package serve
