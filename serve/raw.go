package serve

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/prov-archive/prov/archive"
)

// rawCSP sandboxes a raw archived page wherever it is opened: no script,
// no plugin, no form, no top navigation, an opaque origin (no
// allow-same-origin, so it reaches neither the UI's cookies nor its
// pages), and no subresource from anywhere (its inline styles and data:
// images only), so a page that was archived makes no request when shown.
const rawCSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

// rawHeaders sets the headers of every answer that carries archived bytes.
func rawHeaders(h http.Header) {
	h.Set("Content-Security-Policy", rawCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}

// payloadOf reads the capture named by the request and its payload.
func (s *Server) payloadOf(r *http.Request) (archive.Capture, []byte, error) {
	id, err := captureID(r)
	if err != nil {
		return archive.Capture{}, nil, err
	}
	var c archive.Capture
	var p []byte
	err = s.read(func(db *archive.DB) error {
		if c, err = db.Capture(id); err != nil {
			return err
		}
		if c.PayloadSHA256 == "" {
			return httpError{http.StatusNotFound, "capture " + strconv.FormatUint(id, 10) + " has no payload of its own (" + c.Kind + ")"}
		}
		p, err = db.Payload(c.PayloadSHA256) // fails on bytes that no longer hash to it
		return err
	})
	return c, p, err
}

// raw serves a capture's stored bytes to be drawn in the capture page's
// sandboxed frame, typed by rawType, with the content coding they came
// with, which the browser undoes.
func (s *Server) raw(w http.ResponseWriter, r *http.Request) error {
	c, p, err := s.payloadOf(r)
	if err != nil {
		return err
	}
	if ok, why := rawViewable(c); !ok {
		return httpError{http.StatusUnsupportedMediaType, "no raw view of capture " + strconv.FormatUint(c.ID, 10) + ": " + why + "; download it instead"}
	}
	h := w.Header()
	rawHeaders(h)
	h.Set("Content-Type", rawType(c))
	if enc := contentEncoding(c); enc != "" && enc != "identity" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(p)))
	_, err = w.Write(p)
	return nilOnWrite(err)
}

// rawType is the Content-Type of a raw view (rawViewable) of c: an image
// as declared; HTML as declared, and every other text as text/plain, so
// that archived script or style (text/javascript, text/css) can never
// run in, or style, a page of the UI's origin that refers to it; a text
// with the charset the capture's evidence decided (a page whose header
// lied is drawn right).
func rawType(c archive.Capture) string {
	mt := contentType(c)
	if strings.HasPrefix(mt, "image/") {
		return mt
	}
	if mt != "text/html" && mt != "application/xhtml+xml" {
		mt = "text/plain"
	}
	if ct := mime.FormatMediaType(mt, map[string]string{"charset": c.Charset}); c.Charset != "" && ct != "" {
		return ct
	}
	return mt
}

// download serves the exact stored bytes of a capture's payload as an
// attachment: what was hashed, content coding and all.
func (s *Server) download(w http.ResponseWriter, r *http.Request) error {
	c, p, err := s.payloadOf(r)
	if err != nil {
		return err
	}
	h := w.Header()
	rawHeaders(h)
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", attachment(downloadName(c)))
	h.Set("Content-Length", strconv.Itoa(len(p)))
	h.Set("X-Payload-SHA256", c.PayloadSHA256)
	_, err = w.Write(p)
	return nilOnWrite(err)
}

// attachment is the Content-Disposition of a download offered as name.
func attachment(name string) string {
	return mime.FormatMediaType("attachment", map[string]string{"filename": name})
}

// nilOnWrite drops a write error: the client went away, and no error page
// can follow bytes already sent.
func nilOnWrite(error) error { return nil }
