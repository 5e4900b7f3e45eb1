package ingest

import (
	"sync"
	"time"

	"github.com/prov-archive/prov/archive"
)

// LeftOut keeps the page URLs a crawl's page budget left out of its run
// (crawl.Config.MaxPages; Note is crawl.Config.LeftOut), so that after
// the run the ones the archive has never captured can be told: a nightly
// crawl under the same budget starts from the same seeds and fetches the
// same first pages every night, and those would never be archived. It
// keeps at most maxLeftOut distinct URLs.
type LeftOut struct {
	mu   sync.Mutex
	urls map[string]bool
	more bool // some were not kept
}

const maxLeftOut = 1 << 14

// NewLeftOut returns an empty LeftOut.
func NewLeftOut() *LeftOut { return &LeftOut{urls: map[string]bool{}} }

// Note keeps url; it is safe for concurrent use.
func (l *LeftOut) Note(url string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case l.urls[url]:
	case len(l.urls) >= maxLeftOut:
		l.more = true
	default:
		l.urls[url] = true
	}
}

// NeverArchived counts the URLs noted that the archive, read through
// read (Session.Read), holds no capture of, under the URL or requested
// as it. more reports that more URLs were left out than were kept (the
// count is then a floor).
func (l *LeftOut) NeverArchived(read func(fn func(db *archive.DB) error) error) (n int, more bool, err error) {
	l.mu.Lock()
	urls := make([]string, 0, len(l.urls))
	for u := range l.urls {
		urls = append(urls, u)
	}
	more = l.more
	l.mu.Unlock()
	if len(urls) == 0 {
		return 0, more, nil
	}
	err = read(func(db *archive.DB) error {
		for _, u := range urls {
			held, err := captured(db, u)
			if err != nil {
				return err
			}
			if !held {
				n++
			}
		}
		return nil
	})
	return n, more, err
}

// captured reports whether the archive holds a capture of url: filed
// under it (read without decoding one), else requested as it.
func captured(db *archive.DB, url string) (bool, error) {
	if ok, err := db.CapturedSince(url, time.Time{}); ok || err != nil {
		return ok, err
	}
	hist, err := db.History(url)
	return len(hist) > 0, err
}
