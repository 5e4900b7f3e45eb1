package crawl

import "bytes"

// The link scan reads a page's bytes by hand, as golang.org/x/net/html's
// Tokenizer (v0.62.0) reads them, and stops where it would stop: the
// Tokenizer cost more than the rest of reading a page's links, most of
// it in reading a page byte by byte through a method call. The scan
// follows the Tokenizer's token boundaries, not the HTML standard where
// the two differ: what the Tokenizer reads as a tag, comment or text is
// what the scan reads as one (links_scan_test.go holds the proof). A
// position past the last byte of the page is the Tokenizer's io.EOF:
// every token unfinished there yields nothing, and nothing follows it.

// scanTags returns the tags of page that inspect reads (pageTags), the
// first of a repeated attribute counting and values read as the
// Tokenizer's TagAttr returns them.
func scanTags(page []byte) pageTags {
	t := pageTags{anchors: make([]string, 0, anchorsCap)}
	for i := 0; i >= 0 && i < len(page); {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 {
			break
		}
		i = scanMarkup(page, i+j, &t)
	}
	return t
}

// anchorsCap is the room scanTags makes for a page's links at once: a
// page of some tens of links then fills one slice, where one grown from
// empty was allocated six times over.
const anchorsCap = 32

// scanMarkup reads the markup at b[i], a '<' met in text, and returns
// where text resumes, -1 when the page ends first. A '<' that begins no
// markup is text: text resumes after it.
func scanMarkup(b []byte, i int, t *pageTags) int {
	if i+1 >= len(b) {
		return -1
	}
	switch c := b[i+1]; {
	case isASCIILetter(c):
		return scanStartTag(b, i+1, t)
	case c == '/':
		return scanEndTag(b, i+2)
	case c == '!':
		return scanDeclaration(b, i+2)
	case c == '?':
		return afterCloseAngle(b, i+2)
	}
	return i + 1
}

// scanStartTag reads the start tag whose name begins at b[p], notes it
// in t when it is a link tag, and returns where text resumes: past the
// raw text that follows it when it opens one (rawTextEnd).
func scanStartTag(b []byte, p int, t *pageTags) int {
	nameEnd, i := tagNameEnd(b, p)
	if i < 0 {
		return -1
	}
	name := b[p:nameEnd]
	kind := linkTagKind(name)
	var attrs linkSpans
	if kind == "" {
		i = skipAttrs(b, i, nil)
	} else {
		i = skipAttrs(b, i, &attrs)
	}
	if i < 0 {
		return -1
	}
	if kind != "" {
		t.addTag(kind, attrs.values(b, kind))
	}
	if raw := rawTextTag(name); raw != "" {
		end := rawTextEnd(b, i, raw)
		if raw == "script" {
			text := b[i:]
			if end >= 0 {
				text = b[i:end]
			}
			t.anchors = appendScriptRedirects(t.anchors, text) // a page cut short in a script gives its text up to the cut, as the Tokenizer does
		}
		return end
	}
	return i
}

// scanEndTag reads what follows "</" at b[i]: "</>" is skipped, a letter
// begins an end tag (its attributes read as a start tag's and dropped),
// anything else a bogus comment ending at the next '>'.
func scanEndTag(b []byte, i int) int {
	switch {
	case i >= len(b):
		return -1
	case b[i] == '>':
		return i + 1
	case isASCIILetter(b[i]):
		_, j := tagNameEnd(b, i)
		if j < 0 {
			return -1
		}
		return skipAttrs(b, j, nil)
	}
	return afterCloseAngle(b, i)
}

// scanDeclaration reads what follows "<!" at b[i]: a comment when "--"
// follows, else a doctype or bogus comment, both ending at the next '>'
// (the Tokenizer reads CDATA as a comment unless told otherwise).
func scanDeclaration(b []byte, i int) int {
	if bytes.HasPrefix(b[i:], []byte("--")) {
		return commentEnd(b, i+2)
	}
	return afterCloseAngle(b, i)
}

// afterCloseAngle returns the position after the first '>' at or after
// b[i], -1 when there is none.
func afterCloseAngle(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	j := bytes.IndexByte(b[i:], '>')
	if j < 0 {
		return -1
	}
	return i + j + 1
}

// commentEnd returns the position after the comment whose data begins at
// b[i], just after "<!--", -1 when the page ends first. The comment ends
// at the first '>' that follows "--" or "--!" in its data, or that only
// dashes precede ("<!-->", "<!--->").
func commentEnd(b []byte, i int) int {
	for k := i; k < len(b); k++ {
		j := bytes.IndexByte(b[k:], '>')
		if j < 0 {
			return -1
		}
		k += j
		data := b[i:k]
		if len(bytes.TrimLeft(data, "-")) == 0 || bytes.HasSuffix(data, []byte("--")) || bytes.HasSuffix(data, []byte("--!")) {
			return k + 1
		}
	}
	return -1
}

// tagNameEnd reads the name of a tag, which begins at b[p], to the first
// white space, '/' or '>'. It returns the end of the name and where the
// tag's attributes begin (past the white space that ended the name), -1
// when the page ends first.
func tagNameEnd(b []byte, p int) (nameEnd, next int) {
	for k := p + 1; k < len(b); k++ {
		switch b[k] {
		case ' ', '\n', '\r', '\t', '\f':
			return k, k + 1
		case '/', '>':
			return k, k
		}
	}
	return len(b), -1
}

// isASCIILetter reports whether c is A-Z or a-z, the bytes that begin a
// tag's name.
func isASCIILetter(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z'
}

// isSpace reports whether c is white space to the Tokenizer.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

// skipSpace returns the position of the first byte at or after b[i] that
// is not white space, len(b) when there is none.
func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// equalFoldASCII reports whether name is lower, a lower-case ASCII word,
// when A-Z in name are read as a-z (and no other byte is folded, as the
// Tokenizer folds no other).
func equalFoldASCII(name []byte, lower string) bool {
	if len(name) != len(lower) {
		return false
	}
	for i, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// linkTags are the tags inspect reads (pageTags.addTag).
var linkTags = [...]string{"a", "area", "base", "link", "frame", "iframe", "meta"}

// linkTagKind returns the name in linkTags that name, a tag's name as
// written, is in any case, else "".
func linkTagKind(name []byte) string {
	for _, k := range linkTags {
		if equalFoldASCII(name, k) {
			return k
		}
	}
	return ""
}
