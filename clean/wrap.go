package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hard-wrapped text: a notice typed or pasted from a mail with a <br> at
// the end of every line, its paragraphs parted by two <br>s or a blank
// line. The walk makes each line a run of its own (lineBreaks counts the
// <br>s between two runs of one block); joinWrapped joins the lines of
// one paragraph back into one run.
//
// Lines of a chain (runs of one block, one to three <br>s apart) are
// taken for wrapped prose only when they fill a width: the chain's
// longest line is the width W, at least wrapMinWidth runes, and in each
// paragraph (lines one <br> apart) most lines but the last fill wrapFill
// of it, as plain text's wrapped lines do (plain.go); two such lines at
// least in the chain. An address,
// a signature or a list of short lines has no such width. A list of
// sentences, one a line, ends most lines with a sentence's end
// (sentenceEnd); a synopsis opens most lines alike (sameOpening), a
// grammar or a list of settings defines a name a line (definitions); verse and a list of headings start most lines with a
// capital though the line before ends mid-sentence: neither
// is joined. Within a wrapped chain a line is joined to the next when it
// stops mid-sentence and the next goes on in lower case, or when it
// is long and it stops mid-sentence, or the next line's first word would
// not have fitted on it, or the next line opens in lower case: a shorter
// line ends its paragraph. A quotation mark at a line's start is read
// past (openingLetter). A paragraph of two lines alone fills no width of
// its own; joinTwoLines weighs its two lines by their shape.

const (
	wrapMinWidth = 40  // runes of the longest line of a wrapped chain, at least
	wrapMaxWidth = 120 // and at most: a longer line is a paragraph of its own
	wrapMinWords = 3   // words a line of prose holds, at least
)

// joinWrapped returns runs with the lines of each hard-wrapped paragraph
// joined into one run, a space between them; other runs are unchanged.
// It reuses runs' array.
func joinWrapped(runs []run) []run {
	out := runs[:0]
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && wrapLinked(runs[j-1], runs[j]) {
			j++
		}
		out = append(out, joinChain(runs[i:j])...)
		i = j
	}
	return out
}

// wrapLinked reports b the line after a, a few <br>s apart in one block.
func wrapLinked(a, b run) bool {
	return b.brs > 0 && b.seq == a.seq+1 && a.owner == b.owner
}

// joinChain joins the wrapped lines of a chain (see joinWrapped). The
// runs it returns lie in chain's array, before or at their own place.
func joinChain(chain []run) []run {
	if len(chain) < 2 {
		return chain
	}
	w := 0
	for _, r := range chain {
		if r.heading || r.caption {
			return chain
		}
		w = max(w, utf8.RuneCountInString(r.text))
	}
	if w < wrapMinWidth || w > wrapMaxWidth {
		return chain
	}
	wrapped := make([]bool, len(chain)) // wrapped[k]: chain[k] is a line of a wrapped paragraph
	filled := 0
	for from := 0; from < len(chain); {
		to := from + 1
		for to < len(chain) && chain[to].brs == 1 {
			to++
		}
		if f, ok := wrappedLines(chain[from:to], w); ok {
			filled += f
			for k := from; k < to; k++ {
				wrapped[k] = true
			}
		}
		from = to
	}
	if filled < 2 {
		return joinTwoLines(chain) // one long line is no width, but a paragraph of two lines may say it is wrapped
	}
	out := chain[:1]
	for k := 1; k < len(chain); k++ {
		if chain[k].brs == 1 && wrapped[k] && wrapJoins(chain[k-1].text, chain[k].text, w) {
			prev := &out[len(out)-1]
			prev.text += " " + chain[k].text
			prev.units += chain[k].units
			prev.linkUnits += chain[k].linkUnits
			continue
		}
		out = append(out, chain[k])
	}
	return out
}

