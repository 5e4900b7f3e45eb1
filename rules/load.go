package rules

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/text/encoding/htmlindex"
	"gopkg.in/yaml.v3"
)

// ErrInvalid marks every validation failure of a rules file; the message
// itself reads "file:line: what is wrong".
var ErrInvalid = errors.New("rules: invalid")

// Error is one problem in a rules file, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Unwrap makes errors.Is(err, ErrInvalid) hold for every rules error.
func (e *Error) Unwrap() error { return ErrInvalid }

// Load reads and validates the rules file at path. Nothing else is read
// from the file system or the environment.
func Load(path string) (*Set, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return Parse(path, data)
}

// Merge returns a set holding the sites of every set in order. A host named
// by two sites is an error naming both places.
func Merge(sets ...*Set) (*Set, error) {
	out := &Set{}
	seen := map[string]*Site{}
	for _, s := range sets {
		if s == nil {
			continue
		}
		for _, site := range s.Sites {
			for _, h := range site.Hosts {
				if prev, ok := seen[h]; ok {
					return nil, &Error{site.File, site.Line, fmt.Sprintf("host %s is already claimed by site %q (%s:%d)", h, prev.Name, prev.File, prev.Line)}
				}
				seen[h] = site
			}
			out.Sites = append(out.Sites, site)
		}
	}
	return out, nil
}

// Parse validates data as a rules file named file (used in messages only).
// The whole file is checked; the first problem found is returned.
func Parse(file string, data []byte) (*Set, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(file, err)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, &Error{file, 1, "empty rules file: want a top-level \"sites:\" list"}
	}
	p := parser{file: file}
	set, err := p.top(root.Content[0])
	if err != nil {
		return nil, err
	}
	return Merge(set)
}

// yamlError turns yaml.v3's "yaml: line N: msg" into file:N: msg.
func yamlError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
	}
	return &Error{file, line, "bad YAML: " + msg}
}

type parser struct{ file string }

func (p parser) errf(n *yaml.Node, format string, args ...any) error {
	return &Error{p.file, n.Line, fmt.Sprintf(format, args...)}
}

func (p parser) top(n *yaml.Node) (*Set, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errf(n, "want a mapping with a \"sites:\" list")
	}
	set := &Set{}
	for i := 0; i < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value != "sites" {
			return nil, p.errf(k, "unknown field %q (want \"sites\")", k.Value)
		}
		if v.Kind != yaml.SequenceNode {
			return nil, p.errf(v, "sites: want a list of sites")
		}
		for _, item := range v.Content {
			site, err := p.site(item)
			if err != nil {
				return nil, err
			}
			set.Sites = append(set.Sites, site)
		}
	}
	return set, nil
}

func (p parser) site(n *yaml.Node) (*Site, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errf(n, "a site must be a mapping of fields")
	}
	s := &Site{File: p.file, Line: n.Line}
	given := map[string]bool{}
	for i := 0; i < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field, ok := siteFields[k.Value]
		if !ok {
			return nil, p.errf(k, "unknown field %q in site", k.Value)
		}
		if given[k.Value] {
			return nil, p.errf(k, "field %q given twice", k.Value)
		}
		given[k.Value] = true
		if err := field(p, s, v); err != nil {
			return nil, err
		}
	}
	return s, p.checkSite(n, s)
}

func (p parser) checkSite(n *yaml.Node, s *Site) error {
	if s.Name == "" {
		return p.errf(n, "site has no name")
	}
	if len(s.Hosts) == 0 {
		return p.errf(n, "site %q has no hosts", s.Name)
	}
	if s.DateFormat != "" && s.Date == "" {
		return p.errf(n, "site %q: date_format needs a date selector", s.Name)
	}
	return nil
}

// siteFields maps each YAML key of a site to the function that reads it.
var siteFields = map[string]func(parser, *Site, *yaml.Node) error{
	"name":        func(p parser, s *Site, v *yaml.Node) error { return p.str(v, &s.Name) },
	"publisher":   func(p parser, s *Site, v *yaml.Node) error { return p.str(v, &s.Publisher) },
	"hosts":       func(p parser, s *Site, v *yaml.Node) error { return p.hosts(v, &s.Hosts) },
	"authority":   func(p parser, s *Site, v *yaml.Node) error { return p.authority(v, &s.Authority) },
	"seeds":       func(p parser, s *Site, v *yaml.Node) error { return p.seeds(v, &s.Seeds) },
	"follow":      func(p parser, s *Site, v *yaml.Node) error { return p.patterns(v, &s.Follow) },
	"capture":     func(p parser, s *Site, v *yaml.Node) error { return p.patterns(v, &s.Capture) },
	"deny":        func(p parser, s *Site, v *yaml.Node) error { return p.patterns(v, &s.Deny) },
	"max_depth":   func(p parser, s *Site, v *yaml.Node) error { s.MaxDepth = new(int); return p.count(v, s.MaxDepth) },
	"parallel":    func(p parser, s *Site, v *yaml.Node) error { return p.count(v, &s.Parallel) },
	"delay":       func(p parser, s *Site, v *yaml.Node) error { return p.duration(v, &s.Delay) },
	"encoding":    func(p parser, s *Site, v *yaml.Node) error { return p.encoding(v, &s.Encoding) },
	"tls":         func(p parser, s *Site, v *yaml.Node) error { return p.tls(v, &s.UnverifiedTLS) },
	"content":     func(p parser, s *Site, v *yaml.Node) error { return p.selector(v, &s.Content) },
	"title":       func(p parser, s *Site, v *yaml.Node) error { return p.selector(v, &s.Title) },
	"date":        func(p parser, s *Site, v *yaml.Node) error { return p.selector(v, &s.Date) },
	"date_format": func(p parser, s *Site, v *yaml.Node) error { return p.str(v, &s.DateFormat) },
	"drop":        func(p parser, s *Site, v *yaml.Node) error { return p.selectors(v, &s.Drop) },
}

