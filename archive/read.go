package archive

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Captures calls fn once per capture, in ID order, inside one read
// transaction. An error from fn stops the walk and is returned; a capture
// that cannot be read is an error too, or skipped (Options.OnSkip).
func (db *DB) Captures(fn func(Capture) error) error {
	skip := db.skipper()
	return db.view(func(tx *bolt.Tx) error {
		return walkCaptures(tx, skip, interruptible(db, fn))
	})
}

// walkCaptures calls fn with each capture that decodes, in ID order; the
// others, and damaged pages, are handed to skip.
func walkCaptures(tx *bolt.Tx, skip skipFunc, fn func(Capture) error) error {
	caps := captureReader{tx: tx, keep: true}
	return walk(tx, bucketCaptures, func(k, v []byte) error {
		c, err := caps.at(k, v)
		if err != nil {
			return skip.handle(Skipped{Bucket: "captures", Key: hex.EncodeToString(k), Capture: keyIDOf(k), Err: err})
		}
		return fn(c)
	}, skipDamage(skip, "captures"))
}

// keyIDOf is the ID of an 8-byte key, 0 for a key of another length.
func keyIDOf(k []byte) uint64 {
	if len(k) != 8 {
		return 0
	}
	return keyID(k)
}

// Latest calls fn once per URL with that URL's latest capture, whatever
// its kind, in URL order, inside one read transaction.
func (db *DB) Latest(fn func(Capture) error) error {
	return db.latestWhere(func(Capture) bool { return true }, fn)
}

// LatestContent calls fn once per URL with that URL's copy, in URL order:
// its latest capture that carries content (status 200 with a text or a
// payload); a later failure or 304 does not hide the copy the archive
// holds. For an article split over pages, the first page's copy is its
// current stitched capture and the later pages are parts of it, not
// copies: fn does not see them (series.go, copyView).
func (db *DB) LatestContent(fn func(Capture) error) error {
	skip := db.skipper()
	return db.view(func(tx *bolt.Tx) error { return forEachCopy(tx, skip, interruptible(db, fn)) })
}

// LatestContentChecked is LatestContent with, beside each copy, its URL's
// newest capture whatever it brought (History's last): a later 304, an
// error page, a failed fetch, or a fetch of the URL that a redirect filed
// under another; newest is the copy itself when nothing came after it.
// It says whether the copy is still what the URL serves.
func (db *DB) LatestContentChecked(fn func(copy, newest Capture) error) error {
	skip := db.skipper()
	return db.view(func(tx *bolt.Tx) error {
		return forEachCopy(tx, skip, func(c Capture) error {
			if err := db.Interrupted(); err != nil {
				return err
			}
			newest, err := newestOf(tx, c, skip)
			if err != nil {
				return err
			}
			return fn(c, newest)
		})
	})
}

// newestOf returns the newest readable capture of c's URL, or c when none
// is newer (a stitched copy is newer than its first page's capture).
func newestOf(tx *bolt.Tx, c Capture, skip skipFunc) (Capture, error) {
	ids := historyIDs(tx, c.URL)
	for i := len(ids) - 1; i >= 0 && ids[i] > c.ID; i-- {
		n, read, err := readCapture(tx, ids[i], skip)
		if err != nil || read {
			return n, err
		}
	}
	return c, nil
}

func hasContent(c Capture) bool {
	return c.Status == 200 && (c.TextSHA256 != "" || c.PayloadSHA256 != "")
}

// latestWhere walks the urls index one URL at a time, newest capture
// first, and hands fn the first that ok accepts.
func (db *DB) latestWhere(ok func(Capture) bool, fn func(Capture) error) error {
	fn = interruptible(db, fn)
	return db.view(func(tx *bolt.Tx) error {
		return forEachURL(tx, func(_ string, ids []uint64) error {
			for i := len(ids) - 1; i >= 0; i-- {
				c, err := getCapture(tx, ids[i])
				if err != nil {
					return err
				}
				if ok(c) {
					return fn(c)
				}
			}
			return nil
		})
	})
}

// forEachURL calls fn once per URL of the urls index with its capture IDs
// in ascending order.
func forEachURL(tx *bolt.Tx, fn func(url string, ids []uint64) error) error {
	cur := idxURLs.in(tx).cursor()
	var url string
	var ids []uint64
	for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
		if u := urlOfKey(k); len(ids) > 0 && u != url {
			if err := fn(url, ids); err != nil {
				return err
			}
			ids = nil
		}
		url = urlOfKey(k)
		ids = append(ids, keyID(k))
	}
	if len(ids) == 0 {
		return nil
	}
	return fn(url, ids)
}

