package export_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/archive/archivetest"
	"github.com/prov-archive/prov/archive/export"
)

const (
	keptURL    = "http://www.scio.gov.cn/zfbps/kept.htm"
	rebuiltURL = "https://news.test/a/rebuilt.html?b=2&a=1"
	mirrorURL  = "https://mirror.test/copy.html"
	cutURL     = "http://big.test/large.bin"

	incompleteURL  = "http://slow.test/paper.html"
	incompleteBody = "<html><title>白皮书</title><p>The first part of the pa"
	// incompleteHead has a line net/http refuses and a browser leaves out.
	incompleteHead = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nPowered by an old server\r\nContent-Length: 9000\r\n"
)

// keptHead is a response head as the crawl keeps it: wire order and
// casing, a chunked transfer coding the payload no longer has.
const keptHead = "HTTP/1.1 200 Okay\r\nserver: nginx\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nETag: \"v1\"\r\n"

// MustWARCArchive opens an archive holding every case the WARC export
// writes, each written as a crawl would, one fetch per Write:
//  1. keptURL, heads kept as on the wire, with a text, reached by a 301 whose heads were kept;
//  2. rebuiltURL, no heads kept, with a text;
//  3. rebuiltURL again, same bytes (an identical revisit of 2), reached by a 302 whose heads were not kept;
//  4. keptURL answering 304 (not modified);
//  5. mirrorURL, the bytes of 2 under another URL (a revisit of 2 in the WARC);
//  6. cutURL, a body cut at the limit;
//  7. a failed fetch (not written);
//  8. incompleteURL, a fetch whose connection closed mid-body: failed,
//     the bytes that came kept (written, WARC-Truncated: disconnect);
//     its head has a line net/http refuses, kept as it came (repaired).
func MustWARCArchive(tb testing.TB) *archive.DB {
	tb.Helper()
	db, err := archive.Open(filepath.Join(tb.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	page := []byte("<html><title>白皮书</title><p>" + paper + "</p></html>")
	kept := fetch(keptURL, 0, append([]byte("<!-- scio -->"), page...), paper)
	kept.Capture.RequestHead = "GET /zfbps/kept.htm HTTP/1.1\r\nHost: www.scio.gov.cn\r\nUser-Agent: prov/test\r\nAccept-Encoding: gzip\r\n"
	kept.Capture.ResponseHead = keptHead
	kept.Capture.Redirects = []archive.Hop{{URL: "http://scio.gov.cn/kept", Status: 301,
		RequestHead:  "GET /kept HTTP/1.1\r\nHost: scio.gov.cn\r\n",
		ResponseHead: "HTTP/1.1 301 Moved\r\nLocation: " + keptURL + "\r\nContent-Length: 0\r\n"}, {URL: keptURL, Status: 200}}
	kept.Capture.DateCandidates = []archive.DateCandidate{{Value: "2022-11-07", Source: "meta", Text: "发布时间：2022-11-07"}}
	rebuilt := fetch(rebuiltURL, time.Hour, page, paper)
	again := fetch(rebuiltURL, 2*time.Hour, page, paper)
	again.Capture.Redirects = []archive.Hop{{URL: "https://news.test/a/old", Status: 302}, {URL: rebuiltURL, Status: 200}}
	notMod := fetch(keptURL, 3*time.Hour, nil, "")
	notMod.Capture.Status = 304
	mirror := fetch(mirrorURL, 4*time.Hour, page, paper)
	mirror.Capture.TLSUnverified = "mirror.test: tls: failed to verify certificate: x509: certificate has expired"
	cut := fetch(cutURL, 5*time.Hour, bytes.Repeat([]byte{0, 1, 2, 0xff}, 1000), "")
	cut.Capture.Truncated, cut.Capture.Limit = true, 4000
	cut.Capture.ResponseHeader = map[string][]string{"Content-Type": {"application/octet-stream"}, "Content-Length": {"9000"}}
	failed := fetch("http://gone.test/", 6*time.Hour, nil, "")
	failed.Capture.Status, failed.Capture.Error = 0, "dial tcp: connection refused"
	incomplete := fetch(incompleteURL, 7*time.Hour, []byte(incompleteBody), "")
	incomplete.Capture.Error, incomplete.Capture.Incomplete = "crawl: read body of "+incompleteURL+": connection closed before the body was whole (unexpected EOF)", "disconnect"
	incomplete.Capture.ResponseHead = incompleteHead
	incomplete.Capture.Redirects = []archive.Hop{{URL: incompleteURL, Status: 200, ResponseHead: incomplete.Capture.ResponseHead,
		HeadRepairs: []archive.HeadRepair{{Line: 3, Repair: "left out: no colon"}}}}
	for _, e := range []archive.Entry{kept, rebuilt, again, notMod, mirror, cut, failed, incomplete} {
		if _, err := db.Write([]archive.Entry{e}); err != nil {
			tb.Fatal(err)
		}
	}
	return db
}

func fetch(url string, after time.Duration, payload []byte, text string) archive.Entry {
	c := archive.Capture{URL: url, FinalURL: url, RequestedURL: url, Status: 200, Method: "GET",
		FetchStart: t0.Add(after), FetchEnd: t0.Add(after + time.Second), RemoteAddr: "192.0.2.7:80",
		Title: "白皮书", Charset: "utf-8", CharsetEvidence: "header", CharsetConfidence: 100,
		Published: "2022-11-07", PublishedWhy: "meta", Authority: "official", Lang: "zh",
		RequestHeader:  map[string][]string{"User-Agent": {"prov/test"}, "Accept-Encoding": {"gzip"}},
		ResponseHeader: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {`"v1"`}, "Server": {"nginx"}}}
	if text != "" {
		c.TextSHA256 = archive.Sum([]byte(text)).String()
	}
	return archive.Entry{Capture: c, Payload: payload, Text: text}
}

// mustWARC exports db as a WARC in a temporary folder and returns its path.
func mustWARC(tb testing.TB, db *archive.DB, f export.Filter) (string, export.WARCStats) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "test.warc.gz")
	var b bytes.Buffer
	st, err := export.WARC(db, &b, export.WARCOptions{Filter: f, Filename: "test.warc.gz", Software: "prov/test"})
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path, st
}

