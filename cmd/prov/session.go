package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
)

// archiveHandle is how a crawl reaches the archive: a DB held open (prov
// demo), or a Shared handle that lets readers in between commits (prov crawl).
type archiveHandle interface {
	Do(fn func(db *archive.DB) error) error
	writer(cfg archive.WriterConfig) *archive.Writer
	previous(url string) (archive.Previous, error)
}

type directDB struct{ db *archive.DB }

func (d directDB) Do(fn func(db *archive.DB) error) error { return fn(d.db) }
func (d directDB) writer(cfg archive.WriterConfig) *archive.Writer {
	return archive.NewWriter(d.db, cfg)
}
func (d directDB) previous(url string) (archive.Previous, error) { return d.db.Previous(url) }

type sharedDB struct{ *archive.Shared }

func (s sharedDB) writer(cfg archive.WriterConfig) *archive.Writer {
	return archive.NewSharedWriter(s.Shared, cfg)
}

// previous answers from Shared's cache when it can: a crawl of a new site
// asks it of every URL, and opening the file for each was most of the cost.
func (s sharedDB) previous(url string) (archive.Previous, error) { return s.Previous(url) }

// crawlSession is what prov crawl holds for its whole run: the run lock
// (a second crawl is refused at once), the archive opened only to commit,
// and the frontier at <db>.frontier that a killed run resumes from.
type crawlSession struct {
	lock   *archive.RunLock
	shared *archive.Shared
	front  *crawl.Frontier
}

// Write hooks, set only by tests: they fail a write of the frontier or a
// commit of the archive as a full disk does, where none can be made.
var (
	frontierOptions crawl.FrontierOptions
	writerFailure   func() error
)

// startCrawl takes the run lock of the archive at path, then opens it and
// its frontier. A held lock fails at once with the holder's pid and start.
func startCrawl(path string, cfg crawl.Config) (*crawlSession, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	if err := archive.Check(path); err != nil {
		return nil, err
	}
	holder := fmt.Sprintf("prov crawl (pid %d)", os.Getpid())
	lock, err := archive.LockRun(path, holder, time.Now())
	if err != nil {
		return nil, err
	}
	s := &crawlSession{lock: lock}
	if s.shared, err = archive.OpenShared(path, archive.SharedOptions{}); err != nil {
		s.close()
		return nil, err
	}
	if s.front, err = crawl.OpenFrontierWith(archive.RealPath(path)+".frontier", frontierOptions); err != nil { // the file's, as the lock is
		s.close()
		return nil, err
	}
	return s, nil
}

// run crawls into the archive. A crawl that ends well clears its frontier;
// one that was stopped or failed keeps it for the next run to resume.
func (s *crawlSession) run(ctx context.Context, cfg crawl.Config, set *rules.Set, fb *feedback) (*tally, error) {
	cfg.Frontier = s.front
	t, err := crawlWith(ctx, sharedDB{s.shared}, cfg, set, fb, func(id uint64) { s.lock.SetRun(id) })
	front := s.front
	s.front = nil
	if err == nil && ctx.Err() == nil {
		return t, front.Finish()
	}
	front.Close()
	return t, err
}

func (s *crawlSession) close() {
	if s.front != nil {
		s.front.Close()
	}
	if s.shared != nil {
		s.shared.Close()
	}
	s.lock.Release()
}

// crawlInto runs one crawl into a DB the caller holds open (prov demo).
func crawlInto(ctx context.Context, db *archive.DB, cfg crawl.Config, set *rules.Set) (*tally, error) {
	return crawlWith(ctx, directDB{db}, cfg, set, nil, nil)
}

