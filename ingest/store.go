package ingest

import (
	"net/http"
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
// previous captures: the crawl.Config callbacks.
type lookup struct{ st Store }

// previous is what the archive holds of url; a failed lookup counts as
// nothing held (the page is fetched and stored as new).
func (l lookup) previous(url string) archive.Previous {
	p, _ := l.st.Previous(url)
	return p
}

// validators is crawl.Config.Validators: the ETag and Last-Modified of the
// URL's latest 200, for a conditional GET.
func (l lookup) validators(url string) (etag, lastModified string) {
	p := l.previous(url)
	return p.ETag, p.LastModified
}

// stored is crawl.Config.Stored: the copy of a URL the archive holds, for
// the links of a page that answered 304.
func (l lookup) stored(url string) (payload []byte, header http.Header) {
	l.st.Do(func(db *archive.DB) (err error) {
		payload, header, err = db.LastPayload(url)
		return err
	})
	return payload, header
}

// lastCaptured is crawl.Config.LastCaptured: when the URL was last
// fetched (zero when never), for a sitemap's lastmod to skip it.
func (l lookup) lastCaptured(url string) time.Time {
	var last time.Time
	l.st.Do(func(db *archive.DB) error {
		caps, err := db.History(url) // oldest first
		if len(caps) > 0 {
			last = caps[len(caps)-1].FetchStart
		}
		return err
	})
	return last
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
