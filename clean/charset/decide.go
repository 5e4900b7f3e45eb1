package charset

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Decide picks the charset of an HTML (or text) body. contentType is the
// HTTP Content-Type header ("" if none); forced is a site rule's encoding
// label ("" if none) and wins when it names a known encoding. The rules
// are tried in the order doc.go gives; the first that fires decides.
func Decide(body []byte, contentType, forced string) Decision {
	d, _ := decideOn(body, contentType, forced)
	return d
}

// DecideDecode is Decide and then Decode of body with the decision, in
// one: a body Decide has read as valid UTF-8 is not validated again, nor
// copied: the text returned is then body itself, past its BOM, and
// shares body's memory. Otherwise it is a new slice.
func DecideDecode(body []byte, contentType, forced string) (Decision, []byte) {
	d, p := decideOn(body, contentType, forced)
	if Lookup(d.Name) == "utf-8" && p.validUTF8() {
		return d, bytes.TrimPrefix(body, bomUTF8) // what decodeAs returns for a valid body
	}
	return d, []byte(Decode(body, d))
}

// decideOn is Decide, with the page it read.
func decideOn(body []byte, contentType, forced string) (Decision, *page) {
	p := newPage(body, contentType)
	d := p.noteAside(p.decide(forced))
	d.Declared = p.declared()
	return d, p
}

// page is one body with what it declares, and its visible text made once.
type page struct {
	body   []byte
	header string     // header charset parameter, as written
	metas  []string   // meta and XML declaration labels, in document order
	vis    []byte     // visible text (a sample of it), made on first use
	fits   []cjkFit   // CJK fits of vis, best first, made on first use
	sb     *sbFit     // best single-byte fit of vis, made on first use
	hist   *hist      // byte histogram and function words of vis, made on first use
	counts *utf8Tally // UTF-8 sequences of body, counted on first use
	utf8   int8       // whether body is valid UTF-8: utf8Unknown until asked (validUTF8)
	ls     []label    // labels(), listed on first use; nil until then
	lsMem  [2]label   // ls's memory while it holds no more
}

// The states of page.utf8.
const (
	utf8Unknown = iota
	utf8Invalid
	utf8Valid
)

// validUTF8 reports whether the body is valid UTF-8, read once a page.
func (p *page) validUTF8() bool {
	if p.utf8 == utf8Unknown {
		p.utf8 = utf8Invalid
		if utf8.Valid(p.body) {
			p.utf8 = utf8Valid
		}
	}
	return p.utf8 == utf8Valid
}

// sampleLimit bounds the visible text the scorers read (sampleOf).
const sampleLimit = 64 << 10

// cjkFits returns the CJK fits of the visible text, best first.
func (p *page) cjkFits() []cjkFit {
	if p.fits == nil {
		p.fits = scoreCJK(p.visible())
	}
	return p.fits
}

// single returns the best single-byte fit of the visible text.
func (p *page) single() sbFit {
	if p.sb == nil {
		f := scoreSingle(p.visible(), p.histogram())
		p.sb = &f
	}
	return *p.sb
}

// histogram returns the byte histogram of the visible text, which every
// single-byte fit of it reads.
func (p *page) histogram() *hist {
	if p.hist == nil {
		p.hist = newHist(p.visible())
	}
	return p.hist
}

func newPage(body []byte, contentType string) *page {
	return &page{body: body, header: charsetParam(contentType), metas: metaLabels(body)}
}

// declared is the label the page declared: the header's, else the first meta's.
func (p *page) declared() string {
	if p.header != "" {
		return p.header
	}
	if len(p.metas) > 0 {
		return p.metas[0]
	}
	return ""
}

// visible returns a sample (sampleOf) of the page's visible text, or of
// the whole body when the visible text has no non-ASCII byte (the
// evidence is then in attributes).
func (p *page) visible() []byte {
	if p.vis == nil {
		v := visible(p.body)
		if !hasHigh(v) {
			v = p.body
		}
		p.vis = sampleOf(v)
	}
	return p.vis
}

// sampleOf returns at most sampleLimit bytes of v, from sampleLead bytes
// before its first non-ASCII byte: a page may open with more than
// sampleLimit of ASCII, an English preamble or a long menu, before the
// text that tells its charset. The ASCII skipped is left out even when
// the sample comes out shorter: ASCII tells no charset, and much of it
// beside a little text sways the single-byte scores.
func sampleOf(v []byte) []byte {
	if len(v) <= sampleLimit {
		return v
	}
	start := max(0, firstHigh(v)-sampleLead)
	return v[start:min(len(v), start+sampleLimit)]
}

// sampleLead is how much ASCII before the first non-ASCII byte a sample
// keeps: the function words around the text (stopwords.go) are evidence.
const sampleLead = 1 << 10

// firstHigh is the index of the first byte of b above 0x7F, or -1.
func firstHigh(b []byte) int {
	for i, c := range b {
		if c >= 0x80 {
			return i
		}
	}
	return -1
}

// decide tries the rules in doc.go's order. A rule that does not fire may
// still leave a Note (on declarations overruled, NULs set aside), which
// the Decision keeps.
func (p *page) decide(forced string) Decision {
	if n := Lookup(forced); n != "" {
		return decision(n, "rule", "")
	}
	note := ""
	for _, rule := range []func() (Decision, bool){p.byBOM, p.byNULs, p.byASCII, p.byUTF8, p.byDeclaration, p.byDetector} {
		d, ok := rule()
		if ok {
			d.Note = joinNotes(note, d.Note)
			return d
		}
		note = joinNotes(note, d.Note)
	}
	d := p.byDefault()
	d.Note = joinNotes(note, d.Note)
	return d
}

