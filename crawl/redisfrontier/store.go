package redisfrontier

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/prov-archive/prov/crawl"
)

//go:embed lua/*.lua
var luaFiles embed.FS

// Defaults of Options.
const (
	DefaultPrefix   = "prov:"
	DefaultLease    = 10 * time.Second
	DefaultMaxTakes = 3
)

// Options configure Open. The zero value uses the defaults.
type Options struct {
	Prefix   string        // key prefix; default DefaultPrefix
	Worker   string        // this worker's name, unique in the crawl and the same when it is restarted; required
	Lease    time.Duration // how long a taken URL stays this worker's without a renewal; default DefaultLease
	MaxTakes int           // takes of one URL before it is given up; default DefaultMaxTakes
	// AfterTake, when set, is called with every URL handed out, before
	// it is fetched (a test hook: a worker that hangs there).
	AfterTake func(url string)
	// Config is what every worker of the crawl must share: a digest of
	// its seeds and rules. The first worker stamps it; one whose Config
	// differs is refused (ErrConfigDiffers), since which worker takes
	// which URL would decide what is crawled. "" checks nothing.
	Config string
	// Instance tells this worker's process from another that uses its
	// name: its host and shard. While a worker of the name lives (renews
	// its leases) with another Instance, this one is refused
	// (ErrWorkerInUse): two of one name settle each other's URLs. The same
	// Instance is the worker run again, which takes back what it held.
	// "" checks nothing.
	Instance string
	// Trace makes every script that changes a URL's state (take, lease
	// expiry, done, requeue, renewal, a host's turn, robots.txt
	// lock and answer) append it, with the worker and Redis's time, to
	// the stream Prefix+"trace" (see TraceKey): a timeline to read when a
	// shared crawl misbehaves. It costs one XADD per transition.
	Trace bool
}

// TraceKey is the stream the scripts of a store opened with
// Options.Trace append to, under prefix ("" for DefaultPrefix). Each
// entry has the fields op, w (worker), url, n (a depth, a count or a
// note) and us (Redis's time, microseconds since 1970).
func TraceKey(prefix string) string {
	if prefix == "" {
		prefix = DefaultPrefix
	}
	return prefix + "trace"
}

// Store is a crawl's state in one Redis database (crawl.Shared). Its
// first Redis error is its error from then on (Err): the worker must stop
// and is restarted once Redis is back.
type Store struct {
	rdb     *redis.Client
	opts    Options
	keys    []string
	scripts map[string]*redis.Script
	begun   time.Time
	id      string

	mu      sync.Mutex
	err     error
	locks   map[string]bool // robots-lock keys this worker holds, renewed with its leases
	holding map[string]int  // hosts held by this worker's requests in flight (Turn), renewed with its leases
	failed  chan struct{}
	stop    chan struct{}
	wg      sync.WaitGroup
	closing sync.Once
}

// ParseURL reads a --frontier URL: redis://[:PASSWORD@]HOST:PORT/DB.
func ParseURL(raw string) (*redis.Options, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "redis" || u.Host == "" {
		return nil, fmt.Errorf("redisfrontier: %q: want redis://HOST:PORT/DB", raw)
	}
	o, err := redis.ParseURL(raw)
	if err != nil {
		return nil, fmt.Errorf("redisfrontier: %q: %w", raw, err)
	}
	// A Redis that is gone must stop the worker within seconds, not
	// after the client's long default retries.
	o.DialTimeout, o.ReadTimeout, o.WriteTimeout = 2*time.Second, 3*time.Second, 3*time.Second
	o.MaxRetries = 1
	return o, nil
}

// Open connects to the Redis at rawURL (see ParseURL), loads the scripts
// and starts renewing this worker's leases. The crawl's begin time and id
// are set by its first worker.
func Open(ctx context.Context, rawURL string, opts Options) (*Store, error) {
	ro, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return OpenClient(ctx, redis.NewClient(ro), opts)
}

// quiet drops go-redis's own log lines (a failed dial, once per try): the
// store reports a failure once, as its error.
type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

var quietOnce sync.Once

