package watch

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
	"github.com/prov-archive/prov/textdiff"
)

// What a refetch found of an original: a Result's Status.
const (
	Unchanged = "unchanged" // same payload, or same text
	Changed   = "changed"   // another text; Diff says how
	Moved     = "moved"     // redirected elsewhere, or a 301/308; NewURL says where
	Gone      = "gone"      // 404, 410, or a name the DNS says does not exist (crawl.Page.Gone)
	Failed    = "failed"    // any other failure (5xx, timeout, refused, robots…): nothing could be said
)

// Result is the verdict on one original. Its JSON is one line of prov
// verify --refetch --json: the field names are read by outside tools.
type Result struct {
	URL       string        `json:"url"`
	Status    string        `json:"status"`
	Detail    string        `json:"detail"`
	NewURL    string        `json:"new_url"`
	CaptureID uint64        `json:"capture_id"` // the new capture of this fetch; 0 when nothing was fetched
	Diff      []textdiff.Op `json:"diff"`       // changes from the archived text, as prov diff --json
	// TextThere is, for an original moved to a URL the fetch reached,
	// what was found there: unchanged or changed; "" otherwise.
	TextThere string `json:"text_there,omitempty"`

	// Against and Now name the texts compared, for a printed diff; set
	// when Diff is.
	Against, Now Version `json:"-"`
}

// Version names one of the two texts a diff compares.
type Version struct {
	Label      string // "URL, capture 12" or "URL, refetched as capture 40"
	TextSHA256 string
}

// fetchedText is the clean text of a refetch and its hash.
type fetchedText struct{ text, sha string }

// judge says what became of original o, given its refetch p, stored as
// capture stored, whose clean text is now: classify's verdict, with the
// paragraph diff of a changed text.
func judge(o Original, p crawl.Page, stored archive.Capture, now fetchedText) Result {
	return classify(o, p, stored, fetchedAs{now.sha, now.text == o.Text}, func(res *Result) { diffAgainst(res, o, p, stored, now) })
}

// fetchedAs is what classify needs of a fetch's clean text: the hash of
// its normalised form ("" when it has none), and whether its characters
// are byte for byte the original's own.
type fetchedAs struct {
	sha       string
	sameChars bool
}

// The details of an unchanged text whose payload differs.
const (
	textIdentical           = "text identical, payload differs"
	textIdenticalNormalised = "text identical once normalised (its characters differ: punctuation widths, spacing), payload differs"
)

// classify is the one reading of a fetch of original o, a refetch as it
// happens (judge) or a fetch the archive holds (checkOf): p is the fetch,
// stored its capture, now its clean text. A text identical to o's once
// normalised is unchanged, as a copy with it would be identical; when its
// characters are not o's own (punctuation widths, spacing), the detail
// says so. describe is called for a text that changed, to say how.
func classify(o Original, p crawl.Page, stored archive.Capture, now fetchedAs, describe func(*Result)) Result {
	res := Result{URL: o.URL, CaptureID: stored.ID}
	if why := goneWhy(p); why != "" {
		res.Status, res.Detail = Gone, why
		return res
	}
	if notFollowed(p) {
		res.Status, res.NewURL = Moved, location(p)
		res.Detail = fmt.Sprintf("%s; not followed: %s", statusText(p.Status), ingest.FailureText(stored))
		return res
	}
	if reason := p.Failure(); reason != crawl.NoFailure || p.Status/100 != 2 {
		res.Status, res.Detail = Failed, fmt.Sprintf("%s: %s", orElse(string(reason), "http"), ingest.FailureText(stored))
		return res
	}
	compare(&res, o, stored, now, describe)
	if to, status := movedTo(o.URL, p); to != "" {
		res.Detail = fmt.Sprintf("%s; moved+%s (%s)", statusText(status), res.Status, res.Detail)
		res.Status, res.NewURL, res.TextThere = Moved, to, res.Status
	}
	return res
}

// notFollowed says whether p is a redirect the fetch stopped at that
// still says where the original is now: a permanent one (301, 308); any
// one to another site, which a crawl's scope refuses (crawl follows a
// redirect only within the registrable domains of its seeds and rules);
// any one the crawl kept as it was, without an error, because the run
// fetches its target anyway (another original).
func notFollowed(p crawl.Page) bool {
	switch {
	case p.Status == 301, p.Status == 308:
		return true
	case p.Status >= 300 && p.Status < 400 && p.Status != 304:
		return p.Err == nil || p.Failure() == crawl.FailOutOfScope
	}
	return false
}