func decision(name, evidence, note string) Decision {
	return Decision{Name: name, Evidence: evidence, Confidence: 100, Note: note}
}

// byBOM is rule 1: a byte order mark.
func (p *page) byBOM() (Decision, bool) {
	switch {
	case bytes.HasPrefix(p.body, bomUTF8):
		return decision("utf-8", "bom", ""), true
	case bytes.HasPrefix(p.body, bomUTF16LE):
		return decision("utf-16le", "bom", ""), true
	case bytes.HasPrefix(p.body, bomUTF16BE):
		return decision("utf-16be", "bom", ""), true
	}
	return Decision{}, false
}

// byASCII is rule 2: a body of 7-bit bytes only.
func (p *page) byASCII() (Decision, bool) {
	if hasHigh(p.body) {
		return Decision{}, false
	}
	p.utf8 = utf8Valid // 7-bit bytes are valid UTF-8: no need to read them again
	if hasISO2022JP(p.body) {
		return decision("iso-2022-jp", "ascii", "ISO-2022-JP escape sequences"), true
	}
	return decision("utf-8", "ascii", ""), true
}

func hasHigh(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// hasISO2022JP reports an escape into JIS X 0208 (ESC $ B or ESC $ @).
func hasISO2022JP(b []byte) bool {
	return bytes.Contains(b, []byte("\x1b$B")) || bytes.Contains(b, []byte("\x1b$@"))
}

// byUTF8 is rule 3: valid UTF-8 with non-ASCII beats any declared label,
// except a few accidental UTF-8 sequences in a short body that a declared
// CJK charset decodes to more plausible text. A body with a few invalid
// bytes passes when it is nearly UTF-8 without a declaration.
func (p *page) byUTF8() (Decision, bool) {
	note := ""
	if !p.validUTF8() {
		t := p.utf8Tally()
		if !t.nearly(undeclaredPer, undeclaredLeast) {
			return Decision{}, false
		}
		note = t.note()
	}
	if n, from := p.firstDeclared(); n != "" && n != "utf-8" {
		if isCJK(n) && p.accidentalUTF8(n) {
			return decision(n, from, "valid UTF-8 by accident: short body, declared charset fits better"), true
		}
	}
	for _, l := range p.labels() {
		if n := l.name(); n != "" && n != "utf-8" {
			note = joinNotes(note, fmt.Sprintf("%s overruled: body is UTF-8", l))
		}
	}
	return decision("utf-8", "utf8-valid", note), true
}

// accidentalUTF8 reports whether the few multi-byte sequences of a valid
// UTF-8 body read better as the declared CJK charset n.
func (p *page) accidentalUTF8(n string) bool {
	s := string(p.visible())
	var chars, score int
	for _, r := range s {
		if r >= 0x80 {
			chars++
			score += utf8RuneScore(r)
		}
	}
	if chars > 6 {
		return false
	}
	f := fitOf(p.cjkFits(), n)
	return f.plausible() && f.score > score
}

// firstDeclared returns the first declared label that names a known
// encoding, skipping weak ones, with where it came from.
func (p *page) firstDeclared() (name, from string) {
	for _, l := range p.labels() {
		if n := l.name(); n != "" && !weak(l) {
			return n, l.from
		}
	}
	return "", ""
}

// label is one declaration: the label as written, where it came from,
// "header" or "meta" (a meta tag or an XML declaration), and the WHATWG
// name of the encoding it declares (nameOfLabel), resolved once when the
// label is made (newLabel): the rules read it up to a dozen times a page.
type label struct{ label, from, whatwg string }

// newLabel is the declaration of text from from, its name resolved.
func newLabel(text, from string) label {
	return label{label: text, from: from, whatwg: nameOfLabel(text, from)}
}

// name is the WHATWG name of the encoding l declares, or "".
func (l label) name() string { return l.whatwg }

// nameOfLabel is the WHATWG name of the encoding text declares, or "".
// A meta's x-user-defined declares windows-1252, as the HTML prescan
// reads it; a header's stays x-user-defined.
func nameOfLabel(text, from string) string {
	n := Lookup(text)
	if n == "x-user-defined" && from == "meta" {
		return "windows-1252"
	}
	return n
}

// labels lists the declarations: the header's first, then the metas'.
// They are listed once a page, in the page's own memory when they are
// few (a header's and a meta's, most pages': the rules read them two to
// four times a page); callers only read the list.
func (p *page) labels() []label {
	if p.ls != nil {
		return p.ls
	}
	ls := p.lsMem[:0] // not nil, even when it stays empty
	if p.header != "" {
		ls = append(ls, newLabel(p.header, "header"))
	}
	for _, m := range p.metas {
		ls = append(ls, newLabel(m, "meta"))
	}
	p.ls = ls
	return ls
}

// weak reports a declaration that is mostly a server or template default
// rather than a statement about the page: ISO-8859-1 and its kin.
func weak(l label) bool {
	return l.name() == "windows-1252"
}

func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// utf8RuneScore weighs a rune of a valid UTF-8 decoding for the accidental
// UTF-8 test: Latin letters and punctuation are as likely as frequent
// ideographs; other letters less so.
func utf8RuneScore(r rune) int {
	switch {
	case r < 0x250 || (r >= 0x2010 && r <= 0x206F):
		return 4
	case unicode.Is(unicode.Han, r):
		return runeScore(r, "gb18030")
	case unicode.IsLetter(r):
		return 1
	}
	return 0
}
