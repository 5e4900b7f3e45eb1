package crawl

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// attrValue returns an attribute's value written as raw, as the
// Tokenizer's TagAttr returns it: NUL as U+FFFD, CR LF and CR as LF, and
// then character references replaced as in an attribute (attrUnescape).
// Most values hold none of these, and are raw as it is.
func attrValue(raw []byte) string {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 && bytes.IndexByte(raw, 0) < 0 {
		return string(raw)
	}
	v := bytes.ReplaceAll(raw, []byte{0}, []byte("\uFFFD"))
	v = bytes.ReplaceAll(v, []byte("\r\n"), []byte("\n"))
	v = bytes.ReplaceAll(v, []byte("\r"), []byte("\n"))
	return attrUnescape(v)
}

// attrUnescape replaces the character references of v, an attribute's
// value, as the Tokenizer does in one: a numeric reference with or
// without its ';'; a named one only when its name (letters and digits,
// and the ';' that follows them) is one of the standard's names, as
// written, and not, without a ';', followed by '='. Any other '&' is
// itself.
func attrUnescape(v []byte) string {
	var out strings.Builder
	out.Grow(len(v))
	for len(v) > 0 {
		amp := bytes.IndexByte(v, '&')
		if amp < 0 {
			out.Write(v)
			break
		}
		out.Write(v[:amp])
		v = v[amp:]
		repl, n := charRef(v)
		if n == 0 {
			repl, n = "&", 1
		}
		out.WriteString(repl)
		v = v[n:]
	}
	return out.String()
}

// charRef reads the character reference at the start of v, a '&', and
// returns what it stands for and its length; n is 0 when v begins none.
func charRef(v []byte) (repl string, n int) {
	if len(v) > 1 && v[1] == '#' {
		return numericRef(v)
	}
	n = 1
	for n < len(v) && isASCIIAlnum(v[n]) {
		n++
	}
	if n < len(v) && v[n] == ';' {
		n++
	}
	name := v[1:n]
	if len(name) == 0 || name[len(name)-1] != ';' && n < len(v) && v[n] == '=' {
		return "", 0
	}
	if repl, ok := namedRef(name); ok {
		return repl, n
	}
	return "", 0
}

// numericRef reads "&#" and decimal digits, or "&#x" and hex digits, at
// the start of v, and the ';' after them if there is one. It returns
// the character they number: its windows-1252 reading for 0x80-0x9F,
// U+FFFD for 0, a surrogate or past U+10FFFF. n is 0 when no digit
// follows.
func numericRef(v []byte) (repl string, n int) {
	i, base := 2, rune(10)
	if i < len(v) && v[i]|0x20 == 'x' {
		i, base = 3, 16
	}
	start := i
	x := rune(0)
	for ; i < len(v); i++ {
		d := digitValue(v[i], base)
		if d < 0 {
			break
		}
		if x <= utf8.MaxRune {
			x = base*x + d
		}
	}
	if i == start {
		return "", 0
	}
	if i < len(v) && v[i] == ';' {
		i++
	}
	switch {
	case 0x80 <= x && x <= 0x9F:
		x = windows1252[x-0x80]
	case x == 0 || 0xD800 <= x && x <= 0xDFFF || x > utf8.MaxRune:
		x = utf8.RuneError
	}
	return string(x), i
}

// digitValue returns the value of c as a digit in base 10 or 16, -1 when
// it is none.
func digitValue(c byte, base rune) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case base == 16 && 'a' <= c|0x20 && c|0x20 <= 'f':
		return rune(c|0x20-'a') + 10
	}
	return -1
}

func isASCIIAlnum(c byte) bool {
	return '0' <= c && c <= '9' || isASCIILetter(c)
}

// windows1252 are the characters the Tokenizer reads "&#128;" to
// "&#159;" as, read from it once.
var windows1252 = func() (t [32]rune) {
	for i := range t {
		s := html.UnescapeString("&#" + strconv.Itoa(0x80+i) + ";")
		t[i], _ = utf8.DecodeRuneInString(s)
	}
	return t
}()

// namedRef returns what the named character reference "&"+name stands
// for in an attribute value, name being letters and digits and perhaps a
// ';', and whether it is one. The few names links hold are answered
// here; the Tokenizer answers the rest from its table of the standard's
// names, which it does not export, reading a tag made for the purpose.
func namedRef(name []byte) (string, bool) {
	switch string(name) {
	case "amp;", "amp":
		return "&", true
	case "quot;", "quot":
		return `"`, true
	case "lt;", "lt":
		return "<", true
	case "gt;", "gt":
		return ">", true
	}
	ref := "&" + string(name)
	z := html.NewTokenizer(strings.NewReader(`<a v="` + ref + `">`))
	z.Next()
	_, v, _ := z.TagAttr()
	if string(v) == ref {
		return "", false
	}
	return string(v), true
}
