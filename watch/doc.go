// Package watch says what became of archived originals: it fetches them
// again, politely, through a crawl of their URLs alone (ingest.Crawl, so
// robots.txt, Crawl-delay, Retry-After, retries and the per-host gate of
// crawl apply), stores each fetch as a capture in a run of its own, and
// judges each fetch against the archived copy.
//
// Vocabulary. An original is the archived copy of a URL that a refetch
// compares against: the latest capture of the URL that brought content,
// or a work's elected original. A verdict (Result) is one of Unchanged,
// Changed, Moved, Gone and Failed, with a detail in words, the new URL of
// a moved original, the capture the refetch stored and, for a changed
// text, the paragraph diff.
//
// A Status is what became of a work's original as the archive already
// tells it, without fetching: the verdict, read the same way (classify),
// on the latest capture of its URL after the one the election chose,
// whether a crawl or a refetch made it. prov works, prov trace and the
// web view's work page show it.
//
// prov verify --refetch is the CLI over it; a web handler asking "what
// became of this original" calls Start, Originals and Refetch the same way.
package watch
