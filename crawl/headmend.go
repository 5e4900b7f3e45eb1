package crawl

import (
	"bytes"
	"strconv"

	"golang.org/x/net/http/httpguts"
)

// A response head net/http refuses is not one a browser refuses. net/http
// fails the whole fetch over one header line it cannot read (a line with
// no colon, a control byte in a value, "Transfer-Encoding: identity", a
// Content-Length that is not a number, or a list of one length), where
// browsers read past such a line and show the page; old servers and
// hand-written scripts on small official sites send such heads. So the transport gives net/http each
// response head mended (mendHead): every line net/http would refuse is
// left out, as a browser leaves it out; a field name with white space
// before its colon loses that space, and a Content-Length list of one
// number ("5, 5") becomes that number, as browsers read them. Nothing else
// changes, and a head with no such line is handed over untouched.
//
// What is archived is never mended: the head kept (Hop.ResponseHead) is
// the bytes as they came, and Hop.HeadRepairs says which of its lines the
// fetch did not read as they came, and why.

// HeadRepair is one line of a response head that net/http was not given
// as it came. Line counts the head's lines from 1, the status line.
type HeadRepair struct {
	Line   int    `json:"line"`
	Repair string `json:"repair"`
}

// The repairs, each saying what was done and why.
const (
	RepairNoColon       = "left out: no colon"
	RepairNoName        = "left out: no field name"
	RepairBadName       = "left out: field name not a token"
	RepairControl       = "left out: control byte in value"
	RepairFoldOnNothing = "left out: continues no kept line"
	RepairLength        = "left out: Content-Length not a number"
	RepairLengthList    = "a list of one length read as that length"
	RepairCoding        = "left out: Transfer-Encoding other than chunked"
	RepairSpaceName     = "white space before the colon removed"
)

// mendHead returns head (its status line, header lines and the blank line
// that ends it, each line ended by LF or CRLF) as net/http should read it,
// and the repairs made. A head that needs none is returned as it is, with
// nothing allocated.
func mendHead(head []byte) ([]byte, []HeadRepair) {
	var out []byte // nil while every line so far goes as it came
	var repairs []HeadRepair
	leftOut := false // the last header line was left out: its continuations go with it
	for off, n := 0, 1; off < len(head); n++ {
		end := len(head)
		if i := bytes.IndexByte(head[off:], '\n'); i >= 0 {
			end = off + i + 1
		}
		line := head[off:end]
		body := bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		repair, mended := "", []byte(nil)
		if n > 1 && len(body) > 0 {
			repair, mended = judgeLine(body, n == 2 || leftOut)
			leftOut = repair != "" && mended == nil
		}
		if repair != "" && out == nil {
			out = append(make([]byte, 0, len(head)), head[:off]...)
		}
		switch {
		case repair == "":
			if out != nil {
				out = append(out, line...)
			}
		case mended != nil:
			out = append(append(out, mended...), line[len(body):]...)
			repairs = append(repairs, HeadRepair{Line: n, Repair: repair})
		default:
			repairs = append(repairs, HeadRepair{Line: n, Repair: repair})
		}
		off = end
	}
	if out == nil {
		return head, nil
	}
	return out, repairs
}

// judgeLine says what becomes of one header line (without its line end):
// "" when it goes as it came; a repair and the mended line when it is
// mended; a repair alone when it is left out. A line starting with white
// space continues the line before it; orphan says there is none kept.
func judgeLine(line []byte, orphan bool) (repair string, mended []byte) {
	if line[0] == ' ' || line[0] == '\t' {
		if orphan {
			return RepairFoldOnNothing, nil
		}
		return valueRepair(line), nil
	}
	colon := bytes.IndexByte(line, ':')
	if colon < 0 {
		return RepairNoColon, nil
	}
	name := bytes.TrimRight(line[:colon], " \t")
	value := line[colon+1:]
	switch {
	case len(name) == 0:
		return RepairNoName, nil
	case !fieldName(name):
		return RepairBadName, nil
	case valueRepair(value) != "":
		return RepairControl, nil
	case bytes.EqualFold(name, []byte("Content-Length")) && !lengthValue(value):
		if bytes.IndexByte(value, ',') < 0 {
			return RepairLength, nil
		}
		if n := oneLength(value); n != nil {
			return RepairLengthList, append(append(append([]byte(nil), name...), ": "...), n...)
		}
	case bytes.EqualFold(name, []byte("Transfer-Encoding")) && !chunkedValue(value):
		return RepairCoding, nil
	case len(name) < colon:
		return RepairSpaceName, append(append([]byte(nil), name...), line[colon:]...)
	}
	return "", nil
}

// valueRepair is RepairControl when v holds a byte net/http refuses in a
// field value: a control byte other than tab, or DEL.
func valueRepair(v []byte) string {
	for _, b := range v {
		if (b < ' ' && b != '\t') || b == 0x7f {
			return RepairControl
		}
	}
	return ""
}

// fieldName says whether net/http takes name as a field name: token
// characters (RFC 9110, as httpguts, net/http's own, tells them), and
// spaces, which it lets through inside a name.
func fieldName(name []byte) bool {
	for _, b := range name {
		if b != ' ' && !httpguts.IsTokenRune(rune(b)) {
			return false
		}
	}
	return true
}

// lengthValue says whether net/http reads v as a Content-Length: digits,
// within int64, or nothing at all (an unknown length).
func lengthValue(v []byte) bool {
	v = bytes.Trim(v, " \t")
	if len(v) == 0 {
		return true
	}
	for _, b := range v {
		if b < '0' || b > '9' {
			return false
		}
	}
	_, err := strconv.ParseInt(string(v), 10, 64)
	return err == nil
}

// oneLength returns the length a Content-Length list names when every
// item is that same number ("5, 5": a proxy joined two copies), as the
// Fetch standard reads it; nil for any other list ("4, 5"), which a
// browser refuses: the line is left as it came, for net/http to refuse.
func oneLength(v []byte) []byte {
	items := bytes.Split(v, []byte(","))
	first := bytes.Trim(items[0], " \t")
	if len(items) < 2 || len(first) == 0 || !lengthValue(first) {
		return nil
	}
	for _, it := range items[1:] {
		if !bytes.Equal(bytes.Trim(it, " \t"), first) {
			return nil
		}
	}
	return first
}

// chunkedValue says whether a Transfer-Encoding value names chunked, the
// one transfer coding net/http reads. A list with chunked among other
// codings stays and fails the fetch, as net/http fails it: it names a
// coding of the body that nothing here would undo.
func chunkedValue(v []byte) bool {
	for _, tok := range bytes.Split(v, []byte(",")) {
		if bytes.EqualFold(bytes.Trim(tok, " \t"), []byte("chunked")) {
			return true
		}
	}
	return false
}
