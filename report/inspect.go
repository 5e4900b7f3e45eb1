package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/prov-archive/prov/clean"
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
	Extractor        string                `json:"extractor"`           // clean.Extractor*: rule, generic, fallback-readability, fallback-block
	Rule             string                `json:"rule,omitempty"`      // the site rule in force, whichever extractor won
	Captions         []string              `json:"captions"`            // taken out of the text; [] when none
	NextPage         string                `json:"next_page,omitempty"` // an article split over pages: the page after this one
	PrevPage         string                `json:"prev_page,omitempty"`
	PageNumber       int                   `json:"page_number,omitempty"`
	Status           int                   `json:"status,omitempty"`
	TruncatedAt      int64                 `json:"truncated_at,omitempty"` // the body was cut at this limit, in bytes
	Error            string                `json:"error,omitempty"`
}

// InspectionOf is the inspection of a cleaned document; the caller fills
// URL, Status, TruncatedAt and Rule, which clean does not know.
func InspectionOf(d *clean.Document) Inspection {
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

// InspectionText prints an inspection as prov inspect does: the fields,
// then the text; an input that could not be read gets its error only.
func InspectionText(w io.Writer, ins Inspection) {
	fmt.Fprintf(w, "== %s\n", ins.URL)
	if ins.Error != "" {
		fmt.Fprintf(w, "error:       %s\n\n", ins.Error)
		return
	}
	if ins.TruncatedAt > 0 {
		fmt.Fprintf(w, "body:        cut at %d bytes, the body limit\n", ins.TruncatedAt)
	}
	fmt.Fprintf(w, "encoding:    %s (evidence: %s, confidence %d", ins.Encoding, ins.EncodingEvidence, ins.Confidence)
	if ins.Declared != "" {
		fmt.Fprintf(w, ", declared %q", ins.Declared)
	}
	fmt.Fprintln(w, ")")
	if ins.EncodingNote != "" {
		fmt.Fprintf(w, "             %s\n", ins.EncodingNote)
	}
	fmt.Fprintf(w, "title:       %s\n", ins.Title)
	fmt.Fprintf(w, "published:   %s  (%s)\n", orNone(ins.Published), ins.PublishedWhy)
	for _, d := range ins.DateCandidates {
		fmt.Fprintf(w, "  candidate: %-25s from %-18s %q\n", d.Value, d.Source, d.Text)
	}
	fmt.Fprintf(w, "publisher:   %s\nauthor:      %s\nattribution: %s\nlang:        %s\ncanonical:   %s\n",
		orNone(ins.Publisher), orNone(ins.Author), orNone(ins.Attribution), orNone(ins.Lang), orNone(ins.Canonical))
	if ins.PageNumber > 0 {
		fmt.Fprintf(w, "page:        %d of an article split over pages; previous %s, next %s\n", ins.PageNumber, orNone(ins.PrevPage), orNone(ins.NextPage))
	}
	extractor := ins.Extractor
	if ins.Rule != "" {
		extractor += " (site rule " + ins.Rule + ")"
	}
	for _, c := range ins.Captions {
		fmt.Fprintf(w, "caption:     %s\n", c)
	}
	fmt.Fprintf(w, "extractor:   %s\ntext_sha256: %s\ntext:        %d characters, %d paragraphs\n\n%s\n\n",
		extractor, ins.TextSHA256, len([]rune(ins.Text)), Paragraphs(ins.Text), ins.Text)
}

// Paragraphs counts the paragraphs of a clean text (blank-line separated).
func Paragraphs(text string) int {
	if text == "" {
		return 0
	}
	return strings.Count(text, "\n\n") + 1
}
