package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

type inspectOptions struct {
	json         bool
	contentType  string
	url          string
	rulesFiles   stringList
	connectTo    stringList
	allowPrivate bool
	inputs       []string
}

// inspection is what `prov inspect --json` prints for one input; the first
// nine fields are the contract.
type inspection struct {
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

func runInspect(ctx context.Context, e *env, args []string) error {
	var o inspectOptions
	fs := newFlags("inspect", "URL|FILE...", e.stderr)
	fs.BoolVar(&o.json, "json", false, "print one JSON object per input, in the order given")
	fs.StringVar(&o.contentType, "content-type", "", "Content-Type to read FILEs with (default: none, as a server that sends no header)")
	fs.StringVar(&o.url, "url", "", "the URL a FILE was fetched from (resolves links, picks the site rule)")
	fs.Var(&o.rulesFiles, "rules", "site rules `FILE` (repeatable)")
	fs.Var(&o.connectTo, "connect-to", "`HOST:PORT:HOST2:PORT2` as for crawl (repeatable)")
	fs.BoolVar(&o.allowPrivate, "allow-private", false, "allow loopback, private and link-local addresses")
	inputs, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usagef("e.g. prov inspect page.html --json", "give at least one URL or FILE")
	}
	o.inputs = inputs
	set, err := loadRules(o.rulesFiles)
	if err != nil {
		return err
	}
	failed := 0
	for _, in := range o.inputs {
		ins := o.inspect(ctx, set, in)
		if ins.Error != "" {
			failed++
		}
		if err := o.print(e, ins); err != nil {
			return err
		}
	}
	if failed > 0 {
		return &partialError{fmt.Sprintf("%d of %d inputs could not be read", failed, len(o.inputs))}
	}
	return nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// inspect reads one input; failures are reported in the result, so the
// other inputs are still shown.
func (o *inspectOptions) inspect(ctx context.Context, set *rules.Set, in string) inspection {
	var input clean.Input
	status, cut := 0, int64(0)
	if isURL(in) {
		p, err := o.fetch(ctx, set, in)
		if err != nil {
			return inspection{URL: in, Error: err.Error()}
		}
		input = clean.Input{URL: p.FinalURL, Header: p.Header, Body: p.Content}
		status = p.Status
		if p.Truncated {
			cut = p.Limit
		}
	} else {
		body, err := readBounded(in, crawl.DefaultMaxBodySize)
		if err != nil {
			return inspection{URL: in, Error: err.Error()}
		}
		if int64(len(body)) == crawl.DefaultMaxBodySize {
			cut = crawl.DefaultMaxBodySize // at the limit: maybe more behind it, said either way
		}
		input = clean.Input{URL: o.url, Header: http.Header{}, Body: body}
		if o.contentType != "" {
			input.Header.Set("Content-Type", o.contentType)
		}
	}
	input.Site = set.ForHost(hostOf(input.URL))
	doc, err := clean.Clean(input)
	if err != nil {
		return inspection{URL: in, Error: err.Error(), Status: status}
	}
	ins := inspectionOf(doc)
	ins.URL, ins.Status, ins.TruncatedAt = in, status, cut
	if ins.Captions == nil {
		ins.Captions = []string{}
	}
	if input.Site != nil {
		ins.Rule = input.Site.Name
	}
	return ins
}

// readBounded reads at most limit bytes of the file at path, as a crawl
// reads at most its body limit: /dev/zero or a huge file is cut, and the
// inspection says where.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

func (o *inspectOptions) fetch(ctx context.Context, set *rules.Set, raw string) (crawl.Page, error) {
	cfg := crawl.Config{Rules: set, AllowPrivate: o.allowPrivate}
	for _, spec := range o.connectTo {
		ct, err := crawl.ParseConnectTo(spec)
		if err != nil {
			return crawl.Page{}, usagef("want HOST:PORT:HOST2:PORT2", "--connect-to %q: %v", spec, err)
		}
		cfg.ConnectTo = append(cfg.ConnectTo, ct)
	}
	return crawl.Fetch(ctx, cfg, raw)
}

func inspectionOf(d *clean.Document) inspection {
	return inspection{
		Encoding: d.Charset.Name, EncodingEvidence: d.Charset.Evidence,
		Confidence: d.Charset.Confidence, Declared: d.Charset.Declared, EncodingNote: d.Charset.Note,
		Title: d.Title, Published: d.Published, PublishedWhy: d.PublishedWhy,
		DateCandidates: d.DateCandidates, Attribution: d.Attribution, Lang: d.Lang,
		Text: d.Text, TextSHA256: d.TextSHA256, Publisher: d.Publisher, Author: d.Author,
		Canonical: d.Canonical, Extractor: d.Extractor, Captions: d.Captions,
		NextPage: d.Pagination.Next, PrevPage: d.Pagination.Prev, PageNumber: d.Pagination.Number,
	}
}

func (o *inspectOptions) print(e *env, ins inspection) error {
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(ins)
	}
	printInspection(e.stdout, ins)
	return nil
}

func printInspection(w io.Writer, ins inspection) {
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
		extractor, ins.TextSHA256, len([]rune(ins.Text)), paragraphs(ins.Text), ins.Text)
}

func paragraphs(text string) int {
	if text == "" {
		return 0
	}
	return strings.Count(text, "\n\n") + 1
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
