package watch

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// NotChecked is the Status of an original whose URL nothing fetched
// again since the capture the election chose (its first fetch, or only
// failed fetches).
const NotChecked = "not checked"

// Status says whether a work's original is still online and unchanged,
// as the archive's captures of its URL tell it: the verdict of the latest
// fetch of the URL after the capture compared against, read as prov
// verify --refetch reads a refetch (classify). A fetch by a crawl counts
// as much as a refetch. Its JSON is the "online" field of prov works
// --json and prov trace --json: the field names are read by outside tools.
type Status struct {
	URL string `json:"url"` // the original's
	// Status is unchanged, changed, moved or gone (Result's words), or
	// NotChecked. A failed fetch leaves it as it was and sets LastFailed.
	Status string `json:"status"`
	Detail string `json:"detail,omitempty"` // as verify --refetch words it
	// NewURL and TextThere are a moved original's new URL and, when the
	// fetch reached it, whether the text there is the original's:
	// unchanged or changed.
	NewURL    string `json:"new_url,omitempty"`
	TextThere string `json:"text_there,omitempty"`
	// Against is the capture the check was compared against: the
	// elected capture (for a stitched article, its first page's), or,
	// when that capture is itself the latest check (a fetch that brought
	// the URL's text again, or a new text), the URL's capture with
	// content before it. Since is when Against was fetched.
	Against uint64    `json:"against_capture_id"`
	Since   time.Time `json:"since"`
	// Check is the fetch that found Status; nil when NotChecked.
	Check *Check `json:"check,omitempty"`
	// LastFailed is the URL's latest fetch when it failed (a refused
	// connection, a 5xx, a timeout): nothing could be said, and Status
	// is what the fetch before it found.
	LastFailed *Check `json:"last_check_failed,omitempty"`
}

// Check is one fetch of an original's URL, as the archive holds it.
type Check struct {
	CaptureID uint64    `json:"capture_id"`
	RunID     uint64    `json:"run_id"`
	RunKind   string    `json:"run_kind"` // crawl or refetch (archive.Run.KindName); "" for a run not recorded
	At        time.Time `json:"at"`       // fetch start, UTC; for a fetch never sent (a refused connection), its run's start
	Detail    string    `json:"detail,omitempty"`
}

// Checker finds the Status of originals in one archive; it reads the
// archive's runs once.
type Checker struct {
	db   *archive.DB
	runs map[uint64]archive.Run
}

// NewChecker returns a Checker over db.
func NewChecker(db *archive.DB) (*Checker, error) {
	runs, err := db.Runs()
	if err != nil {
		return nil, fmt.Errorf("watch: runs: %w", err)
	}
	c := &Checker{db: db, runs: make(map[uint64]archive.Run, len(runs))}
	for _, r := range runs {
		c.runs[r.ID] = r
	}
	return c, nil
}

// Status is the status of the original the election chose, orig (a
// work's Original). The election is not touched: a gone original is
// still its work's original.
func (k *Checker) Status(orig archive.Ref) (Status, error) {
	caps, err := k.db.History(orig.URL)
	if err != nil {
		return Status{}, fmt.Errorf("watch: history of %s: %w", orig.URL, err)
	}
	elected, err := k.captureIn(caps, orig.CaptureID)
	if err != nil {
		return Status{}, fmt.Errorf("watch: original %s: %w", orig.URL, err)
	}
	base, err := k.baseOf(elected)
	if err != nil {
		return Status{}, err
	}
	if base.URL != orig.URL {
		if caps, err = k.db.History(base.URL); err != nil {
			return Status{}, fmt.Errorf("watch: history of %s: %w", base.URL, err)
		}
	}
	st := Status{URL: base.URL, Status: NotChecked, Against: base.ID, Since: base.FetchStart.UTC()}
	for i := len(caps) - 1; i >= 0 && caps[i].ID > base.ID; i-- {
		if caps[i].Kind == archive.KindStitched {
			continue // made from pages, not fetched
		}
		if k.found(&st, base, caps, caps[i]) {
			return st, nil
		}
	}
	if prev, ok := contentBefore(caps, base); ok {
		st.Against, st.Since = prev.ID, prev.FetchStart.UTC()
		k.found(&st, prev, caps, base)
	}
	return st, nil
}

// captureIn is capture id, from caps (its URL's, as it most often is:
// read once) or else from the archive.
func (k *Checker) captureIn(caps []archive.Capture, id uint64) (archive.Capture, error) {
	for i := len(caps) - 1; i >= 0; i-- {
		if caps[i].ID == id {
			return caps[i], nil
		}
	}
	return k.db.Capture(id)
}

// baseOf is the capture of the original's URL that later fetches are
// compared with: the elected capture, or for an article stitched from
// pages its first page's capture (the fetch of its URL).
func (k *Checker) baseOf(elected archive.Capture) (archive.Capture, error) {
	if elected.Kind != archive.KindStitched || len(elected.Pages) == 0 {
		return elected, nil
	}
	first, err := k.db.Capture(elected.Pages[0].CaptureID)
	if err != nil {
		return first, fmt.Errorf("watch: first page of %s: %w", elected.URL, err)
	}
	return first, nil
}

