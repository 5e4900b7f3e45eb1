package archive

import (
	"net/http"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Previous is what a re-crawl needs to know of a URL's last capture.
type Previous struct {
	Exists        bool   // the URL has a capture
	PayloadSHA256 string // payload of its latest capture with a 200
	ETag          string // validators of that capture, for a conditional GET
	LastModified  string
}

// Previous returns what the archive knows of url's captures, reading only
// from its newest back to its latest 200.
func (db *DB) Previous(url string) (Previous, error) {
	var p Previous
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ids := urlCaptureIDs(tx, url)
		p.Exists = len(ids) > 0
		for i := len(ids) - 1; i >= 0; i-- {
			c, err := getCapture(tx, ids[i])
			if err != nil {
				return err
			}
			if c.Status == 200 && c.Error == "" && c.Kind != KindStitched {
				h := http.Header(c.ResponseHeader)
				p.PayloadSHA256, p.ETag, p.LastModified = c.PayloadSHA256, h.Get("ETag"), h.Get("Last-Modified")
				return nil
			}
		}
		return nil
	})
	return p, err
}

// LastPayload returns the payload and response header of url's latest 200
// that brought one; nil when there is none.
func (db *DB) LastPayload(url string) ([]byte, http.Header, error) {
	var sha string
	var header http.Header
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if c, ok := lastCapture(tx, url); ok && c.Status == 200 {
			sha, header = c.PayloadSHA256, http.Header(c.ResponseHeader)
		}
		return nil
	})
	if err != nil || sha == "" {
		return nil, nil, err
	}
	b, err := db.Payload(sha)
	return b, header, err
}

// CapturedSince reports whether url has a capture fetched at or after t.
func (db *DB) CapturedSince(url string, t time.Time) (bool, error) {
	found := false
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ids := urlCaptureIDs(tx, url)
		if len(ids) == 0 {
			return nil
		}
		c, err := getCapture(tx, ids[len(ids)-1])
		found = err == nil && !c.FetchStart.Before(t)
		return err
	})
	return found, err
}
