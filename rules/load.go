package rules

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/text/encoding/htmlindex"
	"gopkg.in/yaml.v3"
)

// Load reads and validates the rules file at path. Nothing else is read
// from the file system or the environment.
func Load(path string) (*Set, error) { return LoadAll(path) }

// LoadAll reads and validates the rules files at paths and merges them
// (Merge). A file that cannot be read is the error, alone. Otherwise every
// problem of every file is the error (Errors, file by file, by line; a
// single problem is its *Error), so that one run shows all there is to fix.
func LoadAll(paths ...string) (*Set, error) {
	sets := make([]*Set, 0, len(paths))
	var problems Errors
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		set, es := parse(path, data)
		sets, problems = append(sets, set), append(problems, es...)
	}
	set, dups := merge(sets)
	if problems = append(problems, dups...); len(problems) > 0 {
		problems.sortByFile(paths)
		return nil, problems.err()
	}
	return set, nil
}

// Merge returns a set holding the sites of every set in order. A host named
// by two sites is an error naming both places (Errors, one per host).
func Merge(sets ...*Set) (*Set, error) {
	set, dups := merge(sets)
	if len(dups) > 0 {
		return nil, dups.err()
	}
	return set, nil
}

func merge(sets []*Set) (*Set, Errors) {
	out := &Set{}
	seen := map[string]*Site{}
	var dups Errors
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, site := range s.Sites {
			for _, h := range site.Hosts {
				if prev, ok := seen[h]; ok {
					dups = append(dups, &Error{site.File, site.Line, fmt.Sprintf("host %s is already claimed by site %q (%s:%d)", h, prev.Name, prev.File, prev.Line)})
					continue
				}
				seen[h] = site
			}
			out.Sites = append(out.Sites, site)
		}
	}
	return out, dups
}

// Parse validates data as a rules file named file (used in messages only).
// The whole file is checked, and every problem found is the error (as
// LoadAll's).
func Parse(file string, data []byte) (*Set, error) {
	set, problems := parse(file, data)
	if len(problems) == 0 {
		var dups Errors
		set, dups = merge([]*Set{set})
		problems = dups
	}
	if len(problems) > 0 {
		problems.sortByLine()
		return nil, problems.err()
	}
	return set, nil
}

// parse reads data as a rules file, going on past each problem to find
// the next. The set holds the sites read, whole or not; hosts claimed
// twice are left to merge.
func parse(file string, data []byte) (*Set, Errors) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return &Set{}, Errors{yamlError(file, err)}
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return &Set{}, Errors{{file, 1, "empty rules file: want a top-level \"sites:\" list"}}
	}
	p := &parser{file: file}
	set := p.top(root.Content[0])
	return set, p.problems
}

// yamlError turns yaml.v3's "yaml: line N: msg" into file:N: msg. yaml.v3
// counts the lines of a parser's error (parserLines) from 0 and of a
// scanner's from 1; both are given here counted from 1. For an unclosed
// flow list or mapping (hosts: [a.test) that is the line of its "[".
func yamlError(file string, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
		if parserLines[msg] {
			line++
		}
	}
	return &Error{file, line, "bad YAML: " + msg}
}

// parserLines are the messages of yaml.v3's parser errors (parserc.go),
// whose line it gives counted from 0 (v3.0.1; its scanner's count from 1).
var parserLines = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// parser reads one file's YAML tree into sites, noting each problem and
// going on.
type parser struct {
	file     string
	problems Errors
	seeds    []*yaml.Node // the site being read's seeds, each checked against its hosts once all its fields are read
}

func (p *parser) failf(n *yaml.Node, format string, args ...any) {
	p.problems = append(p.problems, &Error{p.file, n.Line, fmt.Sprintf(format, args...)})
}

func (p *parser) top(n *yaml.Node) *Set {
	set := &Set{}
	if n.Kind != yaml.MappingNode {
		p.failf(n, "want a mapping with a \"sites:\" list")
		return set
	}
	for i := 0; i < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case k.Value != "sites":
			p.failf(k, "unknown field %q (want \"sites\")", k.Value)
		case v.Kind != yaml.SequenceNode:
			p.failf(v, "sites: want a list of sites")
		default:
			for _, item := range v.Content {
				if site := p.site(item); site != nil {
					set.Sites = append(set.Sites, site)
				}
			}
		}
	}
	return set
}

