package ingest

import (
	"context"
	"os"
	"path/filepath"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
)

// Session is what a crawl into an archive file holds for its whole run:
// the run lock (a second crawl is refused at once), the archive opened
// only to commit, and the frontier at <db>.frontier that a killed run
// resumes from.
type Session struct {
	run    *archive.Running
	front  *crawl.Frontier
	shared crawl.Shared // instead of front: a crawl shared by several workers
}

// Start takes the run lock of the archive at path for holder, then opens
// it (creating it and its directory if need be) and its frontier. A held
// lock fails at once with the holder's pid and start.
func Start(path, holder string, fo crawl.FrontierOptions) (*Session, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	run, err := archive.OpenRunning(path, holder)
	if err != nil {
		return nil, err
	}
	s := &Session{run: run}
	if s.front, err = openFrontier(archive.RealPath(path)+".frontier", fo); err != nil { // the file's, as the lock is
		s.Close()
		return nil, err
	}
	return s, nil
}

// openFrontier opens the frontier at path. One that holds no URL queued
// or taken is a finished crawl's that a crash kept from being removed
// (after its run was recorded done): resumed, it would fetch nothing, its
// seeds seen. It is removed, and the crawl starts afresh from its seeds.
func openFrontier(path string, fo crawl.FrontierOptions) (*crawl.Frontier, error) {
	_, statErr := os.Stat(path)
	f, err := crawl.OpenFrontierWith(path, fo)
	if err != nil || statErr != nil { // a new frontier
		return f, err
	}
	taken, err := f.Taken()
	if err != nil || taken > 0 || f.Queued() > 0 {
		return f, err
	}
	if err := f.Finish(); err != nil {
		return nil, err
	}
	return crawl.OpenFrontierWith(path, fo)
}

// StartShared is Start for one worker of a crawl shared through st: the
// archive at path is the worker's own (its shard), and it has no
// frontier file.
func StartShared(path, holder string, st crawl.Shared) (*Session, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	run, err := archive.OpenRunning(path, holder)
	if err != nil {
		return nil, err
	}
	return &Session{run: run, shared: st}, nil
}

// Run crawls into the archive (see Crawl). A crawl that ends well clears
// its frontier; one that was stopped or failed keeps it for the next run
// to resume. A session runs one crawl.
func (s *Session) Run(ctx context.Context, cfg crawl.Config, opt Options) (*Tally, error) {
	cfg.Frontier, cfg.Shared = s.front, s.shared
	began := opt.Began
	opt.Began = func(id uint64) {
		s.run.Lock.SetRun(id)
		if began != nil {
			began(id)
		}
	}
	t, err := Crawl(ctx, SharedStore(s.run.Shared), cfg, opt)
	if s.shared != nil {
		return t, err
	}
	front := s.front
	s.front = nil
	if err == nil && ctx.Err() == nil {
		return t, front.Finish()
	}
	front.Close()
	return t, err
}

// Read runs fn with the archive open, beside the crawl's own use of it
// (calls may run at once): for a reader that follows the crawl, such as
// the search index's feed. fn must not keep db after it returns.
func (s *Session) Read(fn func(db *archive.DB) error) error { return s.run.Shared.Do(fn) }

// MetaDamage is the archive file's meta page that did not check when the
// session opened it, before anything was written (archive.Shared), nil
// when both did.
func (s *Session) MetaDamage() *archive.MetaDamage { return s.run.Shared.MetaDamage() }

// Close closes the frontier (kept on disk) and the archive, and releases
// the run lock.
func (s *Session) Close() {
	if s.front != nil {
		s.front.Close()
	}
	s.run.Close()
}
