package charset

import "fmt"

// byDeclaration is rule 4: the first declared label (header, then metas)
// that decodes the body cleanly and that no other charset clearly beats.
// Weak labels (ISO-8859-1 and kin) are left to rule 7. The returned
// Decision carries, when ok is false, a Note on the labels overruled.
func (p *page) byDeclaration() (Decision, bool) {
	var notes []string
	for _, l := range p.labels() {
		n := l.name()
		if n == "" || weak(l) {
			continue
		}
		why := p.misfit(l)
		if why == "" {
			d := decision(n, l.from, joinAll(notes))
			if n == "utf-8" {
				d.Note = joinNotes(d.Note, joinNotes("utf-8 declared", p.utf8Tally().note()))
			}
			return d, true
		}
		notes = append(notes, fmt.Sprintf("%s overruled: %s", l, why))
	}
	return Decision{Note: joinAll(notes)}, false
}

// misfit says why the declared label l does not fit the body, or "".
func (p *page) misfit(l label) string {
	switch n := l.name(); {
	case n == "utf-8":
		return p.utf8Misfit()
	case isUTF16(n):
		return utf16Misfit(p.body, l)
	case n == "iso-2022-jp":
		return "body has 8-bit bytes"
	case isCJK(n):
		return p.cjkMisfit(n)
	default:
		return p.singleMisfit(n)
	}
}

// utf16Misfit checks a declared UTF-16 without a BOM (rule 1 has taken
// bodies with one, and those of mostly Latin text). A meta's never fits:
// it was read in ASCII bytes, which UTF-16 markup is not (browsers read
// the page as UTF-8). A header's stands when the body, read in its byte
// order, is well-formed UTF-16 of likely text (utf16Tally), whatever its
// script: CJK text and plain text have no NUL pattern to show.
func utf16Misfit(body []byte, l label) string {
	if l.from == "meta" {
		return "a meta in ASCII bytes: the body is not UTF-16"
	}
	return countUTF16(body, l.name()).misfit()
}

// utf8Misfit checks a declared UTF-8 against the body: rule 3 has taken
// valid bodies, so this one has invalid bytes; it fits unless they
// clearly outnumber its plausible multi-byte sequences (fitsDeclared).
func (p *page) utf8Misfit() string {
	t := p.utf8Tally()
	if t.fitsDeclared() {
		return ""
	}
	return fmt.Sprintf("body is not UTF-8 (%d invalid bytes, %d valid sequences, %d plausible)", t.invalid, t.valid, t.plausible)
}

// cjkMisfit checks a declared CJK charset against the other CJK charsets.
func (p *page) cjkMisfit(n string) string {
	f := fitOf(p.cjkFits(), n)
	if !f.q.clean() {
		return fmt.Sprintf("%d invalid or unassigned sequences", f.q.bad+f.q.private)
	}
	if !f.plausible() || n == "gb18030" && asciiTrails(p.visible()) {
		if sb := p.single(); sb.score >= 0 { // scored only when asked: it is the costlier half
			return fmt.Sprintf("decodes to improbable characters, reads as %s", sb.name)
		}
	}
	if best := p.cjkFits()[0]; best.name != n && clearlyBetter(best, f) {
		return fmt.Sprintf("%s fits clearly better", best.name)
	}
	return ""
}

// clearlyBetter reports whether fit a beats fit b by a margin that short
// ambiguous texts do not reach.
func clearlyBetter(a, b cjkFit) bool {
	return a.plausible() && a.score > b.score+b.score/4+8
}

// singleMisfit checks a declared single-byte charset: the body must not
// read as CJK, and the label must score near the best single-byte charset.
func (p *page) singleMisfit(n string) string {
	if _, ok := sbLangs[n]; !ok {
		_, q := measure(p.body, n)
		if q.bad > 0 {
			return "undefined bytes"
		}
		return ""
	}
	v := p.visible()
	s, _ := fitHist(v, p.histogram(), n)
	if best := p.cjkFits()[0]; best.plausible() && s < wordsPerByte*countHigh(v) {
		return fmt.Sprintf("body reads as %s", best.name)
	}
	best := p.single()
	if s < best.score-declaredSlack(s, disagreeing(p.histogram(), n, best.name)) {
		return fmt.Sprintf("%s fits clearly better", best.name)
	}
	return ""
}

