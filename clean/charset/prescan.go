package charset

import (
	"bytes"
	"strings"
)

// prescanLimit is how far into a body declarations are looked for. Browsers
// stop at 1024 bytes; real pages put their meta after long scripts, so we
// look further.
const prescanLimit = 64 << 10

// metaLabels returns the charset labels a body declares in <meta charset>,
// <meta http-equiv content> or an XML declaration, in document order, as
// written. Labels inside comments are skipped.
func metaLabels(body []byte) []string {
	b := body
	if len(b) > prescanLimit {
		b = b[:prescanLimit]
	}
	var labels []string
	if l := xmlDeclLabel(b); l != "" {
		labels = append(labels, l)
	}
	return scanMetas(b, labels)
}

var commentOpen = []byte("<!--")

// scanTags appends to labels the labels of the meta tags (metaLabel) of
// b from b[i] on, reading b a tag at a time: from a '<' to the next '>',
// a comment from "<!--" to the next "-->". A '<' inside a tag or a
// comment opens none, and the scan ends at a tag or comment that does
// not close.
func scanTags(b []byte, i int, labels []string) []string {
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if bytes.HasPrefix(b[i:], commentOpen) {
			end := bytes.Index(b[i+4:], []byte("-->"))
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			break
		}
		tag := b[i : i+end]
		i += end + 1
		if l := metaLabel(tag); l != "" {
			labels = append(labels, l)
		}
	}
	return labels
}

// scanMetas is scanTags(b, 0, labels), in about half its time: it reads
// b only at the '<' that open "<meta", every meta tag's start, not at
// every tag's end as well, up to the first "<!--"; a '<' whose next byte
// is not that of either ('m', 'M' or '!') is passed over at that byte.
// Before it, scanTags reads a tag at a '<' exactly when the '<' or '>'
// nearest before it is a '>', or there is none (startsTag): any '>' ends
// the tag it is in, if any, and a '<' read as a tag's start holds the
// scan until the next '>'. The scan ends at the first tag that has no '>': no later '<' has
// one either. At the first "<!--" scanTags goes on, from where it would
// be then: at the "<!--" when it opens a comment there, else past the
// '>' that ends the tag it is in.
func scanMetas(b []byte, labels []string) []string {
	for i := 0; ; i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return labels
		}
		i += j
		if i+1 >= len(b) {
			return labels // a last '<' opens neither a comment nor a meta tag
		}
		switch b[i+1] {
		case 'm', 'M', '!': // the second byte of "<meta" or "<!--", read first: most tags open neither
		default:
			continue
		}
		if bytes.HasPrefix(b[i:], commentOpen) {
			if startsTag(b, i) {
				return scanTags(b, i, labels)
			}
			if end := bytes.IndexByte(b[i:], '>'); end >= 0 {
				return scanTags(b, i+end+1, labels)
			}
			return labels
		}
		if !isMetaStart(b[i:]) || !startsTag(b, i) {
			continue
		}
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			return labels
		}
		if l := metaLabel(b[i : i+end]); l != "" {
			labels = append(labels, l)
		}
	}
}

// startsTag reports whether the '<' at b[i] is a tag's start as scanTags
// reads a body without comments: no '<' since the last '>' before it.
func startsTag(b []byte, i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch b[k] {
		case '>':
			return true
		case '<':
			return false
		}
	}
	return true
}

// isMetaStart reports whether tag opens "<meta" in some ASCII case, then
// a space or a slash.
func isMetaStart(tag []byte) bool {
	return len(tag) > 5 && asciiFoldHasPrefix(tag[1:], "meta") && isSpaceOrSlash(tag[5])
}

// metaLabel is the label of a tag (from its '<', without its '>'): a
// meta tag's that holds "charset" (metaTagLabel), else "".
func metaLabel(tag []byte) string {
	if isMetaStart(tag) && asciiFoldContains(tag[5:], "charset") {
		return metaTagLabel(tag[5:])
	}
	return ""
}

