package export_test

import (
	"errors"
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
	t.Run("force replaces the bag whole", func(t *testing.T) {
		forced := filepath.Join(t.TempDir(), "bag")
		if _, err := export.Bag(db, forced, export.WARCOptions{Software: "prov/test"}, false); err != nil {
			t.Fatal(err)
		}
		if _, err := export.Bag(db, forced, export.WARCOptions{Software: "prov/test", Filter: export.Filter{Host: "mirror.test"}}, true); err != nil {
			t.Fatal(err)
		}
		texts, _ := filepath.Glob(filepath.Join(forced, "data", "bundle", "texts", "*"))
		if len(texts) != 1 || filepath.Base(texts[0]) != "mirror.test" {
			t.Errorf("text folders after a narrower forced bag: %v, want mirror.test's alone", texts)
		}
		if out, err := exportcheck.SHA256SumCheck(forced, "manifest-sha256.txt"); err != nil {
			t.Errorf("manifest of the forced bag: %v\n%s", err, out)
		}
		mine := filepath.Join(t.TempDir(), "mine")
		os.MkdirAll(mine, 0o755)
		os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("mine"), 0o644)
		if _, err := export.Bag(db, mine, export.WARCOptions{}, true); !errors.Is(err, export.ErrNotAnExport) {
			t.Errorf("forced bag over a folder of the user's: %v, want ErrNotAnExport", err)
		}
		if b, _ := os.ReadFile(filepath.Join(mine, "notes.txt")); string(b) != "mine" {
			t.Error("a refused forced bag touched the user's file")
		}
		added := filepath.Join(forced, "data", "mine.txt")
		os.WriteFile(added, []byte("mine"), 0o644)
		if _, err := export.Bag(db, forced, export.WARCOptions{}, true); !errors.Is(err, export.ErrNotAnExport) {
			t.Errorf("forced bag over one holding a file of the user's: %v, want ErrNotAnExport", err)
		}
		if b, _ := os.ReadFile(added); string(b) != "mine" {
			t.Error("a forced bag removed the user's file from an earlier bag")
		}
	})
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
