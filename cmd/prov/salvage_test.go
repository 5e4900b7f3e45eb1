package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// TestCorruptRecordsSkippedAndSalvaged damages the mini-web archive
// through bbolt: one copy's capture record is garbage, and the text blob
// of another copy's document is deleted; that blob is a pair blob
// (schema 7), which held the copy's payload too. export, works and stats
// read the rest and warn once per record, naming it; verify names them;
// salvage copies the rest into an archive that verifies clean.
func TestCorruptRecordsSkippedAndSalvaged(t *testing.T) {
	db, _ := crawlMiniWeb(t)
	before := exported(t, db)
	capKey, textKey, payloadKey := damageTwoCopies(t, db)

	for _, args := range [][]string{{"stats"}, {"works"}, {"export", "--format", "jsonl"}} {
		code, out, stderr := prov(t, append(args, "--db", db)...)
		if code != exitPartial {
			t.Errorf("prov %s: exit %d, want %d; stderr %q", args[0], code, exitPartial, stderr)
		}
		for _, key := range []string{"captures " + capKey, "documents " + textKey} {
			if n := strings.Count(stderr, "warning: skipped "+key); n != 1 {
				t.Errorf("prov %s: %d warnings naming %s, want 1; stderr:\n%s", args[0], n, key, stderr)
			}
		}
		if args[0] == "stats" && strings.Count(stderr, "warning: skipped payloads "+payloadKey) != 1 {
			t.Errorf("prov stats: no warning naming payloads %s, in the deleted pair blob; stderr:\n%s", payloadKey, stderr)
		}
		if want := map[bool]int{true: 3, false: 2}[args[0] == "stats"]; !strings.Contains(stderr, fmt.Sprintf("skipped %d corrupt records", want)) {
			t.Errorf("prov %s: no count of skipped records: %q", args[0], stderr)
		}
		if args[0] == "export" {
			if got := strings.Count(out, "\n"); got != len(before)-2 {
				t.Errorf("export: %d lines, want %d (all but the two damaged copies)", got, len(before)-2)
			}
		}
	}

	code, out, _ := prov(t, "verify", "--db", db)
	if code != exitPartial || !strings.Contains(out, "captures "+capKey) || !strings.Contains(out, "documents "+textKey) {
		t.Errorf("verify: exit %d, want %d naming both records:\n%s", code, exitPartial, out)
	}
	into := filepath.Join(t.TempDir(), "rescued.db")
	code, out, stderr := prov(t, "salvage", "--db", db, "--into", into)
	// The second copy is lost for its payload, read first, which went with
	// its text's pair blob.
	if code != exitPartial || !strings.Contains(out, "lost captures "+capKey) || !strings.Contains(out, "lost payloads "+payloadKey) {
		t.Errorf("salvage: exit %d, want %d naming both records:\n%s%s", code, exitPartial, out, stderr)
	}
	if code, out, stderr := prov(t, "verify", "--db", into); code != exitOK {
		t.Errorf("verify of the salvaged archive: exit %d\n%s%s", code, out, stderr)
	}
	if got := exported(t, into); len(got) != len(before)-2 {
		t.Errorf("salvaged archive exports %d copies, want %d", len(got), len(before)-2)
	}
	if code, _, stderr := prov(t, "salvage", "--db", db, "--into", into); code != exitUsage {
		t.Errorf("salvage into an existing archive: exit %d, want %d (%q)", code, exitUsage, stderr)
	}
}

// damageTwoCopies writes garbage over the capture record of one copy and
// deletes the text blob of another's document (copies that are the only
// capture of their URL and share no text), and returns their keys: the
// first's capture, the second's text and payload (whose pair blob that
// was).
func damageTwoCopies(t *testing.T, path string) (capKey, textKey, payloadKey string) {
	t.Helper()
	var picked []archive.Capture
	texts := map[string]int{}
	db, err := archive.Open(path, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	db.LatestContent(func(c archive.Capture) error {
		texts[c.TextSHA256]++
		return nil
	})
	db.LatestContent(func(c archive.Capture) error {
		h, _ := db.History(c.URL)
		if len(picked) < 2 && c.Kind == archive.KindResponse && len(h) == 1 && c.TextSHA256 != "" && texts[c.TextSHA256] == 1 && c.NextPage == "" && c.PrevPage == "" {
			picked = append(picked, c)
		}
		return nil
	})
	db.Close()
	if len(picked) < 2 {
		t.Fatalf("no two plain copies to damage")
	}
	bdb, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	capKey = fmt.Sprintf("%016x", picked[0].ID)
	textKey, payloadKey = picked[1].TextSHA256, picked[1].PayloadSHA256
	err = bdb.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("captures")).Put(binary.BigEndian.AppendUint64(nil, picked[0].ID), []byte("{not json")); err != nil {
			return err
		}
		h, _ := archive.ParseHash(textKey)
		// A binary document record (schema 6) ends with its text blob's ID
		// and its text's exact sha256.
		doc := indexBucket(tx, "documents", h[:]).Get(h[:])
		if len(doc) < 9 || doc[0] != 1 {
			return fmt.Errorf("document %s is not a binary record", textKey)
		}
		return tx.Bucket([]byte("blobs")).Delete(doc[len(doc)-40 : len(doc)-32])
	})
	if err != nil {
		t.Fatal(err)
	}
	return capKey, textKey, payloadKey
}

// TestSalvageOfAnEmptyFile: prov salvage says of an empty file what every
// other command says (not a prov archive: an empty file), exit 1, and
// leaves it empty.
func TestSalvageOfAnEmptyFile(t *testing.T) {
	dir := t.TempDir()
	db := writeFile(t, filepath.Join(dir, "x.db"), nil)
	code, _, stderr := prov(t, "salvage", "--db", db, "--into", filepath.Join(dir, "rescued.db"))
	_, _, statsErr := prov(t, "stats", "--db", db)
	got, want := strings.TrimPrefix(stderr, "prov salvage: "), strings.TrimPrefix(statsErr, "prov stats: ")
	if code != exitFailed || got != want || !strings.Contains(got, "an empty file") {
		t.Errorf("salvage: exit %d, %q; want exit %d and what stats says, %q", code, stderr, exitFailed, statsErr)
	}
	if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was changed: %v %v", fi, err)
	}
}
