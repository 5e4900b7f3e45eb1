package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prov-archive/prov/archive"
)

// Exit statuses of a command stopped by a signal: 128 plus its number, as
// a shell reports a process the signal ended.
const (
	exitSIGINT  = 130
	exitSIGTERM = 143
)

// signalled is the cause of a context a signal ended.
type signalled struct{ sig syscall.Signal }

func (s signalled) Error() string {
	if s.sig == syscall.SIGTERM {
		return "interrupted by SIGTERM"
	}
	return "interrupted by SIGINT"
}

func (s signalled) code() int {
	if s.sig == syscall.SIGTERM {
		return exitSIGTERM
	}
	return exitSIGINT
}

// stopGrace is how long a command has to return after the first signal
// before prov ends it from outside (stopOnSignal).
const stopGrace = 10 * time.Second

// stopOnSignal returns a context that the first SIGINT or SIGTERM ends,
// with a signalled cause. Every command returns soon after: a crawl
// commits what it fetched and records its run as interrupted, a read
// stops at its next record (archive.Options.Interrupt), an export
// removes its partial output. A command that has not returned stopGrace
// after the signal is ended then, with the same message and status
// (holding no lock: a read's snapshot is already unlinked, and a writer's
// archive survives a kill); a second signal ends prov at once, as the
// signals do by default. release stops listening.
func stopOnSignal(cmd string, stderr io.Writer) (ctx context.Context, release func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Reset(os.Interrupt, syscall.SIGTERM)
			why := signalled{s.(syscall.Signal)}
			cancel(why)
			time.AfterFunc(stopGrace, func() {
				fmt.Fprintf(stderr, "prov %s: %v (ended: still running %v after the signal)\n", cmd, why, stopGrace)
				os.Exit(why.code())
			})
		case <-done:
		}
	}()
	return ctx, func() { signal.Stop(ch); close(done); cancel(nil) }
}

// interruptedBy returns the signal that ended ctx, if one did.
func interruptedBy(ctx context.Context) (signalled, bool) {
	var s signalled
	ok := errors.As(context.Cause(ctx), &s)
	return s, ok
}

// reportInterrupted prints, for a command a signal stopped, the error it
// returned unless that only says it was stopped, then that it was
// interrupted, and returns the signal's exit status.
func reportInterrupted(stderr io.Writer, cmd string, s signalled, err error) int {
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, archive.ErrInterrupted) {
		fmt.Fprintf(stderr, "prov %s: %v\n", cmd, err)
	}
	fmt.Fprintf(stderr, "prov %s: %v\n", cmd, s)
	return s.code()
}
