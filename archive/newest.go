package archive

import bolt "go.etcd.io/bbolt"

// NewestText returns url's newest fetched capture that carries a text: a
// 200 with a text sha256, not a stitched article. A URL's copy (CopyOf)
// may be a later capture without a text; this is the text it last had.
// ok is false when no capture of url has one.
func (db *DB) NewestText(url string) (c Capture, ok bool, err error) {
	return db.newest(url, BroughtText)
}

// BroughtText reports a capture that brought a text of its own: a 200
// with a text, not a stitched article (whose text is its pages').
func BroughtText(c Capture) bool {
	return c.Status == 200 && c.TextSHA256 != "" && c.Kind != KindStitched
}

// NewestPayload returns url's newest capture that brought a whole payload:
// a 200 with a payload and no error (a body cut short has an error). It is
// what a refetch compares a new fetch of url against. ok is false when no
// capture of url has one.
func (db *DB) NewestPayload(url string) (c Capture, ok bool, err error) {
	return db.newest(url, func(c Capture) bool {
		return c.Status == 200 && c.Error == "" && c.PayloadSHA256 != ""
	})
}

// newest returns url's newest capture that want accepts, reading from the
// newest back; a capture that cannot be read is an error, or skipped
// (Options.OnSkip).
func (db *DB) newest(url string, want func(Capture) bool) (c Capture, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		c, ok, err = newestWhere(tx, url, db.skipper(), want)
		return err
	})
	return c, ok, err
}