// declaredSlack is by how much another single-byte reading must beat a
// declared charset's reading, scoring s, to overrule it, where high is
// how many of the text's non-ASCII bytes the two read differently
// (disagreeing): 3 a byte, and a letter's worth more (letterSlack) when
// the declared reading scores above nothing, letters of a language rather
// than signs. A name or two in an English page has a few non-ASCII bytes,
// and a wrong charset's language may read them a few points better
// ("Žalgiris" in windows-1257 as Icelandic "Þalgiris" in windows-1252):
// the declaration is the better evidence. A sign glued to a word
// ("©iauliai", iso-8859-2's Š declared windows-1251) scores nothing, and
// earns no slack. Only the bytes the readings disagree on earn slack:
// bytes both read alike score alike, and a long text in a sibling
// charset (koi8-u under koi8-r, windows-1250 under iso-8859-2) would
// otherwise earn more slack than its few disagreeing bytes can score.
func declaredSlack(s, high int) int {
	slack := 30 * high / 10
	if s > 0 {
		slack += letterSlack
	}
	return slack
}

// letterSlack is what a declared reading of letters is granted beyond 3
// points a byte (declaredSlack): half of a frequent letter's score.
const letterSlack = 20

// wordsPerByte is what a declared single-byte charset's reading must
// score per non-ASCII byte to stand against a plausible CJK reading: a
// text of a language's letters scores 30 or more (letterScore), CJK read
// in any single-byte charset 6 at most (symbols, capitals glued to small
// letters, letters of two scripts). A Russian word in koi8-r in an
// English page ("\xe9\xda\xd7\xc5\xd3\xd4\xc9\xd1", Известия) decodes as
// four plausible EUC-JP kanji.
const wordsPerByte = 15

// disagreeing counts the non-ASCII bytes of the text (histogram h) that
// single-byte charsets a and b decode to different characters.
func disagreeing(h *hist, a, b string) int {
	ta, tb := sbTable(a), sbTable(b)
	n := 0
	for c := 0x80; c < 256; c++ {
		if h.all[c] > 0 && ta.r[c] != tb.r[c] {
			n += h.all[c]
		}
	}
	return n
}

func countHigh(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= 0x80 {
			n++
		}
	}
	return n
}

func joinAll(notes []string) string {
	s := ""
	for _, n := range notes {
		s = joinNotes(s, n)
	}
	return s
}

// byDetector is rule 5: chardet and this package's scorers on the visible
// text. A plausible CJK decoding wins over single-byte ones; between CJK
// charsets the scorer decides and chardet breaks near ties. ok is false
// when nothing fits (rules 6 to 8 then decide).
func (p *page) byDetector() (Decision, bool) {
	v := p.visible()
	guesses := detect(v)
	fits := p.cjkFits()
	if fits[0].plausible() && !p.wordsOverCJK(fits[0]) {
		return p.pickCJK(fits, guesses)
	}
	sb := p.single()
	if sb.score < 0 {
		return Decision{}, false
	}
	d := decision(sb.name, "detector", "reads as "+langNames[sb.lang]+" text")
	d.Confidence = confidenceOf(sb.name, guesses, 50)
	return d, true
}

// wordsOverCJK reports whether the best single-byte reading of the
// visible text is a language's words (wordsPerByte a non-ASCII byte) while
// its best CJK reading f is a few uncommon characters (under weakCJK a
// character, where CJK text's frequent characters score 4 and Hangul 6):
// a word of another alphabet among ASCII, not CJK.
func (p *page) wordsOverCJK(f cjkFit) bool {
	return f.score < weakCJK*f.chars && p.single().score >= wordsPerByte*countHigh(p.visible())
}

// weakCJK is the score a character under which a plausible CJK reading
// gives way to a single-byte reading of words (wordsOverCJK).
const weakCJK = 3

// pickCJK chooses among plausible CJK fits. A near tie is settled by
// chardet when it is sure, else by the Chinese default on short text
// (rule 6), else by the scorer's order.
func (p *page) pickCJK(fits []cjkFit, guesses []guess) (Decision, bool) {
	best := fits[0]
	if !clearlyBetter(best, fits[1]) {
		if g := surest(guesses, fits); g != "" {
			d := decision(g, "detector", "")
			d.Confidence = confidenceOf(g, guesses, 10)
			return d, true
		}
		if gb := fitOf(fits, "gb18030"); best.chars < 40 && gb.plausible() && !aheadOf(best, gb) {
			return decision("gb18030", "default", "short text, no clear winner: Chinese default"), true
		}
	}
	d := decision(best.name, "detector", "")
	d.Confidence = confidenceOf(best.name, guesses, 30)
	return d, true
}

