package crawl

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// coded returns b compressed as kind says: "gzip", "zlib" (HTTP's
// deflate as meant), "br", "zstd" or "raw" (deflate as some servers send
// it).
func coded(kind string, b []byte) []byte {
	var buf bytes.Buffer
	var w io.WriteCloser
	switch kind {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "zlib":
		w = zlib.NewWriter(&buf)
	case "br":
		w = brotli.NewWriter(&buf)
	case "zstd":
		w, _ = zstd.NewWriter(&buf) // the default options are valid
	default:
		w, _ = flate.NewWriter(&buf, flate.BestSpeed) // the level is valid
	}
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func gzipped(b []byte) []byte { return coded("gzip", b) }

func joined(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// TestDecodeTrailing: bytes after the end of the coded data are left out
// of the content and counted, as browsers leave them out; gzip members in
// a row are all read; a second member that is damaged is an error.
func TestDecodeTrailing(t *testing.T) {
	a, b := []byte("<p>first part</p>"), []byte("<p>second part</p>")
	cases := []struct {
		name, coding string
		payload      []byte
		content      string
		tail         int64
		err          bool
	}{
		{"gzip", "gzip", gzipped(a), string(a), 0, false},
		{"gzip and a newline", "gzip", joined(gzipped(a), []byte("\n")), string(a), 1, false},
		{"gzip and padding", "x-gzip", joined(gzipped(a), make([]byte, 700)), string(a), 700, false},
		{"two members", "gzip", joined(gzipped(a), gzipped(b)), string(a) + string(b), 0, false},
		{"two members and text", "gzip", joined(gzipped(a), gzipped(b), []byte("<!-- 0.02s -->")), string(a) + string(b), 14, false},
		{"a damaged second member", "gzip", joined(gzipped(a), gzipped(b)[:12]), "", 0, true},
		{"no gzip at all", "gzip", a, "", 0, true},
		{"zlib and a newline", "deflate", joined(coded("zlib", a), []byte("\r\n")), string(a), 2, false},
		{"raw deflate and a newline", "deflate", joined(coded("raw", a), []byte("\n")), string(a), 1, false},
		{"gzip twice, newline outside", "gzip, gzip", joined(gzipped(gzipped(a)), []byte("\n")), string(a), 1, false},
		{"gzip twice, newline inside", "gzip, gzip", gzipped(joined(gzipped(a), []byte("\n"))), string(a), 1, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			content, over, tail, err := decodeInto(&sink{limit: 1 << 20}, c.payload, c.coding, false)
			if c.err {
				if err == nil || !strings.HasPrefix(err.Error(), "crawl: decode ") {
					t.Fatalf("err %v, want a decode error naming the coding; content %q", err, content)
				}
				return
			}
			if err != nil || over || string(content) != c.content || tail != c.tail {
				t.Errorf("content %q, tail %d, over %v, err %v; want %q, tail %d", content, tail, over, err, c.content, c.tail)
			}
		})
	}
}

// TestTrailingOnThePage: a fetch of a gzip body followed by a newline has
// its content and the count on the Page, and the payload as sent.
func TestTrailingOnThePage(t *testing.T) {
	body := joined(gzipped([]byte(article)), []byte("\n"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body)
	}))
	defer srv.Close()
	p, err := Fetch(context.Background(), Config{AllowPrivate: true}, srv.URL+"/")
	if err != nil || p.Err != nil {
		t.Fatalf("fetch: %v, %v", err, p.Err)
	}
	if string(p.Content) != article || p.Trailing != 1 || !bytes.Equal(p.Payload, body) {
		t.Errorf("content %d bytes, trailing %d, payload kept: %v", len(p.Content), p.Trailing, bytes.Equal(p.Payload, body))
	}
}

// Content-Encoding as browsers read it: a value that names anything but a
// coding they know leaves the body as it came (the Fetch standard: "if
// codings are not supported, return bytes"), a whole list with it; br and
// zstd, which browsers know and prov does not ask for, are removed.
func TestDecodeCodingsAsBrowsers(t *testing.T) {
	page := []byte("<p>A page.</p>")
	for _, c := range []struct {
		coding  string
		payload []byte
	}{
		{"UTF-8", page}, {"none", page}, {" Identity ", page}, {"text/html", page},
		{"gzip, utf-8", gzipped(page)}, // one unknown coding: the whole body as it came
	} {
		content, over, err := decode(c.payload, c.coding, 1<<20, false)
		if err != nil || over || !bytes.Equal(content, c.payload) {
			t.Errorf("%q: content %q, over %v, err %v; want the payload as it came", c.coding, content, over, err)
		}
	}
	for _, c := range []struct {
		coding  string
		payload []byte
	}{
		{"br", coded("br", page)}, {"zstd", coded("zstd", page)}, {"gzip, br", coded("br", gzipped(page))},
		{"zstd, deflate", coded("zlib", coded("zstd", page))},
	} {
		content, over, err := decode(c.payload, c.coding, 1<<20, false)
		if err != nil || over || !bytes.Equal(content, page) {
			t.Errorf("%q: content %q, over %v, err %v; want the page", c.coding, content, over, err)
		}
	}
	for name, payload := range map[string][]byte{"label": page, "unlabelled": page} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			switch name {
			case "label":
				w.Header().Set("Content-Encoding", "UTF-8") // as storage services are often told to
			default:
				w.Header().Set("Content-Encoding", "br") // unasked, as a file served as it lies on disk
				payload = coded("br", page)
			}
			w.Write(payload)
		}))
		p, err := Fetch(context.Background(), Config{AllowPrivate: true}, srv.URL+"/")
		srv.Close()
		if err != nil || p.Err != nil || !bytes.Equal(p.Content, page) || !bytes.Equal(p.Payload, payload) {
			t.Errorf("fetch (%s): content %q, payload kept %v, err %v %v", name, p.Content, bytes.Equal(p.Payload, payload), err, p.Err)
		}
	}
}

// br and zstd bodies are held to the limit as gzip ones are, a zstd
// window past RFC 9659's 8 MB is refused as browsers refuse it, and a
// damaged stream is an error naming its coding.
func TestDecodeBrotliZstdBounds(t *testing.T) {
	big := bytes.Repeat([]byte("<p>The same paragraph again.</p>"), 1<<15) // 1 MiB
	for _, coding := range []string{"br", "zstd"} {
		content, over, err := decode(coded(coding, big), coding, 4096, false)
		if err != nil || !over || len(content) != 4096 {
			t.Errorf("%s bomb: %d bytes, over %v, err %v; want 4096 bytes cut at the limit", coding, len(content), over, err)
		}
		payload := coded(coding, big)
		if _, _, err := decode(payload[:len(payload)/2], coding, 1<<20, false); err == nil || !strings.HasPrefix(err.Error(), "crawl: decode "+coding) {
			t.Errorf("%s cut in half: err %v, want a decode error", coding, err)
		}
	}
	var buf bytes.Buffer
	w, err := zstd.NewWriter(&buf, zstd.WithWindowSize(32<<20), zstd.WithSingleSegment(false))
	if err != nil {
		t.Fatal(err)
	}
	w.Write(big)
	w.Close()
	if _, _, err := decode(buf.Bytes(), "zstd", 8<<20, false); err == nil || !strings.Contains(err.Error(), "window") {
		t.Errorf("zstd with a 32 MB window: err %v, want it refused for its window", err)
	}
}