// OpenClient is Open with a client of the caller's; Close closes it.
func OpenClient(ctx context.Context, rdb *redis.Client, opts Options) (*Store, error) {
	opts, err := withDefaults(opts)
	if err != nil {
		rdb.Close()
		return nil, err
	}
	quietOnce.Do(func() { redis.SetLogger(quiet{}) })
	s := &Store{rdb: rdb, opts: opts, failed: make(chan struct{}), stop: make(chan struct{}), holding: map[string]int{}}
	for _, k := range keyNames {
		s.keys = append(s.keys, opts.Prefix+k)
	}
	if opts.Trace {
		s.keys = append(s.keys, TraceKey(opts.Prefix))
	}
	if s.scripts, err = loadScripts(); err == nil {
		err = s.stamp(ctx)
	}
	if err == nil {
		err = s.claimName(ctx)
	}
	if err != nil {
		rdb.Close()
		return nil, fmt.Errorf("redisfrontier: %s: %w", rdb.Options().Addr, err)
	}
	s.wg.Add(1)
	go s.renewLoop()
	return s, nil
}

func withDefaults(o Options) (Options, error) {
	if o.Worker == "" {
		return o, errors.New("redisfrontier: a worker needs a name")
	}
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.MaxTakes <= 0 {
		o.MaxTakes = DefaultMaxTakes
	}
	return o, nil
}

// keyNames are the keys every script gets, in prelude.lua's order (then
// the trace stream, when the store traces).
var keyNames = []string{"queue", "seq", "seen", "kinds", "claims", "hosts", "pending", "leases", "held", "tries", "counts", "turns", "gaveup", "robots"}

func loadScripts() (map[string]*redis.Script, error) {
	prelude, err := luaFiles.ReadFile("lua/prelude.lua")
	if err != nil {
		return nil, err
	}
	entries, err := luaFiles.ReadDir("lua")
	if err != nil {
		return nil, err
	}
	out := map[string]*redis.Script{}
	for _, e := range entries {
		name := e.Name()[:len(e.Name())-len(".lua")]
		if name == "prelude" {
			continue
		}
		body, err := luaFiles.ReadFile("lua/" + e.Name())
		if err != nil {
			return nil, err
		}
		out[name] = redis.NewScript(string(prelude) + "\n" + string(body))
	}
	return out, nil
}

// ErrConfigDiffers refuses a worker whose seeds, rules or scope flags are
// not the crawl's (Options.Config).
var ErrConfigDiffers = errors.New("this worker's seeds, rules or scope flags (--max-depth, --allow-private, --delay, --parallel) differ from the crawl's: give every worker the same")

// ErrWorkerInUse refuses a worker whose name a live worker of the crawl
// uses (Options.Instance).
var ErrWorkerInUse = errors.New("a live worker of the crawl has this name: give each worker its own --worker")

// stamp sets the crawl's begin time, id and config unless a worker did,
// and checks this worker's config against the crawl's.
func (s *Store) stamp(ctx context.Context) error {
	meta := s.opts.Prefix + "meta"
	id := make([]byte, 8)
	rand.Read(id)
	now := time.Now().UTC().Format(time.RFC3339Nano)
	if err := s.rdb.HSetNX(ctx, meta, "begun", now).Err(); err != nil {
		return err
	}
	if err := s.rdb.HSetNX(ctx, meta, "id", hex.EncodeToString(id)).Err(); err != nil {
		return err
	}
	if s.opts.Config != "" {
		if err := s.rdb.HSetNX(ctx, meta, "config", s.opts.Config).Err(); err != nil {
			return err
		}
	}
	vals, err := s.rdb.HMGet(ctx, meta, "begun", "id", "config").Result()
	if err != nil {
		return err
	}
	b, _ := vals[0].(string)
	s.begun, _ = time.Parse(time.RFC3339Nano, b)
	s.id, _ = vals[1].(string)
	if config, _ := vals[2].(string); s.opts.Config != "" && config != "" && config != s.opts.Config {
		return ErrConfigDiffers
	}
	return nil
}

// nameKey holds the Instance of the live worker of this name.
func (s *Store) nameKey() string { return s.opts.Prefix + "worker:" + s.opts.Worker }

