package archive

import (
	"bytes"
	"compress/gzip"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A payload that came gzipped is stored raw without a try at deflating
// it: the stored form is the one a try gave (deflate does not shrink
// gzip's bytes), and the bytes read back as they came. A response that
// names gzip over bytes that are not gzip's, or a coding whose bytes
// cannot be checked (br), is tried as before.
func TestPrecodedPayloadStoredRaw(t *testing.T) {
	page, gz := gzippedPage()
	if tried := encodePayload(gz); tried[0] != codecRaw {
		t.Fatalf("deflate shrank the gzip payload (codec %d): the test's premise fails", tried[0])
	}

	db, err := Open(filepath.Join(t.TempDir(), "prov.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	entry := func(url, coding string, body []byte) Entry {
		now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
		return Entry{Capture: Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
			ResponseHeader: map[string][]string{"Content-Encoding": {coding}},
			FetchStart:     now, FetchEnd: now, ToolVersion: "test"}, Payload: body}
	}
	for _, tc := range []struct {
		name, coding string
		body         []byte
		codec        byte
	}{
		{"gzip", "gzip", gz, codecRaw},
		{"listed last", "identity, GZIP", gz, codecRaw},
		{"gzip named, not gzip", "gzip", page, codecDeflate},
		{"other coding", "compress", page, codecDeflate},
		{"br, unchecked", "br", page, codecDeflate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := entry("http://a.test/"+tc.name, tc.coding, tc.body)
			if got, want := precoded(&e.Capture, tc.body), tc.codec == codecRaw; got != want {
				t.Errorf("precoded %v, want %v", got, want)
			}
			if err := prepare(&e); err != nil {
				t.Fatal(err)
			}
			if e.stored[0] != tc.codec {
				t.Errorf("stored with codec %d, want %d", e.stored[0], tc.codec)
			}
			if tc.codec == codecRaw && !bytes.Equal(e.stored, encodePayload(tc.body)) {
				t.Error("stored form differs from the one a try at deflating gave")
			}
			ids, err := db.Write([]Entry{entry("http://a.test/"+tc.name, tc.coding, tc.body)})
			if err != nil {
				t.Fatal(err)
			}
			c, err := db.Capture(ids[0])
			if err != nil {
				t.Fatal(err)
			}
			got, err := db.Payload(c.PayloadSHA256)
			if err != nil || !bytes.Equal(got, tc.body) {
				t.Fatalf("payload read back: %v, equal %v", err, bytes.Equal(got, tc.body))
			}
			db.view(func(tx *bolt.Tx) error {
				h, _ := ParseHash(c.PayloadSHA256)
				s, err := storedPayload(tx, idxPayloads.in(tx).get(h[:]))
				if err != nil || s[0] != tc.codec {
					t.Errorf("archive holds codec %d (%v), want %d", firstByte(s), err, tc.codec)
				}
				return nil
			})
		})
	}
}

func TestLastCoding(t *testing.T) {
	for _, tc := range []struct {
		values []string
		want   string
	}{
		{nil, ""},
		{[]string{"gzip"}, "gzip"},
		{[]string{" Br "}, "br"},
		{[]string{"deflate, gzip"}, "gzip"},
		{[]string{"gzip", "zstd"}, "zstd"},
		{[]string{"gzip", ""}, "gzip"},
		{[]string{"gzip,"}, "gzip"},
		{[]string{"gzip, ,"}, "gzip"},
		{[]string{",", " "}, ""},
	} {
		if got := lastCoding(tc.values); got != tc.want {
			t.Errorf("lastCoding(%q) = %q, want %q", tc.values, got, tc.want)
		}
	}
}

// BenchmarkEncodePrecoded codes the stored form of a gzipped page of 18
// KB, as a crawl of a site that serves gzip does for every page.
func BenchmarkEncodePrecoded(b *testing.B) {
	_, gz := gzippedPage()
	c := &Capture{ResponseHeader: map[string][]string{"Content-Encoding": {"gzip"}}}
	b.Run("tried", func(b *testing.B) {
		for range b.N {
			encodePayload(gz)
		}
	})
	b.Run("precoded", func(b *testing.B) {
		for range b.N {
			encodePayloadOf(c, gz)
		}
	})
}

// gzippedPage returns a page of about 18 KB and its gzip stream.
func gzippedPage() (page, gz []byte) {
	var p, z bytes.Buffer
	for _, b := range pageLike(8) {
		p.Write(b)
	}
	zw := gzip.NewWriter(&z)
	zw.Write(p.Bytes())
	zw.Close()
	return p.Bytes(), z.Bytes()
}
