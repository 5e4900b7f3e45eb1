package export

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/klauspost/compress/gzip"
	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/prov-archive/prov/archive"
)

// WARCOptions configure WARC.
type WARCOptions struct {
	Filter Filter
	// Filename is the file's name: the warcinfo's WARC-Filename and the
	// filename of every index line. Default DefaultWARCName.
	Filename string
	// Software names the writer in the warcinfo, e.g. "prov/0.4.0".
	Software string
}

// DefaultWARCName is the WARC's name when WARCOptions.Filename is empty.
const DefaultWARCName = "prov.warc.gz"

// WARCStats says what a WARC holds.
type WARCStats struct {
	Captures int         // captures written
	Records  int         // WARC records
	Bytes    int64       // bytes of the file
	Index    []IndexLine // one per response, revisit and conversion record, in file order
}

// PayloadMismatchError is WARC's error for a stored payload that no longer
// hashes to the capture's payload sha256: the export stops at it.
type PayloadMismatchError struct {
	CaptureID uint64
	URL       string
	Want, Got string // hex sha256; Got "" when the payload could not be read
	Err       error
}

func (e *PayloadMismatchError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("export: warc: capture %d (%s): payload %s cannot be read: %v", e.CaptureID, e.URL, e.Want, e.Err)
	}
	return fmt.Sprintf("export: warc: capture %d (%s): payload hashes to %s, stored as %s", e.CaptureID, e.URL, e.Got, e.Want)
}

func (e *PayloadMismatchError) Unwrap() error { return e.Err }

// WARC writes the captures selected by o.Filter to w as one WARC/1.1 file,
// one gzip member per record, and returns the index of what it wrote.
//
// Records, in capture ID order (see selectCaptures): first a warcinfo;
// then per capture a request and a response (WARC-Concurrent-To each
// other), or a revisit — identical-payload-digest when a response with
// the same payload is earlier in the file, server-not-modified for a 304,
// each naming that record; then a metadata record with what prov decided
// about the capture; then, the first time a document's text appears, a
// conversion record with the text. The output depends only on the
// archive and o: record IDs are derived from the capture and the
// record's role, dates come from the captures, fields are in a fixed
// order and the gzip members carry no time.
func WARC(db *archive.DB, w io.Writer, o WARCOptions) (WARCStats, error) {
	var st WARCStats
	stop := dropMappedEvery(db, 50*time.Millisecond) // forming the works reads every text
	sel, err := selectCaptures(db, o.Filter)
	if err := errors.Join(err, stop()); err != nil {
		return st, fmt.Errorf("export: warc: %w", err)
	}
	bw := bufio.NewWriterSize(w, 1<<20) // gzip hands over a few KB at a time
	ww := newWARCWriter(bw, cmp.Or(o.Filename, DefaultWARCName))
	if err := ww.warcinfo(sel, o.Software); err != nil {
		return st, fmt.Errorf("export: warc: warcinfo: %w", err)
	}
	for i := range sel.captures {
		c := &sel.captures[i]
		if ww.read >= dropEvery {
			if err := db.DropMapped(); err != nil {
				return st, fmt.Errorf("export: warc: %w", err)
			}
			ww.read = 0
		}
		if err := ww.capture(db, c, sel.member(c)); err != nil {
			var pm *PayloadMismatchError
			if errors.As(err, &pm) {
				return st, err
			}
			return st, fmt.Errorf("export: warc: capture %d (%s): %w", c.ID, c.URL, err)
		}
		st.Captures++
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("export: warc: %w", err)
	}
	st.Records, st.Bytes, st.Index = ww.records, ww.out.n, ww.index
	return st, nil
}

// dropMappedEvery calls db.DropMapped every d until stop is called, which
// waits for it and returns its first error. It keeps resident memory
// flat while a call into the archive that reads much of it runs: the
// pages dropped are mapped again when read, with the same bytes.
func dropMappedEvery(db *archive.DB, d time.Duration) (stop func() error) {
	done, errc := make(chan struct{}), make(chan error, 1)
	go func() {
		t := time.NewTicker(d)
		defer t.Stop()
		var first error
		for {
			select {
			case <-done:
				errc <- errors.Join(first, db.DropMapped())
				return
			case <-t.C:
				if err := db.DropMapped(); err != nil && first == nil {
					first = err
				}
			}
		}
	}()
	return func() error {
		close(done)
		return <-errc
	}
}

