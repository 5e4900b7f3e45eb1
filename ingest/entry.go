package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sync"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

// Entry makes the archive entry of one fetch: the provenance record from
// the page, and what clean makes of its bytes when it is a document. The
// site rule is looked up once, by the page's final host: the rule whose
// selectors made the text is the rule the capture names. The payload's
// hash is set by the archive when it stores the entry; here the payload
// is hashed only to compare a revisit with its URL's latest 200, when
// everything else matches (cleanAgain).
//
// prev is the page's URL's record in the archive before the fetch (zero:
// none, or not to be used). When the page is a revisit that cleaning
// again would give nothing new (cleanAgain), its clean fields are copied
// from the URL's latest 200 (Previous.Latest200: never a stitched
// capture, whose text is its whole article's), and CleanFrom names that
// capture.
func Entry(p crawl.Page, set *rules.Set, runID uint64, prev archive.Previous) archive.Entry {
	host := hostOf(p.FinalURL)
	site := set.ForHost(host)
	c := captureOf(p, runID, site)
	// The entry carries the page's memory hold: the writer releases it.
	e := archive.Entry{Capture: c, Payload: p.Payload, Memory: p.Memory}
	if p.Status == 304 { // not modified: no body, and no empty blob
		e.Payload, e.Capture.PayloadLength = nil, 0
	}
	if p.Err != nil || !IsDocument(p) {
		return e
	}
	e.Capture.CleanKey = cleanKey(site)
	if last, ok := prev.Latest200(); ok && !cleanAgain(&e.Capture, p, last) {
		copyClean(&e.Capture, last)
		return e
	}
	doc, err := clean.Clean(clean.Input{URL: p.FinalURL, Header: p.Header, Body: p.Content, Site: site})
	if err != nil {
		e.Capture.Error = "clean: " + err.Error()
		return e
	}
	fillFromDocument(&e.Capture, doc, site, host)
	if site.IsCapturePage(p.FinalURL) || (doc.Pagination.Split() && site.IsCapturePage(doc.Pagination.First)) {
		e.Text = doc.Text
		fillPagination(&e.Capture, doc.Pagination)
	} else {
		e.Capture.TextSHA256, e.Capture.NormVersion = "", 0
	}
	return e
}

// DocumentText is the clean text of a page and its text hash: the
// entry's when it holds one, else — for a document the rules do not keep
// as one (off the capture patterns) — what clean makes of it, for a
// comparison only. Both are "" for a page that is no document.
func DocumentText(p crawl.Page, e archive.Entry, set *rules.Set) (text, sha string) {
	if e.Text != "" {
		return e.Text, e.Capture.TextSHA256
	}
	if p.Err != nil || !IsDocument(p) {
		return "", ""
	}
	doc, err := clean.Clean(clean.Input{URL: p.FinalURL, Header: p.Header, Body: p.Content, Site: set.ForHost(hostOf(p.FinalURL))})
	if err != nil {
		return "", ""
	}
	return doc.Text, doc.TextSHA256
}

// cleanAgain says whether page p, whose capture is c, must be cleaned, or
// whether last, its URL's latest 200, holds what cleaning it would
// give: last was cleaned (a CleanKey) by the same executable under the
// same rule (the same key), and p brings the same bytes as last, from the
// same final URL, with the same headers clean and the crawler's decoding
// read (Content-Type, Content-Encoding, Last-Modified) and the same cut.
// Clean is a function of those (its work budget counts steps, not time),
// so the copy is what a second extraction would write.
func cleanAgain(c *archive.Capture, p crawl.Page, last archive.Capture) bool {
	if c.CleanKey == "" || last.CleanKey != c.CleanKey || last.Kind == archive.KindStitched {
		return true
	}
	if last.URL != c.URL || last.FinalURL != c.FinalURL || last.Status != c.Status ||
		last.Truncated != c.Truncated || last.Limit != c.Limit || last.Rule != c.Rule {
		return true
	}
	was := http.Header(last.ResponseHeader)
	for _, h := range [...]string{"Content-Type", "Content-Encoding", "Last-Modified"} {
		if was.Get(h) != p.Header.Get(h) {
			return true
		}
	}
	return last.PayloadSHA256 != archive.Sum(p.Payload).String()
}

// copyClean sets c's clean fields (those fillFromDocument and
// fillPagination set, as Entry leaves them) to last's. The sketch is not
// copied: the archive keeps it only on the capture that first brought the
// document, which c, a revisit of a stored document, is not.
func copyClean(c *archive.Capture, last archive.Capture) {
	c.Charset, c.CharsetEvidence = last.Charset, last.CharsetEvidence
	c.CharsetConfidence, c.CharsetNote = last.CharsetConfidence, last.CharsetNote
	c.Title, c.Published, c.PublishedWhy, c.DateCandidates = last.Title, last.Published, last.PublishedWhy, last.DateCandidates
	c.Publisher, c.Author, c.Attribution, c.Authority = last.Publisher, last.Author, last.Attribution, last.Authority
	c.Lang, c.Canonical, c.Captions = last.Lang, last.Canonical, last.Captions
	c.TextSHA256, c.NormVersion, c.OwnTextSHA256 = last.TextSHA256, last.NormVersion, last.OwnTextSHA256
	c.Extractor, c.ExtractorVersion = last.Extractor, last.ExtractorVersion
	c.TextTruncated, c.TextLimit = last.TextTruncated, last.TextLimit
	c.NextPage, c.PrevPage, c.PageNumber = last.NextPage, last.PrevPage, last.PageNumber
	c.CleanFrom = last.ID
}

