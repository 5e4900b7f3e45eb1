package archive_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// damagedFixture is an archive of five captures (the first two share a
// text) damaged three ways: capture 3's record is garbage, the blob of
// capture 4's payload and the blob of capture 5's text are deleted. Each
// of those blobs is a pair blob (schema 7, pair.go), the page's payload
// and its new text in one stream: capture 4's text and capture 5's
// payload are lost with them.
type damagedFixture struct {
	path              string
	ids               []uint64
	payload4, text5   archive.Hash
	text4, payload5   archive.Hash // lost with them: in the same pair blobs
	goodURLs, allURLs []string
}

func newDamagedFixture(t *testing.T) damagedFixture {
	t.Helper()
	fx := damagedFixture{path: filepath.Join(t.TempDir(), "prov.db")}
	db := MustOpenPath(t, fx.path, archive.Options{})
	entries := []archive.Entry{
		page("http://gov.test/a", htmlOf("a"), "shared text"),
		page("http://news.test/b", htmlOf("b"), "shared text"),
		page("http://news.test/c", htmlOf("c"), "text c"),
		page("http://news.test/d", htmlOf("d"), "text d"),
		page("http://blog.test/e", htmlOf("e"), "text e"),
	}
	fx.ids = MustWrite(t, db, entries...)
	fx.payload4, fx.text5 = sha(htmlOf("d")), sha("text e")
	fx.text4, fx.payload5 = sha("text d"), sha(htmlOf("e"))
	fx.goodURLs = []string{"http://gov.test/a", "http://news.test/b"}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	bdb, err := bolt.Open(fx.path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("captures")).Put(idKeyOf(fx.ids[2]), []byte(`{"id":3,"url":`)); err != nil {
			return err
		}
		ref := indexBucket(tx, "payloads", fx.payload4[:]).Get(fx.payload4[:])
		blobs := tx.Bucket([]byte("blobs"))
		if err := blobs.Delete(ref[len(ref)-8:]); err != nil {
			return err
		}
		// A binary document record (schema 6) ends with its text blob's ID
		// and its text's exact sha256.
		doc := indexBucket(tx, "documents", fx.text5[:]).Get(fx.text5[:])
		if len(doc) < 9 || doc[0] != 1 {
			return errors.New("document of capture 5 is not a binary record")
		}
		return blobs.Delete(doc[len(doc)-40 : len(doc)-32])
	})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func hashText(s string) string { return sha(s).String() }

