package archive_test

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// fixture is a small archive on disk: one run, three captures, two of them
// sharing a text.
type fixture struct {
	path string
	ids  []uint64
	run  uint64
	text string // the shared text
	raw  string // the payload of the first capture
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	fx := fixture{path: filepath.Join(t.TempDir(), "prov.db"), text: "网络空间命运共同体", raw: htmlOf("first copy")}
	db, err := archive.Open(fx.path, archive.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.BeginRun([]string{"http://gov.test/"}, "")
	if err != nil {
		t.Fatal(err)
	}
	entries := []archive.Entry{
		page("http://gov.test/a", fx.raw, fx.text),
		page("http://news.test/b", htmlOf("second copy"), fx.text),
		page("http://news.test/c", htmlOf("other"), "another text"),
	}
	for i := range entries {
		entries[i].Capture.RunID = r.ID
	}
	fx.ids, fx.run = MustWrite(t, db, entries...), r.ID
	if err := db.FinishRun(r); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return fx
}

// damage edits the archive's bbolt file directly.
func (fx fixture) damage(t *testing.T, fn func(tx *bolt.Tx) error) {
	t.Helper()
	bdb, err := bolt.Open(fx.path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// verify runs Verify on a read-only open and returns the findings.
func (fx fixture) verify(t *testing.T, opts archive.VerifyOptions) ([]archive.Finding, archive.VerifyStats) {
	t.Helper()
	db := MustOpenPath(t, fx.path, archive.Options{ReadOnly: true})
	var got []archive.Finding
	st, err := db.VerifyWith(opts, func(f archive.Finding) error {
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return got, st
}

func sha(s string) archive.Hash { return archive.Sum([]byte(s)) }

func TestVerifyCleanArchive(t *testing.T) {
	fx := newFixture(t)
	got, st := fx.verify(t, archive.VerifyOptions{TextHasher: func(s string) string { return sha(s).String() }})
	if len(got) != 0 {
		t.Fatalf("findings on a clean archive: %v", got)
	}
	want := archive.VerifyStats{Captures: 3, Payloads: 3, Documents: 2, Runs: 1}
	if st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
}

// TestVerifyFlippedPayloadByte: a byte changed in the payload's part of
// a pair blob (schema 7: the first page's payload and its new text in
// one stream) is a corrupt payload. The text after it in the stream may
// still read (here it does, and hashes as it should); when it does not,
// its finding names the payload's part, where the inflater stopped.
func TestVerifyFlippedPayloadByte(t *testing.T) {
	fx := newFixture(t)
	key := sha(fx.raw)
	fx.damage(t, func(tx *bolt.Tx) error { return flipBlobByteAt(tx, key[:], pairHead+1) })
	got, _ := fx.verify(t, archive.VerifyOptions{})
	if len(got) == 0 || got[0].Kind != archive.FindPayloadCorrupt || got[0].Key != key.String() {
		t.Fatalf("findings %v, want a payload-corrupt for %s", got, key.Short())
	}
	for _, d := range got[1:] {
		if d.Kind != archive.FindDocumentCorrupt || d.Key != sha(fx.text).String() || !strings.Contains(d.Detail, "payload part") {
			t.Errorf("finding %v, want none or a document-corrupt for the text, naming the payload part", d)
		}
	}
	var f archive.Finding
	if err := error(got[0]); !errors.As(err, &f) || !errors.Is(err, archive.ErrFinding) {
		t.Errorf("finding does not match errors.As / errors.Is(ErrFinding)")
	}
}

func TestVerifyDeletedCapture(t *testing.T) {
	fx := newFixture(t)
	id := fx.ids[0] // first copy of the shared text
	fx.damage(t, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("captures")).Delete(idKeyOf(id))
	})
	got, _ := fx.verify(t, archive.VerifyOptions{})
	want := []string{
		"index-dangling documents " + sha(fx.text).String(),
		"index-dangling doccaps " + sha(fx.text).String(),
		"index-dangling urls http://gov.test/a",
	}
	if g := summarize(got, id); !reflect.DeepEqual(g, sorted(want)) {
		t.Fatalf("findings\n%v\nwant\n%v", g, sorted(want))
	}
}

func TestVerifyDeletedDocument(t *testing.T) {
	fx := newFixture(t)
	key := sha("another text")
	fx.damage(t, func(tx *bolt.Tx) error {
		return indexBucket(tx, "documents", key[:]).Delete(key[:])
	})
	got, _ := fx.verify(t, archive.VerifyOptions{})
	if len(got) != 1 || got[0].Kind != archive.FindDocumentMissing || got[0].Key != key.String() || got[0].Capture != fx.ids[2] {
		t.Fatalf("findings %v, want one document-missing for capture %d", got, fx.ids[2])
	}
}

// TestVerifyFlippedTextByte: a byte changed at the end of a pair blob,
// in its text's part, is a corrupt document whose finding names the text
// part; the payload before it in the stream still reads.
func TestVerifyFlippedTextByte(t *testing.T) {
	fx := newFixture(t)
	key := sha(fx.raw)
	fx.damage(t, func(tx *bolt.Tx) error { return flipBlobByteAt(tx, key[:], -1) })
	got, _ := fx.verify(t, archive.VerifyOptions{})
	if len(got) != 1 || got[0].Kind != archive.FindDocumentCorrupt || got[0].Key != sha(fx.text).String() ||
		!strings.Contains(got[0].Detail, "text part") {
		t.Fatalf("findings %v, want one document-corrupt naming the text part", got)
	}
	db := MustOpenPath(t, fx.path, archive.Options{ReadOnly: true})
	if p, err := db.Payload(key.String()); err != nil || string(p) != fx.raw {
		t.Errorf("payload before the damaged text: %q, %v", p, err)
	}
}

// pairHead is the length of a pair blob's header (archive's pair.go):
// codec byte, payload length, text length.
const pairHead = 17

// flipBlobByteAt changes byte i (counted from the end when negative) of
// the blob the payload record under key names.
func flipBlobByteAt(tx *bolt.Tx, key []byte, i int) error {
	ref := indexBucket(tx, "payloads", key).Get(key)
	blobs := tx.Bucket([]byte("blobs"))
	id := bytes.Clone(ref[len(ref)-8:])
	v := bytes.Clone(blobs.Get(id))
	if i < 0 {
		i += len(v)
	}
	v[i] ^= 0x01
	return blobs.Put(id, v)
}

func TestVerifyOtherDamage(t *testing.T) {
	cases := map[string]struct {
		damage func(fx fixture, tx *bolt.Tx) error
		kind   string
	}{
		"payload deleted": {func(fx fixture, tx *bolt.Tx) error {
			k := sha(fx.raw)
			return indexBucket(tx, "payloads", k[:]).Delete(k[:])
		}, archive.FindPayloadMissing},
		"url entry deleted": {func(fx fixture, tx *bolt.Tx) error {
			k := append([]byte("http://news.test/c\x00"), idKeyOf(fx.ids[2])...)
			return indexBucket(tx, "urls", k).Delete(k)
		}, archive.FindCaptureUnindexed},
		"run deleted": {func(fx fixture, tx *bolt.Tx) error {
			return tx.Bucket([]byte("runs")).Delete(idKeyOf(fx.run))
		}, archive.FindRunMissing},
		"document text changed": {func(fx fixture, tx *bolt.Tx) error {
			// A pair blob of the same payload and another text of
			// the same length: the stream reads, the text's hash
			// does not match.
			k := sha(htmlOf("other"))
			ref := indexBucket(tx, "payloads", k[:]).Get(k[:])
			return tx.Bucket([]byte("blobs")).Put(ref[len(ref)-8:], pairBlob(htmlOf("other"), "altered text"))
		}, archive.FindDocumentCorrupt},
		"payload blob deleted": {func(fx fixture, tx *bolt.Tx) error {
			k := sha(fx.raw)
			ref := indexBucket(tx, "payloads", k[:]).Get(k[:])
			return tx.Bucket([]byte("blobs")).Delete(ref[len(ref)-8:])
		}, archive.FindPayloadCorrupt}, // and its text's document, in the same pair blob

	}
	hasher := archive.VerifyOptions{TextHasher: func(s string) string { return sha(s).String() }}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			fx := newFixture(t)
			fx.damage(t, func(tx *bolt.Tx) error { return c.damage(fx, tx) })
			got, _ := fx.verify(t, hasher)
			if len(got) == 0 || got[0].Kind != c.kind {
				t.Fatalf("findings %v, want %s", got, c.kind)
			}
			want := 1
			if name == "payload blob deleted" {
				want = 2
			}
			if name != "run deleted" && len(got) != want {
				t.Errorf("findings %v, want exactly one", got)
			}
		})
	}
}

