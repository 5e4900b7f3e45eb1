package rules

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Authority is how much a publisher's copy counts when electing the original
// of a work: official > agency > news > portal > aggregator > unknown.
type Authority string

const (
	Official   Authority = "official"
	Agency     Authority = "agency"
	News       Authority = "news"
	Portal     Authority = "portal"
	Aggregator Authority = "aggregator"
	Unknown    Authority = "unknown"
)

// Rank orders authorities: higher is more authoritative; Unknown is 0.
func (a Authority) Rank() int {
	switch a {
	case Official:
		return 5
	case Agency:
		return 4
	case News:
		return 3
	case Portal:
		return 2
	case Aggregator:
		return 1
	}
	return 0
}

// Site is one site's rule. Zero values mean "not set": the crawler's
// defaults apply and extraction takes the generic path.
type Site struct {
	Name      string
	Hosts     []string // lower-case host names, without port
	Authority Authority
	Publisher string
	Seeds     []string
	Follow    []*regexp.Regexp // path patterns whose links are followed; none = all in-scope links
	Capture   []*regexp.Regexp // path patterns of document pages; none = every HTML page
	Deny      []*regexp.Regexp // URL patterns never fetched
	MaxDepth  *int             // link depth followed on the site's hosts (0: the seeds only); nil: the crawl's
	Delay     time.Duration
	Parallel  int
	Encoding  string // forced charset label ("" = decide from the bytes)
	// UnverifiedTLS (tls: unverified) fetches the site's pages though its
	// certificate does not verify; each capture records why it did not.
	UnverifiedTLS bool

	// Extraction selectors (goquery/CSS). Content empty = generic extraction.
	Content    string
	Drop       []string
	Title      string
	Date       string
	DateFormat string // Go time layout for the Date selector's text

	File string // rules file this site came from, for messages
	Line int    // line of the site's entry in File
}

// Set is a validated collection of site rules.
type Set struct {
	Sites []*Site
}

// ForHost returns the site whose Hosts lists host (case-insensitive, port
// ignored), or nil when no rule names it.
func (s *Set) ForHost(host string) *Site {
	if s == nil {
		return nil
	}
	host = normalHost(host)
	for _, site := range s.Sites {
		for _, h := range site.Hosts {
			if h == host {
				return site
			}
		}
	}
	return nil
}

// ExtractionKey is every part of s that decides what prov makes of a
// page's bytes: the rule's name, hosts, authority and publisher (recorded
// on the capture), its capture patterns (whether the page is a document),
// its forced encoding and its selectors. What decides only which pages
// are fetched, and how (seeds, follow, deny, depth, delay, parallel, tls),
// is left out, as is where the rule was read from. "" for no rule. Two
// rules with one key extract alike.
func (s *Site) ExtractionKey() string {
	if s == nil {
		return ""
	}
	var b strings.Builder
	put := func(parts ...string) {
		b.WriteString(strconv.Itoa(len(parts)))
		for _, p := range parts {
			b.WriteByte(' ')
			b.WriteString(strconv.Quote(p))
		}
		b.WriteByte('\n')
	}
	put(s.Name)
	put(s.Hosts...)
	put(string(s.Authority), s.Publisher, s.Encoding)
	put(sources(s.Capture)...)
	put(s.Content, s.Title, s.Date, s.DateFormat)
	put(s.Drop...)
	return b.String()
}

// sources returns the patterns res were compiled from.
func sources(res []*regexp.Regexp) []string {
	out := make([]string, len(res))
	for i, re := range res {
		out[i] = re.String()
	}
	return out
}

// IsCapturePage says whether the page at raw holds a document under s:
// with capture patterns, only a page whose path matches one; without, or
// with no site (s nil), every page. Other pages are archived as captures
// with no text document.
func (s *Site) IsCapturePage(raw string) bool {
	if s == nil || len(s.Capture) == 0 {
		return true
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	for _, re := range s.Capture {
		if re.MatchString(u.Path) {
			return true
		}
	}
	return false
}

// AuthorityFor is the authority of host whose site rule is site (nil for
// none): the rule's when it sets one, else the embedded table's. why says
// which. It is Set.Authority for a caller that has looked the site up.
func AuthorityFor(site *Site, host string) (a Authority, why string) {
	if site != nil && site.Authority != "" {
		return site.Authority, "rule " + site.Name
	}
	if a, suffix := AuthorityOf(host); a != Unknown {
		return a, "suffix ." + suffix
	}
	return Unknown, "no rule or known suffix"
}

// ASCIIHost is a host name as URLs carry it: lower case and, when it is
// an internationalised name written in Unicode, in its IDNA (punycode)
// form, so that "中国.政务" matches a URL's xn--fiqs8s.xn--zfr164b. An
// ASCII name is only lower-cased (an underscore in it is left alone). An
// IP address is taken as it is written (IPv6 without brackets, as a URL's
// Hostname gives it). Anything else that is not dot-separated labels of
// letters, digits, hyphens and underscores (a URL, a host with a port or
// a path, markup) is an error: it would match no URL's host. "" is "".
func ASCIIHost(h string) (string, error) {
	h = strings.ToLower(h)
	if h == "" || net.ParseIP(h) != nil {
		return h, nil
	}
	if strings.ContainsFunc(h, func(r rune) bool { return r >= utf8.RuneSelf }) {
		ascii, err := idna.Lookup.ToASCII(h)
		if err != nil {
			return "", fmt.Errorf("host %q: not a host name (%v)", h, err)
		}
		h = ascii
	}
	if !hostLabels.MatchString(h) {
		return "", fmt.Errorf("host %q: not a host name (a host is written alone, without scheme, port or path: www.example.org)", h)
	}
	return h, nil
}

// hostLabels is a host name's form: labels, and maybe a final dot.
var hostLabels = regexp.MustCompile(`^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$`)

func normalHost(host string) string {
	host = strings.ToLower(host)
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
		host = host[:i]
	}
	return strings.TrimSuffix(host, ".")
}
