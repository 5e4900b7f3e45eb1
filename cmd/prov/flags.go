package main

import (
	"flag"
	"io"
	"strings"

	"github.com/prov-archive/prov/archive"
)

// newFlags returns a flag set for a subcommand that reports errors instead
// of exiting, and prints its usage to w.
func newFlags(name, args string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("prov "+name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		io.WriteString(w, "usage: prov "+name+" [flags] "+args+"\n")
		fs.PrintDefaults()
	}
	return fs
}

// dbUsage is the help line of every command's --db.
const dbUsage = "archive `PATH` (default $PROV_DB or prov.db)"

// addDBFlag adds --db, the archive's path, to fs.
func addDBFlag(fs *flag.FlagSet) *string { return fs.String("db", "", dbUsage) }

// addJSONFlag adds --json to fs.
func addJSONFlag(fs *flag.FlagSet) *bool { return fs.Bool("json", false, "print JSON") }

// openReading parses the args of a command that takes no positional
// ones and opens the archive --db (db) names for reading.
func openReading(fs *flag.FlagSet, db *string, args []string, e *env) (*archive.DB, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, usagef("see '"+fs.Name()+" -h'", "unexpected argument %q", pos[0])
	}
	return openForRead(dbPath(*db, e.getenv))
}

// parse parses args allowing flags and positional arguments in any order
// (prov inspect page.html --json), and returns the positional ones.
// A "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, &usageError{msg: err.Error(), hint: "see 'prov " + strings.TrimPrefix(fs.Name(), "prov ") + " -h'"}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// dbPath returns the archive path: the flag, else $PROV_DB, else ./prov.db.
func dbPath(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := getenv("PROV_DB"); v != "" {
		return v
	}
	return "prov.db"
}
