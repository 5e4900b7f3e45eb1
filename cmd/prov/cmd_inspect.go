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
	"github.com/prov-archive/prov/report"
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
func (o *inspectOptions) inspect(ctx context.Context, set *rules.Set, in string) report.Inspection {
	var input clean.Input
	status, cut := 0, int64(0)
	if isURL(in) {
		p, err := o.fetch(ctx, set, in)
		if err != nil {
			return report.Inspection{URL: in, Error: err.Error()}
		}
		input = clean.Input{URL: p.FinalURL, Header: p.Header, Body: p.Content}
		status = p.Status
		if p.Truncated {
			cut = p.Limit
		}
	} else {
		body, err := readBounded(in, crawl.DefaultMaxBodySize)
		if err != nil {
			return report.Inspection{URL: in, Error: err.Error()}
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
		return report.Inspection{URL: in, Error: err.Error(), Status: status}
	}
	ins := report.InspectionOf(doc)
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

func (o *inspectOptions) print(e *env, ins report.Inspection) error {
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(ins)
	}
	report.InspectionText(e.stdout, ins)
	return nil
}