// History returns every capture of url, oldest first.
func (db *DB) History(url string) ([]Capture, error) {
	var out []Capture
	err := db.view(func(tx *bolt.Tx) error {
		for _, id := range historyIDs(tx, url) {
			c, err := getCapture(tx, id)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// TextVersions returns the versions of a URL's text among its captures
// (History's, oldest first): each capture that brought a text other than
// the one before it. A failure, a capture without a text (an error page,
// a 304) or the same text again is no version.
func TextVersions(caps []Capture) []Capture {
	var out []Capture
	for _, c := range caps {
		if c.TextSHA256 == "" || c.Kind == KindFailed {
			continue
		}
		if n := len(out); n > 0 && out[n-1].TextSHA256 == c.TextSHA256 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// Capture returns the capture with this ID, or ErrNotFound.
func (db *DB) Capture(id uint64) (Capture, error) {
	var c Capture
	err := db.view(func(tx *bolt.Tx) (err error) {
		c, err = getCapture(tx, id)
		return err
	})
	return c, err
}

// Document returns the document stored under its hex text sha256.
func (db *DB) Document(sha string) (Document, error) {
	var d Document
	h, err := ParseHash(sha)
	if err != nil {
		return d, err
	}
	err = db.view(func(tx *bolt.Tx) error {
		d, err = getDocument(tx, h)
		return err
	})
	return d, err
}

// ErrAmbiguous is wrapped when a short hash names more than one document.
var ErrAmbiguous = errors.New("more than one document")

// MinPrefix is the fewest hex digits DocumentHash takes: 32 bits, short
// enough to type, long enough that one archive seldom holds two texts
// under it. Hash.Short, what prov prints, has 12.
const MinPrefix = 8

// DocumentHash returns the full text sha256 of the one document whose
// hash starts with the hex digits prefix, at least MinPrefix of them (a
// whole hash is returned as it is, lower-cased, when it is archived).
// None is an ErrNotFound; two or more an ErrAmbiguous naming them.
func (db *DB) DocumentHash(prefix string) (string, error) {
	prefix = strings.ToLower(prefix)
	if len(prefix) < MinPrefix || len(prefix) > hex.EncodedLen(len(Hash{})) {
		return "", fmt.Errorf("archive: text hash %q: want %d to %d hex digits", prefix, MinPrefix, hex.EncodedLen(len(Hash{})))
	}
	whole, err := hex.DecodeString(prefix[:len(prefix)&^1]) // the odd digit, if any, is matched on the keys' hex
	if err != nil {
		return "", fmt.Errorf("archive: text hash %q: %w", prefix, err)
	}
	var found []string
	err = db.view(func(tx *bolt.Tx) error {
		cur := idxDocuments.in(tx).cursor()
		for k, _ := cur.Seek(whole); hasPrefix(k, whole) && len(found) < 3; k, _ = cur.Next() {
			if h := hex.EncodeToString(k); strings.HasPrefix(h, prefix) {
				found = append(found, h)
			}
		}
		return nil
	})
	switch {
	case err != nil:
		return "", err
	case len(found) == 0:
		return "", notFound("text hash %s", prefix)
	case len(found) > 1:
		return "", fmt.Errorf("archive: text hash %s: %w (%s, …): give more digits", prefix, ErrAmbiguous, strings.Join(found, ", "))
	}
	return found[0], nil
}

// DocumentCaptures returns the IDs of every capture whose text hashes to
// sha, in ID order: every copy of the document.
func (db *DB) DocumentCaptures(sha string) ([]uint64, error) {
	h, err := ParseHash(sha)
	if err != nil {
		return nil, err
	}
	var ids []uint64
	err = db.view(func(tx *bolt.Tx) error {
		cur := idxDocCaps.in(tx).cursor()
		for k, _ := cur.Seek(h[:]); hasPrefix(k, h[:]); k, _ = cur.Next() {
			ids = append(ids, keyID(k))
		}
		return nil
	})
	return ids, err
}

func urlCaptureIDs(tx *bolt.Tx, url string) []uint64 {
	prefix := urlPrefix(url)
	return appendIDs(nil, idxURLs.in(tx).prefixCursor(prefix), prefix)
}

// keyCursor walks keys in order: a bolt.Cursor, or an index's
// mergedCursor over both its levels.
type keyCursor interface {
	Seek(seek []byte) (k, v []byte)
	Next() (k, v []byte)
}

// appendIDs appends to ids the capture IDs of cur's keys that are prefix
// (a URL's, urlPrefix) and an ID.
func appendIDs(ids []uint64, cur keyCursor, prefix []byte) []uint64 {
	for k, _ := cur.Seek(prefix); hasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = cur.Next() {
		ids = append(ids, keyID(k))
	}
	return ids
}

func getCapture(tx *bolt.Tx, id uint64) (Capture, error) {
	r := captureReader{tx: tx}
	return r.capture(id)
}
