package crawl

import (
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/prov-archive/prov/rules"
)

// Version is the tool version named in the default User-Agent. cmd/prov sets
// it at build time (-ldflags "-X github.com/prov-archive/prov/crawl.Version=…").
var Version = "dev"

// Defaults for the zero values of Config.
const (
	DefaultMaxDepth    = 3
	DefaultDelay       = time.Second
	DefaultParallel    = 2
	DefaultMaxBodySize = 32 << 20
	DefaultTimeout     = 30 * time.Second
)

// DefaultUserAgent is the User-Agent sent when Config.UserAgent is empty.
func DefaultUserAgent() string {
	return "prov/" + Version + " (+https://github.com/prov-archive/prov)"
}

// Config says what to crawl and how politely. Zero values take the defaults
// named on each field; rules' sites override MaxDepth, Delay and Parallel for
// their hosts.
type Config struct {
	Seeds        []string   // start URLs; when empty, the seeds of every rules site
	Rules        *rules.Set // may be nil
	ConnectTo    []ConnectTo
	AllowPrivate bool
	MaxDepth     int           // links followed from a seed (seed = depth 0); default 3; < 0 = seeds only
	MaxPages     int           // fetches per run, 0 = no limit
	Delay        time.Duration // per host, between requests; default 1s; < 0 = none
	Parallel     int           // concurrent requests per host, default 2
	MaxBodySize  int64         // body limit for payload and content, default 32 MiB
	Timeout      time.Duration // per fetch (all hops and the body), default 30s
	UserAgent    string        // default DefaultUserAgent()
	Now          func() time.Time

	// Validators, when set, returns the validators of the last capture of a
	// URL; a non-empty value is sent as If-None-Match / If-Modified-Since so
	// an unchanged page answers 304 (a Page with Status 304 and no body).
	Validators func(url string) (etag, lastModified string)

	Logger *slog.Logger // debug notes (duplicates, skips); default discards
	Stats  *Stats       // when set, Run counts into it
}

// Stats counts what a run did besides emitting pages. All fields are safe to
// read while the run goes on.
type Stats struct {
	Fetched       atomic.Int64 // pages emitted
	RobotsBlocked atomic.Int64 // URLs not requested because robots.txt disallows them
	Duplicates    atomic.Int64 // fetches not emitted: their rel=canonical was already fetched
	Skipped       atomic.Int64 // links out of scope, denied, too deep, or over MaxPages
}

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
