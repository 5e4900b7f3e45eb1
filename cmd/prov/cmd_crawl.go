package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/rules"
	"github.com/prov-archive/prov/search"
)

type crawlOptions struct {
	rulesFiles   stringList
	db           string
	connectTo    stringList
	allowPrivate bool
	maxDepth     int
	depthGiven   bool // --max-depth was on the command line: it wins over the rules
	maxPages     int
	maxPerHost   int
	delay        time.Duration
	parallel     int
	quiet        bool
	contact      string
	progress     string
	logFormat    string
	cpuProfile   string
	memProfile   string
	seeds        []string
	shared       sharedOptions // --frontier, --shard, --worker, --lease
}

// The defaults of --delay and --parallel.
const (
	defaultDelay    = time.Second
	defaultParallel = 2
)

func (o *crawlOptions) register(fs *flag.FlagSet) {
	fs.Var(&o.rulesFiles, "rules", "site rules `FILE` (repeatable)")
	fs.StringVar(&o.db, "db", "", dbUsage)
	fs.Var(&o.connectTo, "connect-to", "`HOST:PORT:HOST2:PORT2`: connect to HOST2:PORT2 for HOST:PORT, URL and Host unchanged (repeatable)")
	fs.BoolVar(&o.allowPrivate, "allow-private", false, "allow loopback, private and link-local addresses")
	fs.IntVar(&o.maxDepth, "max-depth", crawl.DefaultMaxDepth, "follow links at most `N` deep (0: the seeds only); given, it overrides the rules' max_depth")
	fs.IntVar(&o.maxPages, "max-pages", 0, "stop after `N` pages (0: no limit)")
	fs.IntVar(&o.maxPerHost, "max-pages-per-host", 0, "fetch at most `N` pages from one host (0: no limit)")
	fs.DurationVar(&o.delay, "delay", defaultDelay, "wait between requests to one host")
	fs.IntVar(&o.parallel, "parallel", defaultParallel, "requests at once per host")
	fs.BoolVar(&o.quiet, "quiet", false, "print nothing unless something failed (for cron)")
	fs.StringVar(&o.contact, "contact", "", "contact `URL` (or mailto:) named in the User-Agent for site operators")
	fs.StringVar(&o.progress, "progress", "auto", "live progress line on stderr: `auto|always|never` (auto: on a terminal)")
	fs.StringVar(&o.logFormat, "log-format", "text", "log lines on stderr when there is no progress line: `text|json`")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the crawl to `FILE` (for go tool pprof)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write the allocations of the crawl to `FILE` once it ends (for go tool pprof -sample_index=alloc_objects)")
	o.shared.register(fs)
}

// parse reads prov crawl's command line into o, its usage and errors
// written to w.
func (o *crawlOptions) parse(args []string, w io.Writer) error {
	fs := newFlags("crawl", "[URL...]", w)
	o.register(fs)
	seeds, err := parse(fs, args)
	if err != nil {
		return err
	}
	o.seeds = seeds
	fs.Visit(func(f *flag.Flag) { o.depthGiven = o.depthGiven || f.Name == "max-depth" })
	return nil
}

// validate checks the options without touching the network or the archive.
func (o *crawlOptions) validate() error {
	if err := o.checkLimits(); err != nil {
		return err
	}
	switch {
	case o.progress != "auto" && o.progress != "always" && o.progress != "never":
		return usagef("auto, always or never", "--progress %q", o.progress)
	case o.logFormat != "text" && o.logFormat != "json":
		return usagef("text or json", "--log-format %q", o.logFormat)
	}
	if o.shared.frontier != "" && o.db != "" {
		return usagef("a worker writes to its --shard", "--db and --frontier: give --shard instead of --db")
	}
	return o.shared.validate()
}

// checkLimits names the first numeric flag out of its range, and only it.
func (o *crawlOptions) checkLimits() error {
	for _, c := range []struct {
		name     string
		bad      bool
		value    any
		wantText string
	}{
		{"max-depth", o.maxDepth < 0, o.maxDepth, "0 or more"},
		{"max-pages", o.maxPages < 0, o.maxPages, "0 or more (0: no limit)"},
		{"max-pages-per-host", o.maxPerHost < 0, o.maxPerHost, "0 or more (0: no limit)"},
		{"delay", o.delay < 0, o.delay, "0 or more, such as 2s or 500ms"},
		{"parallel", o.parallel < 1, o.parallel, "1 or more"},
	} {
		if c.bad {
			return usagef("", "--%s %v: want %s", c.name, c.value, c.wantText)
		}
	}
	return nil
}