// metaTagLabel reads one meta tag's attributes (after "<meta").
func metaTagLabel(attrs []byte) string {
	var charset, content string
	var httpEquiv bool
	for _, a := range parseAttrs(attrs) {
		switch a.key {
		case "charset":
			charset = a.val
		case "content":
			content = a.val
		case "http-equiv":
			httpEquiv = strings.EqualFold(a.val, "content-type")
		}
	}
	if charset != "" {
		return charset
	}
	if content != "" && (httpEquiv || strings.Contains(strings.ToLower(content), "charset")) {
		return contentCharset(content)
	}
	return ""
}

// contentCharset extracts charset=... from a meta content value, which may
// lack the ';' a header would have.
func contentCharset(content string) string {
	// Lower-case ASCII only: strings.ToLower would turn invalid bytes into
	// three-byte U+FFFD and the index would no longer fit content.
	lc := asciiLower(content)
	k := strings.Index(lc, "charset")
	if k < 0 {
		return ""
	}
	rest := strings.TrimLeft(content[k+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.Trim(strings.TrimLeft(rest[1:], " \t"), "\"'")
	if end := strings.IndexAny(rest, " \t;\"',"); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

type attr struct{ key, val string }

// parseAttrs splits an HTML tag's attribute text into lower-case keys and
// unquoted values. It is forgiving: it never fails, it stops at garbage.
func parseAttrs(s []byte) []attr {
	var out []attr
	for len(s) > 0 {
		s = bytes.TrimLeft(s, " \t\r\n\f/")
		k := bytes.IndexAny(s, "= \t\r\n\f/>")
		if k == 0 || len(s) == 0 {
			break
		}
		if k < 0 {
			k = len(s)
		}
		key := strings.ToLower(string(s[:k]))
		s = bytes.TrimLeft(s[k:], " \t\r\n\f")
		if len(s) == 0 || s[0] != '=' {
			out = append(out, attr{key: key})
			continue
		}
		var val string
		val, s = attrValue(bytes.TrimLeft(s[1:], " \t\r\n\f"))
		out = append(out, attr{key, val})
	}
	return out
}

// attrValue reads a quoted or bare value and returns it with the rest.
func attrValue(s []byte) (string, []byte) {
	if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
		end := bytes.IndexByte(s[1:], s[0])
		if end < 0 {
			return string(s[1:]), nil
		}
		return string(s[1 : 1+end]), s[end+2:]
	}
	end := bytes.IndexAny(s, " \t\r\n\f>")
	if end < 0 {
		end = len(s)
	}
	return string(s[:end]), s[end:]
}

// xmlDeclLabel returns the encoding of a leading <?xml ... encoding="x"?>.
func xmlDeclLabel(b []byte) string {
	b = bytes.TrimLeft(b, " \t\r\n")
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return ""
	}
	for _, a := range parseAttrs(b[5:end]) {
		if a.key == "encoding" {
			return a.val
		}
	}
	return ""
}

func asciiFoldHasPrefix(b []byte, p string) bool {
	if len(b) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// asciiFoldContains reports whether b holds p (lower-case ASCII) in any
// ASCII case. metaLabels reads the attributes only of a meta tag that
// holds "charset": metaTagLabel finds a label only in a charset attribute
// (its key lowered by strings.ToLower, which makes "charset" of nothing
// but the ASCII letters in any case: only U+0130 and U+212A lower to
// ASCII, to "i" and "k") or in a content value holding "charset"
// (contentCharset); the others (description, viewport, og:...) were parsed
// for nothing.
func asciiFoldContains(b []byte, p string) bool {
	for i := 0; i+len(p) <= len(b); i++ {
		if b[i]|0x20 == p[0] && asciiFoldHasPrefix(b[i:], p) {
			return true
		}
	}
	return false
}

func isSpaceOrSlash(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/'
}

// asciiLower lower-cases A-Z and leaves every other byte as it is, so the
// result has the same length and byte offsets as s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
