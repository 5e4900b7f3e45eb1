package search

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/prov-archive/prov/clean"
)

// firstCJK is below every character of the scripts isCJK names (Hangul
// Jamo start there; Han, kana and Hangul syllables later): most text
// never reaches them, and the table lookups cost more than the rest of
// the tokenizing.
const firstCJK = 0x1100

// isCJK says whether r is written without spaces between words.
func isCJK(r rune) bool {
	return r >= firstCJK && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isWord says whether r belongs to a token of a space-separated script.
func isWord(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r)
}

// asciiWord says, for each ASCII byte, whether it is a letter or a digit:
// what isWord answers for it, without the unicode tables.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWord(rune(c))
	}
	return t
}()

// runeClasses says, for each character of the Basic Multilingual Plane,
// whether it belongs to a token (isWord or isCJK) and whether it is CJK:
// two bit sets of 8 KB each, in place of the unicode tables' searches.
type runeClasses struct {
	token, cjk [1 << 16 / 64]uint64
}

// bmpClasses are the classes isWord and isCJK give, made the first time a
// text is tokenized (it takes a few milliseconds).
var bmpClasses = sync.OnceValue(func() *runeClasses {
	c := new(runeClasses)
	for r := rune(0); r < 1<<16; r++ {
		cjk := isCJK(r)
		if cjk || isWord(r) {
			c.token[r/64] |= 1 << (r % 64)
		}
		if cjk {
			c.cjk[r/64] |= 1 << (r % 64)
		}
	}
	return c
})

// of says whether r belongs to a token (word) and whether it is CJK, as
// isWord and isCJK do: by the sets for the BMP, by them above it.
func (c *runeClasses) of(r rune) (word, cjk bool) {
	if uint32(r) >= 1<<16 {
		cjk = isCJK(r)
		return cjk || isWord(r), cjk
	}
	bit := uint64(1) << (r % 64)
	return c.token[r/64]&bit != 0, c.cjk[r/64]&bit != 0
}

// decodeRune is utf8.DecodeRune, with the sequences of two and three
// bytes that can only be valid once their continuation bytes are (lead
// bytes C2-DF; E1-EC and EE-EF: not E0, whose short forms are overlong,
// nor ED, whose upper half encodes surrogates) decoded inline.
func decodeRune(p []byte) (rune, int) {
	c := p[0]
	switch {
	case c >= 0xe1 && c <= 0xef && c != 0xed && len(p) >= 3 && p[1]&0xc0 == 0x80 && p[2]&0xc0 == 0x80:
		return rune(c&0x0f)<<12 | rune(p[1]&0x3f)<<6 | rune(p[2]&0x3f), 3
	case c >= 0xc2 && c <= 0xdf && len(p) >= 2 && p[1]&0xc0 == 0x80:
		return rune(c&0x1f)<<6 | rune(p[1]&0x3f), 2
	}
	return utf8.DecodeRune(p)
}

// seqLen is the length of the character that lead byte c starts in valid
// UTF-8.
func seqLen(c byte) int {
	switch {
	case c < 0x80:
		return 1
	case c < 0xe0:
		return 2
	case c < 0xf0:
		return 3
	}
	return 4
}

