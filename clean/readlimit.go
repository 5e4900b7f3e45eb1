package clean

import "bytes"

// DefaultReadLimit is how much of a page's body Clean reads when
// Input.ReadLimit is zero (and maxMarkup bounds the tags it reads). Text,
// metadata and links come from that prefix only; the rest is not decoded
// or parsed, and Document.TextTruncated and TextLimit say so. 4 MiB holds any article with room to spare: the largest of the
// evaluation pages is 2.8 MB, so all of them are read whole, and a page
// past it is markup, scripts or inline images far more than prose. It
// bounds the parse tree, the largest thing Clean makes (see Memory).
const DefaultReadLimit = 4 << 20

// maxMarkup is the most '<' characters (start and end tags, comments)
// of the prefix Clean reads: a page of nothing but tiny elements holds
// ten times more of them in 4 MiB than prose does, and its parse tree
// grows with them (about 320 bytes an element of <p>boom</p>). The
// evaluation pages have at most 9,748 elements (about twice as many
// '<'), so none is cut.
const maxMarkup = 100_000

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

// readPrefix returns the part of body Clean reads under limit and
// maxMarkup, and whether that is not all of it. A plain text's lines are
// counted as tags are (each may be a paragraph, an element of the page
// cleanPlain reads, as a start and an end tag make one), besides its '<'s
// (it may still be HTML). A cut body ends just after the last '>' or
// newline of its final cutSlack bytes, when there is one.
func readPrefix(body []byte, limit int, plain bool) ([]byte, bool) {
	head := body[:min(len(body), limit)]
	head = head[:markupEnd(head, '<', maxMarkup)]
	if plain {
		head = head[:markupEnd(head, '\n', maxMarkup/2)]
	}
	if len(head) == len(body) {
		return body, false
	}
	tail := head[max(0, len(head)-cutSlack):]
	if i := bytes.LastIndexAny(tail, ">\n"); i >= 0 {
		head = head[:len(head)-len(tail)+i+1]
	}
	return head, true
}

// markupEnd is the offset of body's mark ('<', or a plain text's '\n')
// after n of them, or len(body) when it has no more than that (nearly
// every page: counted first, in one fast pass).
func markupEnd(body []byte, mark byte, n int) int {
	if len(body) <= n || bytes.Count(body, []byte{mark}) <= n {
		return len(body)
	}
	at := 0
	for range n {
		i := bytes.IndexByte(body[at:], mark)
		if i < 0 {
			return len(body)
		}
		at += i + 1
	}
	if i := bytes.IndexByte(body[at:], mark); i >= 0 {
		return at + i
	}
	return len(body)
}

// treeFactor is the memory Clean holds at once per byte it reads: the
// decoded text, the parse tree and what is built over it. Measured as the
// peak heap of Clean over its input: 4 MiB of prose paragraphs 9.9 bytes
// a byte; pages denser in markup cost more a byte (100,000 links in
// 4 MiB, 20; <p>boom</p> repeated, 30) but are cut at maxMarkup first,
// which bounds them near 20 MiB.
const treeFactor = 12

// Memory estimates the bytes Clean holds at once for a body of n bytes
// read under limit (≤ 0: DefaultReadLimit): treeFactor for every byte it
// reads. A crawl reserves it with the page (crawl.Config.Overhead), so
// that two pages at the body limit are never parsed at once.
func Memory(n int64, limit int) int64 {
	return treeFactor * min(max(n, 0), int64(readLimit(limit)))
}