// wrappedLines reports lines, one <br> apart, that fill the width w as
// wrapped prose does (see joinWrapped): every line but the last holds
// words and most of them are long, few of them end a sentence, and they
// do not start with capitals as verse does. filled is how many are long
// or could not take the next line's first word.
func wrappedLines(lines []run, w int) (filled int, ok bool) {
	inner, ends, capitals, open := len(lines)-1, 0, 0, 0
	for k := 0; k < inner; k++ {
		t := lines[k].text
		if len(strings.Fields(t)) < wrapMinWords {
			return 0, false // a short line amid them: a list, an address
		}
		if n := utf8.RuneCountInString(t); float64(n) >= wrapFill*float64(w) || n+1+utf8.RuneCountInString(firstWord(lines[k+1].text)) > w {
			filled++ // long, or the next line's first word would not have fitted on it (a long quoted word)
		}
		if sentenceEnd(t) {
			ends++
			continue
		}
		open++
		if unicode.IsUpper(openingLetter(lines[k+1].text)) {
			capitals++
		}
	}
	switch {
	case sameOpening(lines) || definitions(lines) || labelled(lines):
		return 0, false // forms of one command, items of one kind, a grammar's rules
	case inner < 1 || filled*3 < inner*2:
		return 0, false // no width filled
	case ends*2 > inner:
		return 0, false // a sentence a line
	case open >= 3 && capitals*10 > open*7:
		return 0, false // verse, or a list of titles
	}
	return filled, true
}

// wrapJoins reports line b the rest of a's paragraph in a chain of width
// w: a stops mid-sentence and b goes on in lower case, or a is long, and
// it stops mid-sentence at a word (lastWordLower), or b's
// first word would not have fitted on it, or b opens in lower case.
func wrapJoins(a, b string, w int) bool {
	r := openingLetter(b)
	open := !sentenceEnd(a)
	if open && unicode.IsLower(r) {
		return true // a sentence goes on, whatever a's length
	}
	n := utf8.RuneCountInString(a)
	if float64(n) < wrapFill*float64(w) {
		return false
	}
	if open && lastWordLower(a) {
		return true // a long line that stops mid-sentence: typed lines are ragged
	}
	if n+1+utf8.RuneCountInString(firstWord(b)) > w {
		return true
	}
	return unicode.IsLower(r)
}

// sameOpening reports lines more than half of which open with the same
// two words, or with the same word when three lines or more do: a
// command's forms in a synopsis ("cargo install [options] crate",
// "cargo install [options] --path path"), a stack trace's frames ("by
// 0x4C21…: f (a.c:12)"), a list's items. Wrapped prose hardly opens two
// lines of a paragraph alike, though two may start with one article.
func sameOpening(lines []run) bool {
	words := make(map[string]int, len(lines)) // lines by their first word
	pairs := make(map[string]int, len(lines)) // and by their first two
	for _, r := range lines {
		f := strings.Fields(r.text)
		if len(f) == 0 {
			continue
		}
		w, p := f[0], strings.Join(f[:min(2, len(f))], " ")
		words[w]++
		pairs[p]++
		if c := pairs[p]; c >= 2 && c*2 > len(lines) {
			return true
		}
		if c := words[w]; c >= 3 && c*2 > len(lines) {
			return true
		}
	}
	return false
}

// definitionSigns are the signs a grammar's rule or an assignment sets
// between its name and what it stands for: "bytes → {UTF-8 bytes}",
// "expr ::= term", "x := 1", "DEBUG = 0".
var definitionSigns = []string{"→", "::=", ":=", " = ", "=>"}

// definitions reports lines more than half of which hold a definition
// sign (definitionSigns): rules of a grammar or settings, a line each,
// which prose does not write.
func definitions(lines []run) bool {
	n := 0
	for _, r := range lines {
		for _, sign := range definitionSigns {
			if strings.Contains(r.text, sign) {
				n++
				break
			}
		}
	}
	return n >= 2 && n*2 > len(lines)
}