func TestSalvageCopiesWhatReads(t *testing.T) {
	fx := newDamagedFixture(t)
	before, err := os.ReadFile(fx.path)
	if err != nil {
		t.Fatal(err)
	}
	into := filepath.Join(t.TempDir(), "rescued.db")
	var lost []string
	st, err := archive.Salvage(fx.path, into, archive.SalvageOptions{TextHasher: hashText},
		func(l archive.Loss) { lost = append(lost, l.Bucket+" "+l.Key) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"captures 0000000000000003",
		"payloads " + fx.payload4.String(), "captures 0000000000000004",
		"payloads " + fx.payload5.String(), "captures 0000000000000005", // the first of its two losses
	}
	if !slices.Equal(lost, want) {
		t.Errorf("lost\n%s\nwant\n%s", strings.Join(lost, "\n"), strings.Join(want, "\n"))
	}
	if st.Copied["captures"] != 2 || st.Copied["payloads"] != 2 || st.Copied["documents"] != 1 || st.Lost["captures"] != 3 {
		t.Errorf("stats %+v", st)
	}
	after, err := os.ReadFile(fx.path)
	if err != nil || string(after) != string(before) {
		t.Errorf("salvage changed the damaged archive (err %v)", err)
	}

	db := MustOpenPath(t, into, archive.Options{ReadOnly: true})
	var findings []archive.Finding
	if _, err := db.VerifyWith(archive.VerifyOptions{TextHasher: hashText}, func(f archive.Finding) error {
		findings = append(findings, f)
		return nil
	}); err != nil || len(findings) > 0 {
		t.Fatalf("verify of the salvaged archive: %v %v", err, findings)
	}
	var urls []string
	db.Captures(func(c archive.Capture) error { urls = append(urls, c.URL); return nil })
	if !slices.Equal(urls, fx.goodURLs) {
		t.Errorf("salvaged captures %v, want %v", urls, fx.goodURLs)
	}
	if works, err := db.Works(); err != nil || len(works) != 1 || len(works[0].Copies) != 2 {
		t.Errorf("works of the salvaged archive: %v, %+v", err, works)
	}
}

func TestSalvageRefusesAnExistingTarget(t *testing.T) {
	fx := newDamagedFixture(t)
	into := filepath.Join(t.TempDir(), "there.db")
	if err := os.WriteFile(into, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := archive.Salvage(fx.path, into, archive.SalvageOptions{}, nil); !errors.Is(err, os.ErrExist) {
		t.Errorf("salvage into an existing file: %v, want ErrExist", err)
	}
	if b, _ := os.ReadFile(into); string(b) != "keep" {
		t.Errorf("existing target overwritten")
	}
}

// TestSalvagePanicLeavesNoTarget: when Salvage panics part way (here the
// caller's lost callback), the panic goes on and the half-written target
// is closed and removed, so that a second salvage into it can run.
func TestSalvagePanicLeavesNoTarget(t *testing.T) {
	fx := newDamagedFixture(t)
	into := filepath.Join(t.TempDir(), "rescued.db")
	func() {
		defer func() {
			if r := recover(); r != "stop" {
				t.Errorf("the panic did not go on: recovered %v", r)
			}
		}()
		archive.Salvage(fx.path, into, archive.SalvageOptions{}, func(archive.Loss) { panic("stop") })
	}()
	if _, err := os.Stat(into); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("after a panic the target is still there: %v", err)
	}
	if _, err := archive.Salvage(fx.path, into, archive.SalvageOptions{}, nil); err != nil {
		t.Errorf("salvage after a panicked one: %v", err)
	}
}

// TestVerifyNamesEveryDamagedRecord: the three damaged records of the
// fixture, each named by verify.
func TestVerifyNamesEveryDamagedRecord(t *testing.T) {
	fx := newDamagedFixture(t)
	db := MustOpenPath(t, fx.path, archive.Options{ReadOnly: true})
	var got []string
	db.Verify(func(f archive.Finding) error { got = append(got, f.Kind+" "+f.Key); return nil })
	for _, want := range []string{
		archive.FindCaptureCorrupt + " 0000000000000003",
		archive.FindPayloadCorrupt + " " + fx.payload4.String(),
		archive.FindDocumentCorrupt + " " + fx.text5.String(),
	} {
		if !slices.Contains(got, want) {
			t.Errorf("verify did not say %q; it said %q", want, got)
		}
	}
}

// TestReadsSkipCorruptRecords: with OnSkip, stats and works read the rest
// and name each corrupt record once; without it they fail as before.
func TestReadsSkipCorruptRecords(t *testing.T) {
	fx := newDamagedFixture(t)
	strict := MustOpenPath(t, fx.path, archive.Options{ReadOnly: true})
	if _, err := strict.Stats(); err == nil {
		t.Errorf("strict stats of a corrupt archive: no error")
	}
	var skipped []string
	db := MustOpenPath(t, fx.path, archive.Options{ReadOnly: true, OnSkip: func(s archive.Skipped) {
		skipped = append(skipped, s.Bucket+" "+s.Key)
	}})
	st, err := db.Stats()
	if err != nil || st.Captures != 4 || st.Payloads != 3 || st.Documents != 2 {
		t.Errorf("stats: %v %+v, want 4 captures, 3 payloads, 2 documents", err, st)
	}
	works, err := db.Works()
	if err != nil || len(works) != 1 {
		t.Errorf("works: %v, %d works, want 1 (the shared text's; d's text went with its payload's pair blob)", err, len(works))
	}
	want := []string{"captures 0000000000000003", "payloads " + fx.payload4.String(), "payloads " + fx.payload5.String(),
		"documents " + fx.text5.String(), "documents " + fx.text4.String()}
	if !slices.Equal(skipped, want) {
		t.Errorf("skipped %q, want %q", skipped, want)
	}
}

// TestSalvageRefusesAnEmptyFile: an empty file is refused as Open refuses
// it read-only (not a prov archive), left untouched, and no target made;
// before, bbolt tried to write its first pages through a read-only
// descriptor ("bad file descriptor").
func TestSalvageRefusesAnEmptyFile(t *testing.T) {
	dir := t.TempDir()
	src, into := filepath.Join(dir, "empty.db"), filepath.Join(dir, "rescued.db")
	if err := os.WriteFile(src, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := archive.Salvage(src, into, archive.SalvageOptions{}, nil)
	_, openErr := archive.Open(src, archive.Options{ReadOnly: true})
	if !errors.Is(err, archive.ErrNotArchive) || openErr == nil || err.Error() != openErr.Error() {
		t.Errorf("salvage of an empty file: %v; want Open's error %v", err, openErr)
	}
	if fi, err := os.Stat(src); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was changed: %v %v", fi, err)
	}
	if _, err := os.Stat(into); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a target was made: %v", err)
	}
}

// TestCaptureFiledUnderAnotherID: a capture record whose ID is not its
// key's (here capture 3's record written under key 2, as a damaged ID
// reads) is a corrupt record to every read, skipped with OnSkip and an
// error otherwise; before, it was handed on as capture 3, twice.
func TestCaptureFiledUnderAnotherID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db := MustOpenPath(t, path, archive.Options{})
	ids := MustWrite(t, db, page("http://a.test/", htmlOf("a"), "text a"),
		page("http://b.test/", htmlOf("b"), "text b"), page("http://c.test/", htmlOf("c"), "text c"))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	bdb, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("captures"))
		return b.Put(idKeyOf(ids[1]), bytes.Clone(b.Get(idKeyOf(ids[2]))))
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}

	var skipped []string
	lenient := MustOpenPath(t, path, archive.Options{ReadOnly: true, OnSkip: func(s archive.Skipped) {
		skipped = append(skipped, s.Error())
	}})
	var walked, copies []uint64
	lenient.Captures(func(c archive.Capture) error { walked = append(walked, c.ID); return nil })
	lenient.LatestContent(func(c archive.Capture) error { copies = append(copies, c.ID); return nil })
	want := []uint64{ids[0], ids[2]}
	if !slices.Equal(walked, want) || !slices.Equal(copies, want) {
		t.Errorf("read captures %v and copies %v, want %v", walked, copies, want)
	}
	if len(skipped) != 1 || !strings.Contains(skipped[0], "captures 0000000000000002 (capture 2): record has id 3") {
		t.Errorf("skipped %q, want capture 2 once, its record naming 3", skipped)
	}
	strict := MustOpenPath(t, path, archive.Options{ReadOnly: true})
	if c, err := strict.Capture(ids[1]); err == nil {
		t.Errorf("capture 2 read as %d %s", c.ID, c.URL)
	}
	if err := strict.Captures(func(archive.Capture) error { return nil }); err == nil {
		t.Error("a strict walk read past the record")
	}
}
