// Package inspect reads one page or file as a crawl would and says what
// prov makes of it: its encoding and the evidence for it, title, date and
// the candidates considered, attribution, the extractor and site rule
// that won, and the clean text. It is prov inspect's reading, for any
// caller (the CLI, a web handler) that holds a URL or a file.
package inspect

import (
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
)

// Inspection is how prov reads one page or file: what prov inspect prints,
// and its --json object; the first nine fields are the contract.
type Inspection struct {
	URL              string                `json:"url"`
	Encoding         string                `json:"encoding"`
	EncodingEvidence string                `json:"encoding_evidence"`
	Title            string                `json:"title"`
	Published        string                `json:"published"`
	Attribution      string                `json:"attribution"`
	Lang             string                `json:"lang"`
	Text             string                `json:"text"`
	TextSHA256       string                `json:"text_sha256"`
	Confidence       int                   `json:"encoding_confidence"`
	Declared         string                `json:"encoding_declared"`
	EncodingNote     string                `json:"encoding_note,omitempty"`
	PublishedWhy     string                `json:"published_why,omitempty"`
	DateCandidates   []clean.DateCandidate `json:"date_candidates"`
	Publisher        string                `json:"publisher"`
	Author           string                `json:"author"`
	Canonical        string                `json:"canonical"`
	Extractor        string                `json:"extractor"`           // clean.Extractor*: rule, generic, fallback-readability, fallback-block, plain
	Rule             string                `json:"rule,omitempty"`      // the site rule in force, whichever extractor won
	Captions         []string              `json:"captions"`            // taken out of the text; [] when none
	NextPage         string                `json:"next_page,omitempty"` // an article split over pages: the page after this one
	PrevPage         string                `json:"prev_page,omitempty"`
	PageNumber       int                   `json:"page_number,omitempty"`
	Status           int                   `json:"status,omitempty"`
	TruncatedAt      int64                 `json:"truncated_at,omitempty"`   // the body was cut at this limit, in bytes
	TrailingBytes    int64                 `json:"trailing_bytes,omitempty"` // bytes after the end of the content coding's data, left out
	TLSUnverified    string                `json:"tls_unverified,omitempty"` // why the certificate did not verify, on a site whose rule lets that go on
	HeadRepairs      []crawl.HeadRepair    `json:"head_repairs,omitempty"`   // lines of the response head not read as they came (net/http would refuse them; browsers read past them)
	Error            string                `json:"error,omitempty"`
}

// Of is the inspection of a cleaned document; the caller fills
// URL, Status, TruncatedAt and Rule, which clean does not know.
func Of(d *clean.Document) Inspection {
	return Inspection{
		Encoding: d.Charset.Name, EncodingEvidence: d.Charset.Evidence,
		Confidence: d.Charset.Confidence, Declared: d.Charset.Declared, EncodingNote: d.Charset.Note,
		Title: d.Title, Published: d.Published, PublishedWhy: d.PublishedWhy,
		DateCandidates: d.DateCandidates, Attribution: d.Attribution, Lang: d.Lang,
		Text: d.Text, TextSHA256: d.TextSHA256, Publisher: d.Publisher, Author: d.Author,
		Canonical: d.Canonical, Extractor: d.Extractor, Captions: d.Captions,
		NextPage: d.Pagination.Next, PrevPage: d.Pagination.Prev, PageNumber: d.Pagination.Number,
	}
}
