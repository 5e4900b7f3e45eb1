package crawl

import (
	"crypto/x509"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prov-archive/prov/memory"
	"github.com/prov-archive/prov/rules"
)

// Version is prov's version: the User-Agent names it, and prov records it
// with every capture and prints it (prov version), so the two never
// differ. make build sets it with -ldflags "-X
// github.com/prov-archive/prov/crawl.Version=$(VERSION)", VERSION being
// git describe --tags --always --dirty (0.1.0 outside a git checkout, or
// whatever make VERSION=… names); a plain go build or go run, make demo
// included, says 0.1.0.
var Version = "0.1.0"

// Defaults for the zero values of Config.
const (
	DefaultMaxDepth    = 3
	DefaultDelay       = time.Second
	DefaultParallel    = 2
	DefaultMaxBodySize = 32 << 20
	DefaultTimeout     = 30 * time.Second
	DefaultRetries     = 2 // tries after the first, on 429, 503 and connection errors
	DefaultRetryBase   = time.Second
	DefaultMaxWait     = time.Minute
)

// DefaultMemory is the budget of a run's pages in flight (Config.Memory):
// one page at the body limit with its parse tree at a time, or hundreds
// of ordinary pages.
const DefaultMemory = 64 << 20

// DefaultContact is the contact URL named in the default User-Agent.
const DefaultContact = "https://github.com/prov-archive/prov"

// DefaultUserAgent is the User-Agent sent when Config.UserAgent is empty.
func DefaultUserAgent() string { return UserAgentFor(DefaultContact) }

// UserAgentFor names prov, its version and a contact URL (or address) for
// the sites' operators.
func UserAgentFor(contact string) string {
	if contact == "" {
		contact = DefaultContact
	}
	return "prov/" + Version + " (+" + contact + ")"
}

// Config says what to crawl and how politely. Zero values take the defaults
// named on each field; rules' sites override MaxDepth (unless
// DepthOverRules), Delay and Parallel for their hosts.
type Config struct {
	Seeds        []string   // start URLs; when empty, the seeds of every rules site
	Rules        *rules.Set // may be nil
	ConnectTo    []ConnectTo
	AllowPrivate bool
	// roots are the certificates trusted as roots of servers' chains; nil
	// means the system's. Only tests set them, to trust a test CA.
	roots    *x509.CertPool
	MaxDepth int // links followed from a seed (seed = depth 0); default 3; < 0 = seeds only
	// DepthOverRules makes MaxDepth the limit on every host, over the
	// sites' max_depth: a limit the operator gave for this run. Without
	// it a site's max_depth, where set, is the limit on its hosts.
	DepthOverRules bool
	MaxPages       int // page fetches per run, 0 = no limit (sitemaps, feeds and robots.txt are not counted)
	// LeftOut, when set, is told each page URL that MaxPages left out of
	// the run: a link not queued once the budget was spent, and a URL
	// still queued when it was (a shared crawl's queue, which other
	// workers go on taking from, is not told). It may be called from
	// several goroutines, and a URL more than once.
	LeftOut         func(url string)
	MaxPagesPerHost int           // pages queued per host over the crawl, 0 = no limit
	Delay           time.Duration // per host, between requests; default 1s; < 0 = none
	Parallel        int           // concurrent requests per host, default 2
	MaxBodySize     int64         // body limit for payload and content, default 32 MiB
	Timeout         time.Duration // per fetch (all hops and the body), default 30s
	UserAgent       string        // default DefaultUserAgent()
	Retries         int           // tries after the first on 429, 503, connection errors; default 2, < 0 = none
	RetryBase       time.Duration // first backoff, doubled per try; default 1s
	MaxWait         time.Duration // longest backoff or Retry-After honoured; default 1m
	MaxURLLength    int           // links longer than this are traps, not followed; default 2048
	Workers         int           // fetches at once over all hosts; default Parallel × hosts in scope, at most 64

	// Frontier holds the pending URLs and the seen set; a stopped run
	// resumes from it. Default: a temporary one, removed when Run returns.
	Frontier *Frontier
	// Shared, when set, replaces Frontier: the crawl state lives in a
	// store that several processes crawl from at once, and so do the
	// hosts' turns and the robots.txt answers (see Shared).
	Shared Shared
	// Waiting, when set, is called when Shared had nothing to hand out
	// (at most once per poll): the URLs the next depth waits for may be
	// this process's own captures not committed yet, so the caller
	// commits what it holds (Shared.Take opens a depth once every URL of
	// the one before is done, that is stored).
	Waiting func()
	Now     func() time.Time

	// Validators, when set, returns the validators of the last capture of a
	// URL; a non-empty value is sent as If-None-Match / If-Modified-Since so
	// an unchanged page answers 304 (a Page with Status 304 and no body).
	Validators func(url string) (etag, lastModified string)

	// Stored, when set, returns the payload and response header of a URL's
	// last stored 200: the links of a page that answered 304 are read from
	// that copy, so an incremental crawl still reaches every page.
	Stored func(url string) (payload []byte, header http.Header)

	// Captured, when set, says whether the archive holds a capture of url
	// fetched since the given time: on resuming, a URL the stopped run had
	// fetched and stored (but not yet marked done) is not fetched again.
	Captured func(url string, since time.Time) bool

	// LastCaptured, when set, returns when the archive's last capture of
	// url was fetched (zero when it has none). A page a sitemap lists with
	// a <lastmod> older than that capture is not fetched again; the links
	// of its stored copy (Stored) are followed instead.
	LastCaptured func(url string) time.Time

	// NoDiscovery turns off reading the seed hosts' robots.txt Sitemap:
	// lines and /sitemap.xml, and the feeds pages link to. Sitemaps and
	// feeds given as seeds are still read.
	NoDiscovery bool

	// Unsent, when set, is called for each URL the run took but sends no
	// Page for, with why: an error wrapping ErrRobotsDisallowed (never
	// requested) or ErrDuplicate (fetched, but its canonical URL was
	// fetched before in the run). Every other URL taken is sent. It may
	// be called from several goroutines at once.
	Unsent func(url string, why error)

	// Memory is the byte budget that every fetched page's bodies, and the
	// work done on them after the crawl (Overhead), count against until
	// the page is dropped or committed (see memory.go for who holds what
	// when). Run makes one of DefaultMemory bytes when it is nil; Fetch
	// uses none unless given one.
	Memory *memory.Budget

	// Overhead, when set, is the memory that the pipeline after the
	// crawl will use at once on a successful page of the given header and
	// decoded length — its parse tree, its text — reserved in Memory with
	// the page's bodies (the crawl cannot wait for more once the page is
	// sent: see memory.go). Default none.
	Overhead func(h http.Header, content int64) int64

	Logger *slog.Logger // debug notes (duplicates, skips); default discards
	Stats  *Stats       // when set, Run counts into it
}