// labelled reports lines more than half of which, two at least, open
// with a label: a first word that ends with a colon ("Monday: open at
// nine", "Tel.: 0123…"). A timetable or a list of contacts writes a line
// so; wrapped prose seldom sets a colon at a line's first word twice.
func labelled(lines []run) bool {
	n := 0
	for _, r := range lines {
		if f, _, _ := strings.Cut(strings.TrimSpace(r.text), " "); len(f) > 1 && strings.HasSuffix(f, ":") {
			n++
		}
	}
	return n >= 2 && n*2 > len(lines)
}

// lastWordLower reports a line whose last word holds a letter in lower
// case: a sentence stopped at a word or a name ("the GNU General
// Public"), where one that ends in a code, capitals or a number
// ("Boston, MA 02110-1301 USA") may be a line of an address.
func lastWordLower(t string) bool {
	return strings.IndexFunc(t[strings.LastIndexByte(t, ' ')+1:], unicode.IsLower) >= 0
}

// openingQuotes are the marks a quotation opens with in English, German
// and French text: “…”, "…", „…“, «…», ‘…’, '…'.
const openingQuotes = "“\"„«‘'‚‹"

// openingLetter returns the first rune of t past the quotation marks
// and spaces it opens with (openingQuotes): a wrapped line that opens a
// quotation ("„wir werden…") goes on in lower case as any other does.
func openingLetter(t string) rune {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(t, openingQuotes+" \u00a0"))
	return r
}

// joinTwoLines joins, in a chain whose lines fill no width (see
// joinChain), each paragraph of exactly two lines that twoLinesWrapped
// takes for one wrapped sentence; other runs are unchanged. The runs it
// returns lie in chain's array, before or at their own place.
func joinTwoLines(chain []run) []run {
	out := chain[:0]
	for k := 0; k < len(chain); k++ {
		c := chain[k]
		alone := k+1 < len(chain) && chain[k+1].brs == 1 && (k == 0 || c.brs > 1) && (k+2 >= len(chain) || chain[k+2].brs > 1)
		if alone && twoLinesWrapped(c.text, chain[k+1].text) {
			c.text += " " + chain[k+1].text
			c.units += chain[k+1].units
			c.linkUnits += chain[k+1].linkUnits
			k++
		}
		out = append(out, c)
	}
	return out
}

// twoLinesWrapped reports a, b the two lines of one hard-wrapped
// paragraph: a is a line of prose (wrapMinWords words, wrapMinWidth to
// wrapMaxWidth runes) that stops mid-sentence at a word in lower case
// (lastWordLower) and not at a comma, colon or semicolon, as a verse's
// line or a salutation does; b's first word would not have fitted on a
// (b is no longer than a with that word on it), and b goes on in lower
// case, or it ends the sentence. An address, a signature ("Yours
// sincerely" over a name) or a heading over a line has no such shape.
func twoLinesWrapped(a, b string) bool {
	n := utf8.RuneCountInString(a)
	if n < wrapMinWidth || n > wrapMaxWidth || len(strings.Fields(a)) < wrapMinWords || len(strings.Fields(b)) < 2 {
		return false
	}
	if sentenceEnd(a) || !lastWordLower(a) || strings.ContainsRune(",;:", lastRune(a)) {
		return false
	}
	if utf8.RuneCountInString(b) > n+utf8.RuneCountInString(firstWord(b)) {
		return false // b's first word would have fitted on a: a ends its line of its own
	}
	r := openingLetter(b)
	return unicode.IsLower(r) || (unicode.IsLetter(r) && sentenceEnd(b))
}

// firstWord returns t's first word with the quotation marks it opens
// with, and the space a French quotation sets after its mark ("« mot").
func firstWord(t string) string {
	rest := strings.TrimLeft(t, openingQuotes+" \u00a0")
	word, _, _ := strings.Cut(rest, " ")
	return t[:len(t)-len(rest)] + word
}

// lastRune returns t's last rune, utf8.RuneError for "".
func lastRune(t string) rune {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(t))
	return r
}
