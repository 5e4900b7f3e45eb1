package main

// What prov prints besides a command's own view: JSON, errors and exit
// statuses, and small helpers the commands share.

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/rules"
	"github.com/prov-archive/prov/trace"
)

// writeJSON writes v as indented JSON, with <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// similarity is how prov compares texts, in every command: trace.Similarity.
var similarity = trace.Similarity

// Exit statuses: the CLI contract of DESIGN.md.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	exitPartial = 3  // done, but some pages failed (crawl) or problems found (verify)
	exitLocked  = 75 // the archive is locked by another run (EX_TEMPFAIL)
	exitLost    = 69 // the shared frontier (--frontier) went away mid-crawl (EX_UNAVAILABLE): run the same command again once it is back
)

// usageError is a mistake in the command line; hint says what to do.
type usageError struct{ msg, hint string }

func (e *usageError) Error() string {
	if e.hint == "" {
		return e.msg
	}
	return e.msg + " (" + e.hint + ")"
}

func usagef(hint, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: hint}
}

// partialError says the command finished but not everything went well;
// the details were already printed.
type partialError struct{ msg string }

func (e *partialError) Error() string { return e.msg }

// exitCode maps an error to the documented exit status.
func exitCode(err error) int {
	var ue *usageError
	var pe *partialError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue), errors.Is(err, rules.ErrInvalid), errors.Is(err, trace.ErrUnnamed), errors.Is(err, archive.ErrAmbiguous):
		return exitUsage
	case errors.As(err, &pe):
		return exitPartial
	case errors.Is(err, archive.ErrLocked):
		return exitLocked
	case errors.Is(err, crawl.ErrSharedLost):
		return exitLost
	}
	return exitFailed
}

// reportErr prints err (if any) once, prefixed with the command, and returns
// the exit status for it.
func reportErr(stderr io.Writer, cmd string, err error) int {
	code := exitCode(err)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "prov %s: %v%s\n", cmd, damageFirst(err), damageHint(cmd, err))
	}
	return code
}

// damageHint is what to do about damage met inside an archive, which
// running the command again does not mend; "" for other errors, and for
// the two commands it names.
func damageHint(cmd string, err error) string {
	var de *archive.DamagedError
	if !errors.As(err, &de) || cmd == "verify" || cmd == "salvage" {
		return ""
	}
	return "; prov verify says what is lost, prov salvage --into NEW copies what still reads"
}

// damageFirst says damage met inside the archive first, as a file refused
// before it is read says it: "archive damaged: FILE: what was met (what
// prov was doing when it met it)", whichever operation met it.
func damageFirst(err error) error {
	var de *archive.DamagedError
	if !errors.As(err, &de) {
		return err
	}
	doing, ok := strings.CutSuffix(err.Error(), ": "+de.Error())
	if !ok {
		return err // said first already, or not at the end
	}
	return fmt.Errorf("%w (%s)", de, doing)
}
