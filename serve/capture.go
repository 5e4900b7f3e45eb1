package serve

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/prov-archive/prov/archive"
)

// header is one header field with its values, as a capture recorded it.
type header struct {
	Name   string
	Values []string
}

func sortedHeader(h map[string][]string) []header {
	out := make([]header, 0, len(h))
	for k, v := range h {
		out = append(out, header{k, v})
	}
	slices.SortFunc(out, func(a, b header) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// fixity is a payload's check, made when the page is asked for.
type fixity struct {
	Checked bool   // there is a payload to check
	OK      bool   // it hashes to its sha256 and has its length
	SHA256  string // the sha256 computed now
	Length  int
	Problem string
}

type capturePage struct {
	C            archive.Capture
	Request      []header
	Response     []header
	Fixity       fixity
	Run          *archive.Run
	RawView      bool   // the payload can be drawn in the sandboxed frame
	Why          string // why not, when it cannot
	DownloadName string
}

func (p capturePage) title() string { return fmt.Sprintf("Capture %d", p.C.ID) }

func captureID(r *http.Request) (uint64, error) {
	id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
	if err != nil || id == 0 {
		return 0, badRequest("capture %q: want a capture number", r.PathValue("id"))
	}
	return id, nil
}

func (s *Server) capture(w http.ResponseWriter, r *http.Request) error {
	id, err := captureID(r)
	if err != nil {
		return err
	}
	var p capturePage
	err = s.read(func(db *archive.DB) error {
		c, err := db.Capture(id)
		if err != nil {
			return err
		}
		p.C, p.Request, p.Response = c, sortedHeader(c.RequestHeader), sortedHeader(c.ResponseHeader)
		p.Fixity = checkFixity(db, c)
		p.RawView, p.Why = rawViewable(c)
		p.DownloadName = downloadName(c)
		runs, err := db.Runs()
		if err != nil {
			return err
		}
		for i := range runs {
			if runs[i].ID == c.RunID {
				p.Run = &runs[i]
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "capture", p)
	return nil
}

// checkFixity reads c's payload again and hashes it.
func checkFixity(db *archive.DB, c archive.Capture) fixity {
	if c.PayloadSHA256 == "" {
		return fixity{}
	}
	f := fixity{Checked: true}
	p, err := db.Payload(c.PayloadSHA256) // re-hashed as it is read
	var ce *archive.CorruptError
	switch {
	case errors.As(err, &ce):
		f.Problem, f.SHA256 = err.Error(), ce.Got
		return f
	case err != nil:
		f.Problem = err.Error()
		return f
	}
	f.SHA256, f.Length = archive.Sum(p).String(), len(p)
	f.OK = f.SHA256 == c.PayloadSHA256 && int64(len(p)) == c.PayloadLength
	if !f.OK {
		f.Problem = fmt.Sprintf("stored payload is %d bytes, the capture says %d", len(p), c.PayloadLength)
	}
	return f
}

// contentType is the media type c's response declared, lower-cased.
func contentType(c archive.Capture) string {
	for k, v := range c.ResponseHeader {
		if strings.EqualFold(k, "Content-Type") && len(v) > 0 {
			if mt, _, err := mime.ParseMediaType(v[0]); err == nil {
				return mt
			}
		}
	}
	return ""
}

// contentEncoding is the content coding of c's stored payload.
func contentEncoding(c archive.Capture) string {
	for k, v := range c.ResponseHeader {
		if strings.EqualFold(k, "Content-Encoding") && len(v) > 0 {
			return strings.ToLower(strings.TrimSpace(v[0]))
		}
	}
	return ""
}

// browserCodings are the content codings a browser decodes itself.
var browserCodings = map[string]bool{"": true, "identity": true, "gzip": true, "x-gzip": true, "deflate": true, "br": true, "zstd": true}

// rawViewable says whether c's payload can be drawn in the raw view, and
// if not, why.
func rawViewable(c archive.Capture) (bool, string) {
	if c.PayloadSHA256 == "" {
		return false, "this capture has no payload of its own"
	}
	if !browserCodings[contentEncoding(c)] {
		return false, "its content coding " + contentEncoding(c) + " is not one a browser decodes"
	}
	switch mt := contentType(c); {
	case mt == "text/html", mt == "application/xhtml+xml", strings.HasPrefix(mt, "text/"):
		return true, ""
	case strings.HasPrefix(mt, "image/") && mt != "image/svg+xml":
		return true, ""
	case mt == "":
		return false, "its response named no content type"
	default:
		return false, "a " + mt + " is not drawn here"
	}
}

// downloadName is the file name a download of c's payload is offered
// as: capture-ID, the extension of its media type, and that of its
// content coding. The name is made only of prov's own characters, never
// of the archived headers' text: a coding prov does not know makes the
// name capture-ID.bin.
func downloadName(c archive.Capture) string {
	coding, known := codingExts[contentEncoding(c)]
	if !known {
		return fmt.Sprintf("capture-%d.bin", c.ID)
	}
	return fmt.Sprintf("capture-%d%s%s", c.ID, typeExt(contentType(c)), coding)
}

// codingExts are the file name extensions of the content codings a
// download's name shows.
var codingExts = map[string]string{"": "", "identity": "", "gzip": ".gz", "x-gzip": ".gz", "br": ".br", "deflate": ".deflate", "zstd": ".zst"}

// safeExt is a file name extension fit for a download's name.
var safeExt = regexp.MustCompile(`^\.[a-z0-9]{1,8}$`)

// typeExt is the file name extension of media type mt (as contentType
// gives it): the usual one of a page or a plain text, else the one named
// after the subtype when the system knows it (.xml, not .xbl, for
// text/xml), else the first the system lists; .bin when it knows none
// fit for a name.
func typeExt(mt string) string {
	if ext, ok := usualExts[mt]; ok {
		return ext
	}
	exts, _ := mime.ExtensionsByType(mt)
	_, sub, _ := strings.Cut(mt, "/")
	if slices.Contains(exts, "."+sub) && safeExt.MatchString("."+sub) {
		return "." + sub
	}
	if len(exts) > 0 && safeExt.MatchString(exts[0]) {
		return exts[0]
	}
	return ".bin"
}

// usualExts are the extensions of the media types whose system lists
// would not put the usual one first (text/plain: .asc, .txt, …).
var usualExts = map[string]string{"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt"}
