package ingest

import (
	"net/http"
	"sync"
	"time"

	"github.com/prov-archive/prov/archive"
)

// Store is how a crawl reaches the archive: a DB the caller holds open
// (DBStore), or an archive.Shared that lets readers in between commits
// (SharedStore).
type Store interface {
	// Do runs fn with the archive open.
	Do(fn func(db *archive.DB) error) error
	// Writer starts the archive's one batching writer.
	Writer(cfg archive.WriterConfig) *archive.Writer
	// Previous is what the archive holds of url.
	Previous(url string) (archive.Previous, error)
}

// DBStore is a Store over a DB held open by the caller.
func DBStore(db *archive.DB) Store { return directDB{db} }

// SharedStore is a Store over a Shared archive; Previous answers from its
// cache where it can (a crawl of a new site asks it of every URL).
func SharedStore(s *archive.Shared) Store { return sharedDB{s} }

type directDB struct{ db *archive.DB }

func (d directDB) Do(fn func(db *archive.DB) error) error { return fn(d.db) }
func (d directDB) Writer(cfg archive.WriterConfig) *archive.Writer {
	return archive.NewWriter(d.db, cfg)
}
func (d directDB) Previous(url string) (archive.Previous, error) { return d.db.Previous(url) }

type sharedDB struct{ *archive.Shared }

func (s sharedDB) Writer(cfg archive.WriterConfig) *archive.Writer {
	return archive.NewSharedWriter(s.Shared, cfg)
}

// lookup answers, from the archive, what a re-crawl needs of a URL's
// previous captures: the crawl.Config callbacks. What it read of a URL
// for the conditional GET is kept (memo) for the same fetch's 304 links,
// run counts and kind, so the URL's last capture is decoded once.
type lookup struct {
	st   Store
	memo *prevMemo
}

func newLookup(st Store) lookup {
	return lookup{st: st, memo: &prevMemo{m: map[string]archive.Previous{}}}
}

// previous is what the archive holds of url; a failed lookup counts as
// nothing held (the page is fetched and stored as new).
func (l lookup) previous(url string) archive.Previous {
	p, _ := l.st.Previous(url)
	return p
}

// validators is crawl.Config.Validators: the ETag and Last-Modified of the
// URL's latest 200, for a conditional GET. What it read is kept for take.
func (l lookup) validators(url string) (etag, lastModified string) {
	p := l.previous(url)
	l.memo.put(url, p)
	return p.ETag, p.LastModified
}

// take returns what the archive held of a fetched page's URL before the
// fetch: what validators read of the requested URL, when the page is
// archived under that URL (no redirect, no canonical link elsewhere), or
// else a new lookup of url. It drops the requested URL from the memo.
func (l lookup) take(requested, url string) archive.Previous {
	if p, ok := l.memo.take(requested); ok && requested == url {
		return p
	}
	return l.previous(url)
}

// stored is crawl.Config.Stored: the copy of a URL the archive holds, for
// the links of a page that answered 304.
func (l lookup) stored(url string) (payload []byte, header http.Header) {
	var prev *archive.Previous
	if p, ok := l.memo.peek(url); ok {
		prev = &p
	}
	l.st.Do(func(db *archive.DB) (err error) {
		payload, header, err = db.PreviousPayload(url, prev)
		return err
	})
	return payload, header
}

// prevMemo holds what validators read of each URL being fetched until its
// page is taken. A URL whose page never comes (a fetch the crawl drops)
// would stay: past maxMemo URLs the memo is emptied, and a URL missing
// from it is looked up again.
type prevMemo struct {
	mu sync.Mutex
	m  map[string]archive.Previous
}

const maxMemo = 1 << 14

func (pm *prevMemo) put(url string, p archive.Previous) {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	if len(pm.m) >= maxMemo {
		clear(pm.m)
	}
	pm.m[url] = p
}

func (pm *prevMemo) peek(url string) (archive.Previous, bool) {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	p, ok := pm.m[url]
	return p, ok
}

func (pm *prevMemo) take(url string) (archive.Previous, bool) {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	p, ok := pm.m[url]
	delete(pm.m, url)
	return p, ok
}

// lastCaptured is crawl.Config.LastCaptured: when the URL was last
// fetched, for a sitemap's lastmod to skip it; zero when never, or when
// that fetch did not bring the page (it failed, or answered 404 or
// 500): a page that failed last night is fetched again whatever its
// lastmod says.
func (l lookup) lastCaptured(url string) time.Time {
	var last time.Time
	l.st.Do(func(db *archive.DB) error {
		caps, err := db.History(url) // oldest first
		if len(caps) > 0 && broughtPage(caps[len(caps)-1]) {
			last = caps[len(caps)-1].FetchStart
		}
		return err
	})
	return last
}

// broughtPage reports a capture that answered with the page: a 2xx, or a
// 304 to its validators.
func broughtPage(c archive.Capture) bool {
	return c.Error == "" && (c.Status/100 == 2 || c.Status == http.StatusNotModified)
}

// captured is crawl.Config.Captured.
func (l lookup) captured(url string, since time.Time) bool {
	var ok bool
	l.st.Do(func(db *archive.DB) (err error) {
		ok, err = db.CapturedSince(url, since)
		return err
	})
	return ok
}
