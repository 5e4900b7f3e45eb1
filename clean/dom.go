package clean

import (
	"bytes"
	"math"
	"math/bits"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags break a paragraph: text on either side of them is a separate run.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true,
	atom.Ul: true, atom.Legend: true,
}

// paraTags hold one paragraph each; their score goes to their container.
var paraTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true,
	atom.Pre: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true,
	atom.Caption: true, atom.Address: true, atom.Summary: true, atom.Legend: true,
}

// dropTags never hold visible article text. A MathML <annotation> (or
// <annotation-xml>) is another encoding of the formula beside it, most
// often its TeX source (KaTeX writes one into every formula), which a
// browser does not show: read with the formula, it doubles it ("x2x^2").
var dropTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Svg: true, atom.Select: true,
	atom.Button: true, atom.Input: true, atom.Textarea: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Audio: true, atom.Video: true,
	atom.Map: true, atom.Head: true, atom.Title: true, atom.Nav: true,
	atom.Aside: true, atom.Frameset: true, atom.Noframes: true, atom.Label: true,
	atom.Annotation: true, atom.AnnotationXml: true,
}

func isHeading(a atom.Atom) bool {
	return a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf returns the collapsed text of n's subtree (scripts and styles
// skipped): collapse of its text nodes, each followed by a space. The
// nodes are written to one spaceWriter as they come, which is the same
// as collapsing their concatenation.
//
// An element whose only child is a text node (a <title>, most headings
// and anchors) has the collapse of that node's text: the writer would
// copy it as it is when it is collapsed already (isCollapsed), and the
// space written after it is never written at the end. That text is
// returned without building it again.
func textOf(n *html.Node) string {
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode &&
		n.Type == html.ElementNode && n.DataAtom != atom.Script && n.DataAtom != atom.Style {
		return collapse(c.Data)
	}
	var w spaceWriter
	writeTextOf(&w, n)
	return w.String()
}

func writeTextOf(w *spaceWriter, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.write(n.Data)
		w.write(" ")
	case html.ElementNode:
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeTextOf(w, c)
	}
}

// collapse collapses white space to single spaces, drops it between two CJK
// runes when it holds a line break or tab inside one text node (there it
// is only source layout: an editor's hard wrap, "用木\n质"; a plain space
// between two Han characters is kept as the page shows it) and trims the
// ends. It is idempotent: its output holds no white space
// but single plain spaces between other runes (TestCollapseIdempotent).
func collapse(s string) string {
	if isCollapsed(s) {
		return s // a title textOf made, a meta's content: no writer, no copy
	}
	var w spaceWriter
	w.write(s)
	return w.String()
}

// isCollapsed reports whether collapse(s) is s: s is valid UTF-8 whose
// only white space (isSpace) is single plain spaces between other runes.
// The writer changes nothing else: it copies every other rune as it is,
// writes one space for a run of white space between two runes (a space
// dropped between CJK runes is one a line break or tab made), and none
// at either end.
func isCollapsed(s string) bool {
	space := true // the last rune read was a space; at the start, a space would be trimmed
	for i := 0; i < len(s); {
		if e := hanRun(s, i); e > i {
			space, i = false, e
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace(c) && (c != ' ' || space) {
				return false
			}
			space, i = c == ' ', i+1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isSpace(r) {
			return false
		}
		space, i = false, i+size
	}
	return !space || s == ""
}

// spaceWriter appends text with white space collapsed as collapse describes,
// or, while verbatim is set (in a <pre>), as it is written: preformatted
// text keeps its lines, indentation and alignment, with a CR LF or a lone
// CR read as LF.
type spaceWriter struct {
	b        []byte // kept between runs (reset keeps its capacity)
	last     rune
	pending  bool // white space since the last rune
	layout   bool // it held a line break or a tab
	crossed  bool // it began in an earlier write: it spans text nodes
	verbatim bool // keep white space as written
}

func (w *spaceWriter) write(s string) { w.writeUnits(s) }

// writeUnits writes s and returns units(s), in one pass over s.
func (w *spaceWriter) writeUnits(s string) int {
	if w.verbatim {
		return w.writeVerbatim(s)
	}
	n := 0
	w.crossed = w.pending
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if isSpace(r) {
			w.pending = true
			w.layout = w.layout || r == '\n' || r == '\r' || r == '\t'
			if r >= 0x2E80 {
				n += runeUnits(r) // U+3000: white space here, yet units counts it
			}
			continue
		}
		w.put(r)
		n += runeUnits(r)
		k, u, last := wordSpan(s[i:])
		if k > 0 {
			w.b = append(w.b, s[i:i+k]...) // what put would append a rune at a time: no space is pending after r
			w.last = last
			n += u
			i += k
		}
	}
	return n
}