// warcRecords gunzips path member by member and returns each record.
func warcRecords(tb testing.TB, path string) []string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var recs []string
	r := bytes.NewReader(data)
	for r.Len() > 0 {
		zr, err := gzip.NewReader(r)
		if err != nil {
			tb.Fatal(err)
		}
		zr.Multistream(false)
		b, err := io.ReadAll(zr)
		if err != nil {
			tb.Fatal(err)
		}
		recs = append(recs, string(b))
	}
	return recs
}

func field(rec, name string) string {
	head, _, _ := strings.Cut(rec, "\r\n\r\n")
	for _, l := range strings.Split(head, "\r\n") {
		if n, v, ok := strings.Cut(l, ": "); ok && strings.EqualFold(n, name) {
			return v
		}
	}
	return ""
}

func TestWARCRecords(t *testing.T) {
	db := MustWARCArchive(t)
	path, st := mustWARC(t, db, export.Filter{})
	recs := warcRecords(t, path)
	var types []string
	for _, r := range recs {
		types = append(types, field(r, "WARC-Type"))
	}
	want := "warcinfo " +
		"request response request response metadata conversion " + // kept, after its 301
		"request response metadata " + // rebuilt: its text was written already
		"request response revisit metadata " + // again, after its 302
		"revisit metadata " + // 304
		"revisit metadata " + // mirror
		"request response metadata " + // cut
		"request response metadata" // incomplete; the failed fetch before it is not written
	if got := strings.Join(types, " "); got != want {
		t.Fatalf("records:\n got %s\nwant %s", got, want)
	}
	if st.Records != len(recs) || st.Captures != 7 {
		t.Errorf("stats %d records, %d captures; want %d, 7", st.Records, st.Captures, len(recs))
	}
	if !strings.Contains(recs[0], "WARC-Filename: test.warc.gz\r\n") || !strings.Contains(recs[0], "software: prov/test\r\n") ||
		!strings.Contains(recs[0], "format: WARC File Format 1.1\r\n") || !strings.Contains(recs[0], "reconstructed") {
		t.Errorf("warcinfo:\n%s", recs[0])
	}
	// Kept heads are written as kept, with the transfer coding renamed.
	if !strings.Contains(recs[3], "\r\n\r\nGET /zfbps/kept.htm HTTP/1.1\r\nHost: www.scio.gov.cn\r\nUser-Agent: prov/test\r\nAccept-Encoding: gzip\r\n\r\n") {
		t.Errorf("kept request head not written as kept:\n%s", recs[3])
	}
	if !strings.Contains(recs[4], "\r\n\r\nHTTP/1.1 200 Okay\r\nserver: nginx\r\nContent-Type: text/html; charset=utf-8\r\nX-Prov-Removed-Transfer-Encoding: chunked\r\nETag: \"v1\"\r\n\r\n<!-- scio --><html>") {
		t.Errorf("kept response head not written as kept:\n%s", recs[4])
	}
	// Reconstructed heads: HTTP/1.1, net/http's reason, names in byte order.
	if !strings.Contains(recs[7], "\r\n\r\nGET /a/rebuilt.html?b=2&a=1 HTTP/1.1\r\nHost: news.test\r\nAccept-Encoding: gzip\r\nUser-Agent: prov/test\r\n\r\n") {
		t.Errorf("reconstructed request head:\n%s", recs[7])
	}
	if !strings.Contains(recs[8], "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nEtag: \"v1\"\r\nServer: nginx\r\n\r\n<html>") {
		t.Errorf("reconstructed response head:\n%s", recs[8])
	}
	for i, p := range map[int]string{4: "<!-- scio -->", 8: ""} {
		if got, want := field(recs[i], "WARC-Payload-Digest"), "sha256:"+archive.Sum([]byte(p+"<html><title>白皮书</title><p>"+paper+"</p></html>")).String(); got != want {
			t.Errorf("record %d payload digest %s, want %s", i, got, want)
		}
	}
	// Revisits name a response of the file.
	checkRevisit(t, recs, 12, "identical-payload-digest", 8)
	checkRevisit(t, recs, 14, "server-not-modified", 4)
	checkRevisit(t, recs, 16, "identical-payload-digest", 8)
	// Redirect hops: kept heads as kept; others a status and a Location line.
	if !strings.Contains(recs[2], "\r\n\r\nHTTP/1.1 301 Moved\r\nLocation: "+keptURL+"\r\nContent-Length: 0\r\n\r\n") ||
		field(recs[2], "WARC-Target-URI") != "http://scio.gov.cn/kept" || field(recs[2], "WARC-Truncated") != "" ||
		!strings.HasSuffix(recs[1], "\r\n\r\nGET /kept HTTP/1.1\r\nHost: scio.gov.cn\r\n\r\n\r\n\r\n") {
		t.Errorf("kept redirect hop:\n%s\n%s", recs[1], recs[2])
	}
	if !strings.HasSuffix(recs[11], "\r\n\r\nHTTP/1.1 302 Found\r\nLocation: "+rebuiltURL+"\r\n\r\n\r\n\r\n") ||
		field(recs[11], "WARC-Truncated") != "unspecified" || field(recs[10], "WARC-Target-URI") != "https://news.test/a/old" {
		t.Errorf("reconstructed redirect hop:\n%s\n%s", recs[10], recs[11])
	}
	if !strings.Contains(recs[14], "\r\n\r\nHTTP/1.1 304 Not Modified\r\n") {
		t.Errorf("304 revisit block:\n%s", recs[14])
	}
	if field(recs[19], "WARC-Truncated") != "length" || field(recs[4], "WARC-Truncated") != "" {
		t.Errorf("WARC-Truncated: cut %q, whole %q", field(recs[19], "WARC-Truncated"), field(recs[4], "WARC-Truncated"))
	}
	if m := recs[17]; !strings.Contains(m, "tls-unverified: mirror.test: tls: failed to verify certificate: x509: certificate has expired\r\n") ||
		strings.Contains(recs[5], "tls-unverified") {
		t.Errorf("metadata of a capture over an unverified connection does not say so:\n%s", m)
	}
	// A body the connection ended: the bytes that came, marked, and the
	// error in its metadata.
	if field(recs[22], "WARC-Truncated") != "disconnect" || field(recs[22], "WARC-Target-URI") != incompleteURL ||
		!strings.HasSuffix(recs[22], "\r\n\r\n"+incompleteHead+"\r\n"+incompleteBody+"\r\n\r\n") {
		t.Errorf("incomplete response (its head as it came, the line net/http refuses too):\n%s", recs[22])
	}
	if m := recs[23]; !strings.Contains(m, "head-repair: "+incompleteURL+" line 3: left out: no colon\r\n") {
		t.Errorf("incomplete capture's metadata names no head repair:\n%s", m)
	}
	if m := recs[23]; !strings.Contains(m, "incomplete: disconnect\r\n") || !strings.Contains(m, "error: crawl: read body of "+incompleteURL+": connection closed") ||
		!strings.Contains(m, "kind: failed\r\n") {
		t.Errorf("incomplete metadata:\n%s", m)
	}
	conv := recs[6]
	if field(conv, "WARC-Refers-To") != field(recs[4], "WARC-Record-ID") || field(conv, "Content-Type") != "text/plain; charset=utf-8" ||
		!strings.HasSuffix(conv, "\r\n\r\n"+paper+"\r\n\r\n") {
		t.Errorf("conversion record:\n%s", conv)
	}
	meta := recs[5]
	for _, want := range []string{"charset: utf-8\r\n", "charset-evidence: header\r\n", "published: 2022-11-07\r\n",
		"published-why: meta\r\n", "date-candidate: 2022-11-07; source=meta; text=\"发布时间：2022-11-07\"\r\n",
		"redirect: 301 http://scio.gov.cn/kept\r\n", "http-heads: request kept, response kept\r\n", "relation: original\r\n", "original: true\r\n"} {
		if !strings.Contains(meta, want) {
			t.Errorf("metadata lacks %q:\n%s", want, meta)
		}
	}
	if !strings.Contains(recs[9], "http-heads: request reconstructed, response reconstructed\r\n") {
		t.Errorf("metadata of a capture without heads:\n%s", recs[9])
	}
}

