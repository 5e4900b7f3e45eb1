package archive

import (
	"bytes"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prov-archive/prov/internal/cputime"

	bolt "go.etcd.io/bbolt"
)

// pairPage is a page whose text is words of its payload, as a crawled
// page's is: n paragraphs.
func pairPage(seed int64, n int) (payload, text string) {
	r := rand.New(rand.NewSource(seed))
	words := []string{"白皮书", "网络空间", "policy", "archive", "statement", "第一段", "ministry", "notice"}
	var p, x strings.Builder
	p.WriteString("<html><head><title>t</title></head><body>")
	for i := 0; i < n; i++ {
		var para strings.Builder
		for j := 0; j < 12; j++ {
			fmt.Fprintf(&para, "%s%d ", words[r.Intn(len(words))], r.Intn(100))
		}
		fmt.Fprintf(&p, "<p class=\"c%d\">%s</p>\n", i%3, para.String())
		x.WriteString(para.String() + "\n")
	}
	p.WriteString("</body></html>")
	return p.String(), x.String()
}

// storedForms returns the stored blob of the payload hashing to payload
// and the text blob of the document of text, with the IDs of both blobs.
func storedForms(t *testing.T, db *DB, payload, text string) (pblob []byte, pid uint64, tblob []byte, tid uint64) {
	t.Helper()
	err := db.view(func(tx *bolt.Tx) error {
		ph, th := Sum([]byte(payload)), Sum([]byte(text))
		ref := idxPayloads.in(tx).get(ph[:])
		if len(ref) != payloadHead+8 || ref[0] != codecBlob {
			return fmt.Errorf("payload record %x is no blob reference", ref)
		}
		pid = keyID(ref[payloadHead:])
		r, err := decodeDocRecord(idxDocuments.in(tx).get(th[:]))
		if err != nil {
			return err
		}
		tid = r.TextBlob
		p, err := getBlob(tx, pid)
		if err != nil {
			return err
		}
		x, err := getBlob(tx, tid)
		pblob, tblob = bytes.Clone(p), bytes.Clone(x)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pblob, pid, tblob, tid
}

func openPairDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "prov.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// checkReads fails unless the payload and the document read back as
// written.
func checkReads(t *testing.T, db *DB, payload, text string) {
	t.Helper()
	if p, err := db.Payload(Sum([]byte(payload)).String()); err != nil || string(p) != payload {
		t.Errorf("payload reads %d bytes, %v; want %d", len(p), err, len(payload))
	}
	if d, err := db.Document(Sum([]byte(text)).String()); err != nil || d.Text != text {
		t.Errorf("document reads %d bytes, %v; want %d", len(d.Text), err, len(text))
	}
}

// A new page's payload and new text go in one pair blob, which both the
// payload record and the document record name, and both read back; the
// pair is smaller than the two blobs stored apart.
func TestPairRoundTrip(t *testing.T) {
	db := openPairDB(t)
	payload, text := pairPage(1, 20)
	if _, err := db.Write([]Entry{testEntry("http://a.test/", payload, text)}); err != nil {
		t.Fatal(err)
	}
	pblob, pid, _, tid := storedForms(t, db, payload, text)
	if pblob[0] != codecPair || pid != tid {
		t.Fatalf("payload blob %d (codec %d), text blob %d: want one pair blob", pid, pblob[0], tid)
	}
	apart := len(encodePayload([]byte(payload))) + len(encodeText(text))
	if len(pblob) >= apart {
		t.Errorf("pair blob of %d bytes, the two apart %d", len(pblob), apart)
	}
	checkReads(t, db, payload, text)
	if err := db.Verify(func(f Finding) error { t.Error(f); return nil }); err != nil {
		t.Fatal(err)
	}
}

// Every other case is stored as before schema 7: a payload without a
// text deflated alone; a payload that came gzipped raw, its text alone;
// a payload and text past one stateless block each alone; a text whose
// payload is stored already coded alone; a payload whose document is
// stored already in a pair blob all the same (its text part unread).
func TestPairFallbacks(t *testing.T) {
	db := openPairDB(t)
	noText, _ := pairPage(2, 20)
	gzBytes, gz := gzippedPage()
	gzPage := string(gzBytes)
	precoded := testEntry("http://b.test/gz", string(gz), gzPage)
	precoded.Capture.ResponseHeader = map[string][]string{"Content-Encoding": {"gzip"}}
	hugePayload, hugeText := pairPage(3, 400)
	if len(hugePayload) <= statelessMax {
		t.Fatalf("huge payload of %d bytes fits one stateless block", len(hugePayload))
	}
	shared, sharedText := pairPage(4, 20)
	otherText := "another text of the shared payload"
	firstText := "a text stored first"
	later, _ := pairPage(5, 20)
	entries := []Entry{
		testEntry("http://b.test/none", noText, ""),
		precoded,
		testEntry("http://b.test/huge", hugePayload, hugeText),
		testEntry("http://b.test/shared", shared, sharedText),
		testEntry("http://b.test/shared-again", shared, otherText), // payload stored already
		testEntry("http://b.test/first", "<p>first</p>", firstText),
		testEntry("http://b.test/later", later, firstText), // document stored already
	}
	entries[0].Capture.TextSHA256 = ""
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
	codecs := func(payload, text string) (byte, byte, bool) {
		p, pid, x, tid := storedForms(t, db, payload, text)
		return p[0], x[0], pid == tid
	}
	for _, tc := range []struct {
		name           string
		payload, text  string
		pcodec, tcodec byte
		same           bool
	}{
		{"precoded", string(gz), gzPage, codecRaw, codecDeflate, false},
		{"huge", hugePayload, hugeText, codecDeflate, codecDeflate, false},
		{"shared payload, first text", shared, sharedText, codecPair, codecPair, true},
		{"shared payload, second text", shared, otherText, codecPair, codecRaw, false},
		{"known document", later, firstText, codecPair, codecRaw, false},
	} {
		p, x, same := codecs(tc.payload, tc.text)
		if p != tc.pcodec || x != tc.tcodec || same != tc.same {
			t.Errorf("%s: payload codec %d, text codec %d, one blob %v; want %d, %d, %v",
				tc.name, p, x, same, tc.pcodec, tc.tcodec, tc.same)
		}
		checkReads(t, db, tc.payload, tc.text)
	}
	if p, err := db.Payload(Sum([]byte(noText)).String()); err != nil || string(p) != noText {
		t.Errorf("payload without a text: %v", err)
	}
	err := db.view(func(tx *bolt.Tx) error {
		h := Sum([]byte(noText))
		s, err := storedPayload(tx, idxPayloads.in(tx).get(h[:]))
		if err == nil && s[0] != codecDeflate {
			err = fmt.Errorf("payload without a text stored in codec %d", s[0])
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
	if err := db.Verify(func(f Finding) error { t.Error(f); return nil }); err != nil {
		t.Fatal(err)
	}
}

// A page fetched again whose text is its previous capture's document
// (documentKnown): prepare codes its payload alone, not in a pair blob,
// and leaves the text uncoded.
func TestPairNotForAKnownDocument(t *testing.T) {
	db := openPairDB(t)
	v1, text := pairPage(8, 20)
	v2, _ := pairPage(9, 20)
	const url = "http://c.test/"
	if _, err := db.Write([]Entry{testEntry(url, v1, text)}); err != nil {
		t.Fatal(err)
	}
	prev, err := db.Previous(url)
	if err != nil {
		t.Fatal(err)
	}
	e := testEntry(url, v2, text)
	e.Previous = &prev
	if err := prepare(&e); err != nil {
		t.Fatal(err)
	}
	if e.stored[0] != codecDeflate || e.storedText != nil {
		t.Errorf("prepare stored codec %d and a coded text of %d bytes; want the payload deflated alone, no text", e.stored[0], len(e.storedText))
	}
}

// Damage in a pair blob's stream: cut in the payload's part, both reads
// fail and the text's error names the payload part it stopped in; a
// change at the end, in the text's part, leaves the payload readable and
// the text's error names the text part.
func TestPairDamage(t *testing.T) {
	payload, text := pairPage(6, 20)
	blob := encodePair([]byte(payload), text)
	if blob == nil {
		t.Fatal("no pair blob")
	}
	cut := blob[:pairHead+20]
	if _, err := decodePairPayload(cut); err == nil || !strings.Contains(err.Error(), "payload part") {
		t.Errorf("payload of a cut stream: %v", err)
	}
	if _, err := decodePairText(cut); err == nil || !strings.Contains(err.Error(), "payload part") {
		t.Errorf("text of a cut stream: %v, want an error naming the payload part", err)
	}
	tail := bytes.Clone(blob[:len(blob)-2])
	if p, err := decodePayload(tail); err != nil || string(p) != payload {
		t.Errorf("payload before a damaged text part: %v", err)
	}
	if _, err := decodeText(tail); err == nil || !strings.Contains(err.Error(), "text part") {
		t.Errorf("text of a stream cut in its part: %v, want an error naming the text part", err)
	}
	long := bytes.Clone(blob)
	long[16]++ // the text's length, one more than the stream holds
	if _, err := decodeText(long); err == nil || !strings.Contains(err.Error(), "text part") {
		t.Errorf("text shorter than its header says: %v", err)
	}
	if _, err := decodeText(blob[:pairHead-1]); err == nil {
		t.Error("a short header decodes")
	}
}

// TestSchema6Archive opens testdata/schema6.db.gz, written by prov before
// pair blobs (see testdata/README): every payload and document reads as
// stored, it verifies clean, and a writer migrates it to schema 7 and
// stores a new page in a pair blob beside the old blobs.
func TestSchema6Archive(t *testing.T) {
	path := gunzipFixture(t, "testdata/schema6.db.gz")
	db := openUpgraded(t, path)
	n := 0
	err := db.Captures(func(c Capture) error {
		if c.PayloadSHA256 != "" {
			if _, err := db.Payload(c.PayloadSHA256); err != nil {
				return err
			}
		}
		if c.TextSHA256 != "" {
			if d, err := db.Document(c.TextSHA256); err != nil || d.Text == "" {
				return fmt.Errorf("document %s: %v", c.TextSHA256, err)
			}
			n++
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("reading the schema 6 archive: %v (%d documents read)", err, n)
	}
	payload, text := pairPage(7, 20)
	if _, err := db.Write([]Entry{testEntry("http://new.test/", payload, text)}); err != nil {
		t.Fatal(err)
	}
	if p, _, _, _ := storedForms(t, db, payload, text); p[0] != codecPair {
		t.Errorf("new page stored in codec %d, want a pair blob", p[0])
	}
	checkReads(t, db, payload, text)
	if err := db.Verify(func(f Finding) error { t.Error(f); return nil }); err != nil {
		t.Fatal(err)
	}
}

// benchPair is a page of pageLike's and its text: the words between its
// tags, as clean keeps them (a stand-in: what matters is that the text
// is the payload's words).
func benchPair(p []byte) (payload []byte, text string) {
	var x strings.Builder
	in := false
	for _, c := range string(p) {
		switch {
		case c == '<':
			in = true
		case c == '>':
			in = false
		case !in:
			x.WriteRune(c)
		}
	}
	return p, x.String()
}

// BenchmarkPairRead codes a page's payload and text as schema 7 stores a
// new page's (one pair blob) and as schema 6 did (two blobs), and reads
// each back: payload and text, as Payload and Document do. cpu-ns/op is
// the CPU an op takes (cputime), to compare on a shared machine; bytes is
// the stored size of the page's blobs.
func BenchmarkPairRead(b *testing.B) {
	pages := pageLike(16)
	type form struct{ payload, text []byte }
	apart, pair := make([]form, len(pages)), make([]form, len(pages))
	texts := make([]string, len(pages))
	sizeApart, sizePair := 0, 0
	for i, p := range pages {
		payload, text := benchPair(p)
		texts[i] = text
		apart[i] = form{encodePayload(payload), encodeText(text)}
		blob := encodePair(payload, text)
		if blob == nil {
			b.Fatal("page not paired")
		}
		pair[i] = form{blob, blob}
		sizeApart += len(apart[i].payload) + len(apart[i].text)
		sizePair += len(blob)
	}
	for _, set := range []struct {
		name  string
		forms []form
		size  int
	}{{"apart", apart, sizeApart}, {"pair", pair, sizePair}} {
		b.Run("encode/"+set.name, func(b *testing.B) {
			defer cputime.Report(b, cputime.Process())
			for i := 0; b.Loop(); i++ {
				k := i % len(pages)
				if set.name == "pair" {
					encodePair(pages[k], texts[k])
				} else {
					encodePayload(pages[k])
					encodeText(texts[k])
				}
			}
			b.ReportMetric(float64(set.size)/float64(len(pages)), "bytes")
		})
		b.Run("payload/"+set.name, func(b *testing.B) {
			defer cputime.Report(b, cputime.Process())
			for i := 0; b.Loop(); i++ {
				k := i % len(pages)
				if p, err := decodePayload(set.forms[k].payload); err != nil || len(p) != len(pages[k]) {
					b.Fatalf("%d bytes, %v", len(p), err)
				}
			}
		})
		b.Run("text/"+set.name, func(b *testing.B) {
			defer cputime.Report(b, cputime.Process())
			for i := 0; b.Loop(); i++ {
				k := i % len(pages)
				if x, err := decodeText(set.forms[k].text); err != nil || len(x) != len(texts[k]) {
					b.Fatalf("%d bytes, %v", len(x), err)
				}
			}
		})
	}
}
