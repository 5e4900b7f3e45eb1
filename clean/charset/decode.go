package charset

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode returns body decoded with d as valid UTF-8: a BOM is stripped,
// gb2312 and gbk are decoded as gb18030, invalid sequences become U+FFFD.
// In UTF-8 each invalid byte becomes one U+FFFD, except that the bytes of a
// truncated sequence (a valid start cut short) become one together, as in
// the WHATWG Encoding Standard; so a few stray bytes stay countable.
// An unknown d.Name decodes as windows-1252. It never panics.
func Decode(body []byte, d Decision) string {
	name := Lookup(d.Name)
	if name == "" {
		name = "windows-1252"
	}
	return decodeAs(stripBOM(body, name), name)
}

// stripBOM removes the byte order mark matching name, if body starts with one.
func stripBOM(body []byte, name string) []byte {
	switch name {
	case "utf-8":
		return bytes.TrimPrefix(body, bomUTF8)
	case "utf-16le":
		return bytes.TrimPrefix(body, bomUTF16LE)
	case "utf-16be":
		return bytes.TrimPrefix(body, bomUTF16BE)
	}
	return body
}

// decodeAs decodes body (BOM already stripped) with the WHATWG encoding
// name. The result is always valid UTF-8.
func decodeAs(body []byte, name string) string {
	if name == "utf-8" && utf8.Valid(body) {
		return string(body)
	}
	out, err := encodingFor(name).NewDecoder().Bytes(body)
	if err != nil {
		return strings.ToValidUTF8(string(body), "\uFFFD")
	}
	if !utf8.Valid(out) {
		return strings.ToValidUTF8(string(out), "\uFFFD")
	}
	return string(out)
}

// encodingFor returns the decoder family for a WHATWG name; names are from
// Lookup, so the fallback is only a guard.
func encodingFor(name string) encoding.Encoding {
	switch name {
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	if e, err := htmlindex.Get(name); err == nil {
		return e
	}
	e, _ := htmlindex.Get("windows-1252")
	return e
}

// quality counts what a decoding produced that real text rarely has.
type quality struct {
	runes   int // all runes decoded
	wide    int // runes outside ASCII
	bad     int // U+FFFD, C1 controls
	private int // private-use runes: unassigned table slots in CJK decoders
}

// clean reports whether the decoding has at most one bad or private-use
// rune in 20 non-ASCII ones, so a truncated character in a page is
// forgiven but a lone invalid byte in a short text is not.
func (q quality) clean() bool {
	return (q.bad+q.private)*20 <= q.wide
}

// measure decodes body with name and counts its defects.
func measure(body []byte, name string) (string, quality) {
	s := decodeAs(stripBOM(body, name), name)
	var q quality
	for _, r := range s {
		q.runes++
		if r < 0x80 {
			continue
		}
		q.wide++
		switch {
		case r == utf8.RuneError, r >= 0x80 && r < 0xA0:
			q.bad++
		case r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000:
			q.private++
		}
	}
	return s, q
}
