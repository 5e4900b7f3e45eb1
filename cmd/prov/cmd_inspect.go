package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/inspect"
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
	r := inspect.Reader{Rules: set, URL: o.url, ContentType: o.contentType,
		Fetch: func(ctx context.Context, raw string) (crawl.Page, error) { return o.fetch(ctx, set, raw) }}
	failed := 0
	for _, in := range o.inputs {
		ins := r.Read(ctx, in)
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

// fetch fetches a URL input with the crawl flags given; a bad
// --connect-to is that input's error.
func (o *inspectOptions) fetch(ctx context.Context, set *rules.Set, raw string) (crawl.Page, error) {
	cfg := crawl.Config{Rules: set, AllowPrivate: o.allowPrivate}
	for _, spec := range o.connectTo {
		ct, err := parseConnectTo(spec)
		if err != nil {
			return crawl.Page{}, err
		}
		cfg.ConnectTo = append(cfg.ConnectTo, ct)
	}
	return crawl.Fetch(ctx, cfg, raw)
}

func (o *inspectOptions) print(e *env, ins inspect.Inspection) error {
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(ins)
	}
	report.InspectionText(e.stdout, ins)
	return nil
}
