package archive

import (
	"bytes"
	stdflate "compress/flate"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prov-archive/prov/internal/cputime"
	bolt "go.etcd.io/bbolt"
)

// viaJSON is c as a JSON record reads back: what a binary record must
// read back as too.
func viaJSON(t *testing.T, c Capture) Capture {
	t.Helper()
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	var back Capture
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	return back
}

func TestCaptureRecordReadsBackAsJSONDid(t *testing.T) {
	at := time.Date(2026, 12, 2, 22, 48, 24, 164461891, time.UTC)
	sketch := make([]uint32, SketchSize)
	for i := range sketch {
		sketch[i] = uint32(i) * 2654435761
	}
	hash := Sum([]byte("payload")).String()
	full := Capture{ID: 1 << 40, RunID: 7, Kind: KindResponse, URL: "http://a.test/x", Status: 200,
		PayloadSHA256: hash, TextSHA256: Sum([]byte("text")).String(), FetchStart: at, FetchEnd: at.Add(time.Millisecond),
		ResponseHeader: map[string][]string{"Content-Type": {"text/html"}}, ResponseHead: "HTTP/1.1 200 OK\r\n",
		Sketch: sketch, Shingles: 327, Title: "标题", DateCandidates: []DateCandidate{{Value: "2022-11-07", Source: "meta:pubdate"}},
		Pages: []PageRef{{URL: "http://a.test/x_2", CaptureID: 3, TextSHA256: hash}}}
	cases := map[string]func(*Capture){
		"every binary field":  func(*Capture) {},
		"failure, no hashes":  func(c *Capture) { c.PayloadSHA256, c.TextSHA256, c.Sketch, c.Error = "", "", nil, "dial: refused" },
		"upper-case hash":     func(c *Capture) { c.PayloadSHA256 = strings.ToUpper(c.PayloadSHA256) },
		"bad hash":            func(c *Capture) { c.TextSHA256 = "not a hash" },
		"zero times":          func(c *Capture) { c.FetchStart, c.FetchEnd = time.Time{}, time.Time{} },
		"one zero time":       func(c *Capture) { c.FetchEnd = time.Time{} },
		"time not in UTC":     func(c *Capture) { c.FetchStart = at.In(time.FixedZone("CST", 8*3600)) },
		"time past UnixNano":  func(c *Capture) { c.FetchEnd = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) },
		"short sketch":        func(c *Capture) { c.Sketch = []uint32{1, 2, 3} },
		"empty sketch":        func(c *Capture) { c.Sketch = []uint32{} },
		"zero IDs":            func(c *Capture) { c.ID, c.RunID = 0, 0 },
		"ID past 2^63":        func(c *Capture) { c.ID = 1<<64 - 1 },
		"no fields at all":    func(c *Capture) { *c = Capture{} },
		"text in the payload": func(c *Capture) { c.Title = strings.Repeat("长标题", 5000) },
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			c := full
			change(&c)
			b, err := encodeCapture(c)
			if err != nil {
				t.Fatal(err)
			}
			if b[0] != recBinary {
				t.Fatalf("record starts with %q, want the binary marker", b[0])
			}
			got, err := decodeCapture(b)
			if err != nil {
				t.Fatal(err)
			}
			if want := viaJSON(t, c); !reflect.DeepEqual(got, want) {
				t.Errorf("read back\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// TestCaptureRecordSmaller: the binary record of a typical capture is
// under a third of its JSON (3.6 KB in the crawl benchmark).
func TestCaptureRecordSmaller(t *testing.T) {
	c := benchLikeCapture()
	js, _ := json.Marshal(&c)
	b, err := encodeCapture(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(b)*3 > len(js) {
		t.Errorf("binary record %d bytes, JSON %d: want under a third", len(b), len(js))
	}
}

func benchLikeCapture() Capture {
	at := time.Date(2026, 12, 2, 22, 48, 24, 164461891, time.UTC)
	sketch := make([]uint32, SketchSize)
	for i := range sketch {
		sketch[i] = uint32(i*7919) * 2654435761 >> 6
	}
	u := "http://bench.test/news/2005/00005.html"
	req := "GET /news/2005/00005.html HTTP/1.1\r\nHost: bench.test\r\nUser-Agent: prov/0.1.0 (+https://github.com/prov-archive/prov)\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
	resp := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nLast-Modified: Fri, 01 Mar 2024 08:00:00 GMT\r\nDate: Wed, 02 Dec 2026 22:48:24 GMT\r\nTransfer-Encoding: chunked\r\n"
	return Capture{ID: 6, RunID: 1, Kind: KindResponse, RequestedURL: u, FinalURL: u, URL: u,
		Redirects: []Hop{{URL: u, Status: 200, RequestHead: req, ResponseHead: resp}}, Method: "GET", Status: 200,
		RequestHeader:  map[string][]string{"Accept": {"*/*"}, "Accept-Encoding": {"gzip, deflate"}, "Host": {"bench.test"}, "User-Agent": {"prov/0.1.0 (+https://github.com/prov-archive/prov)"}},
		ResponseHeader: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}, "Date": {"Wed, 02 Dec 2026 22:48:24 GMT"}, "Last-Modified": {"Fri, 01 Mar 2024 08:00:00 GMT"}},
		RequestHead:    req, ResponseHead: resp, FetchStart: at, FetchEnd: at.Add(6 * time.Millisecond), RemoteAddr: "127.0.0.1:34223",
		PayloadSHA256: Sum([]byte("p")).String(), PayloadLength: 5075, ToolVersion: "prov/0.1.0", Charset: "utf-8",
		CharsetEvidence: "utf8-valid", CharsetConfidence: 100, Title: "Officials Outline Public Health Measures", Published: "2005-06-06",
		PublishedWhy: "meta:pubdate: explicit publication metadata, which outranks visible lines, <time>, the URL path, modification dates and Last-Modified; 3 candidates",
		DateCandidates: []DateCandidate{{Value: "2005-06-06", Source: "meta:pubdate", Text: "2005-06-06"},
			{Value: "2005-06-06", Source: "visible:line", Text: "Source: Bench Daily 2005-06-06 · By Sam Okafor"},
			{Value: "2024-03-01T08:00:00Z", Source: "last-modified", Text: "Fri, 01 Mar 2024 08:00:00 GMT"}},
		Publisher: "本站新闻 Bench Daily", Authority: "unknown", Attribution: "Bench Daily", Lang: "en",
		TextSHA256: Sum([]byte("t")).String(), NormVersion: 1, Extractor: "generic", ExtractorVersion: "clean/12",
		Sketch: sketch, Shingles: 327}
}

// rawLikeCapture is a capture with a head that is not UTF-8, a title in
// Chinese and no sketch.
func rawLikeCapture() Capture {
	c := benchLikeCapture()
	c.ResponseHead = "HTTP/1.1 200 OK\r\nContent-Disposition: attachment; filename=\"caf\xe9.html\"\r\n"
	c.Title = "白皮书 " + c.Title
	c.Sketch = nil
	return c
}

// TestCaptureRecordsOfTheWriterRead: binary records whose JSON a
// level-1 flate.Writer deflated (testdata/capture-records-writer.txt,
// as prov wrote them before flate.StatelessDeflate) read as the captures
// they were made from.
func TestCaptureRecordsOfTheWriterRead(t *testing.T) {
	b, err := os.ReadFile("testdata/capture-records-writer.txt")
	if err != nil {
		t.Fatal(err)
	}
	var records []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !strings.HasPrefix(line, "#") {
			records = append(records, line)
		}
	}
	want := []Capture{benchLikeCapture(), rawLikeCapture()}
	if len(records) != len(want) {
		t.Fatalf("%d records in the fixture, want %d", len(records), len(want))
	}
	for i, r := range records {
		v, err := base64.StdEncoding.DecodeString(r)
		if err != nil {
			t.Fatal(err)
		}
		if now, _ := encodeCapture(want[i]); bytes.Equal(now, v) {
			t.Errorf("record %d: the fixture is what encodeCapture writes now, not an older record", i)
		}
		got, err := decodeCapture(v)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("record %d reads back as\n%+v\nwant\n%+v", i, got, want[i])
		}
	}
}