// crawlWith runs one crawl: a run record, the crawler feeding the
// pipeline, and the run closed with its counts whatever happened.
func crawlWith(ctx context.Context, h archiveHandle, cfg crawl.Config, set *rules.Set, fb *feedback, began func(uint64)) (*tally, error) {
	var run archive.Run
	err := h.Do(func(db *archive.DB) (err error) {
		run, err = db.BeginRun(cfg.Seeds)
		return err
	})
	if err != nil {
		return nil, err
	}
	if began != nil {
		began(run.ID)
	}
	t := newTally(run)
	startErr := sweepInto(h, t) // repairs a run killed before its sweep
	look := lookup{h}
	cfg.Validators, cfg.Stored, cfg.Captured = look.validators, look.stored, look.captured
	cfg.LastCaptured = look.lastCaptured
	if fb != nil {
		cfg.Stats, cfg.Logger = fb.stats, fb.log
		fb.start(ctx, t)
		defer fb.stop()
	}
	w := h.writer(archive.WriterConfig{OnCommit: committed(cfg.Frontier, t), RunRecord: t.counted, FailCommit: writerFailure})
	pages := make(chan crawl.Page, 64)
	ingestErr := make(chan error, 1)
	crawlCtx, stopCrawl := context.WithCancelCause(ctx)
	defer stopCrawl(nil)
	go func() { ingestErr <- ingest(ctx, pages, w, set, t, 2, look, stopCrawl) }()
	crawlErr := crawl.Run(crawlCtx, cfg, pages)
	err = firstErr(<-ingestErr, w.Close(), frontierErr(cfg.Frontier))
	if err == nil {
		err = sweepInto(h, t) // every page of the run is committed
	}
	err = firstErr(startErr, err, crawlErr)
	if err == nil && ctx.Err() == nil {
		err = accounted(cfg.Frontier)
	}
	t.finish(err != nil || ctx.Err() != nil)
	if ferr := h.Do(func(db *archive.DB) error { return db.FinishRun(t.snapshot()) }); ferr != nil && err == nil {
		err = ferr
	}
	return t, err
}

// frontierErr is f's first failed write: the last Done may fail after
// crawl.Run returned.
func frontierErr(f *crawl.Frontier) error {
	if f == nil {
		return nil
	}
	return f.Err()
}

// accounted checks, at the end of a run that went well, that every URL it
// took is done: a run is recorded as done, and its frontier removed, only
// when no URL it took could still be missing from the archive.
func accounted(f *crawl.Frontier) error {
	if f == nil {
		return nil
	}
	n, err := f.Taken()
	if err == nil && n > 0 {
		err = fmt.Errorf("crawl: %d URLs taken and not accounted for; the frontier %s is kept for the next run", n, f.Path())
	}
	return err
}

// committed is the writer's OnCommit: the stored captures are counted
// (the batch's transaction stored the run record counting them already,
// from tally.counted) and their URLs are done in the frontier (a failure
// there stops the crawl through the frontier).
func committed(front *crawl.Frontier, t *tally) func([]archive.Capture) {
	return func(caps []archive.Capture) {
		t.stored(caps)
		if front != nil {
			urls := make([]string, len(caps))
			for i, c := range caps {
				urls[i] = c.RequestedURL
			}
			front.Done(urls...)
		}
	}
}

// lookup answers, from the archive, what a re-crawl needs of a URL's
// previous captures.
type lookup struct{ h archiveHandle }

// previous is what the archive holds of url; a failed lookup counts as
// nothing held (the page is fetched and stored as new).
func (l lookup) previous(url string) archive.Previous {
	p, _ := l.h.previous(url)
	return p
}

// validators is crawl.Config.Validators: the ETag and Last-Modified of the
// URL's latest 200, for a conditional GET.
func (l lookup) validators(url string) (etag, lastModified string) {
	p := l.previous(url)
	return p.ETag, p.LastModified
}

// stored is crawl.Config.Stored: the copy of a URL the archive holds, for
// the links of a page that answered 304.
func (l lookup) stored(url string) (payload []byte, header http.Header) {
	l.h.Do(func(db *archive.DB) (err error) {
		payload, header, err = db.LastPayload(url)
		return err
	})
	return payload, header
}

// lastCaptured is crawl.Config.LastCaptured: when the URL was last
// fetched (zero when never), for a sitemap's lastmod to skip it.
func (l lookup) lastCaptured(url string) time.Time {
	var last time.Time
	l.h.Do(func(db *archive.DB) error {
		caps, err := db.History(url) // oldest first
		if len(caps) > 0 {
			last = caps[len(caps)-1].FetchStart
		}
		return err
	})
	return last
}

// captured is crawl.Config.Captured.
func (l lookup) captured(url string, since time.Time) bool {
	var ok bool
	l.h.Do(func(db *archive.DB) (err error) {
		ok, err = db.CapturedSince(url, since)
		return err
	})
	return ok
}
