package clean

import (
	"github.com/prov-archive/prov/internal/cputime"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestHanAt: hanAt accepts exactly the three bytes utf8.DecodeRuneInString
// reads as a rune of U+4E00–U+9FFF, and returns that rune, for every
// lead byte past ASCII and every two bytes after it; and shorter tails
// of a text are no ideograph.
func TestHanAt(t *testing.T) {
	buf := []byte("x\x00\x00\x00")
	for b0 := 0x80; b0 <= 0xFF; b0++ {
		for b1 := 0; b1 <= 0xFF; b1++ {
			for b2 := 0; b2 <= 0xFF; b2++ {
				buf[1], buf[2], buf[3] = byte(b0), byte(b1), byte(b2)
				s := string(buf)
				r, size := utf8.DecodeRuneInString(s[1:])
				want := size == hanSize && 0x4E00 <= r && r <= 0x9FFF
				got, ok := hanAt(s, 1)
				if ok != want || ok && got != r {
					t.Fatalf("hanAt(% x) = %U, %v; DecodeRuneInString: %U, size %d", s[1:], got, ok, r, size)
				}
			}
		}
	}
	for _, s := range []string{"中", "中文", "a中"} {
		for i := range len(s) {
			_, ok := hanAt(s, i)
			r, size := utf8.DecodeRuneInString(s[i:])
			if want := size == hanSize && isHanBlock(r); ok != want {
				t.Errorf("hanAt(%q, %d) = %v, want %v", s, i, ok, want)
			}
		}
		if _, ok := hanAt(s[:len(s)-1], len(s)-hanSize); ok {
			t.Errorf("hanAt(%q cut short) = true", s)
		}
	}
}

// TestHanRun: HanRun ends where hanAt first fails, stepping from k an
// ideograph at a time, on texts of ideographs, other runes, stray bytes
// and cut UTF-8.
func TestHanRun(t *testing.T) {
	pieces := []string{"中", "文", "a", " ", "，", "\u4dff", "\ua000", "\xe4", "\xe4\xb8", "\x80", "é", "丂"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		s := ""
		for range rng.IntN(12) {
			s += pieces[rng.IntN(len(pieces))]
		}
		for k := range len(s) + 1 {
			want := k
			for {
				if _, ok := hanAt(s, want); !ok {
					break
				}
				want += hanSize
			}
			if got := HanRun(s, k); got != want {
				t.Fatalf("HanRun(%q, %d) = %d, want %d", s, k, got, want)
			}
		}
	}
}

// TestHanRunAsHanRun: hanRun, two ideographs a step, ends where HanRun
// does, from every offset of texts with runs long and short, cut UTF-8
// and stray bytes among them, and from offsets outside the text.
func TestHanRunAsHanRun(t *testing.T) {
	pieces := []string{"中", "文字", "一二三四五", "丂", "\u4dff", "a", " ", "，", "\xe4", "\xe4\xb8", "\xe4\xb7\x80", "\x80", "é", "\xe9\xbf\xbf", "\xea\x80\x80"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(20) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for k := -2; k <= len(s)+2; k++ {
			if got, want := hanRun(s, k), HanRun(s, k); got != want {
				t.Fatalf("hanRun(%q, %d) = %d, HanRun %d", s, k, got, want)
			}
		}
	}
}

// BenchmarkHanRun steps through a Chinese and an English text as
// clean's text loops do, a run of ideographs at once, with HanRun and
// with hanRun.
func BenchmarkHanRun(b *testing.B) {
	texts := map[string]string{
		"zh": strings.Repeat("记者从有关部门获悉今年以来各地积极推进稳步实施相关工作，", 8),
		"en": strings.Repeat("The council said on Tuesday, after a long debate, that it would act. ", 4),
	}
	for _, lang := range []string{"zh", "en"} {
		text := texts[lang]
		b.Run(lang+"/HanRun", func(b *testing.B) {
			began := cputime.Process()
			for b.Loop() {
				stepRuns(text, HanRun[string])
			}
			cputime.Report(b, began)
		})
		b.Run(lang+"/hanRun", func(b *testing.B) {
			began := cputime.Process()
			for b.Loop() {
				stepRuns(text, hanRun)
			}
			cputime.Report(b, began)
		})
	}
}

func stepRuns(s string, run func(string, int) int) {
	for i := 0; i < len(s); {
		if e := run(s, i); e > i {
			i = e
		} else {
			i++
		}
	}
}
