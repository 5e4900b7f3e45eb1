package export_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/prov-archive/prov/archive/export"
	"github.com/prov-archive/prov/archive/export/exportcheck"
)

func TestBag(t *testing.T) {
	db := MustWARCArchive(t)
	dir := filepath.Join(t.TempDir(), "bag")
	st, err := export.Bag(db, dir, export.WARCOptions{Software: "prov/test"}, false)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.ReadFile(filepath.Join(dir, "bag-info.txt"))
	want := "Bag-Software-Agent: prov/test\nBagging-Date: 2026-11-23\nPayload-Oxum: "
	if !strings.HasPrefix(string(info), want) || !strings.Contains(string(info), "."+strconv.Itoa(st.Files)+"\n") {
		t.Errorf("bag-info.txt:\n%s", info)
	}
	bagit, _ := os.ReadFile(filepath.Join(dir, "bagit.txt"))
	if string(bagit) != "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n" {
		t.Errorf("bagit.txt:\n%s", bagit)
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "manifest-sha256.txt"))
	for _, p := range []string{"  data/prov.warc.gz\n", "  data/prov.cdxj\n", "  data/bundle/manifest.jsonl\n", "  data/bundle/works.json\n", "  data/bundle/texts/"} {
		if !strings.Contains(string(manifest), p) {
			t.Errorf("manifest lacks %q:\n%s", p, manifest)
		}
	}
	if _, err := export.Bag(db, dir, export.WARCOptions{}, false); err == nil {
		t.Error("a second bag into the same folder was not refused")
	}
	again := filepath.Join(t.TempDir(), "again")
	if _, err := export.Bag(db, again, export.WARCOptions{Software: "prov/test"}, false); err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt"} {
		a, _ := os.ReadFile(filepath.Join(dir, tag))
		b, _ := os.ReadFile(filepath.Join(again, tag))
		if string(a) != string(b) {
			t.Errorf("two bags of one archive differ in %s:\n%s\n%s", tag, a, b)
		}
	}

	t.Run("sha256sum -c", func(t *testing.T) {
		for _, m := range []string{"manifest-sha256.txt", "tagmanifest-sha256.txt"} {
			if out, err := exportcheck.SHA256SumCheck(dir, m); err != nil {
				t.Errorf("%s: %v\n%s", m, err, out)
			}
		}
		warc := filepath.Join(dir, "data", "prov.warc.gz")
		b, _ := os.ReadFile(warc)
		b[len(b)/2] ^= 0x01
		os.WriteFile(warc, b, 0o644)
		if out, err := exportcheck.SHA256SumCheck(dir, "manifest-sha256.txt"); err == nil || !strings.Contains(out, "data/prov.warc.gz: FAILED") {
			t.Errorf("sha256sum -c passed a flipped byte (%v):\n%s", err, out)
		}
		info := filepath.Join(dir, "bag-info.txt")
		b, _ = os.ReadFile(info)
		os.WriteFile(info, b[:len(b)-1], 0o644)
		if out, err := exportcheck.SHA256SumCheck(dir, "tagmanifest-sha256.txt"); err == nil || !strings.Contains(out, "bag-info.txt: FAILED") {
			t.Errorf("sha256sum -c passed a tag file cut one byte short (%v):\n%s", err, out)
		}
	})
}
