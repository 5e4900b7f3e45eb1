package ingest

import (
	"net/http"

	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
)

// A page's hold on the crawl's memory budget (crawl.Page.Memory), from
// fetch to commit:
//
//   - crawl reserves the page's bodies and, through overhead, what clean
//     will hold while it reads the page (clean.Memory): the page cannot
//     wait for more once it is on the pages channel, where a worker that
//     waited on the budget could wait on the very fetches it drains;
//   - Entry hands the hold to the entry, and a worker cleans the page
//     under it, then passes the entry to the archive's writer;
//   - the writer shrinks it to the encoded payload and the text it queues
//     and releases it once the batch is committed (or failed, or the
//     entry refused).
//
// So the budget bounds every page between the network and the archive:
// those being read, those on the channel, the ones being cleaned and the
// ones waiting for their batch.

// overhead is crawl.Config.Overhead: clean's memory for a page Entry will
// clean (a document), nothing for one it only stores.
func overhead(h http.Header, content int64) int64 {
	if !IsDocument(crawl.Page{Status: http.StatusOK, Header: h}) {
		return 0
	}
	return clean.Memory(content, 0)
}