// readOnly is s's bytes, not a copy of them ([]byte(s) copied every
// text a write counts), for the tokenizer, which only reads its text: a
// string's bytes may be read through unsafe.StringData as long as nothing
// writes them.
func readOnly(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// Tokens returns the tokens of text for the index, in order, repeats
// kept: each word lower-cased; each CJK character, and each pair of
// neighbouring CJK characters.
func Tokens(text string) []string {
	var out []string
	var lower []byte
	eachToken(readOnly(text), &lower, func(t []byte) { out = append(out, string(t)) })
	return out
}

// eachToken calls fn with each token of text, in Tokens' order. The
// token is a slice of text, or of *lower when lower-casing changed it
// (an ASCII word is lower-cased there, reusing its bytes), and is valid
// only during the call: counting a text's tokens allocates only for its
// words in other scripts that hold a capital.
func eachToken(text []byte, lower *[]byte, fn func([]byte)) {
	eachSpan(text, func(run []byte, cjk bool) {
		if !cjk {
			fn(lowerWord(run, lower))
			return
		}
		for i := 0; i < len(run); {
			char, pair, next := cjkStep(run, i)
			fn(char)
			if pair != nil {
				fn(pair)
			}
			i = next
		}
	})
}

// cjkStep returns the tokens of CJK run at character i, its character
// and the pair it starts (nil for the last character), and where the
// next character starts: a run's tokens are, for each character, that
// character then that pair.
func cjkStep(run []byte, i int) (char, pair []byte, next int) {
	next = i + seqLen(run[i])
	if next < len(run) {
		pair = run[i : next+seqLen(run[next])]
	}
	return run[i:next], pair, next
}

// lowerWord returns word lower-cased as strings.ToLower does it: word
// itself when it has no capital, an ASCII word lower-cased into *buf, any
// other a new slice.
func lowerWord(word []byte, buf *[]byte) []byte {
	upper := false
	for _, c := range word {
		if c >= utf8.RuneSelf {
			return bytes.ToLower(word)
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !upper {
		return word
	}
	b := append((*buf)[:0], word...)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	*buf = b
	return b
}

// eachSpan calls fn with each run of word characters of text and each
// run of CJK characters, in order, as the slice of text it is; everything
// else separates runs (a byte that is not UTF-8 decodes as U+FFFD, which
// does), so a run is valid UTF-8. An ASCII byte is classed by asciiWord,
// before any decoding; ideographs that follow one another (clean.HanRun) at
// once, each a CJK word character as bmpClasses says (TestHanClasses);
// any other character of the BMP by bmpClasses. The ASCII letters and
// digits that follow one another are passed over at once (asciiRun): most
// words of a Latin text are such runs.
func eachSpan(text []byte, fn func(run []byte, cjk bool)) {
	classes := bmpClasses()
	start, cjkRun := -1, false
	for i := 0; i < len(text); {
		word, cjk, w := false, false, 1
		if c := text[i]; c < utf8.RuneSelf {
			if word = asciiWord[c]; word {
				w = asciiRun(text, i+1) - i
			}
		} else if e := clean.HanRun(text, i); e > i {
			word, cjk, w = true, true, e-i
		} else {
			var r rune
			r, w = decodeRune(text[i:])
			word, cjk = classes.of(r)
		}
		switch {
		case word:
			if start >= 0 && cjk != cjkRun {
				fn(text[start:i], cjkRun)
				start = -1
			}
			if start < 0 {
				start = i
			}
			cjkRun = cjk
		case start >= 0:
			fn(text[start:i], cjkRun)
			start = -1
		}
		i += w
	}
	if start >= 0 {
		fn(text[start:], cjkRun)
	}
}

// asciiRun returns the end of the ASCII letters and digits that follow
// one another from text[i] on; i when there is none there.
func asciiRun(text []byte, i int) int {
	for i < len(text) && text[i] < utf8.RuneSelf && asciiWord[text[i]] {
		i++
	}
	return i
}

// queryTokens returns the tokens a document must hold to match q, each
// once: its words, and for each CJK run its pairs (the character itself
// when the run is one character long).
func queryTokens(q string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	eachSpan([]byte(q), func(span []byte, cjk bool) {
		run := []rune(string(span))
		switch {
		case !cjk:
			add(strings.ToLower(string(span)))
		case len(run) == 1:
			add(string(span))
		default:
			for i := 0; i+1 < len(run); i++ {
				add(string(run[i : i+2]))
			}
		}
	})
	return out
}

// Terms returns what a reader looks for in a text that matched q: each
// space-separated part of q that holds a token, lower-cased, longest
// first (a snippet marks them).
func Terms(q string) []string {
	var out []string
	for _, f := range strings.Fields(q) {
		if len(queryTokens(f)) > 0 {
			out = append(out, strings.ToLower(f))
		}
	}
	sortLongestFirst(out)
	return out
}

func sortLongestFirst(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && len([]rune(s[j])) > len([]rune(s[j-1])); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
