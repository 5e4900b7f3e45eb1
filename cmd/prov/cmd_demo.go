package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/rules"
	"github.com/prov-archive/prov/testweb"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	var dbFlag, out string
	var serve bool
	fs := newFlags("demo", "", e.stderr)
	fs.StringVar(&dbFlag, "db", "", "archive `PATH` to write: a new file or a previous demo's archive (required; $PROV_DB is never used)")
	fs.StringVar(&out, "out", "prov-demo-bundle", "bundle `DIR` to write (must not exist)")
	fs.BoolVar(&serve, "serve", false, "only serve the mini-web on loopback until interrupted, and print how to crawl it")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("see 'prov demo -h'", "prov demo takes no arguments, got %q", rest[0])
	}
	if serve {
		return serveMiniWeb(ctx, e)
	}
	if dbFlag == "" {
		return usagef("prov demo --db demo/prov.db", "--db is required: the demo never writes into $PROV_DB or ./prov.db")
	}
	if err := export.CheckTarget(out, false); errors.Is(err, export.ErrTargetExists) { // before the crawl, which would be in the archive for nothing
		return fmt.Errorf("--out %s exists and is not empty: give a new folder", out)
	} else if err != nil {
		return err
	}
	set, err := rules.Parse("testweb/rules.yaml", testweb.RulesYAML())
	if err != nil {
		return fmt.Errorf("embedded rules: %w", err)
	}
	web := testweb.New()
	addr, stop, err := web.Start()
	if err != nil {
		return fmt.Errorf("start mini-web: %w", err)
	}
	defer stop()
	cfg, err := demoConfig(set, addr)
	if err != nil {
		return err
	}
	db, release, err := openDemoArchive(dbFlag)
	if err != nil {
		return err
	}
	defer release()
	fmt.Fprintf(e.stdout, "mini-web: %d sites on %s (reached through --connect-to)\n", len(testweb.Sites()), addr)
	t, err := ingest.Crawl(ctx, ingest.DBStore(db), cfg, ingest.Options{Rules: set})
	if err != nil {
		return err
	}
	if err := demoReport(e.stdout, db, t, web); err != nil {
		return err
	}
	st, err := export.Bundle(db, out, export.Filter{Similarity: similarity()}, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nbundle: %s (%d texts, manifest.jsonl, works.json)\n", out, st.Texts)
	return nil
}

// openDemoArchive takes the run lock of the archive at path, as a crawl
// does, checks that it is new or a previous demo's, and opens it. release
// closes it and drops the lock.
func openDemoArchive(path string) (db *archive.DB, release func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, err
	}
	lock, err := archive.LockRun(path, fmt.Sprintf("prov demo (pid %d)", os.Getpid()), time.Now())
	if err != nil {
		return nil, nil, err
	}
	if err := demoArchiveOnly(path); err != nil {
		lock.Release()
		return nil, nil, err
	}
	if db, err = archive.Open(path, archive.Options{Timeout: time.Second, RunLocked: true}); err != nil {
		lock.Release()
		return nil, nil, err
	}
	return db, func() { db.Close(); lock.Release() }, nil
}

// demoArchiveOnly refuses an archive at path that holds anything but demo
// crawls: prov demo writes only into a new file or a previous demo's
// archive, whose every run was seeded with the mini-web's seeds.
func demoArchiveOnly(path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := archive.Check(path); err != nil {
		return err
	}
	db, err := archive.Open(path, archive.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	runs, err := db.Runs()
	if err != nil {
		return err
	}
	demo := map[string]bool{}
	for _, s := range testweb.Seeds() {
		demo[s] = true
	}
	for _, r := range runs {
		for _, s := range r.Seeds {
			if !demo[s] {
				return fmt.Errorf("%s: %w: run %d crawled %s; prov demo writes only into a new archive or a previous demo's", path, errNotDemo, r.ID, s)
			}
		}
	}
	return nil
}

// errNotDemo is the refusal of an archive that holds more than demo crawls.
var errNotDemo = errors.New("not a demo archive")

// serveMiniWeb serves the mini-web until ctx ends, for trying crawl,
// inspect and rules against it by hand.
func serveMiniWeb(ctx context.Context, e *env) error {
	web := testweb.New()
	addr, stop, err := web.Start()
	if err != nil {
		return fmt.Errorf("start mini-web: %w", err)
	}
	defer stop()
	host, port, _ := net.SplitHostPort(addr)
	fmt.Fprintf(e.stdout, "mini-web on %s until interrupted; reach its sites with:\n ", addr)
	for _, s := range testweb.Sites() {
		fmt.Fprintf(e.stdout, " --connect-to %s:80:%s:%s", s.Host, host, port)
	}
	fmt.Fprintf(e.stdout, "\nseeds:")
	for _, s := range testweb.Seeds() {
		fmt.Fprintf(e.stdout, " %s", s)
	}
	fmt.Fprintln(e.stdout)
	<-ctx.Done()
	return nil
}

// demoConfig crawls every mini-web site through one loopback port: each
// host's port 80 is connected to addr, as curl's --connect-to would.
func demoConfig(set *rules.Set, addr string) (crawl.Config, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return crawl.Config{}, err
	}
	cfg := crawl.Config{Seeds: testweb.Seeds(), Rules: set, MaxDepth: 3, Delay: 20 * time.Millisecond, Parallel: 2}
	for _, s := range testweb.Sites() {
		cfg.ConnectTo = append(cfg.ConnectTo, crawl.ConnectTo{Host: s.Host, Port: "80", ToHost: host, ToPort: port})
	}
	return cfg, nil
}

func demoReport(w io.Writer, db *archive.DB, t *ingest.Tally, web *testweb.Web) error {
	report.DemoCrawl(w, t.Run())
	if err := report.Sites(w, db); err != nil {
		return err
	}
	if err := report.Copies(w, db); err != nil {
		return err
	}
	works, err := db.WorksBy(similarity())
	if err != nil {
		return err
	}
	report.Groups(w, works)
	fmt.Fprintf(w, "\nrobots.txt: %d requests to the disallowed %s\n", countPrefix(web.Requests(), testweb.DisallowedPath), testweb.DisallowedPath)
	return nil
}

func countPrefix(reqs []string, pathPrefix string) int {
	n := 0
	for _, r := range reqs {
		if _, path, ok := strings.Cut(r, " "); ok && strings.HasPrefix(path, pathPrefix) {
			n++
		}
	}
	return n
}