// IndexLine is one CDXJ line: where a record is and what it holds, the
// fields pywb reads.
type IndexLine struct {
	URL      string
	Date     time.Time
	Mime     string
	Status   int // 0: none (a conversion record)
	Digest   string
	Length   int64
	Offset   int64
	Filename string
}

// ref names a record written earlier in the file.
type ref struct {
	id, uri string
	date    time.Time
}

type warcWriter struct {
	out      *countWriter
	zw       *gzip.Writer
	marshal  gowarc.Marshaler
	filename string
	info     string // the warcinfo's record ID

	payloads  map[string]ref  // payload sha256 → the response that holds it
	byURL     map[string]ref  // target URI → its latest response or identical revisit
	byCapture map[uint64]ref  // capture ID → its response or revisit
	texts     map[string]bool // text sha256 → conversion written
	index     []IndexLine
	records   int
	read      int64 // payload and text bytes read since the archive's pages were last dropped
}

// dropEvery is how many bytes of payloads and texts WARC reads between
// calls of archive.DB.DropMapped, which keep its resident memory from
// growing with the archive.
const dropEvery = 32 << 20

func newWARCWriter(w io.Writer, filename string) *warcWriter {
	zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression) // level is valid
	return &warcWriter{out: &countWriter{w: w}, zw: zw, marshal: gowarc.NewMarshaler(), filename: filename,
		payloads: map[string]ref{}, byURL: map[string]ref{}, byCapture: map[uint64]ref{}, texts: map[string]bool{}}
}

// recordOptions: strict validation, sha256 block digests added by
// gowarc, and a payload digest we give checked against the bytes.
var recordOptions = []gowarc.WarcRecordOption{
	gowarc.WithStrictValidation(),
	gowarc.WithBlockErrorPolicy(gowarc.ErrFail),
	gowarc.WithAddMissingDigest(true),
	gowarc.WithDefaultDigestAlgorithm("sha256"),
	gowarc.WithDefaultDigestEncoding(gowarc.Base16),
}

// field is one WARC header field.
type field struct{ name, value string }

// write builds one record with gowarc and writes it as its own gzip
// member, returning where it went.
func (ww *warcWriter) write(rt gowarc.RecordType, fields []field, block ...[]byte) (offset, length int64, err error) {
	rb := gowarc.NewRecordBuilder(rt, recordOptions...)
	for _, f := range fields {
		rb.AddWarcHeader(f.name, f.value)
	}
	for _, b := range block {
		if _, err := rb.Write(b); err != nil {
			rb.Close()
			return 0, 0, err
		}
	}
	rec, _, err := rb.Build()
	if err != nil {
		return 0, 0, fmt.Errorf("%s record: %w", rt, err)
	}
	defer rec.Close()
	offset = ww.out.n
	ww.zw.Reset(ww.out)
	if _, _, err := ww.marshal.Marshal(ww.zw, rec, 0); err != nil {
		return 0, 0, err
	}
	if err := ww.zw.Close(); err != nil {
		return 0, 0, err
	}
	ww.records++
	return offset, ww.out.n - offset, nil
}

// warcinfo writes the first record.
func (ww *warcWriter) warcinfo(sel *selection, software string) error {
	ww.info = recordID(fmt.Sprintf("warcinfo/%s/%s", ww.filename, sel.digest()))
	var f warcFields
	f.add("software", cmp.Or(software, "prov"))
	f.add("format", "WARC File Format 1.1")
	f.add("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")
	f.add("description", "Captures exported from a prov archive, with the provenance prov decided for each "+
		"(metadata records, application/warc-fields) and the clean text of each document (conversion records, "+
		"text/plain; the block is the stored text; the field Warc-Prov-Text-Sha256 and the metadata field "+
		"text-sha256 give prov's text hash, the sha256 of the normalised text).")
	f.add("http-heads", headNote)
	f.add("captures", fmt.Sprint(len(sel.captures)))
	_, _, err := ww.write(gowarc.Warcinfo, []field{
		{gowarc.WarcRecordID, ww.info},
		{gowarc.WarcDate, warcDate(sel.newest())},
		{gowarc.WarcFilename, ww.filename},
		{gowarc.ContentType, "application/warc-fields"},
	}, f.bytes())
	return err
}

