package crawl

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/publicsuffix"

	"github.com/prov-archive/prov/rules"
)

// ErrOutOfScope is wrapped by the error of a fetch whose redirect led to
// a host outside the run's scope: "out of scope: redirect to HOST", or
// to the quoted URL when it has no host (javascript:, data:).
var ErrOutOfScope = errors.New(SkipOutOfScope)

// scope decides which URLs a run may queue: hosts of the seeds and of the
// rules' sites, each site's Follow/Capture/Deny patterns and depth limit.
type scope struct {
	rules     *rules.Set
	maxDepth  int
	overRules bool // maxDepth wins over a site's max_depth

	mu    sync.RWMutex
	hosts map[string]bool // lower-case host names, no port; grows by redirects (admitRedirect)
}

func newScope(cfg Config, seeds []*url.URL) *scope {
	s := &scope{rules: cfg.Rules, hosts: map[string]bool{}, maxDepth: max(cfg.MaxDepth, 0), overRules: cfg.DepthOverRules}
	for _, u := range seeds {
		s.hosts[u.Hostname()] = true
	}
	if cfg.Rules != nil {
		for _, site := range cfg.Rules.Sites {
			for _, h := range site.Hosts {
				s.hosts[strings.ToLower(h)] = true
			}
		}
	}
	return s
}

// inScope reports whether host (lower case, no port) is in the run's scope.
func (s *scope) inScope(host string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.hosts[host]
}

// admitRedirect returns why a redirect from one URL to another leaves the
// run's scope, "" when it may be followed. A target on a host in scope is
// followed; so is one on another host of the same registrable domain as
// the host it came from (a.test → www.a.test, a site moving to https on
// a new name), and that host joins the scope: the site lives there now.
// Any other host is out of scope, and the error names it.
func (s *scope) admitRedirect(from, to *url.URL) error {
	host := to.Hostname()
	if s.inScope(host) {
		return nil
	}
	if !sameSite(from.Hostname(), host) {
		return fmt.Errorf("crawl: %w: redirect to %s", ErrOutOfScope, redirectTarget(to))
	}
	s.mu.Lock()
	s.hosts[host] = true
	s.mu.Unlock()
	return nil
}

// redirectTarget names where a redirect led, for its error: the host, or
// for a URL without one (javascript:, data:) the URL quoted, its first
// 60 bytes.
func redirectTarget(to *url.URL) string {
	if h := to.Hostname(); h != "" {
		return h
	}
	s := to.String()
	if len(s) > 60 {
		return strconv.Quote(strings.ToValidUTF8(s[:60], "")) + "…"
	}
	return strconv.Quote(s)
}

// sameSite reports whether two host names share a registrable domain
// (public suffix plus one label). An IP address or a single-label name
// is its own site.
func sameSite(a, b string) bool {
	if a == b {
		return true
	}
	d := registrable(a)
	return d != "" && d == registrable(b)
}

// registrable is host's registrable domain (public suffix plus one label),
// "" for an IP address or a name without one: such a host is its own site.
func registrable(host string) string {
	if net.ParseIP(host) != nil {
		return ""
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return ""
	}
	return d
}

// hostList returns the hosts in scope, sorted.
func (s *scope) hostList() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.hosts))
	for h := range s.hosts {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

func (s *scope) site(u *url.URL) *rules.Site {
	return s.rules.ForHost(u.Hostname())
}

// ruleName is the name of the site rule for u, "" when none.
func (s *scope) ruleName(u *url.URL) string {
	if site := s.site(u); site != nil {
		return site.Name
	}
	return ""
}

// depthLimit is the deepest link depth followed on u's host: the run's
// limit when it overrides the rules, else the site's max_depth where set
// (0: its seeds only), else the run's.
func (s *scope) depthLimit(u *url.URL) int {
	if site := s.site(u); site != nil && site.MaxDepth != nil && !s.overRules {
		return *site.MaxDepth
	}
	return s.maxDepth
}

// follows returns why a link to u, queued at depth, is not followed; ""
// when it is. With a site rule, a link is followed when its path matches
// one of the site's Follow or Capture patterns (or the site has none), or
// is a later page of an article its Capture patterns match (c123_2.htm of
// c123.htm: an article split over pages is archived whole), and never
// when Deny matches.
func (s *scope) follows(u *url.URL, depth int) string {
	if why := s.admits(u, depth); why != "" {
		return why
	}
	site := s.site(u)
	if site == nil || (len(site.Follow) == 0 && len(site.Capture) == 0) {
		return ""
	}
	if matchAny(site.Follow, u.Path) || matchAny(site.Capture, u.Path) {
		return ""
	}
	if p := firstPagePath(u.Path); p != u.Path && matchAny(site.Capture, p) {
		return ""
	}
	return SkipNotFollowed
}

// pageSuffix is the page number of a later page of an article: c123_2.htm.
var pageSuffix = regexp.MustCompile(`_\d{1,3}(\.[A-Za-z0-9]+)$`)

// firstPagePath is the path of the first page of the article whose later
// page path may be (c123_2.htm → c123.htm); path itself otherwise.
func firstPagePath(path string) string {
	return pageSuffix.ReplaceAllString(path, "$1")
}

// admits returns why u, at depth, may not be fetched at all ("" when it
// may): its host is out of scope, its site denies it, or it is too deep.
// Sitemaps and feeds need only this, not the Follow patterns.
func (s *scope) admits(u *url.URL, depth int) string {
	switch {
	case !s.inScope(u.Hostname()):
		return SkipOutOfScope
	case s.denied(u):
		return SkipDenied
	case depth > s.depthLimit(u):
		return SkipTooDeep
	}
	return ""
}

// denied reports whether u's site rule denies it; Deny patterns are tried on
// the path and on the path with its query.
func (s *scope) denied(u *url.URL) bool {
	site := s.site(u)
	return site != nil && (matchAny(site.Deny, u.Path) || matchAny(site.Deny, u.RequestURI()))
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// parallel is how many requests u's host may have at once.
func (s *scope) parallel(u *url.URL, cfg Config) int {
	if site := s.site(u); site != nil && site.Parallel > 0 {
		return site.Parallel
	}
	return cfg.Parallel
}

// delay is the pause between requests to u's host: the site's delay (or
// the run's), or its robots.txt Crawl-delay when that is longer.
func (s *scope) delay(u *url.URL, cfg Config, rb *robots) time.Duration {
	d := cfg.Delay
	if site := s.site(u); site != nil && site.Delay > 0 {
		d = site.Delay
	}
	return max(d, rb.crawlDelay(u))
}

// workers is how many fetches a run makes at once: enough for every host
// in scope to use its parallelism, at most maxWorkers.
func (s *scope) workers(cfg Config) int {
	if cfg.Workers > 0 {
		return cfg.Workers
	}
	n := 0
	for _, h := range s.hostList() {
		n += s.parallel(&url.URL{Host: h}, cfg)
	}
	return min(max(n, 1), maxWorkers)
}

const maxWorkers = 64
