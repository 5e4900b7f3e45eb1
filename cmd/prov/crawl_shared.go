package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/crawl/redisfrontier"
	"github.com/prov-archive/prov/ingest"
)

// sharedOptions are prov crawl's flags for one worker of a crawl shared
// through Redis.
type sharedOptions struct {
	frontier string        // redis://HOST:PORT/DB, "" for a crawl of one process
	shard    string        // the worker's own archive
	worker   string        // default host:shard
	lease    time.Duration // redisfrontier.Options.Lease
}

func (o *sharedOptions) register(fs *flag.FlagSet) {
	fs.StringVar(&o.frontier, "frontier", "", "share the crawl with other prov crawl processes through the Redis at `redis://HOST:PORT/DB` (needs --shard)")
	fs.StringVar(&o.shard, "shard", "", "with --frontier: this worker's own archive `PATH` (prov merge folds the shards into one)")
	fs.StringVar(&o.worker, "worker", "", "with --frontier: this worker's `NAME`, unique in the crawl and the same on restart (default HOST:SHARD)")
	fs.DurationVar(&o.lease, "lease", redisfrontier.DefaultLease, "with --frontier: a URL a worker took is taken over by another this long after the worker stops renewing it")
}

// needFolder refuses the archive the crawl writes, db or this worker's
// --shard, when its folder does not exist (needFolder).
func (o *sharedOptions) needFolder(db string) error {
	if o.frontier != "" {
		return needFolder("--shard", o.shard)
	}
	return needFolder("--db", db)
}

func (o *sharedOptions) validate() error {
	switch {
	case o.frontier == "" && (o.shard != "" || o.worker != ""):
		return usagef("--shard and --worker go with --frontier", "--shard or --worker without --frontier")
	case o.frontier != "" && o.shard == "":
		return usagef("each worker writes its own archive", "--frontier needs --shard PATH")
	case o.lease < time.Second:
		return usagef("e.g. --lease 10s", "--lease %s: must be at least 1s", o.lease)
	}
	if o.frontier != "" {
		if _, err := redisfrontier.ParseURL(o.frontier); err != nil {
			return usagef("want redis://HOST:PORT/DB", "--frontier: %v", err)
		}
	}
	return nil
}

// start opens the crawl's session: on the archive at db with its own
// frontier file, or, with --frontier, on the shard with the Redis
// frontier. stop closes the Redis connection. config is the digest of
// the crawl's seeds and rules (crawlConfig), read only for a shared crawl.
func (o *sharedOptions) start(ctx context.Context, db string, config func() (string, error), e *env) (s *ingest.Session, opt ingest.Options, stop func(), err error) {
	if o.frontier == "" {
		fo := frontierOptions
		fo.OnReset = func(r crawl.FrontierReset) { fmt.Fprintf(e.stderr, "prov crawl: warning: %v\n", r) }
		s, err = ingest.Start(db, "prov crawl", fo)
		return s, opt, func() {}, err
	}
	digest, err := config()
	if err != nil {
		return nil, opt, nil, err
	}
	opts := redisfrontier.Options{Worker: o.workerName(), Lease: o.lease, AfterTake: hangAfterTake(e),
		Trace: e.getenv("PROV_FRONTIER_TRACE") == "1", Config: digest, Instance: o.instance()}
	st, err := redisfrontier.Open(ctx, o.frontier, opts)
	switch {
	case errors.Is(err, redisfrontier.ErrConfigDiffers):
		return nil, opt, nil, usagef("every worker of a crawl gets the same seeds and rules files", "--frontier: %v", err)
	case errors.Is(err, redisfrontier.ErrWorkerInUse):
		return nil, opt, nil, usagef("give each worker its own --worker, the same when it is run again", "--frontier: %v", err)
	case err != nil:
		return nil, opt, nil, fmt.Errorf("--frontier: %w", err)
	}
	if s, err = ingest.StartShared(o.shard, "prov crawl", st); err != nil {
		st.Close()
		return nil, opt, nil, err
	}
	opt.Worker, opt.SharedCrawl = opts.Worker, st.ID()
	return s, opt, func() { st.Close() }, nil
}

// workerName is --worker, or this host and the shard's absolute path: the
// same when the same command is run again, so the worker takes back at
// once what it held when it stopped.
func (o *sharedOptions) workerName() string {
	if o.worker != "" {
		return o.worker
	}
	return o.instance()
}

// instance is this host and the shard's absolute path: what tells this
// worker from another given its name (redisfrontier.Options.Instance).
// Only one process at a time holds a shard (its run lock).
func (o *sharedOptions) instance() string {
	host, _ := os.Hostname()
	abs, err := filepath.Abs(o.shard)
	if err != nil {
		abs = o.shard
	}
	return host + ":" + abs
}

// crawlConfig is the digest of what every worker of a crawl must share:
// its seeds, in order, the contents of its rules files, whatever their
// names (each machine may keep its own copy), and the lines of scope
// (scopeLines), the flags that decide what is fetched and how hard a
// host is asked.
func crawlConfig(seeds []string, rulesFiles []string, scope []string) (string, error) {
	h := sha256.New()
	for _, s := range seeds {
		fmt.Fprintf(h, "seed %q\n", s)
	}
	for _, l := range scope {
		fmt.Fprintf(h, "%s\n", l)
	}
	var sums []string
	for _, f := range rulesFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(b)
		sums = append(sums, hex.EncodeToString(sum[:]))
	}
	slices.Sort(sums)
	for _, s := range sums {
		fmt.Fprintf(h, "rules %s\n", s)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// scopeLines are the crawl flags every worker of a shared crawl must
// share, one line each: --max-depth when given (it overrides the rules),
// --allow-private when set, --delay and --parallel when not their
// defaults. A flag left at its default adds no line, so a crawl's digest
// is the one of seeds and rules alone that earlier builds stamped.
// --max-pages and --connect-to are each worker's own.
func (o *crawlOptions) scopeLines() []string {
	var lines []string
	if o.depthGiven {
		lines = append(lines, fmt.Sprintf("max-depth %d", o.maxDepth))
	}
	if o.allowPrivate {
		lines = append(lines, "allow-private")
	}
	if o.delay != defaultDelay {
		lines = append(lines, fmt.Sprintf("delay %s", o.delay))
	}
	if o.parallel != defaultParallel {
		lines = append(lines, fmt.Sprintf("parallel %d", o.parallel))
	}
	return lines
}

// hangAfterTake is a test hook: with PROV_TEST_HANG_AFTER_TAKE=N in the
// environment, the worker stops for good after taking its Nth URL, before
// fetching it, saying so on stderr (a test then kills it).
func hangAfterTake(e *env) func(string) {
	n, err := strconv.Atoi(e.getenv("PROV_TEST_HANG_AFTER_TAKE"))
	if err != nil || n <= 0 {
		return nil
	}
	var taken atomic.Int64
	return func(url string) {
		if taken.Add(1) == int64(n) {
			fmt.Fprintf(e.stderr, "prov crawl: test hook: hanging after taking %s\n", url)
			select {}
		}
	}
}