func runCrawl(ctx context.Context, e *env, args []string) error {
	var o crawlOptions
	if err := o.parse(args, e.stderr); err != nil {
		return err
	}
	if err := o.validate(); err != nil {
		return err
	}
	set, err := loadRules(o.rulesFiles)
	if err != nil {
		return err
	}
	cfg, err := o.crawlConfig(set)
	if err != nil {
		return err
	}
	if len(cfg.Seeds) == 0 {
		return usagef("give URLs or a rules file with seeds", "nothing to crawl")
	}
	for _, s := range cfg.Seeds {
		if err := crawl.CheckSeed(s); err != nil {
			return usagef("a seed is an http:// or https:// URL with a host", "%v", err)
		}
	}
	db := dbPath(o.db, e.getenv)
	if err := o.shared.needFolder(db); err != nil {
		return err
	}
	s, opt, closeShared, err := o.shared.start(ctx, db, func() (string, error) { return crawlConfig(cfg.Seeds, o.rulesFiles, o.scopeLines()) }, e)
	if err != nil {
		return archive.NoSpace(err, db)
	}
	defer closeShared()
	defer s.Close()
	warnMetaDamage(s.MetaDamage(), e)
	defer tuneGC(e.getenv)()
	writeMemProfile, err := startMemProfile(o.memProfile, e)
	if err != nil {
		return err
	}
	defer writeMemProfile() // after the CPU profile stops: its writing is not the crawl's
	stopProfile, err := startCPUProfile(o.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	pr := ingest.NewProgress(o.progressOptions(e))
	pr.Configure(&cfg)
	var leftOut *ingest.LeftOut
	if cfg.MaxPages > 0 {
		leftOut = ingest.NewLeftOut()
		cfg.LeftOut = leftOut.Note
	}
	opt.Rules, opt.Watch, opt.FailCommit = set, pr.Watch, writerFailure
	var feed *search.Feed
	if o.shared.frontier == "" { // a worker's shard is searched once prov merge folds it
		feed = search.NewFeed(search.PathFor(db), s.Read, search.FeedOptions{})
		opt.CommittedTexts = feed.Add
	}
	t, err := s.Run(ctx, cfg, opt)
	var damaged error
	if feed != nil {
		damaged = closeFeed(feed, db, err == nil, e)
	}
	if err != nil {
		return archive.NoSpace(err, db)
	}
	pr.Summary(t)
	if feed != nil && damaged == nil {
		updateSearch("crawl", db, e) // what the feed did not read: a stitch sweep's captures, or all after its failure
	}
	if !o.quiet || t.Failures() > 0 || len(t.Summary().Incomplete) > 0 || damaged != nil {
		report.RunSummary(e.stdout, t.Run(), t.Summary())
	}
	if leftOut != nil {
		warnNeverArchived(leftOut, s.Read, cfg.MaxPages, e)
	}
	if damaged != nil {
		return fmt.Errorf("the run's captures are stored, its search index is not up to date: %w", damaged)
	}
	if n := t.Failures(); n > 0 {
		return &partialError{fmt.Sprintf("%d of %d pages failed", n, t.Counted())}
	}
	return nil
}

// warnNeverArchived says, on stderr and even under --quiet, when the page
// budget left out URLs the archive has never captured: a nightly crawl
// under the same budget fetches the same first pages every night, and
// those would never be archived. The exit status stays as it is.
func warnNeverArchived(l *ingest.LeftOut, read func(func(*archive.DB) error) error, maxPages int, e *env) {
	n, more, err := l.NeverArchived(read)
	if err != nil {
		fmt.Fprintf(e.stderr, "prov crawl: warning: the URLs --max-pages left out could not be looked up: %v\n", err)
		return
	}
	if n == 0 {
		return
	}
	atLeast := ""
	if more {
		atLeast = "at least "
	}
	fmt.Fprintf(e.stderr, "prov crawl: --max-pages %d left %s%d URLs not fetched that the archive has never captured; the next run under the same budget fetches the same first pages again (README: \"A large site\")\n",
		maxPages, atLeast, n)
}

// warnMetaDamage tells that the archive is read as of an older commit
// than its newest (a meta page that does not check) and goes on: bbolt
// falls back to the older page by design, since a power cut during a
// commit tears the page it writes, so refusing would stop every nightly
// crawl after one. The run's first commit rewrites the page: from then
// on nothing shows the commit was lost, hence the warning now.
func warnMetaDamage(m *archive.MetaDamage, e *env) {
	if m != nil {
		fmt.Fprintf(e.stderr, "prov crawl: warning: archive %s ('prov verify' says more; this crawl's first commit rewrites the page)\n", m)
	}
}

// updateSearch brings the search index beside the archive (prov serve's
// search) up to date with the run's captures. A failure costs only the
// index's freshness, which prov serve restores when it finds it behind,
// so it is a warning, not the crawl's failure.
func updateSearch(cmd, db string, e *env) {
	st, err := search.Update(db, search.UpdateOptions{})
	if st.Rebuilt != "" {
		fmt.Fprintf(e.stderr, "prov %s: search index %s was of layout %s: rebuilt from the archive\n", cmd, search.PathFor(db), st.Rebuilt)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "prov %s: warning: search index %s not updated: %v (prov serve updates it when it finds it behind)\n", cmd, search.PathFor(db), err)
	}
}

