package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/ingest"
)

// feedback is what prov crawl tells while it runs: a live progress line on
// a terminal, else structured log lines (text or JSON) on stderr, and
// nothing but failures with --quiet.
type feedback struct {
	w     io.Writer
	live  bool
	stats *crawl.Stats
	log   *slog.Logger
	t     *ingest.Tally
	began time.Time
	stopc chan struct{}
	done  chan struct{}
}

const progressEvery = 250 * time.Millisecond

func newFeedback(stderr, raw io.Writer, o *crawlOptions) *feedback {
	fb := &feedback{w: raw, stats: new(crawl.Stats)}
	fb.live = !o.quiet && (o.progress == "always" || (o.progress == "auto" && isTerminal(raw)))
	level := slog.LevelInfo
	if o.quiet || fb.live {
		level = slog.LevelError
	}
	hopts := &slog.HandlerOptions{Level: level}
	if o.logFormat == "json" {
		fb.log = slog.New(slog.NewJSONHandler(stderr, hopts))
	} else {
		fb.log = slog.New(slog.NewTextHandler(stderr, hopts))
	}
	return fb
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

// start is ingest.Options.Watch: it logs the start and, on a terminal,
// keeps the progress line until the returned stop is called.
func (fb *feedback) start(ctx context.Context, t *ingest.Tally) (stop func()) {
	fb.t, fb.began = t, time.Now()
	r := t.Run()
	fb.log.Info("crawl started", "run", r.ID, "seeds", len(r.Seeds))
	if !fb.live {
		return fb.stop
	}
	fb.stopc, fb.done = make(chan struct{}), make(chan struct{})
	go func() {
		defer close(fb.done)
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				fb.line()
			case <-fb.stopc:
				fb.line()
				fmt.Fprintln(fb.w)
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return fb.stop
}

// line rewrites the progress line: pages done, queued, per second, errors.
func (fb *feedback) line() {
	r := fb.t.Run()
	secs := max(time.Since(fb.began).Seconds(), 0.001)
	fmt.Fprintf(fb.w, "\r\033[Kcrawl run %d: %d done, %d queued, %.1f/s, %d errors",
		r.ID, r.Fetched, fb.stats.Queued.Load(), float64(r.Fetched)/secs, fb.t.Failures())
}

func (fb *feedback) stop() {
	if fb.stopc != nil {
		close(fb.stopc)
		<-fb.done
		fb.stopc = nil
	}
}

// summary logs the run's one summary line (not on a terminal, not quiet).
func (fb *feedback) summary(t *ingest.Tally) {
	r := t.Run()
	args := []any{"run", r.ID, "status", r.Status, "fetched", r.Fetched, "new", r.New, "changed", r.Changed,
		"unchanged", r.Unchanged, "failed", t.Failures(), "bytes", r.Bytes,
		"robots_blocked", fb.stats.RobotsBlocked.Load(), "retried", fb.stats.Retried.Load(),
		"duration", r.End.Sub(r.Start).Round(time.Millisecond)}
	if t.Failures() > 0 {
		fb.log.Warn("crawl finished", args...)
		return
	}
	fb.log.Info("crawl finished", args...)
}
