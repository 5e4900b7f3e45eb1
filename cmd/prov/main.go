// Command prov crawls republished copies of documents, archives their exact
// bytes with provenance, and tells which copies are the same work.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/prov-archive/prov/report"
)

func main() {
	cmd := ""
	if len(os.Args) > 1 {
		cmd = os.Args[1]
	}
	ctx, release := stopOnSignal(cmd, report.TermSafe(os.Stderr))
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	release()
	os.Exit(code)
}

// command is one subcommand: it parses its own flags from args and runs.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what every subcommand gets: its streams and the environment lookup.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer // terminal-safe (report.TermSafe): for text that may hold a page's words
	rawStderr      io.Writer // the stream itself: for the live progress line, which writes its own escapes around numbers
	getenv         func(string) string
	interrupt      <-chan struct{} // closed when the command must stop: its archive reads end (archive.Options.Interrupt)
}

func commands() []command {
	return []command{
		{"crawl", "crawl sites and archive every copy", runCrawl},
		{"demo", "crawl the embedded mini-web, report, export a bundle", runDemo},
		{"inspect", "show how prov reads a URL or file", runInspect},
		{"export", "write archived copies as jsonl, a text bundle, WARC, CDXJ, WACZ or a BagIt bag", runExport},
		{"works", "list works, their originals and copies", runWorks},
		{"trace", "find the work and original of a URL, text hash or file", runTrace},
		{"diff", "show paragraph by paragraph what a copy changed", runDiff},
		{"stats", "count what the archive holds", runStats},
		{"runs", "list runs: crawls and verify --refetch", runRuns},
		{"show", "list a URL's captures over time", runShow},
		{"verify", "check the archive's fixity and references", runVerify},
		{"salvage", "copy what still reads of a damaged archive into a new one", runSalvage},
		{"serve", "serve a read-only web view of the archive", runServe},
		{"merge", "fold the shards of a shared crawl (crawl --frontier) into one archive", runMerge},
		{"version", "print the version", runVersion},
	}
}

// run executes one prov invocation and returns its exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: report.TermSafe(stdout), stderr: report.TermSafe(stderr), rawStderr: stderr, getenv: os.Getenv,
		interrupt: ctx.Done()}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if c.name == "export" {
				e.stdout = stdout // data, byte for byte: JSON lines
			}
			err := runGuarded(ctx, c, e, args[1:])
			if s, ok := interruptedBy(ctx); ok {
				return reportInterrupted(e.stderr, c.name, s, err)
			}
			return reportErr(e.stderr, c.name, err)
		}
	}
	fmt.Fprintf(stderr, "prov: unknown command %q (run 'prov help')\n", args[0])
	return exitUsage
}

// runGuarded runs one command, turning a panic into an error: a damaged
// archive can make bbolt panic, and a read past the end of its mapped file
// faults, which SetPanicOnFault turns into a panic on this goroutine. The
// operator gets one line and exit 1, not a stack trace.
func runGuarded(ctx context.Context, c command, e *env, args []string) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v (the archive may be damaged)", r)
		}
	}()
	return c.run(ctx, e, args)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: prov COMMAND [flags] [args]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'prov COMMAND -h' for a command's flags. The archive is --db, $PROV_DB or ./prov.db.")
}