// found sets st from check c of base's URL (caps: the URL's captures,
// oldest first) and reports whether it said something: a failed check
// only sets LastFailed, the first time, and the walk goes on to the one
// before it.
func (k *Checker) found(st *Status, base archive.Capture, caps []archive.Capture, c archive.Capture) bool {
	res := checkOf(base, caps, c)
	if res.Status == Failed {
		if st.LastFailed == nil {
			st.LastFailed = k.check(c, res.Detail)
		}
		return false
	}
	st.Status, st.Detail, st.NewURL, st.TextThere = res.Status, res.Detail, res.NewURL, res.TextThere
	st.Check = k.check(c, "")
	return true
}

func (k *Checker) check(c archive.Capture, detail string) *Check {
	ch := &Check{CaptureID: c.ID, RunID: c.RunID, At: c.FetchStart.UTC(), Detail: detail}
	if r, ok := k.runs[c.RunID]; ok {
		ch.RunKind = r.KindName()
		if ch.At.IsZero() {
			ch.At = r.Start.UTC()
		}
	}
	return ch
}

// contentBefore is the latest capture filed under base's URL before it
// that brought content (a 200 with a payload or a text).
func contentBefore(caps []archive.Capture, base archive.Capture) (archive.Capture, bool) {
	for i := len(caps) - 1; i >= 0; i-- {
		c := caps[i]
		if c.ID < base.ID && c.URL == base.URL && c.Status == 200 && c.Kind != archive.KindStitched && (c.PayloadSHA256 != "" || c.TextSHA256 != "") {
			return c, true
		}
	}
	return archive.Capture{}, false
}

// checkOf is the verdict on stored fetch c of base's URL against base:
// a 304 is unchanged when the capture it confirms (archive.ConfirmedIn)
// holds base's text; every other fetch is read as a refetch is
// (classify), from what its capture recorded.
func checkOf(base archive.Capture, caps []archive.Capture, c archive.Capture) Result {
	o := Original{URL: base.URL, Base: base}
	if c.Kind == archive.KindNotModified {
		return confirms(o, caps, c)
	}
	// Two captures of one normalised text hold the same characters when
	// neither keeps an own text or both keep the same (archive.CaptureText).
	now := fetchedAs{c.TextSHA256, c.OwnTextSHA256 == base.OwnTextSHA256}
	return classify(o, pageOf(c), c, now, func(res *Result) {
		if c.TextSHA256 == "" {
			res.Detail = "payload differs; no text now"
			return
		}
		res.Detail = fmt.Sprintf("another text than capture %d", base.ID)
	})
}

// confirms is the verdict on a 304, c.
func confirms(o Original, caps []archive.Capture, c archive.Capture) Result {
	res := Result{URL: o.URL, CaptureID: c.ID}
	p, ok := archive.ConfirmedIn(caps, c)
	switch {
	case !ok:
		res.Status, res.Detail = Failed, "304 Not Modified, confirming no archived capture"
	case p.ID == o.Base.ID || p.TextSHA256 != "" && p.TextSHA256 == o.Base.TextSHA256 || p.PayloadSHA256 == o.Base.PayloadSHA256:
		res.Status, res.Detail = Unchanged, fmt.Sprintf("304 Not Modified, confirming capture %d", p.ID)
	default:
		res.Status, res.Detail = Changed, fmt.Sprintf("304 Not Modified, confirming capture %d, another text than capture %d", p.ID, o.Base.ID)
	}
	return res
}

// pageOf is the fetch capture c records, as classify reads a live one:
// its URLs, status, response header and hops, and its error rebuilt from
// the stored text wherever the verdict turns on the error's kind.
func pageOf(c archive.Capture) crawl.Page {
	p := crawl.Page{RequestedURL: c.RequestedURL, FinalURL: c.FinalURL, CanonicalURL: c.URL,
		Status: c.Status, Header: http.Header(c.ResponseHeader)}
	for _, h := range c.Redirects {
		p.Redirects = append(p.Redirects, crawl.Hop{URL: h.URL, Status: h.Status})
	}
	if c.Error != "" {
		p.Err = storedError(c.Error)
	}
	return p
}

// noSuchHost ends net's error for a name the DNS says does not exist
// (net.DNSError with IsNotFound); a lookup that failed otherwise (no
// resolver reached, a timeout) is worded differently.
const noSuchHost = "no such host"

// storedError is an error whose text is a capture's stored error text,
// wrapping the kinds of error classify tells apart that the text shows:
// a name that does not exist (gone), a redirect out of the crawl's scope
// (moved). Any other is a plain error: a failure.
func storedError(text string) error {
	switch {
	case strings.HasSuffix(text, ": "+noSuchHost):
		return &storedErr{text, &net.DNSError{Err: noSuchHost, IsNotFound: true}}
	case strings.Contains(text, crawl.ErrOutOfScope.Error()):
		return &storedErr{text, crawl.ErrOutOfScope}
	}
	return errors.New(text)
}

// storedErr is a stored error text and the kind of error it shows.
type storedErr struct {
	text string
	kind error
}

func (e *storedErr) Error() string { return e.text }
func (e *storedErr) Unwrap() error { return e.kind }
