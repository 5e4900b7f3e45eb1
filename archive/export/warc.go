package export

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/klauspost/compress/gzip"
	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/memory"
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

// PayloadMismatchError is WARC's error for a stored payload that cannot be
// read or no longer hashes to the capture's payload sha256: the export
// stops at it; but a payload on a page bbolt cannot read
// (archive.ErrDamaged), when the archive skips corrupt records
// (archive.Options.OnSkip), leaves its capture out, reported there.
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
// then per capture a request and a response for each redirect hop
// (warc_hops.go), and a request and a response (WARC-Concurrent-To each
// other) for its final exchange, or a revisit — identical-payload-digest
// when a response with the same payload is earlier in the file,
// server-not-modified for a 304, each naming that record; then a metadata
// record with what prov decided about the capture; then, the first time a
// document's text appears, a conversion record with the text. An article
// stitched from its pages has only the last two, naming its first page's
// record (warc_records.go). The output depends only on the
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
	ww := newWARCWriter(bw, cmp.Or(o.Filename, DefaultWARCName), sel.confirms)
	if err := ww.warcinfo(sel, o.Software); err != nil {
		return st, fmt.Errorf("export: warc: warcinfo: %w", err)
	}
	for i := range sel.captures {
		if err := db.Interrupted(); err != nil {
			return st, fmt.Errorf("export: warc: %w", err)
		}
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
				if skipCapture(db, pm) == nil {
					continue
				}
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

// skipCapture leaves out the capture whose payload pm says sits on a
// damaged page when db skips corrupt records (archive.DB.Skip), and
// returns pm otherwise: a payload that reads but hashes wrong stops the
// export, as it always did. Nothing of the capture was written: its
// payload is read before its first record.
func skipCapture(db *archive.DB, pm *PayloadMismatchError) error {
	var de *archive.DamagedError
	if !errors.As(pm.Err, &de) {
		return pm
	}
	return db.Skip("captures", fmt.Sprintf("%016x", pm.CaptureID), fmt.Errorf("its payload %s cannot be read: %w", pm.Want, de))
}

// dropMappedEvery looks every d, until stop is called, at how much of the
// process's resident memory is mapped files, and calls db.DropMapped when
// it passes mappedLimit (every time where /proc does not say); stop waits
// for it and returns its first error. It keeps resident memory flat while
// a call into the archive that reads much of it runs; dropping only past
// the limit spares an archive read from disk the pages read again.
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
				if n, ok := memory.ResidentFile(); ok && n < mappedLimit {
					continue
				}
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

// mappedLimit is the resident memory of mapped files above which
// dropMappedEvery drops the archive's pages.
const mappedLimit = 48 << 20

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

	payloads  map[string]ref    // payload sha256 → the response that holds it
	byCapture map[uint64]ref    // capture ID → its response or revisit
	confirms  map[uint64]uint64 // a 304's capture ID → the capture it confirms (selection.confirms)
	texts     map[string]bool   // text (warcTextKey) → conversion written
	index     []IndexLine
	records   int
	read      int64 // payload and text bytes read since the archive's pages were last dropped
}

// dropEvery is how many bytes of payloads and texts WARC reads between
// calls of archive.DB.DropMapped, which keep its resident memory from
// growing with the archive.
const dropEvery = 32 << 20

func newWARCWriter(w io.Writer, filename string, confirms map[uint64]uint64) *warcWriter {
	zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression) // level is valid
	return &warcWriter{out: &countWriter{w: w}, zw: zw, marshal: gowarc.NewMarshaler(), filename: filename,
		payloads: map[string]ref{}, byCapture: map[uint64]ref{}, confirms: confirms, texts: map[string]bool{}}
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

// repairedOptions are recordOptions for a response whose head holds a
// line net/http refuses, kept as it came (archive.Hop.HeadRepairs): gowarc
// reads HTTP heads as net/http does, so its check of such a block is a
// warning, not a failure. The record's bytes are the same either way.
var repairedOptions = append(slices.Clip(recordOptions), gowarc.WithBlockErrorPolicy(gowarc.ErrWarn))

// field is one WARC header field.
type field struct{ name, value string }

// write builds one record with gowarc and writes it as its own gzip
// member, returning where it went.
func (ww *warcWriter) write(rt gowarc.RecordType, fields []field, block ...[]byte) (offset, length int64, err error) {
	return ww.writeWith(recordOptions, rt, fields, block...)
}

// writeWith is write with gowarc options of the caller's.
func (ww *warcWriter) writeWith(opts []gowarc.WarcRecordOption, rt gowarc.RecordType, fields []field, block ...[]byte) (offset, length int64, err error) {
	rb := gowarc.NewRecordBuilder(rt, opts...)
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
		"(metadata records, application/warc-fields) and the clean text each capture brought (conversion records, "+
		"text/plain; the block is the stored text; the field Warc-Prov-Text-Sha256 and the metadata field "+
		"text-sha256 give prov's text hash, the sha256 of the normalised text; the metadata field "+
		"own-text-sha256, the sha256 of the block, when copies that normalise alike differ in it).")
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