// site reads one site, nil when n is not a mapping.
func (p *parser) site(n *yaml.Node) *Site {
	if n.Kind != yaml.MappingNode {
		p.failf(n, "a site must be a mapping of fields")
		return nil
	}
	s := &Site{File: p.file, Line: n.Line}
	p.seeds = nil
	given := map[string]bool{}
	bad := map[string]bool{} // fields with a problem noted: what follows from it is not noted again
	for i := 0; i < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field, ok := siteFields[k.Value]
		switch {
		case !ok:
			p.failf(k, "unknown field %q in site", k.Value)
		case given[k.Value]:
			p.failf(k, "field %q given twice", k.Value)
		default:
			given[k.Value] = true
			before := len(p.problems)
			field(p, s, v)
			bad[k.Value] = len(p.problems) > before
		}
	}
	p.checkSite(n, s, bad)
	return s
}

// checkSite notes what is wrong with s as a whole, except what follows
// from a field that had a problem of its own (bad).
func (p *parser) checkSite(n *yaml.Node, s *Site, bad map[string]bool) {
	if s.Name == "" && !bad["name"] {
		p.failf(n, "site has no name")
	}
	switch {
	case bad["hosts"]:
	case len(s.Hosts) == 0:
		p.failf(n, "site %q has no hosts", s.Name)
	default:
		p.checkSeedHosts(s)
	}
	if s.DateFormat != "" && s.Date == "" && !bad["date"] {
		p.failf(n, "site %q: date_format needs a date selector", s.Name)
	}
}

// checkSeedHosts fails each seed of s whose host is not one of its hosts:
// the crawl would fetch it, and whatever it links to on that host, as a
// host with no rule (none of the site's delay, deny, depth or extraction).
// A seed Go's URL parser cannot read is left to the crawl's own check.
func (p *parser) checkSeedHosts(s *Site) {
	for _, n := range p.seeds {
		u, err := url.Parse(n.Value)
		if err != nil {
			continue
		}
		host, err := ASCIIHost(strings.TrimSuffix(u.Hostname(), "."))
		if err != nil || slices.Contains(s.Hosts, host) {
			continue
		}
		p.failf(n, "seed %q: host %s is not one of the site's hosts [%s] (a seed is crawled under its host's rule: add the host, or move the seed to its host's site)", n.Value, host, strings.Join(s.Hosts, ", "))
	}
}

// siteFields maps each YAML key of a site to the function that reads it.
// Each notes its problems (parser.failf) and leaves the field unset.
var siteFields = map[string]func(*parser, *Site, *yaml.Node){
	"name":        func(p *parser, s *Site, v *yaml.Node) { p.str(v, &s.Name) },
	"publisher":   func(p *parser, s *Site, v *yaml.Node) { p.str(v, &s.Publisher) },
	"hosts":       func(p *parser, s *Site, v *yaml.Node) { p.hosts(v, &s.Hosts) },
	"authority":   func(p *parser, s *Site, v *yaml.Node) { p.authority(v, &s.Authority) },
	"seeds":       func(p *parser, s *Site, v *yaml.Node) { p.seedList(v, &s.Seeds) },
	"follow":      func(p *parser, s *Site, v *yaml.Node) { p.patterns(v, &s.Follow) },
	"capture":     func(p *parser, s *Site, v *yaml.Node) { p.patterns(v, &s.Capture) },
	"deny":        func(p *parser, s *Site, v *yaml.Node) { p.patterns(v, &s.Deny) },
	"max_depth":   func(p *parser, s *Site, v *yaml.Node) { p.maxDepth(v, &s.MaxDepth) },
	"parallel":    func(p *parser, s *Site, v *yaml.Node) { p.count(v, &s.Parallel) },
	"delay":       func(p *parser, s *Site, v *yaml.Node) { p.duration(v, &s.Delay) },
	"encoding":    func(p *parser, s *Site, v *yaml.Node) { p.encoding(v, &s.Encoding) },
	"tls":         func(p *parser, s *Site, v *yaml.Node) { p.tls(v, &s.UnverifiedTLS) },
	"content":     func(p *parser, s *Site, v *yaml.Node) { p.selector(v, &s.Content) },
	"title":       func(p *parser, s *Site, v *yaml.Node) { p.selector(v, &s.Title) },
	"date":        func(p *parser, s *Site, v *yaml.Node) { p.selector(v, &s.Date) },
	"date_format": func(p *parser, s *Site, v *yaml.Node) { p.str(v, &s.DateFormat) },
	"drop":        func(p *parser, s *Site, v *yaml.Node) { p.selectors(v, &s.Drop) },
}

