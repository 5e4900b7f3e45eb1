package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/export"
	"github.com/prov-archive/prov/archive/export/exportcheck"
)

func mustWACZ(tb testing.TB, db *archive.DB) string {
	tb.Helper()
	var b bytes.Buffer
	if _, err := export.WACZ(db, &b, export.WARCOptions{Software: "prov/test"}); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "test.wacz")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func zipMembers(tb testing.TB, path string) (names []string, data map[string][]byte) {
	tb.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	data = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		names = append(names, f.Name)
		data[f.Name] = b
	}
	return names, data
}

func TestWACZ(t *testing.T) {
	db := MustWARCArchive(t)
	path := mustWACZ(t, db)
	if out, err := exportcheck.CheckWACZ(path); err != nil {
		t.Fatalf("%s\n%v", out, err)
	}
	names, data := zipMembers(t, path)
	want := "archive/data.warc.gz indexes/index.cdxj pages/pages.jsonl datapackage.json datapackage-digest.json"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("members %s, want %s", got, want)
	}
	pages := strings.Split(strings.TrimSpace(string(data["pages/pages.jsonl"])), "\n")
	if pages[0] != `{"format":"json-pages-1.0","id":"pages","title":"All Pages","hasText":true}` || len(pages) != 4 {
		t.Fatalf("pages.jsonl:\n%s", data["pages/pages.jsonl"])
	}
	var p map[string]any
	json.Unmarshal([]byte(pages[1]), &p)
	if p["url"] != keptURL || p["ts"] != "2026-11-23T10:00:00Z" || p["text"] != paper || p["title"] != "白皮书" ||
		p["work"] == "" || p["relation"] == nil || p["original"] == nil {
		t.Errorf("page line: %s", pages[1])
	}
	if !bytes.Contains(data["indexes/index.cdxj"], []byte(`"filename":"data.warc.gz"`)) {
		t.Errorf("index does not point into data.warc.gz:\n%s", data["indexes/index.cdxj"])
	}
	var dp map[string]any
	json.Unmarshal(data["datapackage.json"], &dp)
	if dp["wacz_version"] != "1.1.1" || dp["profile"] != "data-package" {
		t.Errorf("datapackage.json:\n%s", data["datapackage.json"])
	}
	again := mustWACZ(t, db)
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("two WACZ exports of one archive differ")
	}

	t.Run("outside validators on its WARC", func(t *testing.T) {
		tools := mustTools(t)
		warc := filepath.Join(t.TempDir(), "data.warc.gz")
		os.WriteFile(warc, data["archive/data.warc.gz"], 0o644)
		if out, err := tools.CheckWARC(warc); err != nil {
			t.Errorf("warccheck: %v\n%s", err, out)
		}
		theirs, err := tools.CDXIndex(warc)
		if err != nil {
			t.Fatal(err)
		}
		if diff, err := exportcheck.CompareCDXJ(theirs, data["indexes/index.cdxj"]); err != nil || diff != "" {
			t.Errorf("index.cdxj and warcio's re-index differ (%v):\n%s", err, diff)
		}
	})
	t.Run("a member changed", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.wacz")
		f, _ := os.Create(bad)
		zw := zip.NewWriter(f)
		for _, name := range names {
			w, _ := zw.Create(name)
			b := data[name]
			if name == "pages/pages.jsonl" {
				b = bytes.Replace(b, []byte("白皮书"), []byte("白皮昼"), 1)
			}
			w.Write(b)
		}
		zw.Close()
		f.Close()
		if out, err := exportcheck.CheckWACZ(bad); err == nil {
			t.Errorf("CheckWACZ passed a changed pages.jsonl: %s", out)
		}
	})
}