// capture writes the records of one capture.
func (ww *warcWriter) capture(db *archive.DB, c *archive.Capture, m membership) error {
	if c.Kind == archive.KindStitched {
		return ww.stitched(db, c, m)
	}
	target := targetURI(c)
	var main ref
	var err error
	switch prior, seen := ww.payloads[c.PayloadSHA256]; {
	case c.Status == http.StatusNotModified:
		main, err = ww.notModified(c, target)
	case seen && c.PayloadSHA256 != "":
		main, err = ww.identical(c, target, prior)
	default:
		main, err = ww.response(db, c, target)
	}
	if err != nil {
		return err
	}
	if c.Status != http.StatusNotModified { // a later 304 names the record with the payload
		ww.byURL[target] = main
	}
	ww.byCapture[c.ID] = main
	if err := ww.metadata(c, m, main); err != nil {
		return err
	}
	if c.TextSHA256 != "" && !ww.texts[c.TextSHA256] {
		ww.texts[c.TextSHA256] = true
		return ww.conversion(db, c, main)
	}
	return nil
}

// response writes the capture's redirect hops and its final exchange.
func (ww *warcWriter) response(db *archive.DB, c *archive.Capture, target string) (ref, error) {
	payload, err := payloadOf(db, c)
	if err != nil {
		return ref{}, err
	}
	ww.read += int64(len(payload))
	if err := ww.hops(c); err != nil {
		return ref{}, err
	}
	reqHead, _ := requestHead(c.RequestHead, c.Method, target, c.RequestHeader)
	respHead, _ := responseHead(c.ResponseHead, c.Status, c.ResponseHeader)
	x := exchange{role: "", target: target, reqHead: reqHead, respHead: respHead, payload: payload,
		payloadSHA: c.PayloadSHA256, status: c.Status, ip: hostPart(c.RemoteAddr)}
	if c.Truncated {
		x.truncated = "length"
	}
	r, err := ww.exchange(c, x)
	if err != nil {
		return ref{}, err
	}
	ww.payloads[c.PayloadSHA256] = r
	return r, nil
}

// exchange is one HTTP exchange to write as a request and a response.
type exchange struct {
	role                       string // "" for a capture's final exchange, "hop N/" for a redirect
	target                     string
	reqHead, respHead, payload []byte
	payloadSHA                 string
	status                     int
	truncated                  string // WARC-Truncated, "" when the payload is whole
	ip                         string // WARC-IP-Address, "" when unknown
}

// exchange writes x's request and response records, each naming the
// other (WARC-Concurrent-To), and indexes the response.
func (ww *warcWriter) exchange(c *archive.Capture, x exchange) (ref, error) {
	reqID, respID := captureRecordID(c, x.role+"request"), captureRecordID(c, x.role+"response")
	date := warcDate(c.FetchStart)
	if _, _, err := ww.write(gowarc.Request, []field{
		{gowarc.WarcRecordID, reqID},
		{gowarc.WarcDate, date},
		{gowarc.WarcTargetURI, x.target},
		{gowarc.WarcWarcinfoID, ww.info},
		{gowarc.WarcConcurrentTo, respID},
		{gowarc.ContentType, "application/http; msgtype=request"},
	}, x.reqHead); err != nil {
		return ref{}, err
	}
	fields := []field{
		{gowarc.WarcRecordID, respID},
		{gowarc.WarcDate, date},
		{gowarc.WarcTargetURI, x.target},
		{gowarc.WarcWarcinfoID, ww.info},
		{gowarc.WarcConcurrentTo, reqID},
	}
	if x.ip != "" {
		fields = append(fields, field{gowarc.WarcIPAddress, x.ip})
	}
	if x.truncated != "" {
		fields = append(fields, field{gowarc.WarcTruncated, x.truncated})
	}
	fields = append(fields, field{gowarc.WarcPayloadDigest, "sha256:" + x.payloadSHA},
		field{gowarc.ContentType, "application/http; msgtype=response"})
	off, n, err := ww.write(gowarc.Response, fields, x.respHead, x.payload)
	if err != nil {
		return ref{}, err
	}
	ww.indexed(x.target, c.FetchStart, mediaType(x.respHead), x.status, x.payloadSHA, off, n)
	return ref{id: respID, uri: x.target, date: c.FetchStart}, nil
}