// cleanKey is the CleanKey of the captures made under site's rule: a
// hash of the prov executable's bytes (a build with other code is
// another key) and of the rule's ExtractionKey. "" when the executable
// cannot be read: nothing is then copied.
func cleanKey(site *rules.Site) string {
	exe := executableSHA()
	if exe == "" {
		return ""
	}
	if k, ok := cleanKeys.Load(site); ok {
		return k.(string)
	}
	h := sha256.Sum256([]byte(exe + "\n" + site.ExtractionKey()))
	k := hex.EncodeToString(h[:16])
	cleanKeys.Store(site, k)
	return k
}

// cleanKeys memoises cleanKey by rule (a loaded rule does not change).
var cleanKeys sync.Map

// executableSHA is the hex sha256 of the running executable, read once;
// "" when it cannot be read. On Linux it reads /proc/self/exe, the file
// the process was started from even when an upgrade has since replaced
// the one at its path; elsewhere, the file at os.Executable's path.
var executableSHA = sync.OnceValue(func() string {
	f, err := openExecutable()
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

func openExecutable() (*os.File, error) {
	if f, err := os.Open("/proc/self/exe"); err == nil {
		return f, nil
	}
	path, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return os.Open(path)
}

// fillPagination records a document page's place in an article split
// over pages, its neighbours under their canonical URLs (the keys the
// archive files them under). A continuation page of a capture page is a
// document too, whatever its own path: its text is part of the article.
func fillPagination(c *archive.Capture, p clean.Pagination) {
	if !p.Split() {
		return
	}
	c.NextPage, c.PrevPage, c.PageNumber = canonicalOrEmpty(p.Next), canonicalOrEmpty(p.Prev), p.Number
}

func canonicalOrEmpty(raw string) string {
	if raw == "" {
		return ""
	}
	if u, err := crawl.Canonicalize(raw); err == nil {
		return u
	}
	return raw
}

// urlOf is the URL p is archived under: its canonical URL, else the URL
// asked for.
func urlOf(p crawl.Page) string {
	if p.CanonicalURL != "" {
		return p.CanonicalURL
	}
	return p.RequestedURL
}

// captureOf is the provenance record of p; site is the rule of its final
// host, or nil.
func captureOf(p crawl.Page, runID uint64, site *rules.Site) archive.Capture {
	c := archive.Capture{
		RunID:        runID, // Kind is derived by the archive against the URL's previous capture
		RequestedURL: p.RequestedURL, FinalURL: p.FinalURL, URL: urlOf(p),
		Method: p.Method, Status: p.Status,
		RequestHeader: p.RequestHeader, ResponseHeader: p.Header,
		RequestHead: p.RequestHead, ResponseHead: p.ResponseHead,
		FetchStart: p.Start, FetchEnd: p.End, RemoteAddr: p.RemoteAddr,
		PayloadLength: int64(len(p.Payload)), Truncated: p.Truncated, TrailingBytes: p.Trailing, Incomplete: p.Incomplete,
		TLSUnverified: p.TLSUnverified,
		ToolVersion:   "prov/" + crawl.Version, // the User-Agent's version
	}
	if site != nil {
		c.Rule = site.Name
	}
	if c.Truncated {
		c.Limit = p.Limit
	}
	for _, h := range p.Redirects {
		hop := archive.Hop{URL: h.URL, Status: h.Status, RequestHead: h.RequestHead, ResponseHead: h.ResponseHead}
		for _, r := range h.HeadRepairs {
			hop.HeadRepairs = append(hop.HeadRepairs, archive.HeadRepair(r))
		}
		c.Redirects = append(c.Redirects, hop)
	}
	if p.Err != nil {
		c.Kind, c.Error = archive.KindFailed, p.Err.Error()
	}
	return c
}

func fillFromDocument(c *archive.Capture, doc *clean.Document, site *rules.Site, host string) {
	c.Charset, c.CharsetEvidence = doc.Charset.Name, doc.Charset.Evidence
	c.CharsetConfidence, c.CharsetNote = doc.Charset.Confidence, doc.Charset.Note
	c.Title, c.Published, c.PublishedWhy = doc.Title, doc.Published, doc.PublishedWhy
	c.DateCandidates = slices.Grow(c.DateCandidates, len(doc.DateCandidates)) // one allocation, none for none
	for _, d := range doc.DateCandidates {
		c.DateCandidates = append(c.DateCandidates, archive.DateCandidate{Value: d.Value, Source: d.Source, Text: d.Text})
	}
	c.Publisher, c.Author, c.Attribution = doc.Publisher, doc.Author, doc.Attribution
	if site != nil && site.Publisher != "" {
		c.Publisher = site.Publisher
	}
	a, _ := rules.AuthorityFor(site, host)
	c.Authority = string(a)
	c.Lang, c.Canonical, c.Captions = doc.Lang, doc.Canonical, doc.Captions
	if doc.Text != "" {
		c.TextSHA256, c.NormVersion = doc.TextSHA256, doc.NormVersion
		c.Sketch, c.Shingles = doc.Sketch, doc.Shingles
	}
	c.Extractor, c.ExtractorVersion = doc.Extractor, doc.ExtractorVersion
	c.TextTruncated, c.TextLimit = doc.TextTruncated, int64(doc.TextLimit)
}

// IsDocument says whether a page is text that clean should read: a 2xx
// answer whose type is HTML or plain text (or unlabelled).
func IsDocument(p crawl.Page) bool {
	return p.Status >= 200 && p.Status <= 299 && clean.Reads(p.Header.Get("Content-Type"))
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
