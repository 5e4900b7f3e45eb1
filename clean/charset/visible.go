package charset

import "bytes"

// visible returns the bytes of a page's visible text: markup, comments,
// scripts and styles removed, each removed span replaced by one space so
// words do not join, or by a line break when it is a tag that starts or
// ends a block of text (blockTag): what follows opens a line, as a
// heading, a paragraph or a table cell does, where a capital belongs
// (sentenceStart). It works on raw bytes, which is safe for every
// encoding we detect: no CJK trail byte is '<' or '>'. A body without
// markup comes back unchanged.
func visible(body []byte) []byte {
	if bytes.IndexByte(body, '<') < 0 {
		return body
	}
	out := make([]byte, 0, len(body)/2)
	for i := 0; i < len(body); {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			out = append(out, body[i:]...)
			break
		}
		out = append(out, body[i:i+j]...)
		sep := byte(' ')
		if blockTag(body[i+j:]) {
			sep = '\n'
		}
		i = skipMarkup(body, i+j)
		out = append(out, sep)
	}
	return out
}

// blockTags are the elements whose start or end tag breaks the text
// into lines, as a browser lays them out.
var blockTags = []string{
	"p", "br", "div", "li", "td", "th", "tr", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
	"title", "caption", "figcaption", "blockquote", "pre", "option", "table", "ul", "ol",
	"section", "article", "header", "footer", "address", "body",
}

// blockTag reports whether tag (from its '<') is a start or end tag of
// one of blockTags.
func blockTag(tag []byte) bool {
	name := tag[1:]
	if len(name) > 0 && name[0] == '/' {
		name = name[1:]
	}
	n := 0
	for n < len(name) && n < 12 && (isASCIILetter(name[n]) || isDigit(name[n])) {
		n++
	}
	if n == 0 || n < len(name) && (isASCIILetter(name[n]) || isDigit(name[n])) {
		return false
	}
	for _, b := range blockTags {
		if len(b) == n && asciiFoldHasPrefix(name, b) {
			return true
		}
	}
	return false
}

// skipMarkup returns the index just past the markup that starts at body[i]
// == '<': a comment, a script or style element with its content, or a tag.
func skipMarkup(body []byte, i int) int {
	rest := body[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return skipPast(body, i+4, "-->")
	case asciiFoldHasPrefix(rest[1:], "script"):
		return skipPast(body, i, "</script")
	case asciiFoldHasPrefix(rest[1:], "style"):
		return skipPast(body, i, "</style")
	}
	return skipPast(body, i, ">")
}

// skipPast returns the index after the first end marker (ASCII,
// case-insensitive) at or after from, then after the next '>' if the
// marker is an end tag; len(body) if there is none.
func skipPast(body []byte, from int, marker string) int {
	k := indexFold(body[from:], marker)
	if k < 0 {
		return len(body)
	}
	end := from + k + len(marker)
	if marker[0] == '<' {
		if g := bytes.IndexByte(body[end:], '>'); g >= 0 {
			return end + g + 1
		}
		return len(body)
	}
	return end
}

// indexFold is bytes.Index with ASCII case folding; marker must start
// with a byte that has no case.
func indexFold(b []byte, marker string) int {
	for i := 0; ; {
		k := bytes.IndexByte(b[i:], marker[0])
		if k < 0 {
			return -1
		}
		i += k
		if asciiFoldHasPrefix(b[i:], marker) {
			return i
		}
		i++
	}
}