func checkRevisit(t *testing.T, recs []string, i int, profile string, to int) {
	t.Helper()
	r := recs[i]
	if !strings.HasSuffix(field(r, "WARC-Profile"), "/warc/1.1/revisit/"+profile) ||
		field(r, "WARC-Refers-To") != field(recs[to], "WARC-Record-ID") ||
		field(r, "WARC-Refers-To-Target-URI") != field(recs[to], "WARC-Target-URI") ||
		field(r, "WARC-Refers-To-Date") != field(recs[to], "WARC-Date") {
		t.Errorf("record %d is not a %s revisit of record %d:\n%s", i, profile, to, r)
	}
}

// A revisit of a body cut at the limit is cut too, and says so: a tool
// that reads the revisit alone must not take the bytes it names for the
// whole body.
func TestWARCRevisitOfCutBody(t *testing.T) {
	db := MustWARCArchive(t) // its capture of cutURL is cut at 4000 bytes
	again := fetch(cutURL, 9*time.Hour, bytes.Repeat([]byte{0, 1, 2, 0xff}, 1000), "")
	again.Capture.Truncated, again.Capture.Limit = true, 4000
	if _, err := db.Write([]archive.Entry{again}); err != nil {
		t.Fatal(err)
	}
	path, _ := mustWARC(t, db, export.Filter{})
	var cut []string
	for _, rec := range warcRecords(t, path) {
		if field(rec, "WARC-Target-URI") == cutURL && field(rec, "WARC-Type") != "request" && field(rec, "WARC-Type") != "metadata" {
			cut = append(cut, field(rec, "WARC-Type")+" "+field(rec, "WARC-Truncated"))
		}
	}
	if want := []string{"response length", "revisit length"}; !reflect.DeepEqual(cut, want) {
		t.Errorf("records of the cut body: %q, want %q", cut, want)
	}
}