// payloadOf reads c's payload and hashes it again: the bytes written
// must be the bytes whose sha256 the capture names.
func payloadOf(db *archive.DB, c *archive.Capture) ([]byte, error) {
	if c.PayloadSHA256 == "" { // an empty body is not stored
		c.PayloadSHA256 = archive.Sum(nil).String()
		return nil, nil
	}
	p, err := db.Payload(c.PayloadSHA256)
	if err != nil {
		return nil, &PayloadMismatchError{CaptureID: c.ID, URL: c.URL, Want: c.PayloadSHA256, Err: err}
	}
	sum := sha256.Sum256(p)
	if got := hex.EncodeToString(sum[:]); got != c.PayloadSHA256 {
		return nil, &PayloadMismatchError{CaptureID: c.ID, URL: c.URL, Want: c.PayloadSHA256, Got: got}
	}
	return p, nil
}

// identical writes an identical-payload-digest revisit naming prior.
func (ww *warcWriter) identical(c *archive.Capture, target string, prior ref) (ref, error) {
	return ww.revisit(c, target, prior, gowarc.ProfileIdenticalPayloadDigestV1_1, "sha256:"+c.PayloadSHA256)
}

// notModified writes a server-not-modified revisit naming the URL's
// latest response or revisit in the file (selectCaptures pulls it in).
func (ww *warcWriter) notModified(c *archive.Capture, target string) (ref, error) {
	prior, ok := ww.byURL[target]
	if !ok {
		return ref{}, fmt.Errorf("304 without an earlier capture of %s in the file", target)
	}
	return ww.revisit(c, target, prior, gowarc.ProfileServerNotModifiedV1_1, "")
}

func (ww *warcWriter) revisit(c *archive.Capture, target string, prior ref, profile, digest string) (ref, error) {
	if err := ww.hops(c); err != nil {
		return ref{}, err
	}
	id := captureRecordID(c, "revisit")
	fields := []field{
		{gowarc.WarcRecordID, id},
		{gowarc.WarcDate, warcDate(c.FetchStart)},
		{gowarc.WarcTargetURI, target},
		{gowarc.WarcWarcinfoID, ww.info},
		{gowarc.WarcProfile, profile},
		{gowarc.WarcRefersTo, prior.id},
		{gowarc.WarcRefersToTargetURI, prior.uri},
		{gowarc.WarcRefersToDate, warcDate(prior.date)},
	}
	if digest != "" {
		fields = append(fields, field{gowarc.WarcPayloadDigest, digest})
	}
	fields = append(fields, field{gowarc.ContentType, "application/http; msgtype=response"})
	head, _ := responseHead(c.ResponseHead, c.Status, c.ResponseHeader)
	off, n, err := ww.write(gowarc.Revisit, fields, head)
	if err != nil {
		return ref{}, err
	}
	ww.indexed(target, c.FetchStart, "warc/revisit", c.Status, strings.TrimPrefix(digest, "sha256:"), off, n)
	return ref{id: id, uri: target, date: c.FetchStart}, nil
}

// stitched writes an article split over pages, made whole from its
// pages' captures: it had no exchange of its own, so it is a metadata
// record and a conversion record with its joined text, both naming the
// record of its first page (selectCaptures brings the pages in).
func (ww *warcWriter) stitched(db *archive.DB, c *archive.Capture, m membership) error {
	if len(c.Pages) == 0 {
		return nil
	}
	first, ok := ww.byCapture[c.Pages[0].CaptureID]
	if !ok {
		return nil // its first page is not in the file (a failed capture): nothing to name
	}
	if err := ww.writeMetadata(c, m, first, "none: an article joined from its pages' captures"); err != nil {
		return err
	}
	if c.TextSHA256 != "" && !ww.texts[c.TextSHA256] {
		ww.texts[c.TextSHA256] = true
		return ww.conversion(db, c, first)
	}
	return nil
}

