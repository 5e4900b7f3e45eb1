package clean

import (
	"github.com/prov-archive/prov/internal/cputime"
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
		if ok != want || ok && got != spaces {
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
