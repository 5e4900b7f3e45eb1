package archive

// ConfirmedIn returns the capture that c, a not-modified revisit (a 304),
// confirms: the latest capture of c's URL before it answered 200 without
// an error and not stitched, the capture whose ETag and Last-Modified the
// conditional GET sent (Previous). caps is c's URL's captures (History),
// oldest first. False when c is no 304, or no such capture precedes it.
//
// A 304 brings no bytes and records none: it says the bytes of that
// capture are still what the URL serves.
func ConfirmedIn(caps []Capture, c Capture) (Capture, bool) {
	if c.Kind != KindNotModified {
		return Capture{}, false
	}
	for i := len(caps) - 1; i >= 0; i-- {
		p := caps[i]
		if p.ID < c.ID && p.URL == c.URL && Confirmable(&p) {
			return p, true
		}
	}
	return Capture{}, false
}

// Confirmable says whether a later 304 of c's URL may confirm c: a 200
// without an error that is not a stitched article, the kind of capture
// whose validators a conditional GET sends (Previous). Every reader that
// names what a 304 confirms (ConfirmedIn, the WARC export) uses it.
func Confirmable(c *Capture) bool {
	return c.Status == 200 && c.Error == "" && c.Kind != KindStitched
}

// Confirmed is ConfirmedIn, c's URL's captures read from the archive.
func (db *DB) Confirmed(c Capture) (Capture, bool, error) {
	caps, err := db.History(c.URL)
	if err != nil {
		return Capture{}, false, err
	}
	p, ok := ConfirmedIn(caps, c)
	return p, ok, nil
}
