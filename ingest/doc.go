// Package ingest is the pipeline from crawled pages to archived captures:
// it runs a crawl (crawl.Run) into an archive, makes each fetched page an
// archive entry — its provenance record, and for a document what clean
// makes of its bytes under the site rule of its final host — hands the
// entries to the archive's one writer, and counts the run so that the run
// record is committed with the captures it counts.
//
// It is the one place where crawl, clean, rules and archive meet: the CLI
// (cmd/prov), and anything else that crawls into an archive, call it
// rather than wire those packages together themselves. crawl, clean and
// archive never import it (see the layering test).
//
// A page's route: crawl.Run sends a crawl.Page on a channel; a worker of
// Crawl calls Entry (one rules lookup, by the final host; clean.Clean for
// a document, unless the page is a revisit of bytes already cleaned by
// this executable under this rule, whose clean fields it copies); the
// Tally notes the entry as queued; archive.Writer batches entries and
// commits each batch in one bbolt transaction together with the run
// record Tally.counted gives for it; the writer's OnCommit then
// counts the stored captures and marks their URLs done in the frontier,
// and shows each page with its stored capture to Options.Committed (the
// refetch of package watch judges each original there).
package ingest