// compare fills res with unchanged or changed; describe says how a
// changed text changed.
func compare(res *Result, o Original, stored archive.Capture, now fetchedAs, describe func(*Result)) {
	newSHA := stored.PayloadSHA256
	switch {
	case newSHA != "" && newSHA == o.Base.PayloadSHA256:
		res.Status, res.Detail = Unchanged, "payload identical"
	case now.sha != "" && now.sha == o.Base.TextSHA256 && now.sameChars:
		res.Status, res.Detail = Unchanged, textIdentical
	case now.sha != "" && now.sha == o.Base.TextSHA256:
		res.Status, res.Detail = Unchanged, textIdenticalNormalised
	default:
		res.Status = Changed
		describe(res)
	}
}

// diffAgainst fills a changed res with the diff of o's text against the
// refetched one, its summary and the versions compared.
func diffAgainst(res *Result, o Original, p crawl.Page, stored archive.Capture, now fetchedText) {
	res.Diff = textdiff.Changes(textdiff.Diff(o.Text, now.text))
	if res.Diff == nil {
		res.Diff = []textdiff.Op{}
	}
	res.Detail = summarize(res.Diff, now)
	res.Against = Version{Label: fmt.Sprintf("%s, capture %d", o.URL, o.Base.ID), TextSHA256: o.Base.TextSHA256}
	res.Now = Version{Label: p.FinalURL + ", refetched", TextSHA256: now.sha}
	if stored.ID != 0 {
		res.Now.Label += fmt.Sprintf(" as capture %d", stored.ID)
	}
}

// summarize counts a diff's paragraphs: "2 paragraphs changed, 1 added".
func summarize(ops []textdiff.Op, now fetchedText) string {
	if now.sha == "" {
		return "payload differs; no text now"
	}
	n := map[string]int{}
	for _, op := range ops {
		n[op.Kind]++
	}
	var parts []string
	for _, k := range []string{textdiff.Changed, textdiff.Added, textdiff.Removed} {
		if n[k] == 0 {
			continue
		}
		noun := ""
		if len(parts) == 0 {
			noun = " paragraph"
			if n[k] > 1 {
				noun += "s"
			}
		}
		parts = append(parts, fmt.Sprintf("%d%s %s", n[k], noun, k))
	}
	if len(parts) == 0 {
		return "text hash differs; no paragraph differs"
	}
	return strings.Join(parts, ", ")
}

// goneWhy says why a fetch means the original is gone, "" when it does not.
func goneWhy(p crawl.Page) string {
	switch r := p.Failure(); {
	case !p.Gone():
		return ""
	case r == crawl.FailDNS:
		return "DNS: no such host"
	}
	return statusText(p.Status)
}

// movedTo returns the URL a followed redirect ended at and the first hop's
// status, "" when the fetch ended where it began.
func movedTo(orig string, p crawl.Page) (string, int) {
	if len(p.Redirects) < 2 {
		return "", 0
	}
	final, err := crawl.Canonicalize(p.FinalURL)
	if err != nil || final == orig {
		return "", 0
	}
	return final, p.Redirects[0].Status
}

// location is the absolute target of a redirect response.
func location(p crawl.Page) string {
	loc := p.Header.Get("Location")
	base, err := url.Parse(p.FinalURL)
	if err != nil || loc == "" {
		return loc
	}
	if u, err := base.Parse(loc); err == nil {
		return u.String()
	}
	return loc
}

func statusText(code int) string { return fmt.Sprintf("%d %s", code, http.StatusText(code)) }

func orElse(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Counts counts originals by verdict.
type Counts map[string]int

// String is "3 unchanged, 1 changed, 0 moved, 0 gone", with ", N failed"
// when any failed.
func (c Counts) String() string {
	var parts []string
	for _, k := range []string{Unchanged, Changed, Moved, Gone, Failed} {
		if c[k] > 0 || k != Failed {
			parts = append(parts, fmt.Sprintf("%d %s", c[k], k))
		}
	}
	return strings.Join(parts, ", ")
}
