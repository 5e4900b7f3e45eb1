package main

import (
	"errors"
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
