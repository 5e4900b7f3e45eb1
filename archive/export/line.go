package export

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
)

// Filter selects copies; zero fields select everything.
type Filter struct {
	Since time.Time // the URL fetched at or after (its newest capture, whatever it brought; a capture's own time for WARC)
	Host  string    // URL host, case-insensitive, without port
	Work  string    // work ID or full text sha256

	// Similarity compares texts when works are formed; the zero value
	// estimates from the stored sketches (archive.DB.Works).
	Similarity archive.Similarity
}

// Line is one copy as exported. The first 17 fields are the JSONL
// contract, in this order; later fields are additions. Text and Path are
// pointers so that JSONL always has "text" and the bundle manifest has
// "path" instead.
type Line struct {
	URL         string  `json:"url"`
	FinalURL    string  `json:"final_url"`
	FetchedAt   string  `json:"fetched_at"`
	Status      int     `json:"status"`
	ContentType string  `json:"content_type"`
	Encoding    string  `json:"encoding"`
	Title       string  `json:"title"`
	Published   string  `json:"published"`
	Publisher   string  `json:"publisher"`
	Attribution string  `json:"attribution"`
	Lang        string  `json:"lang"`
	Text        *string `json:"text,omitempty"`
	TextSHA256  string  `json:"text_sha256"`
	RawSHA256   string  `json:"raw_sha256"`
	Work        string  `json:"work"`
	Original    bool    `json:"original"`
	Relation    string  `json:"relation"`

	CaptureID       uint64  `json:"capture_id"`
	CharsetEvidence string  `json:"charset_evidence"`
	Truncated       bool    `json:"truncated"`
	PayloadLength   int64   `json:"payload_length"`
	Path            *string `json:"path,omitempty"`
	// Pages of an article split over pages: its text is theirs, joined in
	// this order (the copy is a stitched capture); absent otherwise.
	Pages []archive.PageRef `json:"pages,omitempty"`
	// Captions taken out of the text (figure captions, photo credits,
	// media placeholders), in page order; [] when there are none.
	Captions []string `json:"captions"`
	// TextTruncated: the text comes from the first TextLimit bytes of a
	// longer body (the payload is whole); both absent otherwise.
	TextTruncated bool  `json:"text_truncated,omitempty"`
	TextLimit     int64 `json:"text_limit,omitempty"`
	// The URL's newest capture, whatever it brought: the copy's own fetch
	// (the same as fetched_at and status), a later 304 that confirmed
	// the copy, or a later error page, failed fetch (status 0, and
	// last_error) or redirect (its 3xx, and moved_to): whether the text
	// is still what the URL serves.
	LastFetchedAt string `json:"last_fetched_at"`
	LastStatus    int    `json:"last_status"`
	MovedTo       string `json:"moved_to,omitempty"`
	LastError     string `json:"last_error,omitempty"`

	host        string
	lastFetched time.Time
	ownText     string // the capture's OwnTextSHA256: its text is not its document's
}

// membership is a capture's place in a work.
type membership struct {
	work, relation string
}

// selectCopies returns the filtered copies in URL order, and the works
// they belong to.
func selectCopies(db *archive.DB, f Filter) ([]Line, []archive.Work, error) {
	works, err := db.WorksBy(f.Similarity)
	if err != nil {
		return nil, nil, err
	}
	if err := holdsWork(db, works, f.Work); err != nil {
		return nil, nil, err
	}
	member := map[uint64]membership{}
	for _, w := range works {
		for _, c := range w.Copies {
			member[c.CaptureID] = membership{w.ID, contractRelation(c.Relation)}
		}
	}
	n := 0
	for _, w := range works {
		n += len(w.Copies)
	}
	lines := make([]Line, 0, n) // every copy with a text, most often all
	err = db.LatestContentChecked(func(c, newest archive.Capture) error {
		l := newLine(c, member[c.ID])
		l.lastState(newest)
		if f.match(l) {
			lines = append(lines, l)
		}
		return nil
	})
	return lines, usedWorks(works, lines), err
}

// contractRelation is rel as the JSONL contract names relations:
// original, identical, near or excerpt; every export (JSONL, bundle,
// the WARC's metadata records, WACZ) says the same. A copy that holds the original's
// text and adds to it (archive.RelContains, which prov works and trace
// show) is exported as near, the contract's relation for a copy of the
// work that is neither identical nor an excerpt of the original.
func contractRelation(rel string) string {
	if rel == archive.RelContains {
		return archive.RelNear
	}
	return rel
}

func newLine(c archive.Capture, m membership) Line {
	l := Line{URL: c.URL, FinalURL: c.FinalURL, FetchedAt: c.FetchStart.UTC().Format(time.RFC3339),
		Status: c.Status, ContentType: http.Header(c.ResponseHeader).Get("Content-Type"),
		Encoding: c.Charset, Title: c.Title, Published: c.Published, Publisher: c.Publisher,
		Attribution: c.Attribution, Lang: c.Lang, TextSHA256: c.TextSHA256, RawSHA256: c.PayloadSHA256,
		Work: m.work, Original: m.relation == archive.RelOriginal, Relation: m.relation,
		CaptureID: c.ID, CharsetEvidence: c.CharsetEvidence, Truncated: c.Truncated, PayloadLength: c.PayloadLength,
		TextTruncated: c.TextTruncated, TextLimit: c.TextLimit,
		Pages: c.Pages, Captions: c.Captions,
		host: hostOf(c.URL), ownText: c.OwnTextSHA256}
	if l.Captions == nil {
		l.Captions = []string{}
	}
	return l
}