func TestWARCReproducible(t *testing.T) {
	db := MustWARCArchive(t)
	a, _ := mustWARC(t, db, export.Filter{})
	b, _ := mustWARC(t, db, export.Filter{})
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ab, bb) {
		t.Fatal("two exports of one archive differ")
	}
}

// A filtered export keeps every reference inside the file: the 304 pulls
// in the response it confirms, and the mirror, whose bytes were first
// seen under another host, is written as a full response.
func TestWARCFilterResolves(t *testing.T) {
	db := MustWARCArchive(t)
	path, _ := mustWARC(t, db, export.Filter{Since: t0.Add(3 * time.Hour)})
	var types []string
	for _, r := range warcRecords(t, path) {
		types = append(types, field(r, "WARC-Type"))
	}
	want := "warcinfo request response request response metadata conversion revisit metadata request response metadata request response metadata request response metadata"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("records:\n got %s\nwant %s", got, want)
	}
	path, _ = mustWARC(t, db, export.Filter{Host: "mirror.test"})
	if n := len(warcRecords(t, path)); n != 5 {
		t.Errorf("--host mirror.test: %d records, want warcinfo, request, response, metadata, conversion", n)
	}
}

// A stored payload that no longer hashes to its sha256 stops the export,
// naming the capture.
func TestWARCPayloadMismatch(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte("x") // too short to deflate: stored raw
	if _, err := db.Write([]archive.Entry{fetch(cutURL, 0, payload, "")}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	flipStoredPayload(t, path, archive.Sum(payload))
	db, err = archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = export.WARC(db, io.Discard, export.WARCOptions{})
	var pm *export.PayloadMismatchError
	if !errors.As(err, &pm) || pm.CaptureID != 1 || !strings.Contains(err.Error(), "capture 1 ("+cutURL+")") {
		t.Fatalf("err = %v, want a PayloadMismatchError naming capture 1", err)
	}
}

// flipStoredPayload flips the last stored byte of the payload h in the
// archive file at path, as a bad disk would.
func flipStoredPayload(t *testing.T, path string, h archive.Hash) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.Update(func(tx *bolt.Tx) error {
		ref := indexBucket(tx, "payloads", h[:]).Get(h[:])
		if len(ref) != 17 || ref[0] != 2 { // codec byte, raw length, blob ID
			return errors.New("payload not stored as a blob")
		}
		blobs := tx.Bucket([]byte("blobs"))
		v := bytes.Clone(blobs.Get(ref[9:]))
		if len(v) < 10 || v[0] != 0 { // raw
			return errors.New("payload not stored raw")
		}
		v[len(v)-1] ^= 0x01
		return blobs.Put(ref[9:], v)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// --work selects the captures of a work's texts; a 304 has no text of
// its own and is left out with it.
func TestWARCFilterWork(t *testing.T) {
	db := MustWARCArchive(t)
	path, st := mustWARC(t, db, export.Filter{Work: archive.Sum([]byte(paper)).Short()})
	var types []string
	for _, r := range warcRecords(t, path) {
		types = append(types, field(r, "WARC-Type"))
	}
	want := "warcinfo request response request response metadata conversion request response metadata " +
		"request response revisit metadata revisit metadata"
	if got := strings.Join(types, " "); got != want || st.Captures != 4 {
		t.Errorf("%d captures, records:\n got %s\nwant %s", st.Captures, got, want)
	}
}

// Two 304s of one URL both name the response that holds the payload, not
// the one the other.
func TestWARCNotModifiedNamesPayload(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := fetch(keptURL, 0, []byte("<html>v1</html>"), "")
	var entries []archive.Entry
	entries = append(entries, first)
	for _, after := range []time.Duration{time.Hour, 2 * time.Hour} {
		e := fetch(keptURL, after, nil, "")
		e.Capture.Status = 304
		entries = append(entries, e)
	}
	for _, e := range entries {
		if _, err := db.Write([]archive.Entry{e}); err != nil {
			t.Fatal(err)
		}
	}
	path, _ := mustWARC(t, db, export.Filter{})
	recs := warcRecords(t, path)
	if len(recs) != 8 { // warcinfo, request, response, metadata, then revisit and metadata twice
		t.Fatalf("%d records", len(recs))
	}
	checkRevisit(t, recs, 4, "server-not-modified", 2)
	checkRevisit(t, recs, 6, "server-not-modified", 2)
}

// A 304 confirms the URL's latest 200, whose validators the conditional
// GET sent (archive.ConfirmedIn), not a 404 page fetched in between: its
// revisit names the 200's response, and an export of the 304 alone pulls
// in the 200 and leaves the 404 out.
func TestWARCNotModifiedSkipsAnErrorPage(t *testing.T) {
	db, err := archive.Open(filepath.Join(t.TempDir(), "prov.db"), archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ok := fetch(keptURL, 0, []byte("<html>v1</html>"), "")
	missing := fetch(keptURL, time.Hour, []byte("<html>not found</html>"), "")
	missing.Capture.Status = 404
	notMod := fetch(keptURL, 2*time.Hour, nil, "")
	notMod.Capture.Status = 304
	for _, e := range []archive.Entry{ok, missing, notMod} {
		if _, err := db.Write([]archive.Entry{e}); err != nil {
			t.Fatal(err)
		}
	}
	path, _ := mustWARC(t, db, export.Filter{})
	recs := warcRecords(t, path) // warcinfo, then request, response, metadata for the 200 and the 404, revisit, metadata
	if len(recs) != 9 {
		t.Fatalf("%d records", len(recs))
	}
	checkRevisit(t, recs, 7, "server-not-modified", 2)

	path, _ = mustWARC(t, db, export.Filter{Since: t0.Add(2 * time.Hour)})
	var got []string
	for _, r := range warcRecords(t, path) {
		got = append(got, field(r, "WARC-Type")+" "+field(r, "WARC-Date"))
	}
	day := func(d time.Duration) string { return t0.Add(d).UTC().Format(time.RFC3339) }
	want := []string{"warcinfo " + day(2*time.Hour), "request " + day(0), "response " + day(0), "metadata " + day(0),
		"revisit " + day(2*time.Hour), "metadata " + day(2*time.Hour)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("records of the 304 alone:\n got %q\nwant %q", got, want)
	}
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

// TestWARCSkipsAnUnreadablePayload zeroes a page of the archive's blobs:
// read with OnSkip, as prov export reads, the WARC leaves out each
// capture whose payload was on it, reports it, and holds the rest; read
// strictly it stops at the first. Before, it stopped either way.
func TestWARCSkipsAnUnreadablePayload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var entries []archive.Entry
	for i := range 300 {
		body := fmt.Sprintf("<p>page %d: %s</p>", i, strings.Repeat("x", i%7))
		entries = append(entries, fetch(fmt.Sprintf("http://site.test/%d", i), time.Duration(i)*time.Second, []byte(body), ""))
	}
	if _, err := db.Write(entries); err != nil {
		t.Fatal(err)
	}
	db.Close()
	archivetest.ZeroPage(t, path, archivetest.LeafPage(t, path, "blobs", false))

	var skipped []string
	db, err = archive.Open(path, archive.Options{ReadOnly: true, OnSkip: func(s archive.Skipped) { skipped = append(skipped, s.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := export.WARC(db, io.Discard, export.WARCOptions{})
	if err != nil || len(skipped) == 0 || st.Captures+len(skipped) != len(entries) {
		t.Fatalf("WARC: %v, %d captures written, %d skipped: want every capture written or skipped", err, st.Captures, len(skipped))
	}
	for _, s := range skipped {
		if !strings.HasPrefix(s, "skipped captures ") || !strings.Contains(s, "archive damaged: "+path) {
			t.Errorf("skipped %q, want a capture whose payload is on the damaged page", s)
		}
	}
	strict, err := archive.Open(path, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer strict.Close()
	var pm *export.PayloadMismatchError
	if _, err := export.WARC(strict, io.Discard, export.WARCOptions{}); !errors.As(err, &pm) {
		t.Errorf("strict WARC: %v, want a PayloadMismatchError", err)
	}
}