// str reads a string into dst; false (and a problem noted) when v is not one.
func (p *parser) str(v *yaml.Node, dst *string) bool {
	if v.Kind != yaml.ScalarNode {
		p.failf(v, "want a string")
		return false
	}
	*dst = v.Value
	return true
}

// list calls each for v when it is a string, else for every string of the
// list v, noting a problem for each item that is not one.
func (p *parser) list(v *yaml.Node, each func(*yaml.Node)) {
	if v.Kind == yaml.ScalarNode {
		each(v)
		return
	}
	if v.Kind != yaml.SequenceNode {
		p.failf(v, "want a list")
		return
	}
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode {
			p.failf(item, "want a string in the list")
			continue
		}
		each(item)
	}
}

func (p *parser) hosts(v *yaml.Node, dst *[]string) {
	p.list(v, func(n *yaml.Node) {
		h := normalHost(strings.TrimSpace(n.Value))
		if h == "" || strings.ContainsAny(h, "/ ?#@") {
			p.failf(n, "bad host %q (want a host name such as www.example.org)", n.Value)
			return
		}
		ascii, err := ASCIIHost(h)
		if err != nil {
			p.failf(n, "bad host %q: %v", n.Value, err)
			return
		}
		*dst = append(*dst, ascii)
	})
}

func (p *parser) seedList(v *yaml.Node, dst *[]string) {
	p.list(v, func(n *yaml.Node) {
		if !strings.HasPrefix(n.Value, "http://") && !strings.HasPrefix(n.Value, "https://") {
			p.failf(n, "bad seed %q: want an http:// or https:// URL", n.Value)
			return
		}
		*dst = append(*dst, n.Value)
		p.seeds = append(p.seeds, n)
	})
}

func (p *parser) patterns(v *yaml.Node, dst *[]*regexp.Regexp) {
	p.list(v, func(n *yaml.Node) {
		re, err := regexp.Compile(n.Value)
		if err != nil {
			p.failf(n, "bad pattern %q: %v", n.Value, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			return
		}
		*dst = append(*dst, re)
	})
}

func (p *parser) selector(v *yaml.Node, dst *string) {
	var sel string
	if !p.str(v, &sel) {
		return
	}
	if _, err := cascadia.ParseGroup(sel); err != nil {
		p.failf(v, "bad selector %q: %v", sel, err)
		return
	}
	*dst = sel
}

func (p *parser) selectors(v *yaml.Node, dst *[]string) {
	p.list(v, func(n *yaml.Node) {
		var s string
		if p.selector(n, &s); s != "" {
			*dst = append(*dst, s)
		}
	})
}

func (p *parser) count(v *yaml.Node, dst *int) bool {
	var n int
	if v.Kind != yaml.ScalarNode || v.Decode(&n) != nil || n < 0 {
		p.failf(v, "want a whole number ≥ 0, got %q", v.Value)
		return false
	}
	*dst = n
	return true
}

func (p *parser) maxDepth(v *yaml.Node, dst **int) {
	var n int
	if p.count(v, &n) {
		*dst = &n
	}
}

func (p *parser) duration(v *yaml.Node, dst *time.Duration) {
	d, err := time.ParseDuration(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil || d < 0 {
		p.failf(v, "bad duration %q (want e.g. 500ms, 2s, 1m)", v.Value)
		return
	}
	*dst = d
}

func (p *parser) authority(v *yaml.Node, dst *Authority) {
	a := Authority(strings.ToLower(v.Value))
	if a.Rank() == 0 && a != Unknown {
		p.failf(v, "bad authority %q (want official, agency, news, portal, aggregator or unknown)", v.Value)
		return
	}
	*dst = a
}

func (p *parser) tls(v *yaml.Node, unverified *bool) {
	var mode string
	if !p.str(v, &mode) {
		return
	}
	switch mode {
	case "verify":
		*unverified = false
	case "unverified":
		*unverified = true
	default:
		p.failf(v, "bad tls %q (want verify or unverified)", mode)
	}
}

func (p *parser) encoding(v *yaml.Node, dst *string) {
	var label string
	if !p.str(v, &label) {
		return
	}
	if _, err := htmlindex.Get(label); err != nil {
		p.failf(v, "unknown encoding %q (want a WHATWG label such as gb18030, big5, utf-8, windows-1252)", label)
		return
	}
	*dst = label
}