// lastState fills l's last_* fields and moved_to from newest, the
// newest capture of l's URL (archive.DB.LatestContentChecked).
func (l *Line) lastState(newest archive.Capture) {
	l.lastFetched = newest.FetchStart
	l.LastFetchedAt = newest.FetchStart.UTC().Format(time.RFC3339)
	l.LastStatus, l.LastError = newest.Status, newest.Error
	switch {
	case newest.URL != l.URL: // requested as l's URL, filed under the one a redirect led to
		l.MovedTo = newest.URL
		if len(newest.Redirects) > 0 {
			l.LastStatus = newest.Redirects[0].Status
		}
	case newest.Status >= 300 && newest.Status < 400 && newest.Status != http.StatusNotModified:
		l.MovedTo = location(newest)
	}
}

// location is c's Location header read against its URL, "" when absent
// or unreadable.
func location(c archive.Capture) string {
	loc := http.Header(c.ResponseHeader).Get("Location")
	base, err := url.Parse(c.FinalURL)
	if loc == "" || err != nil {
		return loc
	}
	u, err := base.Parse(loc)
	if err != nil {
		return ""
	}
	return u.String()
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// NoWorkError is the error of an export filtered by a work (Filter.Work)
// the archive does not hold: an export of it would be empty, and look
// like a valid one. It wraps archive.ErrNotFound.
type NoWorkError struct{ Ref string }

func (e *NoWorkError) Error() string { return fmt.Sprintf("work %s: %v", e.Ref, archive.ErrNotFound) }

func (e *NoWorkError) Unwrap() error { return archive.ErrNotFound }

// holdsWork returns a *NoWorkError when ref, a Filter.Work (a work ID or
// a text sha256), names nothing the archive holds.
func holdsWork(db *archive.DB, works []archive.Work, ref string) error {
	if ref == "" {
		return nil
	}
	for _, w := range works {
		if strings.EqualFold(w.ID, ref) {
			return nil
		}
		for _, c := range w.Copies {
			if strings.EqualFold(c.TextSHA256, ref) {
				return nil
			}
		}
	}
	if len(ref) == 64 { // an earlier text of a copy: its captures are exported
		if _, err := db.Document(strings.ToLower(ref)); err == nil {
			return nil
		} else if !errors.Is(err, archive.ErrNotFound) {
			return err
		}
	}
	return &NoWorkError{Ref: ref}
}

func (f Filter) match(l Line) bool {
	switch {
	case !f.Since.IsZero() && l.lastFetched.Before(f.Since):
		return false
	case f.Host != "" && !strings.EqualFold(strings.TrimSuffix(f.Host, "."), l.host):
		return false
	case f.Work != "" && f.Work != l.Work && !strings.EqualFold(f.Work, l.TextSHA256):
		return false
	}
	return true
}

// usedWorks keeps the works that have a copy among lines.
func usedWorks(works []archive.Work, lines []Line) []archive.Work {
	used := map[string]bool{}
	for _, l := range lines {
		used[l.Work] = true
	}
	var out []archive.Work
	for _, w := range works {
		if used[w.ID] {
			out = append(out, w)
		}
	}
	return out
}

// keepTexts bounds the bytes of texts a textLoader keeps between lines.
const keepTexts = 64 << 20

// textLoader fills the texts of an export's lines, each copy's own
// (archive.DB.CaptureText): its document's text, or the text it brought
// when that differs from its document's only in what normalisation folds.
// A text that several lines share (the identical copies of a work:
// thousands when a wire story is republished) is read from the archive
// once and kept until its last line, as long as the kept texts fit in
// keepTexts; others are read once per line, as before.
type textLoader struct {
	db   *archive.DB
	uses map[string]int    // text key → lines yet to be filled with it
	kept map[string]string // texts read and still to be used again
	room int               // bytes kept may still take
}

// textKey names l's text among the texts of an export: its own text's
// exact sha256, or its document's text hash (another kind of hash of
// other bytes, so the two never name the same text by chance).
func (l *Line) textKey() string {
	if l.ownText != "" {
		return "own " + l.ownText
	}
	return l.TextSHA256
}

// skip hands l, whose text could not be read (err), to db.Skip under the
// bucket and key its text is stored under.
func (l *Line) skip(db *archive.DB, err error) error {
	if l.ownText != "" {
		return db.Skip("owntexts", l.ownText, err)
	}
	return db.Skip("documents", l.TextSHA256, err)
}

func newTextLoader(db *archive.DB, lines []Line) *textLoader {
	tl := &textLoader{db: db, uses: map[string]int{}, kept: map[string]string{}, room: keepTexts}
	for i := range lines {
		if lines[i].TextSHA256 != "" {
			tl.uses[lines[i].textKey()]++
		}
	}
	return tl
}

// load fills l.Text with its copy's own text; called outside any read
// transaction (nested bbolt transactions can deadlock against a writer).
func (tl *textLoader) load(l *Line) error {
	text, sha := "", l.textKey()
	if l.TextSHA256 != "" {
		t, ok := tl.kept[sha]
		if !ok {
			var err error
			t, err = tl.db.CaptureText(archive.Capture{ID: l.CaptureID, TextSHA256: l.TextSHA256, OwnTextSHA256: l.ownText})
			if err != nil {
				return err
			}
		}
		tl.uses[sha]--
		switch {
		case tl.uses[sha] <= 0 && ok:
			delete(tl.kept, sha)
			tl.room += len(t)
		case tl.uses[sha] > 0 && !ok && len(t) <= tl.room:
			tl.kept[sha] = t
			tl.room -= len(t)
		}
		text = t
	}
	l.Text = &text
	return nil
}
