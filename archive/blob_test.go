package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strconv"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// schema1 rewrites every payload and document of the archive at path
// inline, and every capture as JSON, as schema 1 stored them, drops the
// blobs and sets schema 1.
func schema1(t *testing.T, path string) {
	t.Helper()
	RawUpdate(t, path, func(tx *bolt.Tx) error {
		if err := oldLayout(tx); err != nil {
			return err
		}
		inline := map[string][]byte{}
		pays, docs := tx.Bucket(bucketPayloads), tx.Bucket(bucketDocuments)
		pays.ForEach(func(k, v []byte) error {
			stored, err := storedPayload(tx, v)
			inline["p"+string(k)] = append([]byte(nil), stored...)
			return err
		})
		docs.ForEach(func(k, v []byte) error {
			d, err := decodeDocument(tx, v)
			inline["d"+string(k)], _ = json.Marshal(d)
			return err
		})
		caps := tx.Bucket(bucketCaptures)
		reader := captureReader{tx: tx}
		caps.ForEach(func(k, v []byte) error {
			c, err := reader.at(k, v)
			inline["c"+string(k)], _ = json.Marshal(&c)
			return err
		})
		for k, v := range inline {
			b := map[byte]*bolt.Bucket{'p': pays, 'd': docs, 'c': caps}[k[0]]
			if err := b.Put([]byte(k[1:]), v); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(bucketCapBlocks); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketBlobs); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put([]byte("schema"), []byte("1"))
	})
}

// TestSchema1Migrated: an archive of schema 1 (values inline) reads as
// before, is migrated to schema 2 by the first writer, keeps its old
// records as they are, stores new ones in blobs, and verifies clean.
func TestSchema1Migrated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := testEntry("http://old.test/a", "<p>the old page</p>", "the old text")
	if _, err := db.Write([]Entry{old}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	schema1(t, path)

	db = openUpgraded(t, path)
	if p, err := db.Payload(old.Capture.PayloadSHA256); err != nil || string(p) != "<p>the old page</p>" {
		t.Errorf("old payload = %q, %v", p, err)
	}
	if d, err := db.Document(old.Capture.TextSHA256); err != nil || d.Text != "the old text" {
		t.Errorf("old document = %+v, %v", d, err)
	}
	fresh := testEntry("http://old.test/b", "<p>a new page</p>", "a new text")
	if _, err := db.Write([]Entry{fresh}); err != nil {
		t.Fatal(err)
	}
	if p, err := db.Payload(fresh.Capture.PayloadSHA256); err != nil || string(p) != "<p>a new page</p>" {
		t.Errorf("new payload = %q, %v", p, err)
	}
	n := 0
	if err := db.Verify(func(f Finding) error { n++; t.Error(f); return nil }); err != nil || n > 0 {
		t.Errorf("verify: %v, %d findings", err, n)
	}
}

func testEntry(url, payload, text string) Entry {
	p, x := sha256.Sum256([]byte(payload)), sha256.Sum256([]byte(text))
	return Entry{Capture: Capture{URL: url, Status: 200, PayloadSHA256: hex.EncodeToString(p[:]),
		TextSHA256: hex.EncodeToString(x[:])}, Payload: []byte(payload), Text: text}
}

// openUpgraded opens the archive at path for writing, which brings it to
// SchemaVersion, fails unless its meta says so, and closes it at the end
// of the test.
func openUpgraded(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if v := schemaOf(t, db); v != SchemaVersion {
		t.Errorf("schema after a writer opened it = %d, want %d", v, SchemaVersion)
	}
	return db
}

func schemaOf(t *testing.T, db *DB) int {
	var v int
	db.bolt.View(func(tx *bolt.Tx) error {
		v, _ = strconv.Atoi(string(tx.Bucket(bucketMeta).Get([]byte("schema"))))
		return nil
	})
	return v
}
