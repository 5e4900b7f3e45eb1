package archive_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
)

// TestStoredBytesGolden writes a fixed set of entries, of every form the
// write path codes differently (a payload deflated statelessly, one past
// statelessMax, one kept raw; a text, a text already stored, one whose
// hash is not canonical; a sketch; a head that is not UTF-8; fetch times
// not in UTC; a failure; a revisit), and compares a digest of every
// bucket's keys and values with testdata/stored-bytes.golden, which the
// code before issue #16's cuts of the write path made. A change to the
// write path must leave what it stores as it was, byte for byte; -update
// rewrites the file (only for a change meant to store other bytes).
func TestStoredBytesGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := archive.Open(path, archive.Options{Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	entries := goldenEntries()
	for len(entries) > 0 { // in batches of 5: writes that meet what earlier ones stored
		n := min(5, len(entries))
		if _, err := db.Write(entries[:n]); err != nil {
			t.Fatal(err)
		}
		entries = entries[n:]
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	bdb, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	var got strings.Builder
	err = bdb.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			digestBucket(&got, string(name), b)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/stored-bytes.golden", "digests of the stored buckets", got.String())
}

// digestBucket writes a line for b (its path, key count, sequence and the
// sha256 of its keys and values in order), then one for each bucket in it.
func digestBucket(w *strings.Builder, path string, b *bolt.Bucket) {
	h := sha256.New()
	n := 0
	var nested []string
	b.ForEach(func(k, v []byte) error {
		if v == nil && b.Bucket(k) != nil {
			nested = append(nested, string(k))
			return nil
		}
		fmt.Fprintf(h, "%d:%x %d:%x\n", len(k), k, len(v), v)
		n++
		return nil
	})
	fmt.Fprintf(w, "%s keys=%d seq=%d %x\n", path, n, b.Sequence(), h.Sum(nil))
	for _, k := range nested {
		digestBucket(w, path+"/"+k, b.Bucket([]byte(k)))
	}
}

// goldenEntries are the entries TestStoredBytesGolden writes: the same
// on every run.
func goldenEntries() []archive.Entry {
	r := rand.New(rand.NewPCG(16, 20))
	words := strings.Fields("the archive keeps every capture of a page as it came with its text and the dates found on it 新闻 发布 时间 <b>&amp;</b>")
	prose := func(n int) string {
		var s strings.Builder
		for i := 0; i < n; i++ {
			s.WriteString(words[r.IntN(len(words))])
			s.WriteByte(' ')
		}
		return s.String()
	}
	noise := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return b
	}
	var out []archive.Entry
	shared := prose(300)
	for i := 0; i < 24; i++ {
		url := fmt.Sprintf("https://news.example/a/%d.html", i%20)
		text := prose(100 + 40*i)
		switch i % 6 {
		case 1:
			text = shared // a document stored already
		case 4:
			text = strings.ReplaceAll(shared, "the", "the ") // another own text of a document (hash below)
		}
		var payload []byte
		switch i % 5 {
		case 0:
			payload = []byte(htmlOf(text))
		case 1:
			payload = noise(3000) // kept raw
		case 2:
			payload = []byte(strings.Repeat(htmlOf(text), 1+40000/len(htmlOf(text)))) // past statelessMax
		default:
			payload = []byte(htmlOf(prose(50)))
		}
		start := t0.Add(time.Duration(i) * time.Minute)
		c := archive.Capture{RequestedURL: url, FinalURL: url, URL: url, Method: "GET", Status: 200,
			FetchStart: start, FetchEnd: start.Add(time.Duration(i) * time.Millisecond), ToolVersion: "prov/test",
			RequestHeader:  map[string][]string{"User-Agent": {"prov/test"}, "Accept": {"*/*"}},
			ResponseHeader: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}, "Server": {"nginx"}},
			RequestHead:    "GET /a HTTP/1.1\r\nHost: news.example\r\n",
			ResponseHead:   "HTTP/1.1 200 OK\r\nServer: nginx\r\n",
			Title:          fmt.Sprintf("Title %d <&>", i), Lang: "en", Charset: "utf-8", CharsetEvidence: "header",
			Published: "2024-03-01", PublishedWhy: "meta",
			DateCandidates: []archive.DateCandidate{{Value: "2024-03-01", Source: "meta:pubdate", Text: "1 March"}},
			Extractor:      "generic", ExtractorVersion: "clean/12", NormVersion: 1, RunID: 1,
			Captions: []string{"a caption"}, Shingles: 40 + i}
		switch i % 7 {
		case 2:
			c.FetchStart, c.FetchEnd = c.FetchStart.In(time.FixedZone("CST", 8*3600)), c.FetchEnd.In(time.FixedZone("CST", 8*3600))
		case 3:
			c.ResponseHead = "HTTP/1.1 200 OK\r\nX-Name: caf\xe9\r\n" // not UTF-8: kept raw
			c.ResponseHeader["X-Name"] = []string{"caf\xe9"}
		case 5:
			c.Redirects = []archive.Hop{{URL: "http://news.example/a", Status: 301, ResponseHead: "HTTP/1.1 301 Moved\r\n"}}
		}
		c.Sketch = make([]uint32, archive.SketchSize)
		for j := range c.Sketch {
			c.Sketch[j] = r.Uint32()
		}
		sha := archive.Sum([]byte(text)).String()
		if i%6 == 4 {
			sha = archive.Sum([]byte(shared)).String()
		}
		if i == 9 {
			sha = strings.ToUpper(sha) // not canonical: the document stays JSON
		}
		c.TextSHA256 = sha
		e := archive.Entry{Capture: c, Payload: payload, Text: text}
		if i == 13 { // a failure: no payload, no text
			e = archive.Entry{Capture: archive.Capture{RequestedURL: url, URL: url, Method: "GET", Error: "dial tcp: refused",
				FetchStart: start, FetchEnd: start, ToolVersion: "prov/test", RunID: 1}}
		}
		out = append(out, e)
	}
	// a revisit: the same bytes as the first capture of its URL
	rev := out[0]
	rev.Capture.FetchStart = rev.Capture.FetchStart.Add(time.Hour)
	rev.Capture.FetchEnd = rev.Capture.FetchStart
	rev.Payload = bytes.Clone(out[0].Payload)
	return append(out, rev)
}