// aheadOf reports whether fit a scores more than a quarter above fit b:
// then a short text is a's, not left to the Chinese default. This is
// clearlyBetter's margin without its constant, which on a handful of
// characters outweighs them all: Korean "감사합니다" scores 20 as EUC-KR
// (frequent syllables, 6 each) and 14 read as GBK, whose first rows of
// frequent hanzi its bytes fall in.
func aheadOf(a, b cjkFit) bool {
	return a.score > b.score+b.score/4
}

func fitOf(fits []cjkFit, name string) cjkFit {
	for _, f := range fits {
		if f.name == name {
			return f
		}
	}
	return cjkFit{name: name}
}

// surest returns chardet's best CJK guess among the near-tied fits, if
// chardet is more than minimally sure of it, and surer of it than of any
// other CJK charset: two CJK guesses at one confidence are chardet's own
// tie, which detect's order by name would settle (a Japanese usage line,
// "使い方: ls [オプション]...", is Big5 and EUC-JP at 100 each), and the
// scorer settles it instead.
func surest(guesses []guess, fits []cjkFit) string {
	for i, g := range guesses {
		if !isCJK(g.name) {
			continue
		}
		if g.confidence <= 10 || tiedCJK(guesses[i+1:], g.confidence) {
			return ""
		}
		for _, f := range fits {
			if f.name == g.name && f.plausible() && !clearlyBetter(fits[0], f) {
				return g.name
			}
		}
		return ""
	}
	return ""
}

// tiedCJK reports a CJK guess among guesses at confidence c.
func tiedCJK(guesses []guess, c int) bool {
	for _, g := range guesses {
		if isCJK(g.name) && g.confidence == c {
			return true
		}
	}
	return false
}

func confidenceOf(name string, guesses []guess, dflt int) int {
	for _, g := range guesses {
		if g.name == name {
			return g.confidence
		}
	}
	return dflt
}

// byDefault runs rules 6 to 8: UTF-16 in the one byte order the body
// reads as likely text in (likelyUTF16), a Chinese default for short
// pages that decode cleanly as GB18030, then a declared single-byte charset (weak
// ones included) or a header's UTF-16 the body is well-formed in
// (oddUTF16), then windows-1252.
func (p *page) byDefault() Decision {
	if n := likelyUTF16(p.body); n != "" {
		return decision(n, "default", "no BOM, no NUL pattern: reads as "+n+" text")
	}
	if f := fitOf(p.cjkFits(), "gb18030"); f.q.clean() && !f.latinLike() && f.chars > 0 && f.chars < 40 && f.score > 0 {
		return decision("gb18030", "default", "short page, decodes cleanly as GB18030")
	}
	for _, l := range p.labels() {
		switch n := l.name(); {
		case isUTF16(n) && p.oddUTF16(l):
			return decision(n, l.from, "nothing reads better: taken after all, the body is well-formed UTF-16")
		case n != "" && !isCJK(n) && !isUnicode(n):
			return decision(n, l.from, "")
		}
	}
	return decision("windows-1252", "fallback", "")
}

// oddUTF16 reports a header's UTF-16 label l that rule 4 overruled only
// because the body reads as unlikely text: it is well-formed in l's byte
// order, and is not likely text in the other. When nothing reads better,
// that is UTF-16 of a script or of characters utf16Plausible does not
// know, not windows-1252.
func (p *page) oddUTF16(l label) bool {
	n, other := l.name(), "utf-16be"
	if n == "utf-16be" {
		other = "utf-16le"
	}
	return l.from == "header" && countUTF16(p.body, n).wellFormed() && countUTF16(p.body, other).misfit() != ""
}

func isUnicode(n string) bool {
	return n == "utf-8" || n == "utf-16le" || n == "utf-16be"
}

// asciiTrails reports whether most two-byte GBK codes in b end in an ASCII
// letter or symbol (0x40-0x7E), as an accented letter followed by ASCII
// does; real GBK text mostly uses GB2312 codes, whose trail bytes are high.
func asciiTrails(b []byte) bool {
	var pairs, low int
	for i := 0; i+1 < len(b); i++ {
		if b[i] < 0x81 || b[i] == 0xFF {
			continue
		}
		pairs++
		if b[i+1] >= 0x40 && b[i+1] <= 0x7E {
			low++
		}
		i++
	}
	return pairs > 0 && low*2 > pairs
}
