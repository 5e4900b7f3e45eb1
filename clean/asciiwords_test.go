package clean

import (
	"github.com/prov-archive/prov/internal/cputime"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// wordSpanByByte is wordSpan as it was before asciiWords8: the oracle
// TestWordSpanAsByByte holds it to.
func wordSpanByByte(s string) (k, u int, last rune) {
	for k < len(s) {
		if c := s[k]; c < utf8.RuneSelf {
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
		if e := HanRun(s, k); e > k {
			u += 2 * (e - k) / hanSize
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

// wordsRunByByte is wordsRun as it was before asciiWords8.
func wordsRunByByte(s string, k int) int {
	start := k
	for k < len(s) {
		switch c := s[k]; {
		case '!' <= c && c <= '~':
			k++
		case c == ' ' && k > start && k+1 < len(s) && '!' <= s[k+1] && s[k+1] <= '~':
			k += 2
		default:
			return k
		}
	}
	return k
}

// asciiTexts are random texts of the bytes asciiWords8 tells apart:
// words, single and double spaces, tabs and line breaks, control bytes,
// DEL, the bytes at either end of the printable range, and runes past
// ASCII, an ideograph and a stray byte among them.
func asciiTexts(n int) []string {
	pieces := []string{"word", "a", "Tuesday,", "~}", "!", " ", "  ", "\t", "\n", "\x00", "\x1f", "\x7f", "\u00a0", "é", "中文", "\xe4", "\u3000", "12345678", "x y z w"}
	rng := rand.New(rand.NewPCG(7, 8))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range rng.IntN(24) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		out[i] = b.String()
	}
	return out
}

// TestWordSpanAsByByte: wordSpan, eight ASCII bytes a step where it can,
// measures what its byte loop measured, from every offset.
func TestWordSpanAsByByte(t *testing.T) {
	for _, s := range asciiTexts(20000) {
		for k := range len(s) + 1 {
			gk, gu, gl := wordSpan(s[k:])
			wk, wu, wl := wordSpanByByte(s[k:])
			if gk != wk || gu != wu || gl != wl {
				t.Fatalf("wordSpan(%q) = %d, %d, %q; byte by byte %d, %d, %q", s[k:], gk, gu, gl, wk, wu, wl)
			}
		}
	}
}

// TestWordsRunAsByByte: wordsRun ends where its byte loop ended, from
// every offset.
func TestWordsRunAsByByte(t *testing.T) {
	for _, s := range asciiTexts(20000) {
		for k := range len(s) + 1 {
			if got, want := wordsRun(s, k), wordsRunByByte(s, k); got != want {
				t.Fatalf("wordsRun(%q, %d) = %d, byte by byte %d", s, k, got, want)
			}
		}
	}
}

// TestAsciiWords8 checks the block test against its definition on
// every text of eight bytes drawn from the bytes that matter.
func TestAsciiWords8(t *testing.T) {
	alphabet := []byte{' ', '!', 'a', '~', '\t', '\x00', '\x1f', '\x7f', '\x80', '\xff'}
	rng := rand.New(rand.NewPCG(9, 10))
	b := make([]byte, 8)
	for range 200000 {
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		want, spaces := true, 0
		for i, c := range b {
			switch {
			case c == ' ':
				spaces++
				if i == 7 || b[i+1] == ' ' {
					want = false
				}
			case c < '!' || c > '~':
				want = false
			}
		}
		got, ok := asciiWords8(string(b), 0)
		if ok != want || ok && bits.OnesCount64(got) != spaces {
			t.Fatalf("asciiWords8(%q) = %d, %v; want %d, %v", b, got, ok, spaces, want)
		}
	}
	if _, ok := asciiWords8("seven b", 0); ok {
		t.Error("asciiWords8 of seven bytes is true")
	}
}

// BenchmarkWordSpan measures English and Chinese paragraphs with
// wordSpan and with the byte loop it had before asciiWords8.
func BenchmarkWordSpan(b *testing.B) {
	texts := map[string]string{
		"en": strings.Repeat("The council said on Tuesday, after a long debate, that it would act. ", 4),
		"zh": strings.Repeat("记者从有关部门获悉，今年以来各地积极推进稳步实施相关工作。", 8),
	}
	for _, lang := range []string{"en", "zh"} {
		s := texts[lang]
		b.Run(lang+"/byByte", func(b *testing.B) {
			began := cputime.Process()
			for b.Loop() {
				for k := 0; k < len(s); k++ {
					n, _, _ := wordSpanByByte(s[k:])
					k += n
				}
			}
			cputime.Report(b, began)
		})
		b.Run(lang+"/wordSpan", func(b *testing.B) {
			began := cputime.Process()
			for b.Loop() {
				for k := 0; k < len(s); k++ {
					n, _, _ := wordSpan(s[k:])
					k += n
				}
			}
			cputime.Report(b, began)
		})
	}
}

// unitsUpToByByte is unitsUpTo as it was before ascii8: the oracle
// TestUnitsUpToAsByByte holds it to.
func unitsUpToByByte(s string, limit int) int {
	n := 0
	for i := 0; i < len(s) && n < limit; {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace(c) {
				n++
			}
			i++
			continue
		}
		if e := HanRun(s, i); e > i {
			n += 2 * (e - i) / hanSize
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

// countScriptsByByte is countScripts as it was before ascii8.
func countScriptsByByte(text string) (c scriptCounts) {
	for i, size := 0, 0; i < len(text); i += size {
		if e := HanRun(text, i); e > i {
			k := min((e-i)/hanSize, maxScriptLetters-c.total)
			c.han += k
			c.total += k
			if c.total >= maxScriptLetters {
				break
			}
			size = e - i
			continue
		}
		r := rune(text[i])
		size = 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isHanBlock(r):
			c.han++
			c.total++
		case r >= utf8.RuneSelf:
			c.add(r)
		case 'a' <= r|0x20 && r|0x20 <= 'z':
			c.latin++
			c.total++
		}
		if c.total >= maxScriptLetters {
			break
		}
	}
	return c
}

// scriptTexts are asciiTexts with every ASCII byte among them, letters of
// other scripts, and long texts that reach countScripts' cut.
func scriptTexts() []string {
	var all strings.Builder
	for c := range utf8.RuneSelf {
		all.WriteByte(byte(c))
	}
	texts := append(asciiTexts(20000), all.String(), "Съешь же ещё этих мягких булок, カタカナ 한국어 ελληνικά")
	rng := rand.New(rand.NewPCG(11, 12))
	for _, s := range asciiTexts(200) {
		texts = append(texts, strings.Repeat(s+all.String(), 2+rng.IntN(200)))
	}
	return texts
}

// TestUnitsUpToAsByByte: unitsUpTo, eight ASCII bytes a step where they
// keep it under limit, counts what its byte loop counted, for limits
// below, at and past every text's units.
func TestUnitsUpToAsByByte(t *testing.T) {
	for _, s := range scriptTexts() {
		n := units(s)
		for _, limit := range []int{0, 1, 7, 8, 9, n / 2, n - 9, n - 8, n - 1, n, n + 1, n + 8, n + 100} {
			if got, want := unitsUpTo(s, limit), unitsUpToByByte(s, limit); got != want {
				t.Fatalf("unitsUpTo(%q, %d) = %d, byte by byte %d", s, limit, got, want)
			}
		}
	}
}

// TestCountScriptsAsByByte: countScripts, eight ASCII bytes a step below
// its cut, counts what its byte loop counted.
func TestCountScriptsAsByByte(t *testing.T) {
	cut := 0
	for _, s := range scriptTexts() {
		got, want := countScripts(s), countScriptsByByte(s)
		if got != want {
			t.Fatalf("countScripts(%q) = %+v, byte by byte %+v", s, got, want)
		}
		if want.total == maxScriptLetters {
			cut++
		}
	}
	if cut < 50 {
		t.Fatalf("only %d texts reach the cut", cut)
	}
}

// TestASCIICounts8 checks asciiSpaces8 and asciiLetters8 against
// asciiSpace and the letter test on every ASCII byte in each position.
func TestASCIICounts8(t *testing.T) {
	for c := range utf8.RuneSelf {
		for pos := range 8 {
			b := []byte("..x.-.Q.")
			b[pos] = byte(c)
			w := word8(string(b))
			spaces, letters := 0, 0
			for _, x := range b {
				if asciiSpace(x) {
					spaces++
				}
				if 'a' <= x|0x20 && x|0x20 <= 'z' {
					letters++
				}
			}
			if got := asciiSpaces8(w); got != spaces {
				t.Fatalf("asciiSpaces8(%q) = %d, want %d", b, got, spaces)
			}
			if got := asciiLetters8(w); got != letters {
				t.Fatalf("asciiLetters8(%q) = %d, want %d", b, got, letters)
			}
		}
	}
}

// BenchmarkASCIICounts counts an English text's scripts and units with
// countScripts and unitsUpTo and with the byte loops they had before
// ascii8.
func BenchmarkASCIICounts(b *testing.B) {
	text := strings.Repeat("The council said on Tuesday, after a long debate, that it would act.\n", 20)
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"countScripts/byByte", func() { countScriptsByByte(text) }},
		{"countScripts", func() { countScripts(text) }},
		{"unitsUpTo/byByte", func() { unitsUpToByByte(text, len(text)) }},
		{"unitsUpTo", func() { unitsUpTo(text, len(text)) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			began := cputime.Process()
			for b.Loop() {
				c.f()
			}
			cputime.Report(b, began)
		})
	}
}

// TestCommasAsCounts: commas counts what four strings.Count did, on
// random texts of the four marks, their bytes cut apart and other runes.
func TestCommasAsCounts(t *testing.T) {
	pieces := []string{"，", ", ", "、", "。", ",", " ", "\xe3\x80", "\xe3", "\x80", "\x81", "\xe3\x80\x80", "中", "a", "\xef\xbc"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		want := strings.Count(s, "，") + strings.Count(s, ", ") + strings.Count(s, "、") + strings.Count(s, "。")
		if got := commas(s); got != want {
			t.Fatalf("commas(%q) = %d, want %d", s, got, want)
		}
	}
}
