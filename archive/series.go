package archive

import (
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// MaxSeriesPages bounds the pages of one stitched article; a longer chain
// of next pages is reported, not stitched.
const MaxSeriesPages = 100

// bucketPages indexes the URLs of captures that are pages of a split
// article (NextPage or PrevPage set): URL → empty. It is created with the
// first such capture, so archives without split articles lack it.
var bucketPages = []byte("pages")

// Series is an article split over pages as the archive holds it: the
// latest content capture of each page, followed from the first page by
// NextPage. It is Complete when the chain ends at a page without a next
// page, every page on the way is archived with text and names the page
// before it (when it names one), and no page repeats; Missing says what
// broke it otherwise.
type Series struct {
	First    string    // URL of the first page (or of the earliest page found)
	Pages    []Capture // the pages found, in order
	Complete bool
	Missing  string   // why the series is not complete, naming the page
	Stitched *Capture // the newest stitched capture of First; nil when none
	Current  bool     // Stitched is made of exactly Pages' texts, in order
}

// Refs lists the pages as a stitched capture names them.
func (s Series) Refs() []PageRef {
	refs := make([]PageRef, len(s.Pages))
	for i, p := range s.Pages {
		refs[i] = PageRef{URL: p.URL, CaptureID: p.ID, TextSHA256: p.TextSHA256, PayloadSHA256: p.PayloadSHA256}
	}
	return refs
}

// Series calls fn once per split article the archive holds, complete or
// not, ordered by the URL of its first page, inside one read transaction.
// A page whose previous page is not archived starts a series of its own,
// incomplete. An error from fn stops the walk.
func (db *DB) Series(fn func(Series) error) error {
	fn = interruptible(db, fn)
	return db.view(func(tx *bolt.Tx) error {
		all, err := allSeries(tx, db.skipper())
		if err != nil {
			return err
		}
		for _, s := range all {
			if err := fn(s); err != nil {
				return err
			}
		}
		return nil
	})
}

// SeriesOf returns the series that url is a page of; ok is false when url
// is not a page of a split article.
func (db *DB) SeriesOf(url string) (s Series, ok bool, err error) {
	err = db.Series(func(x Series) error {
		for _, p := range x.Pages {
			if p.URL == url && !ok {
				s, ok = x, true
			}
		}
		return nil
	})
	return s, ok, err
}

// allSeries builds every series from the pages index; a page capture
// that cannot be read is handed to skip (readCapture).
func allSeries(tx *bolt.Tx, skip skipFunc) ([]Series, error) {
	idx := tx.Bucket(bucketPages)
	if idx == nil {
		return nil, nil
	}
	pages := map[string]Capture{}
	var order []string
	err := idx.ForEach(func(k, _ []byte) error {
		c, ok, err := latestPage(tx, string(k), skip)
		if err == nil && ok && (c.NextPage != "" || c.PrevPage != "") {
			pages[c.URL] = c
			order = append(order, c.URL)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	pointed := map[string]bool{}
	for _, c := range pages {
		pointed[c.NextPage] = true
	}
	claimed := map[string]bool{}
	var out []Series
	follow := func(c Capture) error {
		s, err := followSeries(tx, c, pages, skip)
		for _, p := range s.Pages {
			claimed[p.URL] = true
		}
		out = append(out, s)
		return err
	}
	for _, u := range order { // first pages: no page before them
		if c := pages[u]; c.PrevPage == "" && !pointed[u] {
			if err := follow(c); err != nil {
				return nil, err
			}
		}
	}
	for _, u := range order { // pages no first page leads to
		if claimed[u] {
			continue
		}
		if err := follow(pages[u]); err != nil {
			return nil, err
		}
		s := &out[len(out)-1]
		s.Complete, s.Current = false, false
		s.Missing = fmt.Sprintf("no first page leads to %s", u)
		if prev := pages[u].PrevPage; prev != "" {
			s.Missing += fmt.Sprintf(" (its previous page %s is not archived as a page of it)", prev)
		}
	}
	slices.SortStableFunc(out, func(a, b Series) int { return strings.Compare(a.First, b.First) })
	return out, nil
}

// followSeries follows NextPage from first, and finds its stitched capture.
func followSeries(tx *bolt.Tx, first Capture, pages map[string]Capture, skip skipFunc) (Series, error) {
	s := Series{First: first.URL, Pages: []Capture{first}}
	s.Missing = pageProblem(first, 1, "")
	if s.Missing == "" && first.PageNumber > 1 {
		s.Missing = fmt.Sprintf("%s is page %d and names no page before it: page 1 is not archived", first.URL, first.PageNumber)
	}
	seen := map[string]bool{first.URL: true}
	for cur := first; s.Missing == "" && cur.NextPage != ""; {
		n := len(s.Pages) + 1
		if n > MaxSeriesPages {
			s.Missing = fmt.Sprintf("more than %d pages", MaxSeriesPages)
			break
		}
		next, ok := pages[cur.NextPage]
		if !ok {
			var err error
			if next, ok, err = latestPage(tx, cur.NextPage, skip); err != nil {
				return s, err
			}
		}
		switch {
		case !ok:
			s.Missing = fmt.Sprintf("page %d %s is not archived%s", n, cur.NextPage, lastFailure(tx, cur.NextPage))
		case seen[next.URL]:
			s.Missing = fmt.Sprintf("page %d %s leads back to an earlier page", n-1, cur.URL)
		default:
			s.Missing = pageProblem(next, n, cur.URL)
		}
		if s.Missing != "" {
			break
		}
		seen[next.URL] = true
		s.Pages = append(s.Pages, next)
		cur = next
	}
	s.Complete = s.Missing == ""
	st, ok, err := latestStitched(tx, first.URL, skip)
	if err != nil || !ok {
		return s, err
	}
	s.Stitched = &st
	s.Current = s.Complete && sameRefs(st.Pages, s.Refs())
	return s, nil
}

// pageProblem says why c cannot be page n after prev, "" when it can.
func pageProblem(c Capture, n int, prev string) string {
	switch {
	case c.TextSHA256 == "":
		return fmt.Sprintf("page %d %s has no text", n, c.URL)
	case prev != "" && c.PrevPage != "" && c.PrevPage != prev:
		return fmt.Sprintf("page %d %s names %s as its previous page, not %s", n, c.URL, c.PrevPage, prev)
	}
	return ""
}

// lastFailure describes url's latest capture when it failed: ": HTTP 404".
func lastFailure(tx *bolt.Tx, url string) string {
	ids := urlCaptureIDs(tx, url)
	if len(ids) == 0 {
		return ""
	}
	c, err := getCapture(tx, ids[len(ids)-1])
	switch {
	case err != nil:
		return ""
	case c.Error != "":
		return " (fetch failed: " + c.Error + ")"
	case c.Status != 200:
		return fmt.Sprintf(" (HTTP %d)", c.Status)
	}
	return ""
}

func sameRefs(a, b []PageRef) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].URL != b[i].URL || a[i].TextSHA256 != b[i].TextSHA256 {
			return false
		}
	}
	return true
}

// latestPage returns url's latest content capture that is not stitched:
// the page as last fetched with content.
func latestPage(tx *bolt.Tx, url string, skip skipFunc) (Capture, bool, error) {
	return newestWhere(tx, url, skip, func(c Capture) bool { return hasContent(c) && c.Kind != KindStitched })
}

// latestStitched returns url's newest stitched capture.
func latestStitched(tx *bolt.Tx, url string, skip skipFunc) (Capture, bool, error) {
	return newestWhere(tx, url, skip, func(c Capture) bool { return c.Kind == KindStitched })
}

// newestWhere returns url's newest capture that ok accepts; one that
// cannot be read is handed to skip (readCapture).
func newestWhere(tx *bolt.Tx, url string, skip skipFunc, ok func(Capture) bool) (Capture, bool, error) {
	ids := urlCaptureIDs(tx, url)
	for i := len(ids) - 1; i >= 0; i-- {
		c, read, err := readCapture(tx, ids[i], skip)
		if err != nil {
			return c, false, err
		}
		if read && ok(c) {
			return c, true, nil
		}
	}
	return Capture{}, false, nil
}

// putPageIndex indexes a page of a split article (write.go's putIndexes).
func putPageIndex(tx *bolt.Tx, c *Capture) error {
	if c.NextPage == "" && c.PrevPage == "" {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketPages)
	if err == nil {
		err = b.Put([]byte(c.URL), []byte{})
	}
	if err != nil {
		return fmt.Errorf("archive: put pages index: %w", err)
	}
	return nil
}

// copyView says, for a walk over copies, which URLs a stitched capture
// stands for: the first page of a split article whose current stitched
// capture is that article's copy, and its later pages, which are parts of
// it and not copies of their own. A series that is incomplete, or whose
// pages changed since it was stitched, is left as its pages: each page is
// its own copy until the next stitch.
type copyView struct {
	stitched map[string]Capture // first page URL → its current stitched capture
	parts    map[string]string  // URL of a later page of those → its first page's URL
	skip     skipFunc           // takes out captures that cannot be read (readCapture)
}

func loadCopyView(tx *bolt.Tx, skip skipFunc) (copyView, error) {
	v := copyView{stitched: map[string]Capture{}, parts: map[string]string{}, skip: skip}
	all, err := allSeries(tx, skip)
	for _, s := range all {
		if !s.Current {
			continue
		}
		v.stitched[s.First] = *s.Stitched
		for _, p := range s.Pages[1:] {
			v.parts[p.URL] = s.First
		}
	}
	return v, err
}

// copyOf returns the copy of url (ids: its captures, oldest first): its
// current stitched capture, or its latest content capture that is not a
// stitched one; ok is false for a part of a stitched article and a URL
// without content.
func (v copyView) copyOf(tx *bolt.Tx, url string, ids []uint64) (Capture, bool, error) {
	if v.parts[url] != "" {
		return Capture{}, false, nil
	}
	if s, ok := v.stitched[url]; ok {
		return s, true, nil
	}
	for i := len(ids) - 1; i >= 0; i-- {
		c, read, err := readCapture(tx, ids[i], v.skip)
		if err != nil {
			return c, false, err
		}
		if read && hasContent(c) && c.Kind != KindStitched {
			return c, true, nil
		}
	}
	return Capture{}, false, nil
}

// forEachCopy calls fn with the copy of each URL, in URL order; captures
// that cannot be read are handed to skip (readCapture).
func forEachCopy(tx *bolt.Tx, skip skipFunc, fn func(Capture) error) error {
	return forEachCopyOf(tx, skip, func(c Capture, _ []uint64) error { return fn(c) })
}

// forEachCopyOf is forEachCopy with the IDs of every capture of the
// copy's URL, oldest first.
func forEachCopyOf(tx *bolt.Tx, skip skipFunc, fn func(c Capture, ids []uint64) error) error {
	v, err := loadCopyView(tx, skip)
	if err != nil {
		return err
	}
	return forEachURL(tx, func(url string, ids []uint64) error {
		c, ok, err := v.copyOf(tx, url, ids)
		if err != nil || !ok {
			return err
		}
		return fn(c, ids)
	})
}

// CopyOf returns url's copy as LatestContent hands it out; for a later
// page of a stitched article, the stitched capture it is part of. ok is
// false when url has no copy.
func (db *DB) CopyOf(url string) (c Capture, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		v, err := loadCopyView(tx, db.skipper())
		if err != nil {
			return err
		}
		if first := v.parts[url]; first != "" {
			c, ok = v.stitched[first], true
			return nil
		}
		c, ok, err = v.copyOf(tx, url, urlCaptureIDs(tx, url))
		return err
	})
	return c, ok, err
}
