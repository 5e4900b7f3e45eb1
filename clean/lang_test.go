package clean

import (
	"strings"
	"testing"
	"unicode"

	"github.com/prov-archive/prov/internal/cputime"
)

// pageLangRef is pageLang as it was before a declaration that is not CJK
// skipped latinLang (overruled): detectLang of every text.
func pageLangRef(pm *pageMeta, text string) string {
	declared := declaredLang(pm)
	detected, sure := detectLang(text)
	switch {
	case declared == "":
		return detected
	case sure && detected != declared && (cjkLang(detected) || cjkLang(declared)):
		return detected
	}
	return declared
}

// pageLang gives pageLangRef's answer for every declaration (none, Latin,
// CJK, other scripts, by <html lang> or a meta) over texts in many
// scripts, long and short, mixed and empty.
func TestPageLangAsBefore(t *testing.T) {
	texts := map[string]string{
		"en":      strings.Repeat("The office said that the report was published in the spring and it is the first of its kind. ", 5),
		"fr":      strings.Repeat("Le bureau a dit que le rapport est publié dans la saison et il est le premier de la série. ", 5),
		"de":      strings.Repeat("Das Amt sagte, dass der Bericht im Frühjahr erschienen ist und er ist der erste seiner Art. ", 5),
		"zh":      strings.Repeat("国务院新闻办公室发表白皮书，介绍网络空间国际合作的成就与主张。", 5),
		"zh-en":   strings.Repeat("白皮书 white paper 发表 published ", 20),
		"ja":      strings.Repeat("政府は報告書を公表しました。これは最初のものです。", 5),
		"ko":      strings.Repeat("정부는 보고서를 발표했습니다 이것은 첫 번째입니다 ", 5),
		"ru":      strings.Repeat("Министерство опубликовало доклад о сотрудничестве. ", 5),
		"el":      strings.Repeat("Το υπουργείο δημοσίευσε την έκθεση για τη συνεργασία. ", 5),
		"short":   "Short title 标题",
		"digits":  "2024-05-01 12:00",
		"empty":   "",
		"zh-tiny": "中文",
	}
	for _, decl := range []string{"", "en", "en-US", "fr", "de", "zh-CN", "zh", "ja", "ko", "ru", "el", "x"} {
		for _, pm := range []*pageMeta{{lang: decl}, {metas: []metaTag{{key: "og:locale", content: decl}}}} {
			for name, text := range texts {
				if got, want := pageLang(pm, text), pageLangRef(pm, text); got != want {
					t.Errorf("declared %q (%+v), %s text: pageLang = %q, before %q", decl, pm, name, got, want)
				}
			}
		}
	}
}

// countScriptsRef is countScripts as it was before ASCII skipped the
// letter table: every rune through it.
func countScriptsRef(text string) (c scriptCounts) {
	for _, r := range text {
		c.add(r)
		if c.total >= maxScriptLetters {
			break
		}
	}
	return c
}

// TestCountScriptsAsBefore: countScripts counts as it did before its
// ASCII path, on texts around the 4000-letter cut, mixed scripts, every
// ASCII byte and stray bytes.
func TestCountScriptsAsBefore(t *testing.T) {
	var ascii strings.Builder
	for c := range 128 {
		ascii.WriteByte(byte(c))
	}
	texts := []string{"", "123 !!", "Hello, world", "中文 and English", "Привет мир", "ひらがな かな", "x\xffy", "ſ K É ß ª º µ", ascii.String(),
		"\u4dff\u4e00\u9fff\ua000\u3400\U00020000。，"}
	for _, n := range []int{3990, 3999, 4000, 4001} {
		texts = append(texts, strings.Repeat("a", n)+strings.Repeat("中", 200), strings.Repeat("中", n)+strings.Repeat("b", 900),
			strings.Repeat("a1 ", n)+strings.Repeat("Ж", 3000), strings.Repeat("Ж", n-2)+"abc")
	}
	for _, s := range texts {
		if got, want := countScripts(s), countScriptsRef(s); got != want {
			t.Errorf("countScripts(%.40q) = %+v, before %+v", s, got, want)
		}
	}
}

// BenchmarkScriptLang tells the script of the texts of BenchmarkClean's
// pages, as pageLang does, one op per text.
func BenchmarkScriptLang(b *testing.B) {
	var texts []string
	for _, in := range benchPages(b) {
		doc, err := Clean(in)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, doc.Text)
	}
	i := 0
	began := cputime.Process()
	for b.Loop() {
		scriptLang(texts[i%len(texts)])
		i++
	}
	cputime.Report(b, began)
}

// TestMayBeCJK: mayBeCJK is true of every rune countScripts counts as
// Han, kana or Hangul, alone and after ASCII, and false of ASCII and
// Latin text.
func TestMayBeCJK(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if c := countScripts(string(r)); c.han+c.kana+c.hangul > 0 && (!mayBeCJK(string(r)) || !mayBeCJK("abc "+string(r))) {
			t.Fatalf("mayBeCJK(%U) = false, countScripts counts it as CJK", r)
		}
	}
	for _, s := range []string{"", "The report, released on Tuesday.", "Café, naïve ñ", "Привет"} {
		if mayBeCJK(s) {
			t.Errorf("mayBeCJK(%q) = true", s)
		}
	}
}

// TestCommonPunct: no rune commonPunct reports is a letter or in the Han
// block, so scriptCounts.add counts none of them, as it did with the
// letter table.
func TestCommonPunct(t *testing.T) {
	n := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !commonPunct(r) {
			continue
		}
		n++
		if unicode.IsLetter(r) || isHanBlock(r) {
			t.Errorf("%U is a letter", r)
		}
	}
	if n != 191 { // 112 + 5 + 42 + 32
		t.Errorf("%d runes, not the ranges' 191", n)
	}
}