// Stats counts what a run did besides emitting pages. All fields are safe to
// read while the run goes on.
type Stats struct {
	Fetched       atomic.Int64 // pages emitted
	RobotsBlocked atomic.Int64 // URLs not requested because robots.txt disallows them
	Duplicates    atomic.Int64 // fetches not emitted: their rel=canonical was already fetched
	Skipped       atomic.Int64 // links not queued: out of scope, denied, too deep, traps, over a limit (see SkipReasons)
	Retried       atomic.Int64 // tries after a 429, 503 or connection error
	Queued        atomic.Int64 // URLs waiting in the frontier (updated as the run goes)
	Resumed       atomic.Int64 // URLs found pending in the frontier when the run began
	Discovery     atomic.Int64 // robots.txt, sitemaps and feeds read for URLs (never sent as pages)

	mu      sync.Mutex
	reasons map[string]int64
}

// skip counts n skipped links for reason (one of the Skip* constants).
func (s *Stats) skip(reason string, n int) {
	if n <= 0 {
		return
	}
	s.Skipped.Add(int64(n))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reasons == nil {
		s.reasons = map[string]int64{}
	}
	s.reasons[reason] += int64(n)
}

// SkipReasons returns how many links were skipped for each reason; the
// counts add up to Skipped.
func (s *Stats) SkipReasons() map[string]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int64, len(s.reasons))
	for k, v := range s.reasons {
		out[k] = v
	}
	return out
}

// Reasons a link is skipped, as counted in Stats.SkipReasons.
const (
	SkipOutOfScope      = "out of scope"
	SkipDenied          = "denied by rule"
	SkipNotFollowed     = "not matched by follow or capture"
	SkipTooDeep         = "too deep"
	SkipMaxPages        = "max pages"
	SkipMaxPagesPerHost = "max pages per host"
	SkipMaxDocsPerHost  = "max sitemaps and feeds per host"
	SkipUnchanged       = "unchanged since last capture (sitemap lastmod)"
	SkipHostAway        = "host asked to wait past the longest wait (Retry-After)"
	TrapLongURL         = "trap: URL too long"
	TrapRunawayQuery    = "trap: runaway query"
	TrapRepeatedSegment = "trap: repeated path segment"
	TrapCalendar        = "trap: calendar"
)

func (c Config) withDefaults() Config {
	if c.MaxDepth == 0 {
		c.MaxDepth = DefaultMaxDepth
	}
	if c.Delay == 0 {
		c.Delay = DefaultDelay
	}
	if c.Delay < 0 {
		c.Delay = 0
	}
	if c.Parallel <= 0 {
		c.Parallel = DefaultParallel
	}
	if c.MaxBodySize <= 0 {
		c.MaxBodySize = DefaultMaxBodySize
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent()
	}
	if c.Retries == 0 {
		c.Retries = DefaultRetries
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.RetryBase <= 0 {
		c.RetryBase = DefaultRetryBase
	}
	if c.MaxWait <= 0 {
		c.MaxWait = DefaultMaxWait
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Stats == nil {
		c.Stats = new(Stats)
	}
	return c
}
