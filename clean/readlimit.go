package clean

import "bytes"

// DefaultReadLimit is how much of a page's body Clean reads when
// Input.ReadLimit is zero. Text, metadata and links come from that prefix
// only; the rest is not decoded or parsed, and Document.TextTruncated
// says so. 4 MiB holds any article with room to spare: the largest of the
// evaluation pages is 2.8 MB, so all of them are read whole, and a page
// past it is markup, scripts or inline images far more than prose. It
// bounds the parse tree, the largest thing Clean makes (see Memory).
const DefaultReadLimit = 4 << 20

// cutSlack is how far before the read limit a cut may move back to end
// at a tag's '>' or a line's end, rather than inside a tag or a character.
const cutSlack = 64 << 10

// readLimit is Input.ReadLimit, or DefaultReadLimit for ≤ 0.
func readLimit(limit int) int {
	if limit <= 0 {
		return DefaultReadLimit
	}
	return limit
}

// readPrefix returns the part of body Clean reads under limit, and
// whether that is not all of it. A cut body ends just after the last '>'
// or newline of its final cutSlack bytes, when there is one.
func readPrefix(body []byte, limit int) ([]byte, bool) {
	if len(body) <= limit {
		return body, false
	}
	head := body[:limit]
	tail := head[max(0, limit-cutSlack):]
	if i := bytes.LastIndexAny(tail, ">\n"); i >= 0 {
		head = head[:len(head)-len(tail)+i+1]
	}
	return head, true
}

// treeFactor is the memory Clean holds at once per byte it reads: the
// decoded text, the parse tree and what is built over it. The tree of
// running prose takes about 2 bytes a byte, a page of 100,000 links 11;
// a page of nothing but tiny elements reaches 28, past this estimate.
const treeFactor = 12

// Memory estimates the bytes Clean holds at once for a body of n bytes
// read under limit (≤ 0: DefaultReadLimit): treeFactor for every byte it
// reads. A crawl reserves it with the page (crawl.Config.Overhead), so
// that two pages at the body limit are never parsed at once.
func Memory(n int64, limit int) int64 {
	return treeFactor * min(max(n, 0), int64(readLimit(limit)))
}
