package crawl

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// codingError is a payload whose content coding could not be removed:
// data that is not what the coding says (a "gzip" body that is not gzip,
// a damaged stream, a zstd window past zstdMaxWindow).
type codingError struct {
	coding string // as the Content-Encoding header names it
	err    error
}

func (e *codingError) Error() string { return "crawl: decode " + e.coding + ": " + e.err.Error() }
func (e *codingError) Unwrap() error { return e.err }

// acceptEncoding is what the transport asks for: gzip and deflate, the
// codings every WARC reader and replay tool removes, since the payload is
// archived as it came. A server that sends br or zstd unasked (brotli
// files served as they lie on disk, a CDN's choice) is read all the same,
// as browsers read it.
const acceptEncoding = "gzip, deflate"

// zstdMaxWindow bounds the window of a zstd body, as RFC 9659 bounds it
// for HTTP (and browsers refuse a larger one): decoding one holds at most
// this much besides the content.
const zstdMaxWindow = 8 << 20

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
	content, over, _, err = decodeInto(&sink{limit: limit}, payload, contentEncoding, cut)
	return content, over, err
}

// decodeInto is decode into s, whose limit bounds the content. tail counts
// the bytes found after the end of a coding's data and left out (see
// tailReader), up to the limit a coding.
func decodeInto(s *sink, payload []byte, contentEncoding string, cut bool) (content []byte, over bool, tail int64, err error) {
	codings := splitCodings(contentEncoding)
	var r io.Reader = bytes.NewReader(payload)
	for i := len(codings) - 1; i >= 0; i-- {
		d, err := decoder(r, codings[i], &tail, s.limit)
		if err != nil {
			return nil, false, 0, err
		}
		defer d.Close()
		r = d
	}
	over, err = s.readFrom(r)
	if cut && errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	if err != nil {
		err = &codingError{contentEncoding, err}
	}
	return s.buf, over, tail, err
}

// splitCodings lists the codings in a Content-Encoding value, in the order
// they were applied, leaving out identity. A value that names anything but
// a content coding browsers know (gzip, x-gzip, deflate, br, zstd) gives
// none: browsers take such a body as it came, as the Fetch standard has
// them do ("if codings are not supported, return bytes"), and so does
// prov. A server that labels its pages "Content-Encoding: UTF-8" or
// "none" is serving them plain.
func splitCodings(h string) []string {
	var out []string
	for _, c := range strings.Split(h, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		switch c {
		case "", "identity":
		case "gzip", "x-gzip", "deflate", "br", "zstd":
			out = append(out, c)
		default:
			return nil
		}
	}
	return out
}

// decoder returns a reader of r with coding removed, to be closed once
// read. For gzip and deflate, whose decoders read no further than their
// data, the bytes r holds after it are added to *tail as it reaches them;
// br and zstd decoders read ahead, so bytes after their data are not
// counted: the zstd decoder fails on them, the brotli one leaves them out.
func decoder(r io.Reader, coding string, tail *int64, limit int64) (io.ReadCloser, error) {
	br := bufio.NewReader(r)
	var d io.Reader
	var err error
	switch coding {
	case "gzip", "x-gzip":
		d, err = newGzipMembers(br)
	case "deflate":
		d, err = newDeflateReader(br)
	case "br":
		return io.NopCloser(brotli.NewReader(br)), nil
	case "zstd":
		var z *zstd.Decoder
		z, err = zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(zstdMaxWindow))
		if err == nil {
			return z.IOReadCloser(), nil
		}
	default: // splitCodings passes only the codings above
		err = errors.New("no decoder for this coding")
	}
	if err != nil {
		return nil, &codingError{coding, err}
	}
	return &tailReader{r: d, rest: br, tail: tail, limit: limit}, nil
}

// tailReader reads a decoder to its end, then counts what is left of the
// coded bytes under it, up to limit: bytes after the end of the coded
// data (a newline a PHP script printed after its gzip output, padding).
// Browsers leave them out of the page they show, and so does decode; the
// payload keeps them, and the count says they were there.
type tailReader struct {
	r     io.Reader     // the decoder
	rest  *bufio.Reader // the coded bytes it reads, exactly as far as its data goes
	tail  *int64
	limit int64
}

func (t *tailReader) Close() error { return nil } // the decoders under it hold nothing to release

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err == io.EOF {
		k, _ := io.CopyN(io.Discard, t.rest, t.limit) // the second EOF finds nothing left
		*t.tail += k
	}
	return n, err
}

// gzipMembers reads the members of a gzip stream one after another, as
// gzip.Reader's multistream mode does, but ends at bytes that do not open
// another member instead of failing on them (tailReader counts them).
type gzipMembers struct {
	br *bufio.Reader
	zr *gzip.Reader
}

var gzipMagic = []byte{0x1f, 0x8b}

func newGzipMembers(br *bufio.Reader) (*gzipMembers, error) {
	zr, err := gzip.NewReader(br) // a bufio.Reader is read no further than the member
	if err != nil {
		return nil, err
	}
	zr.Multistream(false)
	return &gzipMembers{br: br, zr: zr}, nil
}

func (g *gzipMembers) Read(p []byte) (int, error) {
	for {
		n, err := g.zr.Read(p)
		if err != io.EOF {
			return n, err
		}
		if next, _ := g.br.Peek(len(gzipMagic)); !bytes.Equal(next, gzipMagic) {
			return n, io.EOF
		}
		if err := g.zr.Reset(g.br); err != nil {
			return n, err
		}
		g.zr.Multistream(false)
		if n > 0 {
			return n, nil
		}
	}
}

// newDeflateReader reads HTTP "deflate", which is meant to be zlib-wrapped
// but is sent raw by some servers; it looks at the zlib header to tell.
// Either decoder reads br no further than its data goes.
func newDeflateReader(br *bufio.Reader) (io.Reader, error) {
	head, err := br.Peek(2)
	if err != nil {
		return nil, err
	}
	if head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}
