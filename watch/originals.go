package watch

import (
	"errors"
	"fmt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/trace"
)

// Original is an archived copy to fetch again: its canonical URL, the
// capture it is compared against, and that capture's clean text ("" when
// it has none).
type Original struct {
	URL  string
	Base archive.Capture
	Text string
}

// ErrNotArchived is wrapped by the error of a URL the archive holds no
// copy of.
var ErrNotArchived = errors.New("not archived")

// URLError is why a URL given to Originals cannot be refetched: it is no
// http(s) URL, or (Err wraps ErrNotArchived) the archive holds no copy.
type URLError struct {
	URL string // as given
	Err error
}

func (e *URLError) Error() string {
	if errors.Is(e.Err, ErrNotArchived) {
		return fmt.Sprintf("%s is not archived", e.URL)
	}
	return fmt.Sprintf("%q: %v", e.URL, e.Err)
}

func (e *URLError) Unwrap() error { return e.Err }

// Originals returns what to refetch: the archived copies of urls, in
// their order and each once, or with none the original of every work as
// prov works elects them. A URL that cannot be refetched fails it with a
// *URLError naming the URL.
func Originals(db *archive.DB, urls []string) ([]Original, error) {
	if len(urls) == 0 {
		return workOriginals(db)
	}
	var out []Original
	seen := map[string]bool{}
	for _, raw := range urls {
		key, err := crawl.Canonicalize(raw)
		if err != nil {
			return nil, &URLError{raw, err}
		}
		o, ok, err := archivedCopy(db, key)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &URLError{raw, ErrNotArchived}
		}
		if !seen[o.URL] {
			seen[o.URL] = true
			out = append(out, o)
		}
	}
	return out, nil
}

// workOriginals returns the elected original of every work, in the order
// of the works.
func workOriginals(db *archive.DB) ([]Original, error) {
	works, err := db.WorksBy(trace.Similarity())
	if err != nil {
		return nil, err
	}
	out := make([]Original, 0, len(works))
	for _, w := range works {
		c, err := db.Capture(w.Original.CaptureID)
		if err != nil {
			return nil, err
		}
		o, err := withText(db, c)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// archivedCopy returns key's latest capture that brought content.
func archivedCopy(db *archive.DB, key string) (Original, bool, error) {
	c, ok, err := db.NewestPayload(key)
	if err != nil || !ok {
		return Original{}, false, err
	}
	o, err := withText(db, c)
	return o, true, err
}

// withText is the original of capture c, with its text: the text c
// brought (archive.DB.CaptureText), which a refetch is compared with.
func withText(db *archive.DB, c archive.Capture) (Original, error) {
	o := Original{URL: c.URL, Base: c}
	if c.TextSHA256 == "" {
		return o, nil
	}
	text, err := db.CaptureText(c)
	o.Text = text
	return o, err
}
