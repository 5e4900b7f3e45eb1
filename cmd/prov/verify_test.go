package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestVerifyCLI(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	code, out, stderr := prov(t, "verify", "--db", db)
	if code != exitOK || out != "" || !strings.Contains(stderr, ": 0 findings") {
		t.Fatalf("clean archive: exit %d\nstdout %s\nstderr %s", code, out, stderr)
	}
	key := flipPayloadByte(t, db)
	code, out, stderr = prov(t, "verify", "--db", db, "--json")
	// The payload's, and its text's when the damage is in the stream
	// before it (a pair blob), naming the payload part.
	if code != exitPartial || !strings.Contains(stderr, ": 1 finding\n") && !strings.Contains(stderr, ": 2 findings\n") {
		t.Fatalf("damaged archive: exit %d, want %d\nstderr %s", code, exitPartial, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var f map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &f); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if len(lines) == 2 && (!strings.Contains(lines[1], `"document-corrupt"`) || !strings.Contains(lines[1], "payload part")) {
		t.Errorf("second finding %s, want the payload's text, named unreachable past the payload part", lines[1])
	}
	if f["kind"] != "payload-corrupt" || f["key"] != key {
		t.Errorf("finding %v, want payload-corrupt for %s", f, key)
	}
	code, out, _ = prov(t, "verify", "--db", db)
	if code != exitPartial || !strings.HasPrefix(out, "payload-corrupt: payloads "+key) {
		t.Errorf("text output %q (exit %d)", out, code)
	}
}

// flipPayloadByte damages the first stored payload and returns its hex key:
// the last byte of its blob, or, in a pair blob (schema 7: a payload and
// its text in one stream, the text last), a byte of the payload's part.
func flipPayloadByte(t *testing.T, path string) (key string) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bolt.Tx) error {
		k, ref := indexBucket(tx, "payloads", nil).Cursor().First()
		key = hex.EncodeToString(k)
		blobs := tx.Bucket([]byte("blobs")) // the record ends with its blob's ID
		id := bytes.Clone(ref[len(ref)-8:])
		v := bytes.Clone(blobs.Get(id))
		i := len(v) - 1
		if v[0] == 3 { // a pair blob: past its 17-byte header
			i = 18
		}
		v[i] ^= 0x01
		return blobs.Put(id, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// TestBadRulesRefusedFirst: a rules file that does not validate is named
// with its line, exits 2, and no archive is created.
func TestBadRulesRefusedFirst(t *testing.T) {
	cases := map[string]struct{ yaml, msg string }{
		"bad yaml":      {"sites:\n  - name: x\n    hosts: [a.test]\n  bad\n", ":4: bad YAML"},
		"unknown field": {"sites:\n  - name: x\n    hosts: [a.test]\n    colour: red\n", `:4: unknown field "colour"`},
		"bad selector":  {"sites:\n  - name: x\n    hosts: [a.test]\n    content: 'div[[['\n", `:4: bad selector`},
		"bad regexp":    {"sites:\n  - name: x\n    hosts: [a.test]\n    follow: ['(']\n", `:4: bad pattern`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			file, db := filepath.Join(dir, "r.yaml"), filepath.Join(dir, "x.db")
			os.WriteFile(file, []byte(c.yaml), 0o644)
			code, _, stderr := prov(t, "crawl", "--rules", file, "--db", db, "http://a.test/")
			if code != exitUsage || !strings.Contains(stderr, file+c.msg) {
				t.Errorf("exit %d %q, want %d and %q", code, stderr, exitUsage, file+c.msg)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("archive created before the rules were validated")
			}
		})
	}
}

// TestForeignDatabaseUntouched: a file that is not a prov archive, or one
// from a newer prov, is refused with exit 1 and left byte for byte.
func TestForeignDatabaseUntouched(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"notanarchive": writeFile(t, filepath.Join(dir, "notanarchive"), bytes.Repeat([]byte("not bolt "), 1000)),
		"newer schema": newerSchema(t, filepath.Join(dir, "newer.db")),
	}
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			before, _ := os.ReadFile(path)
			for _, args := range [][]string{{"stats"}, {"verify"}, {"crawl", "http://a.test/"}} {
				code, _, stderr := prov(t, append(args, "--db", path)...)
				if code != exitFailed || !strings.Contains(stderr, path) ||
					!(strings.Contains(stderr, "not a prov archive") || strings.Contains(stderr, "newer prov")) {
					t.Errorf("prov %v: exit %d %q, want %d naming the file", args, code, stderr, exitFailed)
				}
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the refused file was changed")
			}
			if _, err := os.Stat(path + ".lock"); err == nil {
				t.Error("a lock note was left beside the refused file")
			}
		})
	}
}

func writeFile(t *testing.T, path string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// newerSchema writes a bbolt file that says it is a prov archive of schema 99.
func newerSchema(t *testing.T, path string) string {
	t.Helper()
	bdb, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("meta"))
		if err == nil {
			err = b.Put([]byte("app"), []byte("prov"))
		}
		if err == nil {
			err = b.Put([]byte("schema"), []byte("99"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExportStaysInTarget: an export writes only under its target and
// never replaces an existing one without --force.
func TestExportStaysInTarget(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	dir := t.TempDir()
	jsonl := writeFile(t, filepath.Join(dir, "out.jsonl"), []byte("mine\n"))
	bundle := filepath.Join(dir, "bundle")
	os.Mkdir(bundle, 0o755)
	writeFile(t, filepath.Join(bundle, "notes.txt"), []byte("mine\n"))
	for _, args := range [][]string{
		{"export", "--db", db, "--format", "jsonl", "--out", jsonl},
		{"export", "--db", db, "--format", "bundle", "--out", bundle},
	} {
		if code, _, stderr := prov(t, args...); code == exitOK || !strings.Contains(stderr, "exist") {
			t.Errorf("prov %v: exit %d %q, want a refusal", args, code, stderr)
		}
	}
	if b, _ := os.ReadFile(jsonl); string(b) != "mine\n" {
		t.Errorf("jsonl target overwritten without --force: %q", b)
	}
	before := listFiles(t, dir)
	out := filepath.Join(dir, "fresh")
	if code, _, stderr := prov(t, "export", "--db", db, "--format", "bundle", "--out", out); code != exitOK {
		t.Fatalf("bundle export: exit %d %s", code, stderr)
	}
	for f := range listFiles(t, dir) {
		if !before[f] && !strings.HasPrefix(f, "fresh"+string(filepath.Separator)) && f != "fresh" {
			t.Errorf("export wrote outside its target: %s", f)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(bundle, "notes.txt")); string(b) != "mine\n" {
		t.Error("the user's file in the refused bundle target changed")
	}
}

// listFiles returns every path under root, relative to it.
func listFiles(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	filepath.WalkDir(root, func(p string, _ fs.DirEntry, err error) error {
		if rel, _ := filepath.Rel(root, p); err == nil && rel != "." {
			out[rel] = true
		}
		return nil
	})
	return out
}

// indexBucket returns the level of the archive index name (payloads,
// documents, doccaps, urls) that holds key: its tail (name+"tail") when
// that holds it, else its main bucket. With key nil, the tail when it
// holds any key.
func indexBucket(tx *bolt.Tx, name string, key []byte) *bolt.Bucket {
	tail := tx.Bucket([]byte(name + "tail"))
	if tail != nil && (key == nil && tail.Stats().KeyN > 0 || key != nil && tail.Get(key) != nil) {
		return tail
	}
	return tx.Bucket([]byte(name))
}