func (p parser) str(v *yaml.Node, dst *string) error {
	if v.Kind != yaml.ScalarNode {
		return p.errf(v, "want a string")
	}
	*dst = v.Value
	return nil
}

func (p parser) list(v *yaml.Node, each func(*yaml.Node) error) error {
	if v.Kind == yaml.ScalarNode {
		return each(v)
	}
	if v.Kind != yaml.SequenceNode {
		return p.errf(v, "want a list")
	}
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode {
			return p.errf(item, "want a string in the list")
		}
		if err := each(item); err != nil {
			return err
		}
	}
	return nil
}

func (p parser) hosts(v *yaml.Node, dst *[]string) error {
	return p.list(v, func(n *yaml.Node) error {
		h := normalHost(strings.TrimSpace(n.Value))
		if h == "" || strings.ContainsAny(h, "/ ?#@") {
			return p.errf(n, "bad host %q (want a host name such as www.example.org)", n.Value)
		}
		ascii, err := ASCIIHost(h)
		if err != nil {
			return p.errf(n, "bad host %q: %v", n.Value, err)
		}
		*dst = append(*dst, ascii)
		return nil
	})
}

func (p parser) seeds(v *yaml.Node, dst *[]string) error {
	return p.list(v, func(n *yaml.Node) error {
		if !strings.HasPrefix(n.Value, "http://") && !strings.HasPrefix(n.Value, "https://") {
			return p.errf(n, "bad seed %q: want an http:// or https:// URL", n.Value)
		}
		*dst = append(*dst, n.Value)
		return nil
	})
}

func (p parser) patterns(v *yaml.Node, dst *[]*regexp.Regexp) error {
	return p.list(v, func(n *yaml.Node) error {
		re, err := regexp.Compile(n.Value)
		if err != nil {
			return p.errf(n, "bad pattern %q: %v", n.Value, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		*dst = append(*dst, re)
		return nil
	})
}

func (p parser) selector(v *yaml.Node, dst *string) error {
	if err := p.str(v, dst); err != nil {
		return err
	}
	if _, err := cascadia.ParseGroup(*dst); err != nil {
		return p.errf(v, "bad selector %q: %v", *dst, err)
	}
	return nil
}

func (p parser) selectors(v *yaml.Node, dst *[]string) error {
	return p.list(v, func(n *yaml.Node) error {
		var s string
		if err := p.selector(n, &s); err != nil {
			return err
		}
		*dst = append(*dst, s)
		return nil
	})
}

func (p parser) count(v *yaml.Node, dst *int) error {
	var n int
	if v.Kind != yaml.ScalarNode || v.Decode(&n) != nil || n < 0 {
		return p.errf(v, "want a whole number ≥ 0, got %q", v.Value)
	}
	*dst = n
	return nil
}

func (p parser) duration(v *yaml.Node, dst *time.Duration) error {
	d, err := time.ParseDuration(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil || d < 0 {
		return p.errf(v, "bad duration %q (want e.g. 500ms, 2s, 1m)", v.Value)
	}
	*dst = d
	return nil
}

func (p parser) authority(v *yaml.Node, dst *Authority) error {
	a := Authority(strings.ToLower(v.Value))
	if a.Rank() == 0 && a != Unknown {
		return p.errf(v, "bad authority %q (want official, agency, news, portal, aggregator or unknown)", v.Value)
	}
	*dst = a
	return nil
}

func (p parser) tls(v *yaml.Node, unverified *bool) error {
	var mode string
	if err := p.str(v, &mode); err != nil {
		return err
	}
	switch mode {
	case "verify":
		*unverified = false
	case "unverified":
		*unverified = true
	default:
		return p.errf(v, "bad tls %q (want verify or unverified)", mode)
	}
	return nil
}

func (p parser) encoding(v *yaml.Node, dst *string) error {
	if err := p.str(v, dst); err != nil {
		return err
	}
	if _, err := htmlindex.Get(*dst); err != nil {
		return p.errf(v, "unknown encoding %q (want a WHATWG label such as gb18030, big5, utf-8, windows-1252)", *dst)
	}
	return nil
}
