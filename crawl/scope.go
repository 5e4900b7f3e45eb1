package crawl

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/gocolly/colly/v2"

	"github.com/prov-archive/prov/rules"
)

// scope decides which URLs a run may queue: hosts of the seeds and of the
// rules' sites, each site's Follow/Capture/Deny patterns and depth limit.
type scope struct {
	rules    *rules.Set
	hosts    map[string]bool // lower-case host names, no port
	maxDepth int
}

func newScope(cfg Config, seeds []*url.URL) *scope {
	s := &scope{rules: cfg.Rules, hosts: map[string]bool{}, maxDepth: max(cfg.MaxDepth, 0)}
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

// hostList returns the hosts in scope, sorted.
func (s *scope) hostList() []string {
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

// depthLimit is the deepest link depth followed on u's host.
func (s *scope) depthLimit(u *url.URL) int {
	if site := s.site(u); site != nil && site.MaxDepth > 0 {
		return site.MaxDepth
	}
	return s.maxDepth
}

// follows reports whether a link to u found at depth-1 is queued at depth.
// With a site rule, a link is followed when its path matches one of the
// site's Follow or Capture patterns (or the site has none), and never when
// Deny matches.
func (s *scope) follows(u *url.URL, depth int) bool {
	if !s.hosts[u.Hostname()] || depth > s.depthLimit(u) {
		return false
	}
	site := s.site(u)
	if site == nil {
		return true
	}
	if s.denied(u) {
		return false
	}
	if len(site.Follow) == 0 && len(site.Capture) == 0 {
		return true
	}
	return matchAny(site.Follow, u.Path) || matchAny(site.Capture, u.Path)
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

// limitRules gives every host in scope its own colly LimitRule (a rule's
// parallelism is shared by all hosts it matches, so one rule per host is what
// makes the limit per host), with the site's Delay and Parallel when set, and
// a catch-all rule after them.
func (s *scope) limitRules(cfg Config) []*colly.LimitRule {
	var out []*colly.LimitRule
	for _, h := range s.hostList() {
		delay, parallel := cfg.Delay, cfg.Parallel
		if site := s.rules.ForHost(h); site != nil {
			if site.Delay > 0 {
				delay = site.Delay
			}
			if site.Parallel > 0 {
				parallel = site.Parallel
			}
		}
		re := "^" + regexp.QuoteMeta(bracket(h)) + `(:\d+)?$`
		out = append(out, &colly.LimitRule{DomainRegexp: re, Delay: delay, Parallelism: parallel})
	}
	return append(out, &colly.LimitRule{DomainGlob: "*", Delay: cfg.Delay, Parallelism: 1})
}

// frontier is the run's dedup state, keyed by canonical URL. seen holds every
// URL queued or reached; fetched maps the canonical URL of every emitted page
// to the URL that was fetched for it. It is the seam where issue 6 moves the
// seen set to bbolt.
type frontier struct {
	mu      sync.Mutex
	seen    map[string]bool
	fetched map[string]string
	budget  int // fetches left; < 0 = no limit
}

func newFrontier(maxPages int) *frontier {
	budget := maxPages
	if budget <= 0 {
		budget = -1
	}
	return &frontier{seen: map[string]bool{}, fetched: map[string]string{}, budget: budget}
}

// markSeen adds key to the seen set and reports whether it was new.
func (f *frontier) markSeen(key string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.seen[key] {
		return false
	}
	f.seen[key] = true
	return true
}

// spend takes one fetch from the budget, reporting false when none is left.
func (f *frontier) spend() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.budget == 0 {
		return false
	}
	if f.budget > 0 {
		f.budget--
	}
	return true
}

// claim records that the fetch of requested produced the page whose
// canonical URL is canonical, and marks canonical seen. When another fetch
// claimed canonical first, it returns that fetch's URL and claims nothing.
func (f *frontier) claim(canonical, requested string) (earlier string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if prev, ok := f.fetched[canonical]; ok && prev != requested {
		return prev
	}
	f.fetched[canonical] = requested
	f.seen[canonical] = true
	return ""
}