// metadata writes the capture's provenance, referring to its main record.
func (ww *warcWriter) metadata(c *archive.Capture, m membership, main ref) error {
	_, reqKept := requestHead(c.RequestHead, c.Method, main.uri, c.RequestHeader)
	_, respKept := responseHead(c.ResponseHead, c.Status, c.ResponseHeader)
	heads := map[bool]string{true: "kept", false: "reconstructed"}
	return ww.writeMetadata(c, m, main, "request "+heads[reqKept]+", response "+heads[respKept])
}

func (ww *warcWriter) writeMetadata(c *archive.Capture, m membership, main ref, heads string) error {
	_, _, err := ww.write(gowarc.Metadata, []field{
		{gowarc.WarcRecordID, captureRecordID(c, "metadata")},
		{gowarc.WarcDate, warcDate(c.FetchStart)},
		{gowarc.WarcTargetURI, main.uri},
		{gowarc.WarcWarcinfoID, ww.info},
		{gowarc.WarcRefersTo, main.id},
		{gowarc.ContentType, "application/warc-fields"},
	}, captureFields(c, m, heads))
	return err
}

// conversion writes the document's clean text, referring to the record
// of the capture that brought it.
func (ww *warcWriter) conversion(db *archive.DB, c *archive.Capture, main ref) error {
	d, err := db.Document(c.TextSHA256)
	if err != nil {
		return fmt.Errorf("text %s: %w", c.TextSHA256, err)
	}
	text := []byte(d.Text)
	ww.read += int64(len(text))
	off, n, err := ww.write(gowarc.Conversion, []field{
		{gowarc.WarcRecordID, captureRecordID(c, "conversion")},
		{gowarc.WarcDate, warcDate(c.FetchStart)},
		{gowarc.WarcTargetURI, main.uri},
		{gowarc.WarcWarcinfoID, ww.info},
		{gowarc.WarcRefersTo, main.id},
		// prov's text hash (of the normalised text), under the name
		// gowarc writes: it puts field names it does not know in
		// canonical case, and WARC field names are case-insensitive.
		{"Warc-Prov-Text-Sha256", c.TextSHA256},
		{gowarc.ContentType, "text/plain; charset=utf-8"},
	}, text)
	if err != nil {
		return err
	}
	ww.indexed(main.uri, c.FetchStart, "text/plain; charset=utf-8", 0, "", off, n)
	return nil
}

func (ww *warcWriter) indexed(url string, date time.Time, mime string, status int, digest string, off, n int64) {
	ww.index = append(ww.index, IndexLine{URL: url, Date: date, Mime: mime, Status: status,
		Digest: digest, Length: n, Offset: off, Filename: ww.filename})
}

// recordNamespace scopes prov's record IDs (a name-based UUID, RFC 9562
// version 5, of a name under it).
var recordNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/prov-archive/prov/warc-record"))

// recordID is the record ID derived from name: <urn:uuid:…>.
func recordID(name string) string {
	return "<urn:uuid:" + uuid.NewSHA1(recordNamespace, []byte(name)).String() + ">"
}

// captureRecordID is the ID of c's record of the given role. The fetch
// time and URL are part of the name so that two archives' capture 1 do
// not share IDs.
func captureRecordID(c *archive.Capture, role string) string {
	return recordID(fmt.Sprintf("capture/%d/%s/%s/%s", c.ID, stamp(c.FetchStart), c.URL, role))
}

func warcDate(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// targetURI is the URL the final request went to.
func targetURI(c *archive.Capture) string {
	return cmp.Or(c.FinalURL, c.RequestedURL, c.URL)
}

// hostPart is the IP address of "host:port" or of a bare address, "" when
// it is not one.
func hostPart(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		addr = h
	}
	if net.ParseIP(addr) == nil {
		return ""
	}
	return addr
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (cw *countWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	return n, err
}
