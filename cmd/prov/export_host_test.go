package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// --host takes a name as users write it: an internationalised one in
// Unicode matches the punycode host its URLs carry; one that is no host
// name is a usage error.
func TestExportHostAsWritten(t *testing.T) {
	for in, want := range map[string]string{"中国.政务": "xn--fiqs8s.xn--zfr164b", "WWW.Example.ORG": "www.example.org", "": ""} {
		o := exportOptions{format: "jsonl", host: in}
		f, err := o.validate()
		if err != nil || f.Host != want {
			t.Errorf("--host %q: filter host %q, %v; want %q", in, f.Host, err, want)
		}
	}
	for _, in := range []string{"a\u00a0b.test", "http://site.test/", "site.test:80", "site.test/news", "[::1]", `"><script>`} {
		o := exportOptions{format: "jsonl", host: in}
		var ue *usageError
		if _, err := o.validate(); !errors.As(err, &ue) {
			t.Errorf("--host %q: %v, want a usage error (it would match no copy)", in, err)
		}
	}
	o := exportOptions{format: "jsonl", host: "::1"}
	if f, err := o.validate(); err != nil || f.Host != "::1" {
		t.Errorf("--host ::1: filter host %q, %v; want an IPv6 host as URLs' Hostname gives it", f.Host, err)
	}
}

// --since takes RFC 3339 in either case of its T and Z, as the RFC allows.
func TestExportSinceCase(t *testing.T) {
	want := time.Date(2026, 12, 5, 13, 14, 54, 0, time.UTC)
	for _, in := range []string{"2026-12-05T13:14:54Z", "2026-12-05t13:14:54z", "2026-12-05 13:14:54Z"} {
		o := exportOptions{format: "jsonl", since: in}
		f, err := o.validate()
		if err != nil || !f.Since.Equal(want) {
			t.Errorf("--since %q: %v, %v; want %v", in, f.Since, err, want)
		}
	}
}

// A bag is a folder: an --out named as an archive file is a usage error,
// not a folder called bag.tar.gz.
func TestExportBagIsAFolder(t *testing.T) {
	for _, out := range []string{"bag.tar.gz", "bag.tgz", "bag.zip", "bag.tar", "bag.warc.gz"} {
		o := exportOptions{format: "bag", out: filepath.Join(t.TempDir(), out)}
		var ue *usageError
		if _, err := o.validate(); !errors.As(err, &ue) {
			t.Errorf("bag --out %s: %v, want a usage error", out, err)
		}
	}
	o := exportOptions{format: "bag", out: filepath.Join(t.TempDir(), "bag")}
	if _, err := o.validate(); err != nil {
		t.Errorf("bag --out folder: %v", err)
	}
}

// An export to a file is put in place only once whole: one that fails
// (or is interrupted) leaves the earlier file of that name as it was,
// with --force too, and no partial file beside it.
func TestExportFileReplacedOnlyWhole(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "night.warc.gz")
	if err := os.WriteFile(out, []byte("last night"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := &env{stdout: io.Discard, stderr: io.Discard}
	failing := func(w io.Writer) error {
		w.Write([]byte("half of tonight"))
		return errors.New("archive damaged")
	}
	for _, force := range []bool{false, true} {
		o := exportOptions{out: out, force: force}
		err := o.toFile(e, failing)
		if b, _ := os.ReadFile(out); err == nil || string(b) != "last night" {
			t.Errorf("force %v: a failed export gave %v and left %q, want an error and last night's file", force, err, b)
		}
	}
	o := exportOptions{out: out, force: true}
	if err := o.toFile(e, func(w io.Writer) error { _, err := w.Write([]byte("tonight")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "tonight" {
		t.Errorf("a whole export with --force left %q", b)
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("export file mode: %v, %v; want 0644", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries, want the export alone", len(entries))
	}
}