func TestVerifyStopsOnCallbackError(t *testing.T) {
	fx := newFixture(t)
	fx.damage(t, func(tx *bolt.Tx) error { return tx.Bucket([]byte("runs")).Delete(idKeyOf(fx.run)) })
	db := MustOpenPath(t, fx.path, archive.Options{ReadOnly: true})
	stop := errors.New("stop")
	n := 0
	err := db.Verify(func(archive.Finding) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err %v after %d findings, want stop after 1", err, n)
	}
}

func idKeyOf(id uint64) []byte {
	b := make([]byte, 8)
	for i := 7; i >= 0; i-- {
		b[i] = byte(id)
		id >>= 8
	}
	return b
}

// summarize lists findings as "kind bucket key", sorted, failing unless
// each names capture id.
func summarize(fs []archive.Finding, id uint64) []string {
	var out []string
	for _, f := range fs {
		s := fmt.Sprintf("%s %s %s", f.Kind, f.Bucket, f.Key)
		if f.Capture != id {
			s += fmt.Sprintf(" (capture %d, want %d)", f.Capture, id)
		}
		out = append(out, s)
	}
	return sorted(out)
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

// pairBlob is a pair blob (archive's pair.go) as a reader expects it:
// codec 3, the two lengths, one deflate stream of payload then text.
func pairBlob(payload, text string) []byte {
	var buf bytes.Buffer
	buf.WriteByte(3)
	buf.Write(binary.BigEndian.AppendUint64(nil, uint64(len(payload))))
	buf.Write(binary.BigEndian.AppendUint64(nil, uint64(len(text))))
	zw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	zw.Write([]byte(payload + text))
	zw.Close()
	return buf.Bytes()
}