// claimName takes this worker's name for its Instance, for a lease,
// renewed with its leases: refused while another Instance holds it. The
// claim is not given up on Close, but runs out a lease later: a process
// that failed to take the shard its Instance names (the worker runs
// already) must not free the name of the one that runs.
func (s *Store) claimName(ctx context.Context) error {
	if s.opts.Instance == "" {
		return nil
	}
	ok, err := s.rdb.SetNX(ctx, s.nameKey(), s.opts.Instance, s.opts.Lease).Result()
	if err != nil || ok {
		return err
	}
	by, err := s.rdb.Get(ctx, s.nameKey()).Result()
	switch {
	case errors.Is(err, redis.Nil): // its holder's lease ran out just now
		return s.claimName(ctx)
	case err != nil:
		return err
	case by != s.opts.Instance:
		return fmt.Errorf("%w (%q is %s's)", ErrWorkerInUse, s.opts.Worker, by)
	}
	return s.rdb.PExpire(ctx, s.nameKey(), s.opts.Lease).Err()
}

// errStateGone is why a worker stops when Redis no longer holds the crawl
// it joined: restarted without its data (or flushed), it answers from an
// empty queue, which would read as a crawl drained, done with pages
// missing.
var errStateGone = errors.New("Redis no longer holds this crawl's state (restarted without its data, or flushed)")

// checkCrawl fails the store unless Redis still holds the crawl it
// joined (its id in meta); it is asked before an empty queue is taken
// for the crawl's end, and with every lease renewal.
func (s *Store) checkCrawl(ctx context.Context) error {
	if err := s.Err(); err != nil {
		return err
	}
	id, err := s.rdb.HGet(ctx, s.opts.Prefix+"meta", "id").Result()
	switch {
	case errors.Is(err, redis.Nil) || err == nil && id != s.id:
		return s.fail(errStateGone)
	case err != nil:
		return s.fail(fmt.Errorf("meta: %w", err))
	}
	return nil
}

// ID names the crawl: the same for every worker of it (a run of a shard
// records it, and prov merge folds the runs of one crawl into one).
func (s *Store) ID() string { return s.id }

// Begun is when the crawl's first worker opened it.
func (s *Store) Begun() time.Time { return s.begun }

// Err returns the first Redis error, nil while none.
func (s *Store) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Failed is closed at the first Redis error.
func (s *Store) Failed() <-chan struct{} { return s.failed }

func (s *Store) fail(err error) error {
	if err == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = fmt.Errorf("%w (run the same command again once Redis is back): redis %s: %w", crawl.ErrSharedLost, s.rdb.Options().Addr, err)
		close(s.failed)
	}
	return s.err
}

// run runs script name with args; after a failure it fails at once.
func (s *Store) run(name string, args ...any) (any, error) {
	if err := s.Err(); err != nil {
		return nil, err
	}
	v, err := s.scripts[name].Run(context.Background(), s.rdb, s.keys, args...).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, s.fail(fmt.Errorf("%s: %w", name, err))
	}
	return v, nil
}

// Close stops renewing leases and closes the connection; a second Close
// does nothing. The leases this worker still holds run out, and other
// workers take their URLs over (or this worker, run again, at once).
func (s *Store) Close() error {
	var err error
	s.closing.Do(func() {
		close(s.stop)
		s.wg.Wait()
		err = s.rdb.Close()
	})
	return err
}

// renewLoop extends this worker's leases every third of a lease until
// Close, and stops at the first failure.
func (s *Store) renewLoop() {
	defer s.wg.Done()
	t := time.NewTicker(s.opts.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-s.failed:
			return
		case <-t.C:
			if s.checkCrawl(context.Background()) != nil {
				return
			}
			s.run("renew", s.opts.Worker, s.opts.Lease.Milliseconds())
			s.renewLocks()
			s.renewTurns()
			if s.opts.Instance != "" {
				renewLockScript.Run(context.Background(), s.rdb, []string{s.nameKey()}, s.opts.Instance, s.opts.Lease.Milliseconds())
			}
		}
	}
}

var _ crawl.Shared = (*Store)(nil)
