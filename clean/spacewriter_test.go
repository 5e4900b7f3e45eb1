package clean

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// writeUnitsRef is spaceWriter.writeUnits as it was before it copied
// words at once: every rune through put.
func writeUnitsRef(w *spaceWriter, s string) int {
	n := 0
	w.crossed = w.pending
	for _, r := range s {
		if isSpace(r) {
			w.pending = true
			w.layout = w.layout || r == '\n' || r == '\r' || r == '\t'
			if r >= 0x2E80 {
				n += runeUnits(r)
			}
			continue
		}
		w.put(r)
		n += runeUnits(r)
	}
	return n
}

// TestWriteUnitsAsBefore: writeUnits writes the text and counts the units
// that writing rune by rune did, over runs of random writes mixing ASCII,
// CJK, every white space, stray and cut UTF-8 and U+FFFD itself.
func TestWriteUnitsAsBefore(t *testing.T) {
	pieces := []string{"a", "Z9", " ", "\t", "\n", "\r", "\f", "\v", "\u00a0", "\u3000", "\u2028", "\u0085", "中", "文。",
		"\xff", "\xe4\xb8", "\x80", "\ufffd", "é", "\U0001F600", "\ud7ff", "\xed\xa0\x80",
		"\u4dc0", "\u4e00", "\u9fff", "\ua000", "\u2e80", "\u3001", "\u1680", "\u2002", "\u205f"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var got, want spaceWriter
		for range rng.IntN(4) + 1 {
			s := ""
			for range rng.IntN(8) {
				s += pieces[rng.IntN(len(pieces))]
			}
			if g, w := got.writeUnits(s), writeUnitsRef(&want, s); g != w {
				t.Fatalf("writeUnits(%q) = %d units, before %d", s, g, w)
			}
		}
		if got.String() != want.String() || got.last != want.last || got.pending != want.pending || got.layout != want.layout || got.crossed != want.crossed {
			t.Fatalf("writeUnits wrote %q (last %q), before %q (last %q)", got.String(), got.last, want.String(), want.last)
		}
		if !utf8.ValidString(got.String()) {
			t.Fatalf("writeUnits wrote invalid UTF-8 %q", got.String())
		}
	}
}

// TestUnitsAsBefore: units counts as ranging over the runes did, on the
// same random strings, and asciiSpace is isSpace on every ASCII byte.
func TestUnitsAsBefore(t *testing.T) {
	ref := func(s string) int {
		n := 0
		for _, r := range s {
			if r >= 0x2E80 || !isSpace(r) {
				n += runeUnits(r)
			}
		}
		return n
	}
	for c := range byte(utf8.RuneSelf) {
		if asciiSpace(c) != isSpace(rune(c)) {
			t.Errorf("asciiSpace(%q) = %v, isSpace %v", c, asciiSpace(c), isSpace(rune(c)))
		}
	}
	pieces := []string{"a", " ", "\t", "\v", "\u00a0", "\u3000", "中", "。", "\xff", "\xe4\xb8", "\ufffd", "é", "\U0001F600", "ｱ"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		s := ""
		for range rng.IntN(12) {
			s += pieces[rng.IntN(len(pieces))]
		}
		if got, want := units(s), ref(s); got != want {
			t.Fatalf("units(%q) = %d, before %d", s, got, want)
		}
	}
}

