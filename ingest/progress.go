package ingest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/prov-archive/prov/crawl"
)

// Progress is what a crawl tells while it runs: a live progress line
// (rewritten in place, for a terminal), or else structured log lines,
// text or JSON; quiet keeps only errors. Set it up with Configure and
// pass Watch as Options.Watch.
type Progress struct {
	line  io.Writer // the live line's writer; nil: no live line
	stats *crawl.Stats
	log   *slog.Logger
	t     *Tally
	began time.Time
	stopc chan struct{}
	done  chan struct{}
}

// ProgressOptions choose how a crawl reports itself.
type ProgressOptions struct {
	Live  io.Writer // where the live line goes; nil for log lines instead
	Log   io.Writer // where log lines go
	JSON  bool      // log lines in JSON rather than text
	Quiet bool      // only errors (and no live line)
}

const progressEvery = 250 * time.Millisecond

// NewProgress makes a Progress. With a live line, or quiet, only errors
// are logged.
func NewProgress(o ProgressOptions) *Progress {
	p := &Progress{stats: new(crawl.Stats)}
	if !o.Quiet {
		p.line = o.Live
	}
	level := slog.LevelInfo
	if o.Quiet || p.line != nil {
		level = slog.LevelError
	}
	hopts := &slog.HandlerOptions{Level: level}
	if o.JSON {
		p.log = slog.New(slog.NewJSONHandler(o.Log, hopts))
	} else {
		p.log = slog.New(slog.NewTextHandler(o.Log, hopts))
	}
	return p
}

// Configure has the crawl count into p's stats and log to p's logger.
func (p *Progress) Configure(cfg *crawl.Config) { cfg.Stats, cfg.Logger = p.stats, p.log }

// Watch is Options.Watch: it logs the start and keeps the live line
// until the returned stop is called.
func (p *Progress) Watch(ctx context.Context, t *Tally) (stop func()) {
	p.t, p.began = t, time.Now()
	r := t.Run()
	p.log.Info("crawl started", "run", r.ID, "seeds", len(r.Seeds))
	if p.line == nil {
		return p.stop
	}
	p.stopc, p.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(p.done)
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				p.redraw()
			case <-p.stopc:
				p.redraw()
				fmt.Fprintln(p.line)
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return p.stop
}

// redraw rewrites the live line: pages done, queued, per second, errors.
func (p *Progress) redraw() {
	r := p.t.Run()
	secs := max(time.Since(p.began).Seconds(), 0.001)
	fmt.Fprintf(p.line, "\r\033[Kcrawl run %d: %d done, %d queued, %.1f/s, %d errors",
		r.ID, r.Fetched, p.stats.Queued.Load(), float64(r.Fetched)/secs, p.t.Failures())
}

func (p *Progress) stop() {
	if p.stopc != nil {
		close(p.stopc)
		<-p.done
		p.stopc = nil
	}
}

// Summary logs the run's one summary line: a warning when pages failed.
func (p *Progress) Summary(t *Tally) {
	r := t.Run()
	args := []any{"run", r.ID, "status", r.Status, "fetched", r.Fetched, "new", r.New, "changed", r.Changed,
		"unchanged", r.Unchanged, "failed", t.Failures(), "bytes", r.Bytes,
		"robots_blocked", p.stats.RobotsBlocked.Load(), "retried", p.stats.Retried.Load(),
		"duration", r.End.Sub(r.Start).Round(time.Millisecond)}
	if t.Failures() > 0 {
		p.log.Warn("crawl finished", args...)
		return
	}
	p.log.Info("crawl finished", args...)
}
