package crawl

import "bytes"

// rawTextTags are the elements whose content the Tokenizer reads as text,
// not markup, up to their end tag: <a href> in a <script> or a <title>
// is no link.
var rawTextTags = [...]string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"}

// rawTextTag returns the lower-case name of the element a start tag
// named name (as written) opens when its content is raw text, else "".
// A self-closing <script/> opens one all the same.
func rawTextTag(name []byte) string {
	if len(name) < 3 || len(name) > len("plaintext") {
		return ""
	}
	for _, tag := range rawTextTags {
		if equalFoldASCII(name, tag) {
			return tag
		}
	}
	return ""
}

// rawTextEnd returns where markup resumes after the raw text of the
// element tag, from b[i]: at its end tag, or -1 when the page ends first
// (always, for plaintext). The end tag is "</" and tag in any case, then
// white space, '/' or '>'; in a script, one the Tokenizer's script rules
// hide does not count (scriptEnd).
func rawTextEnd(b []byte, i int, tag string) int {
	switch tag {
	case "plaintext":
		return -1
	case "script":
		return scriptEnd(b, i)
	}
	for i < len(b) {
		j := bytes.Index(b[i:], []byte("</"))
		if j < 0 {
			return -1
		}
		i += j
		ok, next := rawEndTag(b, i+2, tag)
		if ok || next < 0 {
			return next
		}
		i = next
	}
	return -1
}

// rawEndTag reads, from b[i] just past a "</", whether tag (lower-case)
// follows in any case and then white space, '/' or '>'. If so it returns
// true and the position of the '<'; if not, false and the position of
// the byte that did not match. The position is -1 when the page ends
// first.
func rawEndTag(b []byte, i int, tag string) (ok bool, next int) {
	for k := 0; k < len(tag); k++ {
		if i+k >= len(b) {
			return false, -1
		}
		if c := b[i+k]; c != tag[k] && c != tag[k]-('a'-'A') {
			return false, i + k
		}
	}
	k := i + len(tag)
	switch {
	case k >= len(b):
		return false, -1
	case isSpace(b[k]) || b[k] == '/' || b[k] == '>':
		return true, i - 2
	}
	return false, k
}
