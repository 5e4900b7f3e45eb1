package main

// A flag that fails to parse is one line, as every other usage error:
// what was given and what is wanted, never the whole usage block.

import (
	"errors"
	"flag"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/prov-archive/prov/crawl"
)

// parseFlags is fs.Parse(args) with its failures made one line: the flag
// package prints the usage block on any failure, so it runs silenced, and
// the usage is printed, as the flag package would, only for -h.
func parseFlags(fs *flag.FlagSet, args []string) error {
	usage, out := fs.Usage, fs.Output()
	failed := recordSets(fs)
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	failed.restore(fs)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return err
	}
	if failed.name != "" {
		return &usageError{msg: failed.message()}
	}
	msg, hint := flagSyntax(fs, err)
	return &usageError{msg: msg, hint: hint}
}

// failedSet is the flag value that did not parse, recorded while a
// parse runs by the wrappers recordSets puts around each flag's value.
type failedSet struct {
	name, value string
	err         error
	orig        map[string]flag.Value // each flag's own value, put back by restore
}

// recordSets wraps every flag's value of fs so that a Set that fails is
// recorded in the failedSet it returns.
func recordSets(fs *flag.FlagSet) *failedSet {
	f := &failedSet{orig: map[string]flag.Value{}}
	fs.VisitAll(func(fl *flag.Flag) {
		f.orig[fl.Name] = fl.Value
		rv := recording{Value: fl.Value, name: fl.Name, into: f}
		if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			fl.Value = recordingBool{rv}
		} else {
			fl.Value = rv
		}
	})
	return f
}

// restore puts back the flags' own values (for -h, which names their
// types, and for the next parse).
func (f *failedSet) restore(fs *flag.FlagSet) {
	fs.VisitAll(func(fl *flag.Flag) { fl.Value = f.orig[fl.Name] })
}

type recording struct {
	flag.Value
	name string
	into *failedSet
}

func (r recording) Set(s string) error {
	err := r.Value.Set(s)
	if err != nil && r.into.name == "" {
		r.into.name, r.into.value, r.into.err = r.name, s, err
	}
	return err
}

// recordingBool keeps a boolean flag boolean (--json needs no value).
type recordingBool struct{ recording }

func (recordingBool) IsBoolFlag() bool { return true }

// message is the one line for the flag that did not parse: "--delay 2:
// want a duration such as 2s or 500ms"; for a flag of prov's own type,
// the error its Set gave.
func (f *failedSet) message() string {
	want := wanted(f.orig[f.name])
	given := "--" + f.name + " " + shellWord(f.value)
	if want == "true or false" {
		given = "--" + f.name + "=" + shellWord(f.value) // a boolean flag takes its value only so
	}
	switch {
	case want == "":
		return given + ": " + f.err.Error()
	case strings.Contains(f.err.Error(), "out of range"):
		return given + ": out of range: want " + want
	}
	return given + ": want " + want
}

// wanted says what a flag of one of the flag package's types takes, ""
// for another type.
func wanted(v flag.Value) string {
	g, ok := v.(flag.Getter)
	if !ok {
		return ""
	}
	switch g.Get().(type) {
	case time.Duration:
		return "a duration such as 2s or 500ms"
	case int, int64:
		return "a whole number"
	case uint, uint64:
		return "a whole number, 0 or more"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	}
	return ""
}

// flagSyntax rewords the flag package's other failures (an unknown flag,
// a flag without its value) in the command line's own spelling, --name,
// with a hint to the command's flags unless it says what is wanted.
func flagSyntax(fs *flag.FlagSet, err error) (msg, hint string) {
	msg, hint = err.Error(), "see '"+fs.Name()+" -h'"
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "unknown flag --" + name, hint
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		if fl := fs.Lookup(name); fl != nil && wanted(fl.Value) != "" {
			return "--" + name + " needs a value: want " + wanted(fl.Value), ""
		}
		return "--" + name + " needs a value", hint
	}
	return msg, hint
}

// shellWord is s as the command line had it: quoted when it is empty or
// holds a space or a quote.
func shellWord(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\n\"'\\") {
		return strconv.Quote(s)
	}
	return s
}

// parseConnectTo parses one --connect-to; its error names the flag and
// its value once, says what is wrong, and what is wanted unless that is
// what it says.
func parseConnectTo(spec string) (crawl.ConnectTo, error) {
	ct, err := crawl.ParseConnectTo(spec)
	if err == nil {
		return ct, nil
	}
	why := err
	if inner := errors.Unwrap(err); inner != nil {
		why = inner // crawl's own wrapping names the value again
	}
	hint := "want HOST:PORT:HOST2:PORT2"
	if strings.Contains(why.Error(), "HOST:PORT:HOST2:PORT2") {
		hint = ""
	}
	return ct, usagef(hint, "--connect-to %s: %v", shellWord(spec), why)
}
