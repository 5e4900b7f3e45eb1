package export_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive/export"
	"github.com/prov-archive/prov/archive/export/exportcheck"
)

// mustTools finds the outside validators; the test is skipped, saying
// why, only when node itself is absent.
func mustTools(tb testing.TB) exportcheck.Tools {
	tb.Helper()
	root, err := exportcheck.Root()
	if err != nil {
		tb.Fatal(err)
	}
	tools, err := exportcheck.Find(root)
	if errors.Is(err, exportcheck.ErrNoNode) {
		tb.Skip("node is not installed: the outside validators (warcio.js) cannot run")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return tools
}

// TestWARCOutsideValidators: warcio.js reads every record, every digest
// recomputes, every reference resolves, gzip -t passes, and warcio's
// re-index agrees with prov's CDXJ; and each check fails on a damaged file.
func TestWARCOutsideValidators(t *testing.T) {
	tools := mustTools(t)
	db := MustWARCArchive(t)
	path, st := mustWARC(t, db, export.Filter{})
	out, err := tools.CheckWARC(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "24 records") || !strings.Contains(out, " 0 problems") {
		t.Errorf("warccheck: %s", out)
	}
	t.Log(out)
	if out, err := exportcheck.GzipTest(path); err != nil {
		t.Errorf("gzip -t: %v %s", err, out)
	}
	var ours bytes.Buffer
	if err := export.CDXJ(&ours, st.Index); err != nil {
		t.Fatal(err)
	}
	theirs, err := tools.CDXIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff, err := exportcheck.CompareCDXJ(theirs, ours.Bytes()); err != nil || diff != "" {
		t.Errorf("warcio cdx-index and prov's CDXJ differ (%v):\n%s\ntheirs:\n%s\nours:\n%s", err, diff, theirs, ours.Bytes())
	}
	if n := bytes.Count(ours.Bytes(), []byte("\n")); n != 10 { // 4 responses (one incomplete), 2 redirects, 3 revisits, 1 conversion
		t.Errorf("%d CDXJ lines, want 10:\n%s", n, ours.Bytes())
	}

	t.Run("flipped payload byte", func(t *testing.T) {
		raw := gunzip(t, path)
		i := bytes.Index(raw, []byte("<!-- scio -->"))
		raw[i+5] ^= 0x20
		bad := filepath.Join(t.TempDir(), "flipped.warc")
		os.WriteFile(bad, raw, 0o644)
		out, err := tools.CheckWARC(bad)
		if err == nil || !strings.Contains(out, "WARC-Payload-Digest sha256:") || !strings.Contains(out, " 2 problems") {
			t.Errorf("warccheck passed a flipped payload byte (%v):\n%s", err, out) // block and payload digest
		}
	})
	t.Run("one byte short", func(t *testing.T) {
		data, _ := os.ReadFile(path)
		bad := filepath.Join(t.TempDir(), "short.warc.gz")
		os.WriteFile(bad, data[:len(data)-1], 0o644)
		if out, err := tools.CheckWARC(bad); err == nil || !strings.Contains(out, "gzip:") {
			t.Errorf("warccheck passed a file cut one byte short (%v):\n%s", err, out)
		}
		if out, err := exportcheck.GzipTest(bad); err == nil {
			t.Errorf("gzip -t passed a file cut one byte short: %s", out)
		}
	})
	t.Run("unresolved reference", func(t *testing.T) {
		raw := gunzip(t, path)
		ref := "WARC-Refers-To: <urn:uuid:"
		i := bytes.Index(raw, []byte(ref))
		raw[i+len(ref)] ^= 0x01 // another ID of the same length: digests stay right
		bad := filepath.Join(t.TempDir(), "dangling.warc")
		os.WriteFile(bad, raw, 0o644)
		if out, err := tools.CheckWARC(bad); err == nil || !strings.Contains(out, "is not in the file") {
			t.Errorf("warccheck passed a dangling WARC-Refers-To (%v):\n%s", err, out)
		}
	})
	t.Run("index disagrees", func(t *testing.T) {
		bad := bytes.Replace(ours.Bytes(), []byte(`"offset":"`), []byte(`"offset":"1`), 1)
		if diff, _ := exportcheck.CompareCDXJ(theirs, bad); diff == "" {
			t.Error("CompareCDXJ found no difference in an index with a wrong offset")
		}
	})
}

func gunzip(tb testing.TB, path string) []byte {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// The bundle tests' archive (a dot-dot URL, a PDF without text, texts
// without heads or dates) passes the outside validators too.
func TestWARCOutsideValidatorsOtherArchive(t *testing.T) {
	tools := mustTools(t)
	path, st := mustWARC(t, MustArchive(t), export.Filter{})
	if out, err := tools.CheckWARC(path); err != nil || !strings.Contains(out, " 0 problems") {
		t.Errorf("warccheck: %v\n%s", err, out)
	}
	var ours bytes.Buffer
	export.CDXJ(&ours, st.Index)
	theirs, err := tools.CDXIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff, err := exportcheck.CompareCDXJ(theirs, ours.Bytes()); err != nil || diff != "" {
		t.Errorf("warcio cdx-index and prov's CDXJ differ (%v):\n%s", err, diff)
	}
}