// TestCaptureRecordIsPlainDeflate: a record's JSON is one deflate stream
// against captureDict that the standard library's inflater reads, given
// the dictionary, to the length the record states, as inflateDict does.
func TestCaptureRecordIsPlainDeflate(t *testing.T) {
	long := benchLikeCapture() // JSON past one block of the stateless coder
	long.Title = strings.Repeat("白皮书 white paper ", 5000)
	for _, c := range []Capture{benchLikeCapture(), rawLikeCapture(), long, {ID: 1, URL: "http://a.test/"}} {
		v, err := encodeCapture(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeCapture(v)
		if err != nil || !reflect.DeepEqual(got, c) {
			t.Fatalf("%s reads back as %+v, %v", c.URL, got, err)
		}
		r := fieldReader{b: v[captureHead:]}
		if v[1]&capPayload != 0 {
			r.bytes(32)
		}
		if v[1]&capText != 0 {
			r.bytes(32)
		}
		if v[1]&capTimes != 0 {
			r.bytes(16)
		}
		if v[1]&capSketch != 0 {
			r.sketch()
		}
		n := r.uvarint()
		if r.err != nil {
			t.Fatal(r.err)
		}
		js, err := io.ReadAll(stdflate.NewReaderDict(bytes.NewReader(r.b), captureDictBytes))
		if err != nil || uint64(len(js)) != n {
			t.Fatalf("compress/flate reads %d bytes of %d: %v", len(js), n, err)
		}
		if back, err := inflateDict(r.b, n); err != nil || !bytes.Equal(back, js) {
			t.Fatalf("inflateDict: %v", err)
		}
		var stored storedCapture
		stored.Capture = &Capture{}
		if err := json.Unmarshal(js, &stored); err != nil {
			t.Fatalf("inflated JSON: %v", err)
		}
	}
}

// TestCaptureRecordCutShort: every prefix of a binary record, and a
// record with a byte flipped in its deflated part, is an error, not a
// panic or a wrong capture.
func TestCaptureRecordCutShort(t *testing.T) {
	b, err := encodeCapture(benchLikeCapture())
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n < len(b); n++ {
		if _, err := decodeCapture(b[:n]); err == nil {
			t.Fatalf("record cut to %d of %d bytes decodes", n, len(b))
		}
	}
	flipped := bytes.Clone(b)
	flipped[len(b)-4] ^= 0xFF
	if c, err := decodeCapture(flipped); err == nil && reflect.DeepEqual(c, benchLikeCapture()) {
		t.Errorf("a flipped byte reads back as the capture")
	}
}

func TestDocumentRecordCutShort(t *testing.T) {
	d := Document{TextSHA256: Sum([]byte("t")).String(), NormVersion: 1, Length: 300, FirstCapture: 9}
	rec := append([]byte{recBinary}, make([]byte, 32)...)
	rec = append(rec, 1, 0xAC, 2, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 5)
	r, err := decodeDocRecord(rec)
	if err != nil || r.FirstCapture != d.FirstCapture || r.Length != d.Length || r.TextBlob != 5 || !r.coded {
		t.Fatalf("decodeDocRecord = %+v, %v", r, err)
	}
	for n := 1; n < len(rec); n++ {
		if _, err := decodeDocRecord(rec[:n]); err == nil {
			t.Errorf("document record cut to %d of %d bytes decodes", n, len(rec))
		}
	}
	if _, err := decodeDocRecord(append(rec, 0)); err == nil {
		t.Errorf("document record with a byte past its end decodes")
	}
}

// TestSchema2Archive opens testdata/schema2.db.gz, an archive written by
// prov before schema 3 (see testdata/README): its JSON records read
// exactly as they were written, the first writer migrates it to the current
// schema without rewriting them, new records are binary, and it verifies clean.
func TestSchema2Archive(t *testing.T) {
	path := gunzipFixture(t, "testdata/schema2.db.gz")
	before := rawRecords(t, path)
	if len(before) < 10 {
		t.Fatalf("fixture has %d capture and document records", len(before))
	}
	db := openUpgraded(t, path)
	var docs []string
	err := db.Captures(func(c Capture) error {
		// A JSON record reads back as the capture it was made from:
		// marshalled again, it is the same bytes.
		js, _ := json.Marshal(&c)
		if want := before["c"+string(idKey(c.ID))]; !bytes.Equal(js, want) {
			t.Errorf("capture %d reads back as\n%s\nstored\n%s", c.ID, js, want)
		}
		if c.TextSHA256 != "" {
			docs = append(docs, c.TextSHA256)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, sha := range docs {
		if d, err := db.Document(sha); err != nil || d.Text == "" || d.TextSHA256 != sha {
			t.Errorf("document %s: %+v, %v", sha, d, err)
		}
	}
	fresh := testEntry("http://new.test/a", "<p>a new page</p>", "a new text")
	ids, err := db.Write([]Entry{fresh})
	if err != nil {
		t.Fatal(err)
	}
	after := rawRecords(t, path, db)
	for k, v := range before {
		if !bytes.Equal(after[k], v) {
			t.Errorf("record %x rewritten", k)
		}
	}
	h, _ := ParseHash(fresh.Capture.TextSHA256)
	for k, want := range map[string]byte{"c" + string(idKey(ids[0])): recBlocked, "d" + string(h[:]): recBinary} {
		if v := after[k]; len(v) == 0 || v[0] != want {
			t.Errorf("new record %q is not of form %d", v, want)
		}
	}
	if d, err := db.Document(fresh.Capture.TextSHA256); err != nil || d.Text != "a new text" {
		t.Errorf("new document = %+v, %v", d, err)
	}
	n := 0
	if err := db.Verify(func(f Finding) error { n++; t.Error(f); return nil }); err != nil || n > 0 {
		t.Errorf("verify: %v, %d findings", err, n)
	}
}

func gunzipFixture(t *testing.T, name string) string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawRecords returns the stored capture ("c"+key) and document ("d"+key)
// records of the archive, read through db when given, else from path.
func rawRecords(t *testing.T, path string, db ...*DB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	read := func(tx *bolt.Tx) error {
		tx.Bucket(bucketCaptures).ForEach(func(k, v []byte) error {
			out["c"+string(k)] = bytes.Clone(v)
			return nil
		})
		cur := idxDocuments.in(tx).cursor()
		for k, v := cur.First(); k != nil; k, v = cur.Next() {
			out["d"+string(k)] = bytes.Clone(v)
		}
		return nil
	}
	if len(db) > 0 {
		db[0].bolt.View(read)
		return out
	}
	bdb, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	bdb.View(read)
	return out
}

// BenchmarkCaptureRecord encodes and decodes a capture like the crawl
// benchmark's, as JSON (schema 2) and as a binary record (schema 3). It
// reports cpu-ns/op besides ns/op: on a machine others share, compare
// runs by the CPU an op takes (the collector's work on other threads
// counted), not by its wall time.
func BenchmarkCaptureRecord(b *testing.B) {
	c := benchLikeCapture()
	js, _ := json.Marshal(&c)
	bin, _ := encodeCapture(c)
	b.Run("encode/json", func(b *testing.B) {
		defer cputime.Report(b, cputime.Process())
		for b.Loop() {
			json.Marshal(&c)
		}
		b.ReportMetric(float64(len(js)), "bytes")
	})
	b.Run("encode/binary", func(b *testing.B) {
		defer cputime.Report(b, cputime.Process())
		for b.Loop() {
			encodeCapture(c)
		}
		b.ReportMetric(float64(len(bin)), "bytes")
	})
	b.Run("decode/json", func(b *testing.B) {
		defer cputime.Report(b, cputime.Process())
		for b.Loop() {
			decodeCapture(js)
		}
	})
	b.Run("decode/binary", func(b *testing.B) {
		defer cputime.Report(b, cputime.Process())
		for b.Loop() {
			decodeCapture(bin)
		}
	})
}

// TestCaptureRecordKeepsRawHeads: heads and header values with bytes that
// are not UTF-8 read back byte for byte, where JSON alone would put
// U+FFFD in their place; the caller's capture is left as it was.
func TestCaptureRecordKeepsRawHeads(t *testing.T) {
	rawCapture := func() Capture {
		c := benchLikeCapture()
		c.ResponseHead = "HTTP/1.1 200 OK\r\nContent-Disposition: attachment; filename=\"caf\xe9.html\"\r\n"
		c.ResponseHeader = map[string][]string{"Content-Disposition": {"attachment; filename=\"caf\xe9.html\""},
			"X.Dotted.Name": {"ok", "\xff\xfe"}, "Content-Type": {"text/html"}}
		c.RequestHead = "GET /new HTTP/1.1\r\nCookie: k=\x80\r\n"
		c.RequestHeader = map[string][]string{"Cookie": {"k=\x80"}}
		c.Redirects = []Hop{{URL: "http://a.test/old", Status: 301, RequestHead: "GET /old HTTP/1.1\r\n",
			ResponseHead: "HTTP/1.1 301 Moved\r\nLocation: /caf\xe9\r\n"},
			{URL: "http://a.test/new", Status: 200, RequestHead: c.RequestHead, ResponseHead: c.ResponseHead}}
		return c
	}
	c := rawCapture()
	b, err := encodeCapture(c)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, rawCapture()) {
		t.Errorf("encoding changed the caller's capture: %+v", c)
	}
	got, err := decodeCapture(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, c)
	}
	if plain := benchLikeCapture(); takeRaw(&plain) != nil || !reflect.DeepEqual(plain, benchLikeCapture()) {
		t.Errorf("a capture whose heads are UTF-8 has raw strings, or lost some")
	}
}

// TestCaptureRecordRawNamesNoField: a record whose raw object names a
// field the capture lacks is an error, not a panic or a lost string.
func TestCaptureRecordRawNamesNoField(t *testing.T) {
	for _, path := range []string{"redirects.1.response_head", "redirects.-1.request_head", "redirects.x.request_head",
		"redirects.0.status", "response_header.Missing.0", "response_header.Content-Type.1", "response_header.nodot",
		"title", ""} {
		c := Capture{Redirects: []Hop{{URL: "http://a.test/"}}, ResponseHeader: map[string][]string{"Content-Type": {"text/html"}}}
		if err := putRaw(&c, map[string][]byte{path: []byte("\xe9")}); err == nil {
			t.Errorf("raw path %q put in %+v", path, c)
		}
	}
}
