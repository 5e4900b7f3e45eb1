package archive_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
)

const officialText = "为深入贯彻落实国家关于生态文明建设的决策部署，进一步加强流域保护和地下水管理。\n\n各省级人民政府应当每年公布地下水水位，接受社会监督。"

var commaText = strings.ReplaceAll(officialText, "，", ",")

// cleanPage is page with clean's text hash, as a crawl writes it.
func cleanPage(url, text string) archive.Entry {
	e := page(url, htmlOf(url), text)
	e.Capture.TextSHA256, e.Capture.NormVersion = clean.TextHash(text), clean.NormVersion
	return e
}

// verifyClean checks db with clean's hasher and fails on any finding.
func verifyClean(t *testing.T, db *archive.DB) {
	t.Helper()
	for _, f := range findings(t, db, clean.TextHash) {
		t.Errorf("finding: %v", f)
	}
}

func findings(t *testing.T, db *archive.DB, hasher func(string) string) []archive.Finding {
	t.Helper()
	var out []archive.Finding
	_, err := db.VerifyWith(archive.VerifyOptions{TextHasher: hasher}, func(f archive.Finding) error {
		out = append(out, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeAt writes each batch into the archive at path, in turn, and closes
// it; the batches' capture IDs are returned in order.
func writeAt(t *testing.T, path string, batches ...[]archive.Entry) []uint64 {
	t.Helper()
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []uint64
	for _, b := range batches {
		ids = append(ids, MustWrite(t, db, b...)...)
	}
	return ids
}

func captureText(t *testing.T, db *archive.DB, id uint64) (archive.Capture, string) {
	t.Helper()
	c, err := db.Capture(id)
	if err != nil {
		t.Fatal(err)
	}
	text, err := db.CaptureText(c)
	if err != nil {
		t.Fatalf("capture %d: %v", id, err)
	}
	return c, text
}

// A copy whose text differs from its document's only in what
// normalisation folds names its own text, stored once however many
// captures bring it; a copy with the document's very text names none.
func TestOwnTextStoredOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	ids := writeAt(t, path, []archive.Entry{cleanPage("http://gov.test/a", officialText)}, []archive.Entry{
		cleanPage("http://copy.test/a", commaText),
		cleanPage("http://again.test/a", commaText),
		cleanPage("http://same.test/a", officialText)})
	var kept int
	archive.RawUpdate(t, path, func(tx *bolt.Tx) error {
		kept = tx.Bucket([]byte("owntexts")).Stats().KeyN
		return nil
	})
	db := MustOpenPath(t, path, archive.Options{ReadOnly: true})
	want := []string{officialText, commaText, commaText, officialText}
	var own []string
	for i, id := range ids {
		c, text := captureText(t, db, id)
		if text != want[i] {
			t.Errorf("capture %d text %q, want %q", id, text, want[i])
		}
		own = append(own, c.OwnTextSHA256)
	}
	wantOwn := []string{"", sha(commaText).String(), sha(commaText).String(), ""}
	if strings.Join(own, " ") != strings.Join(wantOwn, " ") {
		t.Errorf("own text hashes %q, want %q", own, wantOwn)
	}
	if st, err := db.Stats(); err != nil || st.Documents != 1 || kept != 1 {
		t.Errorf("%d documents, %d own texts (%v); want one of each", st.Documents, kept, err)
	}
	verifyClean(t, db)
}

// Verify finds an own text whose stored bytes were changed, one that is
// gone, and one that does not normalise to its capture's text hash.
func TestVerifyOwnTexts(t *testing.T) {
	write := func(t *testing.T) (string, uint64) {
		path := filepath.Join(t.TempDir(), "prov.db")
		ids := writeAt(t, path, []archive.Entry{cleanPage("http://gov.test/a", officialText)}, []archive.Entry{cleanPage("http://copy.test/a", commaText)})
		return path, ids[1]
	}
	x := sha(commaText)
	t.Run("tampered", func(t *testing.T) {
		path, _ := write(t)
		archive.RawUpdate(t, path, func(tx *bolt.Tx) error {
			ref := tx.Bucket([]byte("owntexts")).Get(x[:])
			if len(ref) != 9 || ref[0] != 1 {
				t.Fatalf("own text record %x, want a blob reference", ref)
			}
			blobs := tx.Bucket([]byte("blobs"))
			key := ref[1:]
			b := append([]byte(nil), blobs.Get(key)...)
			b[len(b)-1] ^= 1
			return blobs.Put(key, b)
		})
		fs := findings(t, MustOpenPath(t, path, archive.Options{ReadOnly: true}), clean.TextHash)
		if len(fs) == 0 || fs[0].Kind != archive.FindOwnTextCorrupt || fs[0].Key != x.String() {
			t.Errorf("findings %v, want own-text-corrupt %s", fs, x.Short())
		}
	})
	t.Run("missing", func(t *testing.T) {
		path, id := write(t)
		archive.RawUpdate(t, path, func(tx *bolt.Tx) error { return tx.Bucket([]byte("owntexts")).Delete(x[:]) })
		db := MustOpenPath(t, path, archive.Options{ReadOnly: true})
		fs := findings(t, db, clean.TextHash)
		if len(fs) != 1 || fs[0].Kind != archive.FindOwnTextMissing || fs[0].Capture != id {
			t.Errorf("findings %v, want own-text-missing for capture %d", fs, id)
		}
		if c, err := db.Capture(id); err == nil {
			if _, err := db.CaptureText(c); err == nil {
				t.Error("CaptureText read a text that is gone")
			}
		}
	})
	t.Run("not normalising alike", func(t *testing.T) {
		path, id := write(t)
		db := MustOpenPath(t, path, archive.Options{ReadOnly: true})
		plain := func(s string) string { return sha(s).String() } // no normalisation: the texts hash apart
		var own bool
		for _, f := range findings(t, db, plain) {
			own = own || (f.Kind == archive.FindOwnTextCorrupt && f.Capture == id && strings.Contains(f.Detail, "normalises to"))
		}
		if !own {
			t.Errorf("verify with another normalisation did not find capture %d's own text", id)
		}
	})
}

// A document stored before schema 6 has no exact sha256: the first write
// of a capture with its text compares the texts once and records that
// they are the same; a copy with other characters keeps its own.
func TestOwnTextOfOldDocument(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	first := writeAt(t, path, []archive.Entry{cleanPage("http://gov.test/a", officialText)})[0]
	h, _ := archive.ParseHash(clean.TextHash(officialText))
	archive.RawUpdate(t, path, func(tx *bolt.Tx) error { // as schema 5 wrote it: no exact sha256 at the end
		b := indexBucket(tx, "documents", h[:])
		v := b.Get(h[:])
		return b.Put(h[:], append([]byte(nil), v[:len(v)-32]...))
	})
	db := MustOpenPath(t, path, archive.Options{})
	if d, err := db.Document(h.String()); err != nil || d.ExactSHA256 != "" || d.Text != officialText {
		t.Fatalf("old document: %+v, %v", d, err)
	}
	same := MustWrite(t, db, cleanPage("http://same.test/a", officialText))[0]
	var rec []byte
	x := sha(officialText)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	archive.RawUpdate(t, path, func(tx *bolt.Tx) error {
		rec = append(rec, tx.Bucket([]byte("owntexts")).Get(x[:])...)
		return nil
	})
	db = MustOpenPath(t, path, archive.Options{})
	if len(rec) != 33 || rec[0] != 2 || string(rec[1:]) != string(h[:]) {
		t.Errorf("owntexts record of the document's text %x, want the document's hash", rec)
	}
	other := MustWrite(t, db, cleanPage("http://copy.test/a", commaText), cleanPage("http://same2.test/a", officialText))
	for id, want := range map[uint64]string{first: officialText, same: officialText, other[0]: commaText, other[1]: officialText} {
		if c, text := captureText(t, db, id); text != want || (c.OwnTextSHA256 != "") != (want != officialText) {
			t.Errorf("capture %d: text %q, own %q; want %q", id, text, c.OwnTextSHA256, want)
		}
	}
	verifyClean(t, db)
}

// A capture written before own texts were kept, without the field, reads
// its document's text, as before.
func TestCaptureTextWithoutOwnText(t *testing.T) {
	db := MustOpen(t)
	ids := MustWrite(t, db, cleanPage("http://gov.test/a", officialText))
	c, text := captureText(t, db, ids[0])
	if c.OwnTextSHA256 != "" || text != officialText {
		t.Errorf("own %q, text %q", c.OwnTextSHA256, text)
	}
	if _, err := db.CaptureText(archive.Capture{ID: 9}); err == nil {
		t.Error("CaptureText of a capture without a text did not fail")
	}
}

// Salvage carries a copy's own text into the new archive, and loses a
// copy whose own text no longer reads, reporting the text.
func TestSalvageOwnTexts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "prov.db")
	ids := writeAt(t, path, []archive.Entry{cleanPage("http://gov.test/a", officialText)},
		[]archive.Entry{cleanPage("http://copy.test/a", commaText)})
	salvage := func(t *testing.T, into string) []archive.Loss {
		var lost []archive.Loss
		_, err := archive.Salvage(path, into, archive.SalvageOptions{TextHasher: clean.TextHash}, func(l archive.Loss) { lost = append(lost, l) })
		if err != nil {
			t.Fatal(err)
		}
		return lost
	}
	into := filepath.Join(dir, "rescued.db")
	if lost := salvage(t, into); len(lost) != 0 {
		t.Fatalf("lost %v from a whole archive", lost)
	}
	db := MustOpenPath(t, into, archive.Options{ReadOnly: true})
	for id, want := range map[uint64]string{ids[0]: officialText, ids[1]: commaText} {
		if _, text := captureText(t, db, id); text != want {
			t.Errorf("salvaged capture %d: text %q, want %q", id, text, want)
		}
	}
	verifyClean(t, db)

	x := sha(commaText)
	archive.RawUpdate(t, path, func(tx *bolt.Tx) error {
		ref := tx.Bucket([]byte("owntexts")).Get(x[:])
		return tx.Bucket([]byte("blobs")).Delete(ref[1:])
	})
	lost := salvage(t, filepath.Join(dir, "rescued2.db"))
	var got []string
	for _, l := range lost {
		got = append(got, l.Bucket+" "+l.Key)
	}
	want := []string{"owntexts " + x.String(), "captures " + hexID(ids[1])}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lost\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func hexID(id uint64) string { return fmt.Sprintf("%016x", id) }
