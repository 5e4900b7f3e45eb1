package archive

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// JSON strings hold only UTF-8: a string with other bytes reads back
// with U+FFFD in their place. The heads and header values of a capture
// are what a server sent, and HTTP lets a header carry any byte from
// 0x80 up (a Latin-1 file name in Content-Disposition, raw bytes in a
// cookie). So in a binary capture record such a string is left empty in
// the JSON and kept whole, base64, in the record's "raw" object, under
// the path of the field it belongs in:
//
//	request_head, response_head
//	redirects.<i>.request_head, redirects.<i>.response_head
//	request_header.<name>.<j>, response_header.<name>.<j>
//
// A prov from before it reads past "raw", as past any added field, and
// sees such a head as not kept and such a value as empty.

// storedCapture is the JSON part of a binary capture record.
type storedCapture struct {
	*Capture
	Raw map[string][]byte `json:"raw,omitempty"`
}

func notUTF8(s string) bool { return !utf8.ValidString(s) }

// takeRaw moves c's heads and header values that are not UTF-8 into a
// map by their paths, leaving them empty in c. It copies a slice or map
// before it changes it: c is a copy, but they are the caller's. nil when
// every one is UTF-8, the usual case, which leaves c as it was and
// allocates nothing.
func takeRaw(c *Capture) map[string][]byte {
	var raw rawStrings
	raw.take("request_head", &c.RequestHead)
	raw.take("response_head", &c.ResponseHead)
	if slices.ContainsFunc(c.Redirects, func(h Hop) bool { return notUTF8(h.RequestHead) || notUTF8(h.ResponseHead) }) {
		c.Redirects = slices.Clone(c.Redirects)
		for i := range c.Redirects {
			raw.take(fmt.Sprintf("redirects.%d.request_head", i), &c.Redirects[i].RequestHead)
			raw.take(fmt.Sprintf("redirects.%d.response_head", i), &c.Redirects[i].ResponseHead)
		}
	}
	c.RequestHeader = raw.takeHeader("request_header", c.RequestHeader)
	c.ResponseHeader = raw.takeHeader("response_header", c.ResponseHeader)
	return raw
}

// rawStrings is takeRaw's map, made at the first string it takes.
type rawStrings map[string][]byte

// take moves *s into r under path, leaving it "", when it is not UTF-8.
func (r *rawStrings) take(path string, s *string) {
	if !notUTF8(*s) {
		return
	}
	if *r == nil {
		*r = rawStrings{}
	}
	(*r)[path] = []byte(*s)
	*s = ""
}

// takeHeader returns h with its values that are not UTF-8 moved into r
// under field: h itself when all are, else a copy.
func (r *rawStrings) takeHeader(field string, h map[string][]string) map[string][]string {
	var out map[string][]string // h's copy, made at the first value moved
	for name, vs := range h {
		if !slices.ContainsFunc(vs, notUTF8) {
			continue
		}
		if out == nil {
			out = maps.Clone(h)
		}
		vs = slices.Clone(vs)
		for j := range vs {
			r.take(field+"."+name+"."+strconv.Itoa(j), &vs[j])
		}
		out[name] = vs
	}
	if out == nil {
		return h
	}
	return out
}

// putRaw puts each string of raw back in the field of c its path names.
// A path that names no field of c (a damaged record) is an error.
func putRaw(c *Capture, raw map[string][]byte) error {
	for path, b := range raw {
		s := rawField(c, path)
		if s == nil {
			return fmt.Errorf("raw string for %q, which the capture has no place for", path)
		}
		*s = string(b)
	}
	return nil
}

// rawField returns the string of c a raw path names, or nil.
func rawField(c *Capture, path string) *string {
	switch path {
	case "request_head":
		return &c.RequestHead
	case "response_head":
		return &c.ResponseHead
	}
	field, rest, _ := strings.Cut(path, ".")
	switch field {
	case "redirects":
		i, head, _ := strings.Cut(rest, ".")
		n, err := strconv.Atoi(i)
		if err != nil || n < 0 || n >= len(c.Redirects) {
			return nil
		}
		switch head {
		case "request_head":
			return &c.Redirects[n].RequestHead
		case "response_head":
			return &c.Redirects[n].ResponseHead
		}
	case "request_header":
		return headerValue(c.RequestHeader, rest)
	case "response_header":
		return headerValue(c.ResponseHeader, rest)
	}
	return nil
}

// headerValue returns the value "<name>.<j>" names in h, or nil. A name
// may hold dots; the index follows the last.
func headerValue(h map[string][]string, nameIndex string) *string {
	k := strings.LastIndexByte(nameIndex, '.')
	if k < 0 {
		return nil
	}
	j, err := strconv.Atoi(nameIndex[k+1:])
	vs := h[nameIndex[:k]]
	if err != nil || j < 0 || j >= len(vs) {
		return nil
	}
	return &vs[j]
}
