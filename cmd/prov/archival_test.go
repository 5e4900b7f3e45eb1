package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export/exportcheck"
)

// twiceDemo runs prov demo twice into one archive: the second crawl of
// the mini-web finds the same bytes again and gets 304s, so the archive
// holds identical revisits and not-modified revisits.
func twiceDemo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	for _, out := range []string{"b1", "b2"} {
		if code, stdout, stderr := prov(t, "demo", "--db", db, "--out", filepath.Join(dir, out)); code != 0 {
			t.Fatalf("demo exit %d: %s\n%s", code, stderr, stdout)
		}
	}
	return db
}

func mustExport(t *testing.T, db string, args ...string) {
	t.Helper()
	if code, stdout, stderr := prov(t, append([]string{"export", "--db", db}, args...)...); code != 0 {
		t.Fatalf("export %v: exit %d: %s\n%s", args, code, stderr, stdout)
	}
}

// TestArchivalExportsOnDemo holds the archival exports to the bars of
// issue 17 on the demo archive crawled twice, with the outside validators
// (those that need node are skipped, saying so, when it is absent).
func TestArchivalExportsOnDemo(t *testing.T) {
	root, err := exportcheck.Root()
	if err != nil {
		t.Fatal(err)
	}
	tools, toolsErr := exportcheck.Find(root)
	if toolsErr != nil && !errors.Is(toolsErr, exportcheck.ErrNoNode) {
		t.Fatal(toolsErr)
	}
	db := twiceDemo(t)
	dir := t.TempDir()
	warc := filepath.Join(dir, "demo.warc.gz")
	again := filepath.Join(dir, "again", "demo.warc.gz")
	os.Mkdir(filepath.Dir(again), 0o755)
	mustExport(t, db, "--format", "warc", "--out", warc)
	mustExport(t, db, "--format", "warc", "--out", again)
	a, _ := os.ReadFile(warc)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("two WARC exports of one archive differ")
	}
	if out, err := exportcheck.GzipTest(warc); err != nil {
		t.Errorf("gzip -t: %v %s", err, out)
	}
	zr, err := gzip.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	records, _ := io.ReadAll(zr)
	if n := bytes.Count(records, []byte("\r\nhttp-heads: request kept, response kept\r\n")); n != 34 {
		t.Errorf("%d of the demo's 34 captures have their heads written as kept on the wire", n)
	}
	cdxj := filepath.Join(dir, "demo.cdxj")
	if code, _, stderr := prov(t, "export", "--db", db, "--format", "cdxj", "--out", cdxj); code != 0 {
		t.Fatalf("export cdxj: exit %d: %s", code, stderr)
	} else if index, err := os.ReadFile(cdxj); err != nil || stderr != fmt.Sprintf("cdxj %s: %d index lines\n", cdxj, bytes.Count(index, []byte("\n"))) {
		t.Errorf("export cdxj said %q of its %d lines (%v)", stderr, bytes.Count(index, []byte("\n")), err)
	}

	t.Run("warcio.js", func(t *testing.T) {
		if toolsErr != nil {
			t.Skip("node is not installed: the outside validators (warcio.js) cannot run")
		}
		out, err := tools.CheckWARC(warc)
		t.Logf("warccheck: %s", out)
		if err != nil || !strings.Contains(out, " 0 problems") {
			t.Errorf("warccheck: %v", err)
		}
		if !strings.Contains(out, "(conversion 8, metadata 35, request 17, response 17, revisit 17, warcinfo 1)") {
			t.Errorf("the demo crawled twice should give 17 revisits (16 not modified, 1 identical), "+
				"a text for each of its 8 documents, and a metadata record for its stitched article too: %s", out)
		}
		ours, _ := os.ReadFile(cdxj)
		theirs, err := tools.CDXIndex(warc)
		if err != nil {
			t.Fatal(err)
		}
		diff, err := exportcheck.CompareCDXJ(theirs, ours)
		t.Logf("warcio cdx-index: %d lines, prov: %d lines, differences: %q", bytes.Count(theirs, []byte("\n")), bytes.Count(ours, []byte("\n")), diff)
		if err != nil || diff != "" {
			t.Errorf("warcio cdx-index and prov export --format cdxj differ (%v):\n%s", err, diff)
		}
	})

	wacz := filepath.Join(dir, "demo.wacz")
	mustExport(t, db, "--format", "wacz", "--out", wacz)
	out, err := exportcheck.CheckWACZ(wacz)
	t.Logf("wacz: %s", out)
	if err != nil {
		t.Error(err)
	}
	bag := filepath.Join(dir, "bag")
	mustExport(t, db, "--format", "bag", "--out", bag)
	for _, m := range []string{"manifest-sha256.txt", "tagmanifest-sha256.txt"} {
		out, err := exportcheck.SHA256SumCheck(bag, m)
		t.Logf("sha256sum -c %s: %d files OK", m, strings.Count(out, ": OK\n"))
		if err != nil {
			t.Error(err)
		}
	}
}

// TestExportWARCPayloadMismatch: a stored payload that no longer hashes to
// its sha256 makes the export exit 1 naming the capture, and leaves no
// partial file.
func TestExportWARCPayloadMismatch(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte("x") // too short to deflate: stored raw
	c := archive.Capture{URL: "http://a.test/", FinalURL: "http://a.test/", Status: 200, Method: "GET", FetchStart: time.Unix(1e9, 0)}
	if _, err := db.Write([]archive.Entry{{Capture: c, Payload: payload}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	h := archive.Sum(payload)
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		ref := indexBucket(tx, "payloads", h[:]).Get(h[:]) // codec 2, raw length, blob ID
		blobs := tx.Bucket([]byte("blobs"))
		v := bytes.Clone(blobs.Get(ref[9:]))
		v[len(v)-1] ^= 1
		return blobs.Put(ref[9:], v)
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "x.warc.gz")
	code, _, stderr := prov(t, "export", "--db", path, "--format", "warc", "--out", out)
	if code != 1 || !strings.Contains(stderr, "capture 1 (http://a.test/)") {
		t.Errorf("exit %d, stderr %q; want 1 naming capture 1", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a partial WARC was left: %v", err)
	}
}

func TestExportArchivalUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "warc"},
		{"--format", "wacz", "--out", "-"},
		{"--format", "bag"},
		{"--format", "warc", "--out", "x.warc.gz", "--warc-name", "y.warc.gz"},
		{"--format", "cdxj", "--warc-name", "../y.warc.gz"},
	} {
		if code, _, stderr := prov(t, append([]string{"export", "--db", filepath.Join(t.TempDir(), "none.db")}, args...)...); code != 2 {
			t.Errorf("export %v: exit %d (%s), want 2", args, code, stderr)
		}
	}
}