// TestPreKeepsItsLines: the text of a <pre> keeps its lines, indentation
// and alignment (CR LF read as LF, only blank lines before it and white
// space after it trimmed), while the paragraphs around it are collapsed;
// the hash reads the lines as Normalize does.
func TestPreKeepsItsLines(t *testing.T) {
	prose := "<p>The function below is the whole of the module, and the session after it shows how it is called from the shell on a fresh machine.</p>"
	page := "<html><body><article><h1>Notes</h1>" + prose +
		"<pre>\n\n  def <b>deref</b>(addr, type_):\r\n      return   cast(addr)\n\n\tdone  \n</pre>" +
		"<p>After   that\nthe module is in place, and nothing else needs to be installed before the next step of the guide.</p></article></body></html>"
	doc, err := Clean(Input{URL: "http://example.test/a", Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	want := "  def deref(addr, type_):\n      return   cast(addr)\n\n\tdone"
	if !strings.Contains(doc.Text, "\n\n"+want+"\n\n") {
		t.Fatalf("the <pre> lost its lines; text:\n%s", doc.Text)
	}
	if !strings.Contains(doc.Text, "After that the module is in place") {
		t.Fatalf("the paragraph after the <pre> is not collapsed; text:\n%s", doc.Text)
	}
	if n := Normalize(doc.Text); !strings.Contains(n, "def deref(addr, type_):\nreturn cast(addr)\ndone") {
		t.Fatalf("Normalize does not read the <pre>'s lines as lines: %q", n)
	}
}

// TestWriteVerbatim: in a <pre> the writer counts units as units does and
// writes valid UTF-8, with no CR left.
func TestWriteVerbatim(t *testing.T) {
	pieces := []string{"a", " ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u3000", "中", "\xff", "\xe4\xb8", "é"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		w := spaceWriter{verbatim: true}
		s := ""
		for range rng.IntN(10) {
			s += pieces[rng.IntN(len(pieces))]
		}
		if got, want := w.writeUnits(s), units(s); got != want {
			t.Fatalf("writeUnits(%q) = %d units, units says %d", s, got, want)
		}
		if out := w.String(); !utf8.ValidString(out) || strings.ContainsRune(out, '\r') {
			t.Fatalf("verbatim write of %q gave %q", s, out)
		}
	}
}

// TestRuneUnitsAndSpace checks, on every rune, runeUnits's fast path
// against isCJK and the Hangul syllables, and the bound wordSpan relies on: no rune past U+3000 is
// white space to isSpace.
func TestRuneUnitsAndSpace(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		want := 1
		if r >= 0x2E80 && isCJK(r) || r >= 0xAC00 && r <= 0xD7A3 { // an ideograph, kana, or a Hangul syllable
			want = 2
		}
		if got := runeUnits(r); got != want {
			t.Fatalf("runeUnits(%U) = %d, want %d", r, got, want)
		}
		if r > 0x3000 && isSpace(r) {
			t.Fatalf("isSpace(%U): white space past U+3000", r)
		}
	}
}

// runesUpTo counts as utf8.RuneCountInString does, up to its limit, on
// ASCII, CJK, stray and cut UTF-8, at and around the limit.
func TestRunesUpTo(t *testing.T) {
	pieces := []string{"a", "Z9 ", "中", "文。", "\xff", "\xe4\xb8", "\x80", "\ufffd", "é", "\U0001F600"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		s := ""
		for range rng.IntN(12) {
			s += pieces[rng.IntN(len(pieces))]
		}
		for _, limit := range []int{0, 1, 2, 3, 5, 8, 13, 40} {
			if got, want := runesUpTo(s, limit), min(utf8.RuneCountInString(s), limit); got != want {
				t.Fatalf("runesUpTo(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
	}
}

// TestTextOfOneTextNode: textOf of an element whose only child is a text
// node, which collapses that text without the writer, is what the writer
// makes of the node (writeTextOf), on random joins of runes and white
// space of every kind, broken UTF-8 and NUL included; a <script> or
// <style> still has no text.
func TestTextOfOneTextNode(t *testing.T) {
	pieces := []string{"a", "Z", "1", "中", "文", "，", "。", "é", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u3000",
		"\u2003", "\u2001", "\u0085", "\u2028", "\ufffd", "\xff", "\xe4\xb8", "\x00", "-", "|", "\u200b"}
	rng := rand.New(rand.NewPCG(43, 44))
	for _, s := range append(randomJoins(rng, pieces, 8, 20000), "", " ", "a", " a ", "中\n文") {
		for _, a := range []atom.Atom{atom.Title, atom.H1, atom.A, atom.Script, atom.Style} {
			n := &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String()}
			n.AppendChild(&html.Node{Type: html.TextNode, Data: s})
			var w spaceWriter
			writeTextOf(&w, n)
			if got, want := textOf(n), w.String(); got != want {
				t.Fatalf("<%s>%q</%s>: textOf = %q, the writer makes %q", a, s, a, got, want)
			}
		}
	}
}
