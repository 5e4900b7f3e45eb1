package crawl

import (
	"mime"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// TestMediaTypeAsParsed holds mediaTypeOf and plainUTF8 to what
// mime.ParseMediaType and charset.DetermineEncoding make of the same
// values, asked twice (the second answer is the memo's).
func TestMediaTypeAsParsed(t *testing.T) {
	types := []string{
		"", "text/html", "text/html; charset=utf-8", "TEXT/HTML; Charset=UTF-8", "text/html;charset=\"utf-8\"",
		"text/html; charset=utf8", "text/html; charset=unicode-1-1-utf-8", "text/html; charset=iso-8859-1",
		"text/html; charset=gbk", "text/html; charset=no-such", "text/html; charset=utf-16le",
		"text/html; charset=utf-8; charset=gbk", "text/html; charset", "text/html; =utf-8", "text/html;; charset=utf-8",
		"text/html charset=utf-8", "/html; charset=utf-8", "application/xhtml+xml; charset=UTF-8",
		"application/rss+xml", "text/xml; charset=utf-8", "text/plain",
	}
	contents := [][]byte{
		[]byte("<p>plain</p>"), []byte("<p>通知</p>"), []byte("\xef\xbb\xbf<p>通知</p>"),
		[]byte("\xfe\xff\x00<\x00p"), []byte("\xff\xfe<\x00p\x00"), []byte("<p>\xe9t\xe9</p>"),
		[]byte(`<meta charset="gbk"><p>通知</p>`),
	}
	for round := 0; round < 2; round++ {
		for _, ct := range types {
			name, _, err := mime.ParseMediaType(ct)
			if mt := mediaTypeOf(ct); mt.name != name || mt.valid != (err == nil) {
				t.Errorf("mediaTypeOf(%q) = %+v, ParseMediaType gives %q, %v", ct, mt, name, err)
			}
			for _, c := range contents {
				_, enc, _ := charset.DetermineEncoding(c, ct)
				want := enc == "utf-8" && utf8.Valid(c)
				if got := plainUTF8(c, ct); got != want {
					t.Errorf("plainUTF8(%q, %q) = %v, DetermineEncoding reads %s", c, ct, got, enc)
				}
			}
		}
	}
}
