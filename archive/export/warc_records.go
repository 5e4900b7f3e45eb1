package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/prov-archive/prov/archive"
)

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
	ww.byCapture[c.ID] = main
	if err := ww.metadata(c, m, main); err != nil {
		return err
	}
	if c.TextSHA256 != "" && !ww.texts[warcTextKey(c)] {
		ww.texts[warcTextKey(c)] = true
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
	if n := len(c.Redirects); n > 0 && c.ResponseHead != "" {
		x.repaired = c.Redirects[n-1].HeadRepairs != nil
	}
	x.truncated = truncation(c)
	r, err := ww.exchange(c, x)
	if err != nil {
		return ref{}, err
	}
	ww.payloads[c.PayloadSHA256] = r
	return r, nil
}

// truncation is c's WARC-Truncated: disconnect, time or unspecified for
// a body whose reading ended early, length for one cut at the body
// limit, "" for a whole one.
func truncation(c *archive.Capture) string {
	switch {
	case c.Incomplete != "":
		return c.Incomplete
	case c.Truncated:
		return "length"
	}
	return ""
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
	repaired                   bool   // respHead holds lines net/http refuses (repairedOptions)
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
	opts := recordOptions
	if x.repaired {
		opts = repairedOptions
	}
	off, n, err := ww.writeWith(opts, gowarc.Response, fields, x.respHead, x.payload)
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

// notModified writes a server-not-modified revisit naming the record of
// the capture c confirms (selectCaptures found it and pulls it in).
func (ww *warcWriter) notModified(c *archive.Capture, target string) (ref, error) {
	prior, ok := ww.byCapture[ww.confirms[c.ID]]
	if !ok {
		return ref{}, fmt.Errorf("304 of %s (capture %d) without the capture it confirms in the file", c.URL, c.ID)
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
	if t := truncation(c); t != "" { // the bytes it stands for are cut as the prior's are
		fields = append(fields, field{gowarc.WarcTruncated, t})
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
	if c.TextSHA256 != "" && !ww.texts[warcTextKey(c)] {
		ww.texts[warcTextKey(c)] = true
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

// warcTextKey names c's text among the conversion records: one is
// written per text, the first capture's to bring it, and a copy's own
// text (archive.Capture.OwnTextSHA256) is another text than its
// document's.
func warcTextKey(c *archive.Capture) string {
	if c.OwnTextSHA256 != "" {
		return "own " + c.OwnTextSHA256
	}
	return c.TextSHA256
}

// conversion writes the capture's own clean text (archive.DB.CaptureText),
// referring to the record of the capture that brought it.
func (ww *warcWriter) conversion(db *archive.DB, c *archive.Capture, main ref) error {
	t, err := db.CaptureText(*c)
	if err != nil {
		return fmt.Errorf("text %s: %w", c.TextSHA256, err)
	}
	text := []byte(t)
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