// closeFeed ends the search index's feed of a crawl. Like updateSearch's,
// its failure is a warning (the update after the crawl catches up), given
// only when the crawl itself went well (when it did not, its error says
// what the feed's repeats). Damage the feed met reading the archive is
// returned instead, for the crawl to end with: the update would meet it
// again, and the archive needs 'prov verify'.
func closeFeed(feed *search.Feed, db string, crawled bool, e *env) error {
	st, err := feed.Close()
	if st.Rebuilt != "" {
		fmt.Fprintf(e.stderr, "prov crawl: search index %s was of layout %s: rebuilt from the archive\n", search.PathFor(db), st.Rebuilt)
	}
	if errors.Is(err, archive.ErrDamaged) {
		return err
	}
	if err != nil && crawled {
		fmt.Fprintf(e.stderr, "prov crawl: warning: search index not kept up during the crawl: %v (updating it from the archive)\n", err)
	}
	return nil
}

// progressOptions: a live line on stderr when asked, or by default on a
// terminal; else log lines in the chosen format.
func (o *crawlOptions) progressOptions(e *env) ingest.ProgressOptions {
	po := ingest.ProgressOptions{Log: e.stderr, JSON: o.logFormat == "json", Quiet: o.quiet}
	if o.progress == "always" || (o.progress == "auto" && isTerminal(e.rawStderr)) {
		po.Live = e.rawStderr
	}
	return po
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// Garbage collection during a crawl (tuneGC). A crawl's live heap is
// small (20-50 MB: pages in flight, the writer's batch) and it allocates
// fast, so at Go's default GOGC of 100 it collected ten times a second
// and its resident memory swung with the heap goal. Collecting at three
// times the live heap halves the collections; the soft limit keeps the
// heap, and the memory the runtime keeps, from following the goal past
// it (the runtime collects more often near the limit, never more than
// half the CPU). The live heap at 100,000 pages is about 30 MB (a heap
// profile: the search feed's batch 9 MB, the archive writer's 5 MB).
// bench/crawl measured 72 MB against 88 MB: peak RSS at 100,000 pages
// 128.5 MB against 147.8 MB, CPU at 20,000 pages 0.865 against 0.844 ms
// a page.
const (
	crawlGCPercent   = 200
	crawlMemoryLimit = 72 << 20
)

// tuneGC sets the crawl's garbage collection unless GOGC or GOMEMLIMIT
// says otherwise, and returns what puts the settings back.
func tuneGC(getenv func(string) string) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(crawlGCPercent)
	limit := debug.SetMemoryLimit(crawlMemoryLimit)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// startCPUProfile profiles the process into path until stop is called;
// with no path it does nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile %s: %w", path, err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// startMemProfile creates path, so that a profile that cannot be
// written fails the command before it crawls, and returns what writes the
// process's allocations into it (the "allocs" profile: every allocation
// since the start, sampled as the runtime samples them), a failure
// reported on e's stderr; with no path it does nothing.
func startMemProfile(path string, e *env) (write func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--memprofile: %w", err)
	}
	return func() {
		err := pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "prov crawl: --memprofile %s: %v\n", path, err)
		}
	}, nil
}

func (o *crawlOptions) crawlConfig(set *rules.Set) (crawl.Config, error) {
	cfg := crawl.Config{
		Seeds: o.seeds, Rules: set, AllowPrivate: o.allowPrivate,
		MaxDepth: o.maxDepth, MaxPages: o.maxPages, MaxPagesPerHost: o.maxPerHost, Delay: o.delay, Parallel: o.parallel,
		UserAgent: crawl.UserAgentFor(o.contact), DepthOverRules: o.depthGiven,
	}
	if o.maxDepth == 0 {
		cfg.MaxDepth = -1 // --max-depth 0 asks for the seeds only; crawl's zero means its default
	}
	if o.delay == 0 {
		cfg.Delay = -1 // --delay 0 asks for none; crawl's zero means its default
	}
	if len(cfg.Seeds) == 0 {
		for _, s := range set.Sites {
			cfg.Seeds = append(cfg.Seeds, s.Seeds...)
		}
	}
	for _, spec := range o.connectTo {
		ct, err := parseConnectTo(spec)
		if err != nil {
			return cfg, err
		}
		cfg.ConnectTo = append(cfg.ConnectTo, ct)
	}
	return cfg, nil
}

// openForWrite opens (or creates, with its folder) the archive at path.
func openForWrite(path, holder string) (*archive.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return archive.Open(path, archive.Options{Timeout: time.Second, Holder: fmt.Sprintf("%s (pid %d)", holder, os.Getpid())})
}

// Write hooks, set only by tests: they fail a write of the frontier or a
// commit of the archive as a full disk does, where none can be made.
var (
	frontierOptions crawl.FrontierOptions
	writerFailure   func() error
)
