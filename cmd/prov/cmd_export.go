package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/report"
	"github.com/prov-archive/prov/rules"
)

type exportOptions struct {
	format   string
	out      string
	db       string
	since    string
	host     string
	work     string
	warcName string
	force    bool
}

// formats lists what --format takes.
const formats = "jsonl | bundle | warc | cdxj | wacz | bag"

func (o *exportOptions) validate() (export.Filter, error) {
	var f export.Filter
	switch o.format {
	case "jsonl", "bundle", "cdxj":
	case "warc":
		if o.out == "" || o.out == "-" {
			return f, usagef("e.g. --out archive.warc.gz", "a WARC needs --out: its name is written in it")
		}
		if !strings.HasSuffix(o.out, ".warc.gz") {
			return f, usagef("e.g. --out archive.warc.gz", "--out %q: a WARC is written gzipped, a member a record, and its name must say so (.warc.gz)", o.out)
		}
	case "wacz":
		if o.out == "" || o.out == "-" {
			return f, usagef("e.g. --out archive.wacz", "a WACZ needs --out")
		}
		if !strings.HasSuffix(o.out, ".wacz") {
			return f, usagef("e.g. --out archive.wacz", "--out %q: a WACZ file's name ends in .wacz, as replay tools look for it", o.out)
		}
	case "bag", "bagit":
		o.format = "bag"
		if o.out == "" || o.out == "-" {
			return f, usagef("e.g. --out archive-bag/", "a bag needs --out: the folder to write")
		}
		if archiveName(o.out) {
			return f, usagef("e.g. --out archive-bag/", "--out %q: a bag is written as a folder (pack it afterwards if you need one file)", o.out)
		}
	case "":
		return f, usagef("--format "+formats, "no --format given")
	default:
		return f, usagef(formats, "unknown --format %q", o.format)
	}
	if o.out == "" && o.format == "bundle" {
		return f, usagef("e.g. --out corpus/ or --out corpus.tar.gz", "a bundle needs --out")
	}
	if o.warcName != "" && (o.format != "cdxj" || strings.ContainsAny(o.warcName, `/\`)) {
		return f, usagef("--warc-name NAME.warc.gz, with --format cdxj", "--warc-name %q: only a file name, only for a CDXJ index", o.warcName)
	}
	if o.since != "" {
		t, ok := parseSince(o.since)
		if !ok {
			return f, usagef("RFC 3339 such as 2022-11-07T10:00:00Z, or YYYY-MM-DD", "--since %q is not a time", o.since)
		}
		f.Since = t
	}
	if o.work != "" && !workRef(o.work) {
		return f, usagef("a work ID as prov works prints it (12 hex digits), or a text sha256", "--work %q", o.work)
	}
	host, err := rules.ASCIIHost(o.host)
	if err != nil {
		return f, usagef("a host name such as www.example.org", "--host: %v", err)
	}
	f.Host, f.Work, f.Similarity = host, strings.ToLower(o.work), similarity()
	return f, o.outFolder()
}

// outFolder checks that the folder --out goes in exists, for every format
// alike: a mistyped path is an error, not a tree of new folders.
func (o *exportOptions) outFolder() error {
	if o.out == "" || o.out == "-" {
		return nil
	}
	dir := filepath.Dir(filepath.Clean(o.out))
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("--out %s: no folder %s to write it in", o.out, dir)
	}
	return nil
}

// workRef reports whether s can name a work: its ID (the first 12 hex
// digits of its original's text sha256) or a copy's whole text sha256,
// in either case of hex.
func workRef(s string) bool {
	_, err := hex.DecodeString(s)
	return (len(s) == 12 || len(s) == 64) && err == nil
}

// archiveName reports an --out that names a packed file, not a folder.
func archiveName(out string) bool {
	for _, ext := range []string{".tar.gz", ".tgz", ".tar", ".zip", ".gz", ".wacz"} {
		if strings.HasSuffix(strings.ToLower(out), ext) {
			return true
		}
	}
	return false
}

// parseSince reads --since: RFC 3339 (its T and Z in either case, and a
// space for the T, as RFC 3339 allows), or a date (its midnight UTC).
func parseSince(s string) (time.Time, bool) {
	s = strings.ToUpper(s)
	if len(s) > len(time.DateOnly) && s[len(time.DateOnly)] == ' ' {
		s = s[:len(time.DateOnly)] + "T" + s[len(time.DateOnly)+1:]
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func runExport(ctx context.Context, e *env, args []string) error {
	var o exportOptions
	fs := newFlags("export", "", e.stderr)
	fs.StringVar(&o.format, "format", "", formats)
	fs.StringVar(&o.out, "out", "", "target `PATH`: a file for jsonl and cdxj (default stdout); a folder, .tar.gz or .zip for bundle; a .warc.gz file for warc, a .wacz file for wacz, a folder for bag")
	fs.StringVar(&o.warcName, "warc-name", "", "the WARC file `NAME` a CDXJ index points into (default the --out name with .warc.gz for .cdxj)")
	fs.StringVar(&o.db, "db", "", dbUsage)
	fs.StringVar(&o.since, "since", "", "only URLs fetched at or after `T` (their newest fetch, a 304 or a failure too; a WARC's captures by their own), RFC 3339 or YYYY-MM-DD for its midnight UTC")
	fs.StringVar(&o.host, "host", "", "only copies from host `H`")
	fs.StringVar(&o.work, "work", "", "only copies of work `ID` (as prov works prints it), or of one text sha256")
	fs.BoolVar(&o.force, "force", false, "replace an existing target")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	f, err := o.validate()
	if err != nil {
		return err
	}
	db, skipped, err := openSkipping(dbPath(o.db, e.getenv), e, "export")
	if err != nil {
		return err
	}
	defer db.Close()
	if o.format == "bundle" {
		st, err := export.Bundle(db, o.out, f, o.force)
		if err != nil {
			return refused(err, o.out)
		}
		fmt.Fprintf(e.stderr, "bundle %s: %s\n", o.out, report.Count(st.Texts, "text"))
		return skipped.done(nil)
	}
	switch o.format {
	case "warc":
		return skipped.done(o.warc(db, e, f))
	case "cdxj":
		return skipped.done(o.toLines(e, "index line", func(w io.Writer) error { return o.cdxj(db, w, f) }))
	case "wacz":
		return skipped.done(o.wacz(db, e, f))
	case "bag":
		st, err := export.Bag(db, o.out, o.warcOptions("", f), o.force)
		if err != nil {
			return refused(err, o.out)
		}
		fmt.Fprintf(e.stderr, "bag %s: %s, %s (%s, %s)\n", o.out, report.Count(st.Files, "file"), report.Count(st.Bytes, "byte"),
			report.Count(st.Bundle.Texts, "text"), report.Count(st.WARC.Records, "WARC record"))
		return skipped.done(nil)
	}
	return skipped.done(o.toLines(e, "URL", func(w io.Writer) error { return export.JSONL(db, w, f) }))
}

// toLines runs write on --out as toFile does and says on stderr how many
// lines it wrote, each a noun: "jsonl stdout: 14 URLs".
func (o *exportOptions) toLines(e *env, noun string, write func(io.Writer) error) error {
	lines := lineCounter{}
	err := o.toFile(e, func(w io.Writer) error { lines.w = w; return write(&lines) })
	if err == nil {
		fmt.Fprintf(e.stderr, "%s %s: %s\n", o.format, cmp.Or(o.out, "stdout"), report.Count(lines.n, noun))
	}
	return err
}

// lineCounter passes writes to w and counts the lines they end: the
// records of a JSONL or CDXJ export, one a line.
type lineCounter struct {
	w io.Writer
	n int
}

func (c *lineCounter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += bytes.Count(p[:n], []byte{'\n'})
	return n, err
}

// refused words export's refusal of a folder that holds files as toFile
// words that of a file, naming the flag that overrides it; any other
// error is returned as it is.
func refused(err error, out string) error {
	switch {
	case errors.Is(err, export.ErrTargetExists):
		return fmt.Errorf("%s exists and is not empty (add --force to replace it)", out)
	case errors.Is(err, export.ErrNotAnExport):
		why := ""
		if ne, ok := errors.AsType[*export.NotAnExportError](err); ok {
			why = " (" + ne.Reason + ")"
		}
		return fmt.Errorf("%s holds files that are not an earlier export of this format%s: not replaced, even with --force (choose another --out)", out, why)
	}
	return err
}

// warc writes the WARC to --out, removing a partial file on failure.
func (o *exportOptions) warc(db *archive.DB, e *env, f export.Filter) error {
	var st export.WARCStats
	err := o.toFile(e, func(w io.Writer) (err error) {
		st, err = export.WARC(db, w, o.warcOptions(filepath.Base(o.out), f))
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "warc %s: %s, %s, %s\n", o.out, report.Count(st.Captures, "capture"), report.Count(st.Records, "record"), report.Count(st.Bytes, "byte"))
	return nil
}

// wacz writes the WACZ to --out, removing a partial file on failure.
func (o *exportOptions) wacz(db *archive.DB, e *env, f export.Filter) error {
	var st export.WACZStats
	err := o.toFile(e, func(w io.Writer) (err error) {
		st, err = export.WACZ(db, w, o.warcOptions("", f))
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wacz %s: %s, %s, %s\n", o.out, report.Count(st.WARC.Captures, "capture"), report.Count(st.WARC.Records, "record"), report.Count(st.Pages, "page"))
	return nil
}

// cdxj writes the CDXJ index of the WARC the same flags export: the
// offsets are those of that file, whose name the index gives.
func (o *exportOptions) cdxj(db *archive.DB, w io.Writer, f export.Filter) error {
	name := o.warcName
	if name == "" && strings.HasSuffix(o.out, ".cdxj") {
		name = strings.TrimSuffix(filepath.Base(o.out), ".cdxj") + ".warc.gz"
	}
	st, err := export.WARC(db, io.Discard, o.warcOptions(name, f))
	if err != nil {
		return err
	}
	return export.CDXJ(w, st.Index)
}

func (o *exportOptions) warcOptions(name string, f export.Filter) export.WARCOptions {
	return export.WARCOptions{Filter: f, Filename: name, Software: "prov/" + crawl.Version}
}

// toFile runs write on --out (stdout when absent or "-"), refusing an
// existing file unless --force. It writes a partial file beside --out
// and puts it in place once whole, so an export that fails, is
// interrupted or killed leaves an earlier file of that name as it was
// (a kill leaves the partial file, named so).
func (o *exportOptions) toFile(e *env, write func(io.Writer) error) error {
	if o.out == "" || o.out == "-" {
		return write(e.stdout)
	}
	if _, err := os.Lstat(o.out); err == nil && !o.force {
		return existsError(o.out)
	}
	file, err := os.CreateTemp(filepath.Dir(o.out), filepath.Base(o.out)+".partial-*")
	if err != nil {
		return err
	}
	err = write(file)
	err = errors.Join(err, file.Chmod(0o644), file.Close())
	if err == nil {
		err = o.putInPlace(file.Name())
	}
	if err != nil {
		os.Remove(file.Name())
	}
	return err
}

// putInPlace moves the whole export at tmp to --out: over an earlier
// file with --force, else only where no file is (one made meanwhile is
// not replaced).
func (o *exportOptions) putInPlace(tmp string) error {
	if o.force {
		return os.Rename(tmp, o.out)
	}
	err := os.Link(tmp, o.out)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case os.IsExist(err):
		return existsError(o.out)
	}
	if _, err := os.Lstat(o.out); err == nil { // a file system without hard links
		return existsError(o.out)
	}
	return os.Rename(tmp, o.out)
}

// existsError is the refusal of an existing --out: exit 1, as for a
// folder (refused).
func existsError(out string) error {
	return fmt.Errorf("%s exists (add --force to replace it)", out)
}