// writeVerbatim appends s with its white space as written, line breaks as
// LF and invalid UTF-8 as U+FFFD, and returns units(s).
func (w *spaceWriter) writeVerbatim(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '\r' {
			if i < len(s) && s[i] == '\n' {
				continue // the LF that follows writes the break
			}
			r = '\n'
		}
		if !isSpace(r) || r >= 0x2E80 {
			n += runeUnits(r)
		}
		w.b = utf8.AppendRune(w.b, r)
		w.last = r
	}
	return n
}

// trimPre trims a <pre>'s text as a browser shows it: white space at its
// end, and blank lines at its start, but not the first line's indentation.
func trimPre(b []byte) string {
	b = bytes.TrimRightFunc(b, isSpace)
	start := 0
	for i, c := range b {
		if c == '\n' {
			start = i + 1
		} else if c != ' ' && c != '\t' {
			break
		}
	}
	return string(b[start:])
}

// wordSpan measures the prefix of s that spaceWriter.put appends byte
// for byte once no space is pending: runes that are not white space
// (isSpace). A stray byte of invalid UTF-8 ends it, as put writes U+FFFD
// for it. It returns the prefix's length in bytes, its units (runeUnits
// of each rune) and its last rune.
//
// An ASCII byte is told by asciiSpace, not isSpace's switch, and counts
// one unit; a rune past ASCII is white space only up to U+3000, and
// runeUnits counts an ideograph without a call (most of a Chinese page's
// runes are ideographs).
//
// One space followed by ASCII that is not white space is part of the
// prefix too: put writes the two as they stand, after a rune that is not
// white space (a word of English ends at every space).
func wordSpan(s string) (k, u int, last rune) {
	for k < len(s) {
		if c := s[k]; c < utf8.RuneSelf {
			if spaces, ok := asciiWords8(s, k); ok {
				u += 8 - bits.OnesCount64(spaces) // what the tests below take of the eight bytes, a byte or a pair at a time
				last = rune(s[k+7])
				k += 8
				continue
			}
			if c == ' ' && k+1 < len(s) && s[k+1] < utf8.RuneSelf && !asciiSpace(s[k+1]) {
				u++
				last = rune(s[k+1])
				k += 2
				continue
			}
			if asciiSpace(c) {
				break
			}
			u++
			last = rune(c)
			k++
			continue
		}
		if e := hanRun(s, k); e > k {
			u += 2 * (e - k) / hanSize // runeUnits of each ideograph, which is no white space
			last, _ = hanAt(s, e-hanSize)
			k = e
			continue
		}
		r, size := utf8.DecodeRuneInString(s[k:])
		if r == utf8.RuneError && size == 1 || r <= 0x3000 && isSpace(r) {
			break
		}
		u += runeUnits(r)
		last = r
		k += size
	}
	return k, u, last
}

// asciiWords8 reports whether the eight bytes of s from k on are
// printable ASCII ('!' to '~') and spaces, no two spaces side by side
// and no space last, and where their spaces are (0x80 in each byte of
// the word that is one, as word8 reads them). wordSpan and
// wordsRun take such bytes whole, each as their byte loops would (a
// space always with the byte after it), eight at a time: a word of
// English text and the space before it are mostly such bytes. It is
// false when fewer than eight bytes are left.
func asciiWords8(s string, k int) (spaces uint64, ok bool) {
	if k < 0 || len(s)-k < 8 {
		return 0, false
	}
	return wordsSpaces8(word8(s[k : k+8]))
}

// wordsSpaces8 is asciiWords8 of the eight bytes of w (word8), its tests
// as one word: each term below sets 0x80 in some byte when one of them
// fails (the first two are exact for "any byte": a borrow or a carry
// starts at a byte that fails).
func wordsSpaces8(w uint64) (sp uint64, ok bool) {
	const ones, highs = 0x0101_0101_0101_0101, 0x8080_8080_8080_8080
	t := w ^ ones*' '                          // zero at each space
	sp = ^((t&^highs + ones*0x7F) | t) & highs // 0x80 at each space: no carry crosses a byte
	bad := (w-ones*' ')&^w | (w + ones*(0x7F-'~') | w) | sp<<8&sp | sp>>63<<63
	return sp, bad&highs == 0 // no byte below ' ' or above '~', no two spaces side by side, no space last
}

func (w *spaceWriter) put(r rune) {
	if w.pending && len(w.b) > 0 && !(w.layout && !w.crossed && isCJK(w.last) && isCJK(r)) {
		w.b = append(w.b, ' ')
	}
	w.pending, w.layout, w.crossed = false, false, false
	if r < utf8.RuneSelf {
		w.b = append(w.b, byte(r))
	} else {
		w.b = utf8.AppendRune(w.b, r)
	}
	w.last = r
}

