package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/prov-archive/prov/inspect"
)

// InspectionText prints an inspection as prov inspect does: the fields,
// then the text; an input that could not be read gets its error only.
func InspectionText(w io.Writer, ins inspect.Inspection) {
	fmt.Fprintf(w, "== %s\n", ins.URL)
	if ins.Error != "" {
		fmt.Fprintf(w, "error:       %s\n\n", ins.Error)
		return
	}
	if ins.TLSUnverified != "" {
		fmt.Fprintf(w, "certificate: not verified (the site's rule says tls: unverified): %s\n", ins.TLSUnverified)
	}
	for _, r := range ins.HeadRepairs {
		fmt.Fprintf(w, "head:        line %d %s (as browsers read it)\n", r.Line, r.Repair)
	}
	if ins.TruncatedAt > 0 {
		fmt.Fprintf(w, "body:        cut at %d bytes, the body limit\n", ins.TruncatedAt)
	}
	if ins.TrailingBytes > 0 {
		fmt.Fprintf(w, "body:        %s after the end of its content coding's data left out, as browsers leave them out\n", Count(ins.TrailingBytes, "byte"))
	}
	fmt.Fprintf(w, "encoding:    %s (evidence: %s, confidence %d", ins.Encoding, ins.EncodingEvidence, ins.Confidence)
	if ins.Declared != "" {
		fmt.Fprintf(w, ", declared %q", ins.Declared)
	}
	fmt.Fprintln(w, ")")
	if ins.EncodingNote != "" {
		fmt.Fprintf(w, "             %s\n", ins.EncodingNote)
	}
	fmt.Fprintf(w, "title:       %s\n", orNone(ins.Title))
	if ins.PublishedWhy != "" {
		fmt.Fprintf(w, "published:   %s  (%s)\n", orNone(ins.Published), ins.PublishedWhy)
	} else {
		fmt.Fprintf(w, "published:   %s\n", orNone(ins.Published))
	}
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
	fmt.Fprintf(w, "extractor:   %s\ntext_sha256: %s\ntext:        %s, %s\n\n%s\n\n",
		extractor, ins.TextSHA256, Count(len([]rune(ins.Text)), "character"), Count(Paragraphs(ins.Text), "paragraph"), ins.Text)
}

// Paragraphs counts the paragraphs of a clean text (blank-line separated).
func Paragraphs(text string) int {
	if text == "" {
		return 0
	}
	return strings.Count(text, "\n\n") + 1
}
