package crawl

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrContentCoding is wrapped when a payload's content coding is not one
// crawl can remove (only gzip and deflate are asked for and understood).
var ErrContentCoding = errors.New("unsupported content coding")

// acceptEncoding is what the transport asks for: exactly the codings decode
// understands, so a well-behaved server never sends another.
const acceptEncoding = "gzip, deflate"

// decode removes the content codings named by a Content-Encoding header from
// payload, reading at most limit+1 decoded bytes so a compression bomb costs
// no more than limit. over reports that the decoded body passed limit (the
// content is then cut to limit). A payload cut short by the wire limit
// decodes as far as it goes, without an error. Its buffer doubles up to
// limit+1 bytes at most; the transport decodes into a sink that counts
// against the memory budget instead (readContent).
func decode(payload []byte, contentEncoding string, limit int64, cut bool) (content []byte, over bool, err error) {
	if len(splitCodings(contentEncoding)) == 0 || len(payload) == 0 {
		return payload, false, nil
	}
	return decodeInto(&sink{limit: limit}, payload, contentEncoding, cut)
}

// decodeInto is decode into s, whose limit bounds the content.
func decodeInto(s *sink, payload []byte, contentEncoding string, cut bool) (content []byte, over bool, err error) {
	codings := splitCodings(contentEncoding)
	var r io.Reader = bytes.NewReader(payload)
	for i := len(codings) - 1; i >= 0; i-- {
		if r, err = decoder(r, codings[i]); err != nil {
			return nil, false, err
		}
	}
	over, err = s.readFrom(r)
	if cut && errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	if err != nil {
		err = fmt.Errorf("crawl: decode %s: %w", contentEncoding, err)
	}
	return s.buf, over, err
}

// splitCodings lists the codings in a Content-Encoding value, in the order
// they were applied, leaving out identity.
func splitCodings(h string) []string {
	var out []string
	for _, c := range strings.Split(h, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if c != "" && c != "identity" {
			out = append(out, c)
		}
	}
	return out
}

func decoder(r io.Reader, coding string) (io.Reader, error) {
	switch coding {
	case "gzip", "x-gzip":
		return gzip.NewReader(r)
	case "deflate":
		return newDeflateReader(r)
	}
	return nil, fmt.Errorf("crawl: decode %q: %w", coding, ErrContentCoding)
}

// newDeflateReader reads HTTP "deflate", which is meant to be zlib-wrapped
// but is sent raw by some servers; it looks at the zlib header to tell.
func newDeflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err != nil {
		return nil, fmt.Errorf("crawl: decode deflate: %w", err)
	}
	if head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}