// len is the length of the text written so far, in bytes.
func (w *spaceWriter) len() int { return len(w.b) }

// String returns a copy of the text written so far.
func (w *spaceWriter) String() string { return string(w.b) }

func (w *spaceWriter) reset() {
	w.b = w.b[:0]
	w.last, w.pending, w.layout, w.crossed = 0, false, false, false
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00A0', '\u3000', '\u2002', '\u2003', '\u2009', '\u200A', '\u202F', '\u205F', '\u1680', '\u2028', '\u2029', '\u0085':
		return true
	}
	return false
}

// units measures text for scoring: a CJK rune weighs two (one Han character
// carries about as much as a short word), and so does a Hangul syllable
// (a block of two or three letters: a Korean paragraph has about half the
// runes of the same paragraph in English, and weighed one a rune it
// looked short beside a block of headlines); other non-space runes one.
func units(s string) int { return unitsUpTo(s, math.MaxInt) }

// unitsUpTo is units(s) when that is under limit; else it is at least
// limit, the units of the prefix of s that reaches it (paraUnitsUpTo
// asks no more of a paragraph that makes a text long enough).
func unitsUpTo(s string, limit int) int {
	n := 0
	for i := 0; i < len(s) && n < limit; {
		if c := s[i]; c < utf8.RuneSelf { // ASCII: one unit unless white space, without isSpace's switch
			if w, ok := ascii8(s, i); ok && n+8 < limit {
				n += 8 - asciiSpaces8(w) // the units of the eight bytes, all read: n stays under limit
				i += 8
				continue
			}
			if !asciiSpace(c) {
				n++
			}
			i++
			continue
		}
		if e := hanRun(s, i); e > i {
			n += 2 * (e - i) / hanSize // runeUnits of each ideograph, which is no white space
			i = e
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x2E80 || !isSpace(r) {
			n += runeUnits(r)
		}
	}
	return n
}

// runesUpTo is min(utf8.RuneCountInString(s), limit), without counting
// past limit: the counts tested against a short line's bound were of
// whole paragraphs. A string of 4·limit bytes or more has limit runes or
// more (a rune takes at most four bytes, a stray byte counts as one): it
// is not read at all.
func runesUpTo(s string, limit int) int {
	if len(s) >= 4*limit {
		return limit
	}
	n := 0
	for i := 0; n < limit && i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			n++
			continue
		}
		if e := hanRun(s, i); e > i {
			n = min(n+(e-i)/hanSize, limit) // a run of ideographs at once
			i = e
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}

// asciiSpace is isSpace of an ASCII byte: space, \t, \n, \v, \f or \r.
func asciiSpace(c byte) bool {
	const set = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\v' | 1<<'\f' | 1<<'\r'
	return c < 64 && set>>c&1 != 0
}

// hanSize is the UTF-8 length of every CJK Unified Ideograph (U+4E00–U+9FFF).
const hanSize = 3

// hanAt reports whether s[i:] begins with the UTF-8 of a CJK Unified
// Ideograph (U+4E00–U+9FFF) and returns it. It is utf8.DecodeRuneInString
// for the runes most of a Chinese text is made of, small enough to be
// inlined: the text loops of a page (units, wordSpan, collapseText,
// nextToken…) spent most of their time in the call. Three bytes of the
// form 1110xxxx 10xxxxxx 10xxxxxx that decode into the block are its
// UTF-8: the overlong forms (lead E0) and the surrogates (lead ED)
// decode outside it.
func hanAt(s string, i int) (r rune, ok bool) {
	if s = s[i:]; len(s) < hanSize {
		return 0, false
	}
	c0, c1, c2 := s[0], s[1], s[2]
	r = rune(c0&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
	return r, c0&0xF0 == 0xE0 && c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && uint32(r)-0x4E00 <= 0x9FFF-0x4E00
}

// HanRun returns the end of the ideographs (hanAt) that follow one
// another from s[k] on; k when there is none there. A Chinese text is
// mostly such runs, read here without decoding each rune: each is three
// bytes, E4 B8 80 to E9 BF BF. It takes a string or bytes, so that the
// search index's tokeniser reads its runs as clean does.
func HanRun[T string | []byte](s T, k int) int {
	for k >= 0 && k+2 < len(s) && isHan3(s[k], s[k+1], s[k+2]) {
		k += hanSize
	}
	return k
}

// hanRun is HanRun of a string, two ideographs a step through a long
// run (hanRunOn): clean's text loops call it at every rune, or at every
// rune past ASCII, of every page. It is small enough to be inlined there:
// a byte that is no lead byte E4–E9 (ASCII, most runes of other scripts)
// ends it without a call. TestHanRunAsHanRun holds it to HanRun.
func hanRun(s string, k int) int {
	if uint(k) < uint(len(s)) && s[k]-0xE4 <= 0xE9-0xE4 { // 0 ≤ k < len(s): a negative k is a huge uint
		return hanRunOn(s, k)
	}
	return k
}

// hanRunOn is HanRun from k ≥ 0: two ideographs a step while eight
// bytes are left (han2 of the six bytes read as one word), then one a
// step, each the test HanRun makes of a rune. A step of two that fails
// is taken one at a time.
func hanRunOn(s string, k int) int {
	for len(s)-k >= 8 {
		if !han2(word8(s[k : k+8])) {
			break
		}
		k += 2 * hanSize
	}
	for k+2 < len(s) && isHan3(s[k], s[k+1], s[k+2]) {
		k += hanSize
	}
	return k
}

// ascii8 returns the eight bytes of s from k on as one word (word8),
// when eight are left and all of them are ASCII.
func ascii8(s string, k int) (w uint64, ok bool) {
	if k < 0 || len(s)-k < 8 {
		return 0, false
	}
	w = word8(s[k : k+8])
	return w, w&0x8080_8080_8080_8080 == 0
}

// asciiSpaces8 counts the bytes of w, eight ASCII bytes, that asciiSpace
// holds white space: ' ' and '\t' to '\r'. Each byte is below 0x80, so
// the sums below carry into no other byte.
func asciiSpaces8(w uint64) int {
	const ones, highs = 0x0101_0101_0101_0101, 0x8080_8080_8080_8080
	t := w ^ ones*' '
	space := ^((t + ones*0x7F) | t) & highs                           // 0x80 at each ' '
	ctl := (w + ones*(0x80-'\t')) &^ (w + ones*(0x80-'\r'-1)) & highs // 0x80 at each of '\t'–'\r'
	return bits.OnesCount64(space | ctl)
}

// asciiLetters8 counts the bytes of w, eight ASCII bytes, that are
// letters of ASCII: those c with c|0x20 from 'a' to 'z'.
func asciiLetters8(w uint64) int {
	const ones, highs = 0x0101_0101_0101_0101, 0x8080_8080_8080_8080
	x := w | ones*0x20
	return bits.OnesCount64((x + ones*(0x80-'a')) &^ (x + ones*(0x80-'z'-1)) & highs)
}

// word8 is the eight bytes of b (len(b) is 8) as one little-endian word,
// b[0] its low byte: one load, without a bounds check a byte.
func word8(b string) uint64 {
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// isHan3 reports whether c0 c1 c2 are the UTF-8 of an ideograph, as
// HanRun tests them: a lead byte E4–E9 (E4 only before B8 or more:
// U+4E00 is E4 B8 80) and two continuation bytes.
func isHan3(c0, c1, c2 byte) bool {
	return c0 >= 0xE4 && c0 <= 0xE9 && c1&0xC0 == 0x80 && c2&0xC0 == 0x80 && (c0 != 0xE4 || c1 >= 0xB8)
}

// han2 reports whether the low six bytes of w, the first in its low
// byte, are two ideographs: isHan3 of bytes 0–2 and of bytes 3–5, their
// four continuation bytes tested at once, and each lead byte with the
// byte after it as one number: E4 B8 to E9 BF, as isHan3 bounds them.
func han2(w uint64) bool {
	const contMask, cont = 0xC0C0_00C0_C000, 0x8080_0080_8000 // bytes 1, 2, 4 and 5
	const first, span = 0xE4B8, 0xE9BF - 0xE4B8
	return w&contMask == cont &&
		bits.ReverseBytes16(uint16(w))-first <= span && bits.ReverseBytes16(uint16(w>>24))-first <= span
}

// runeUnits is what a rune that is not white space below U+2E80 adds to units.
func runeUnits(r rune) int {
	if uint32(r)-0x4E00 <= 0x9FFF-0x4E00 {
		return 2 // a CJK Unified Ideograph (isCJK's first test), without the call
	}
	if r >= 0x2E80 && isCJK(r) {
		return 2
	}
	if r >= 0xAC00 && r <= 0xD7A3 {
		return 2 // a Hangul syllable: two or three letters written as one block
	}
	return 1
}

// belowBody reports an element below the <body>: an ancestor walk that
// stops at it never takes the whole page.
func belowBody(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom != atom.Body && n.DataAtom != atom.Html
}
