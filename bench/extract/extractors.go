package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"

	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/clean/charset"
)

// An extractor turns a page's bytes into its main text. Each one starts
// from the same bytes and is timed from there, so parsing and decoding are
// in its time; the peers get the text decoded by prov's charset decision,
// so only extraction differs.
type extractor struct {
	name   string
	module string // the peer's module path, whose version keys its cached F1s; "" for prov
	run    func(pageURL string, body []byte) string
}

var extractors = []extractor{
	{"prov", "", provText},
	{"trafilatura", "github.com/markusmobius/go-trafilatura", trafilaturaText},
	{"readability", "codeberg.org/readeck/go-readability/v2", readabilityText},
}

func provText(pageURL string, body []byte) string {
	if doc := provDoc(pageURL, body); doc != nil {
		return doc.Text
	}
	return ""
}

// provTextCaptions is prov's text with its captions after it, one per
// line, for -captions.
func provTextCaptions(pageURL string, body []byte) string {
	doc := provDoc(pageURL, body)
	if doc == nil {
		return ""
	}
	return strings.Join(append([]string{doc.Text}, doc.Captions...), "\n")
}

func provDoc(pageURL string, body []byte) *clean.Document {
	doc, err := clean.Clean(clean.Input{URL: pageURL, Header: http.Header{}, Body: body})
	if err != nil {
		return nil
	}
	if doc.OverBudget {
		fmt.Fprintf(os.Stderr, "prov: %s: over its work budget, text cut short\n", pageURL)
	}
	return doc
}

// withCaptions returns exs with prov's text scored with its captions.
func withCaptions(exs []extractor) []extractor {
	out := slices.Clone(exs)
	for i := range out {
		if out[i].name == "prov" {
			out[i].run = provTextCaptions
		}
	}
	return out
}

func decoded(body []byte) string {
	return charset.Decode(body, charset.Decide(body, "", ""))
}

// trafilaturaText runs go-trafilatura as its README benchmarks it: with
// its readability and dom-distiller fallback, comments excluded.
func trafilaturaText(pageURL string, body []byte) string {
	u, _ := url.Parse(pageURL)
	res, err := trafilatura.Extract(strings.NewReader(decoded(body)), trafilatura.Options{
		OriginalURL: u, EnableFallback: true, ExcludeComments: true,
	})
	if err != nil || res == nil {
		return ""
	}
	return res.ContentText
}

func readabilityText(pageURL string, body []byte) string {
	u, _ := url.Parse(pageURL)
	p := readability.NewParser()
	art, err := p.Parse(strings.NewReader(decoded(body)), u)
	if err != nil || art.Node == nil {
		return ""
	}
	var b strings.Builder
	if art.RenderText(&b) != nil {
		return ""
	}
	return b.String()
}
