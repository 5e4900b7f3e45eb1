package archive

import (
	"net/http"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Previous is what a re-crawl needs to know of a URL's last capture. It is
// read once per URL and passed along (Entry.Previous, PreviousPayload), so
// that the URL's earlier captures are decoded once, not by every step.
type Previous struct {
	Exists        bool   // the URL has a capture
	PayloadSHA256 string // payload of its latest capture with a 200
	ETag          string // validators of that capture, for a conditional GET
	LastModified  string

	// Newest is the ID of the URL's newest capture when it was read, 0
	// when there was none: a Previous whose Newest is still the URL's
	// newest capture is current.
	Newest uint64
	// last is the URL's latest capture that brought a payload without an
	// error (lastCapture), nil when none: what a new capture's kind is
	// derived against, and the copy a 304's links are read from.
	last *Capture
	// page is the URL's latest 200 that is not stitched, without an error
	// (the capture ETag and LastModified are read from), nil when none.
	page *Capture
}

// Previous returns what the archive knows of url's captures, reading only
// from its newest back to its latest 200 and its latest payload (most
// often one capture, decoded once).
func (db *DB) Previous(url string) (Previous, error) {
	return db.previous(url, nil)
}

// previous is Previous, its capture blocks kept in blocks when it is set.
func (db *DB) previous(url string, blocks *blockCache) (Previous, error) {
	var p Previous
	err := db.view(func(tx *bolt.Tx) (err error) {
		p, err = previousIn(captureReader{tx: tx, cache: blocks}, url)
		return err
	})
	return p, err
}

// Latest200 returns the URL's latest capture of a fetch answered 200,
// without an error, that is not a stitched article (whose text is its
// pages'), as it was when Previous read it; false when there is none.
func (p Previous) Latest200() (Capture, bool) {
	if p.page == nil {
		return Capture{}, false
	}
	return *p.page, true
}

// previousIn reads url's captures through caps.
func previousIn(caps captureReader, url string) (Previous, error) {
	var p Previous
	tx := caps.tx
	ids := urlCaptureIDs(tx, url)
	if len(ids) == 0 {
		return p, nil
	}
	p.Exists, p.Newest = true, ids[len(ids)-1]
	found := false
	for i := len(ids) - 1; i >= 0 && (!found || p.last == nil); i-- {
		c, err := caps.capture(ids[i])
		if err != nil {
			return p, err
		}
		if p.last == nil && c.PayloadSHA256 != "" && c.Error == "" {
			p.last = &c
		}
		if !found && c.Status == 200 && c.Error == "" && c.Kind != KindStitched {
			h := http.Header(c.ResponseHeader)
			p.PayloadSHA256, p.ETag, p.LastModified = c.PayloadSHA256, h.Get("ETag"), h.Get("Last-Modified")
			p.page, found = &c, true
		}
	}
	return p, nil
}

// lastCaptureVia is lastCapture(tx, url), read from prev when prev is set
// and still current (url has no capture newer than prev.Newest), without
// decoding a capture.
func lastCaptureVia(tx *bolt.Tx, url string, prev *Previous) (Capture, bool) {
	if prev == nil || newestID(tx, url) != prev.Newest {
		return lastCapture(tx, url)
	}
	if prev.last == nil {
		return Capture{}, false
	}
	return *prev.last, true
}

// newestID is the ID of url's newest capture, 0 when it has none.
func newestID(tx *bolt.Tx, url string) uint64 {
	ids := urlCaptureIDs(tx, url)
	if len(ids) == 0 {
		return 0
	}
	return ids[len(ids)-1]
}

// LastPayload returns the payload and response header of url's latest 200
// that brought one; nil when there is none.
func (db *DB) LastPayload(url string) ([]byte, http.Header, error) {
	return db.PreviousPayload(url, nil)
}

// PreviousPayload is LastPayload, the capture read from prev (what
// Previous returned for url) when it is still current, so that it is not
// decoded again; with prev nil, or stale, it is read from the archive.
func (db *DB) PreviousPayload(url string, prev *Previous) ([]byte, http.Header, error) {
	var sha string
	var header http.Header
	err := db.view(func(tx *bolt.Tx) error {
		if c, ok := lastCaptureVia(tx, url, prev); ok && c.Status == 200 {
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
	err := db.view(func(tx *bolt.Tx) error {
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
