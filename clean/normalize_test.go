package clean

import (
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalizeSameHash(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"full-width vs half-width punctuation", "你好，世界！（一）：测试；结束？", "你好,世界!(一):测试;结束?"},
		{"space after folded comma", "你好，世界。", "你好, 世界。"},
		{"zero-width space, joiners, BOM, soft hyphen", "网络\u200B空间\u200D命运\uFEFF共同体 co\u00ADoperation", "网络空间命运共同体 cooperation"},
		{"NFKC full-width letters and digits", "ＡＢＣ１２３ ｶﾀｶﾅ", "ABC123 カタカナ"},
		{"curly and straight quotes", "“地球村”和‘你我’", "\"地球村\"和'你我'"},
		{"dashes", "发展——合作 2012–2022", "发展--合作 2012-2022"},
		{"whitespace and paragraph breaks", "  第一段\u3000内容 \n\n\n  第二段   内容\r\n", "第一段内容\n第二段内容"},
		{"English spacing", "The  internet\tis\u00A0a home.\n\n\nSecond.", "The internet is a home.\nSecond."},
		{"half-width ideographic full stop", "结束｡开始､继续", "结束。开始、继续"},
		{"CJK line-break space", "数字\n经济", "数字\n经济"},
	} {
		if ha, hb := TextHash(tc.a), TextHash(tc.b); ha != hb {
			t.Errorf("%s: %q → %q and %q → %q differ", tc.name, tc.a, Normalize(tc.a), tc.b, Normalize(tc.b))
		}
	}
}

func TestNormalizeDifferentHash(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"one character", "网络空间命运共同体", "网络空间命运共同休"},
		{"paragraph break", "第一段\n第二段", "第一段第二段"},
		{"Latin word space", "in to", "into"},
		{"full stop is not a period", "结束。", "结束."},
		{"case kept", "Internet", "internet"},
	} {
		if TextHash(tc.a) == TextHash(tc.b) {
			t.Errorf("%s: %q and %q hash the same (%q)", tc.name, tc.a, tc.b, Normalize(tc.a))
		}
	}
}

func TestNormalizeExact(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		" \n\t ":         "",
		"你好，世界":          "你好,世界",
		"a\u200Bb":       "ab",
		"第一段\n\n第二段":     "第一段\n第二段",
		"Windows 操作系统":   "Windows操作系统",
		"\xff bad":       "\uFFFD bad",
		"ﬁne — “quoted”": "fine - \"quoted\"",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	if TextHash("") != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Error("TextHash is not hex sha256 of the normalised text")
	}
}

func TestSameTextAcrossCopies(t *testing.T) {
	// A republished copy: other chrome, <p> paragraphs instead of <div>s,
	// half-width punctuation, no zero-width space. It must hash the same.
	orig := mustClean(t, cleanCases[2])
	var b strings.Builder
	b.WriteString(`<html><head><title>转载：白皮书发布_某门户网</title></head><body><div class="nav"><a href="/">首页</a> <a href="/news/">新闻</a></div><div class="content">`)
	for _, p := range strings.Split(orig.Text, "\n\n") {
		p = strings.NewReplacer("，", ", ", "。", "。 ", "；", ";", "\u200b", "").Replace(p)
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`<p>【打印本页】【关闭窗口】</p></div><div class="footer">版权所有 京ICP备12345678号</div></body></html>`)
	cp, err := Clean(Input{URL: "http://portal.example.com/a.html", Header: http.Header{}, Body: []byte(b.String())})
	if err != nil {
		t.Fatal(err)
	}
	if cp.TextSHA256 != orig.TextSHA256 {
		t.Errorf("copy hashes differently:\n%s\n--- vs\n%s", Normalize(cp.Text), Normalize(orig.Text))
	}
}

func TestFoldPunctMin(t *testing.T) {
	for r := range foldPunct {
		if r < foldPunctMin {
			t.Errorf("foldPunct key %U is below foldPunctMin: Normalize would skip it", r)
		}
	}
}

// The fast paths of Normalize's rune tests agree with the tests they
// stand for on every rune (a new Unicode version could break them).

func TestIsFormat(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if got, want := isFormat(r), r == '\u00AD' || r >= 0x0600 && unicode.Is(unicode.Cf, r); got != want {
			t.Fatalf("isFormat(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestIsSpaceRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if isSpaceRune(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpaceRune(%U) = %v", r, isSpaceRune(r))
		}
	}
}

func TestFoldPunctGap(t *testing.T) {
	for k := range foldPunct {
		if !mayFoldPunct(k) {
			t.Errorf("foldPunct key %U is skipped by mayFoldPunct", k)
		}
	}
}

func TestValidUTF8(t *testing.T) {
	for _, s := range []string{"", "abc", "网络", "a\xffb", "\xe7\xbd", "\xed\xa0\x80", "ok\xc0\xafx网"} {
		if got, want := validUTF8(s), strings.ToValidUTF8(s, "\uFFFD"); got != want {
			t.Errorf("validUTF8(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestIsCJK(t *testing.T) {
	ref := func(r rune) bool {
		switch {
		case r < 0x2E80:
			return false
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0xFE30 && r <= 0xFE4F:
			return true
		}
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
	}
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if isCJK(r) != ref(r) {
			t.Fatalf("isCJK(%U) = %v", r, isCJK(r))
		}
	}
}

func TestHanBlock(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.IsLetter(r) || !unicode.Is(unicode.Han, r) || !isHanBlock(r) {
			t.Fatalf("%U: not a Han letter", r)
		}
	}
}

// TestLatinLang: latinLang agrees with its first form, which lower-cased
// the text and split it into a list of words.
func TestLatinLang(t *testing.T) {
	ref := func(text string) string {
		if len(text) > 20000 {
			text = text[:20000]
		}
		counts := map[string]int{}
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			for lang, ws := range stopwords {
				for _, s := range ws {
					if s == w {
						counts[lang]++
					}
				}
			}
		}
		best, bestN := "en", 0
		for _, l := range [...]string{"en", "fr", "de", "es", "it", "pt", "nl"} {
			if counts[l] > bestN {
				best, bestN = l, counts[l]
			}
		}
		return best
	}
	for _, s := range []string{
		"", "The cat and the dog", "Le chat et la souris des champs", "Der Hund und die Katze ist nicht da",
		"El perro y los gatos de la casa", "Il cane di che non sono gli", "O cão não é da casa para uma",
		"De hond en het is niet van een", "DIE UND DAS\xffDER", "Ｔhe ＡＮＤ the", "que que que del por",
		strings.Repeat("la le et ", 3000) + "the the the",
	} {
		if got, want := latinLang(s), ref(s); got != want {
			t.Errorf("latinLang(%.40q) = %s, want %s", s, got, want)
		}
	}
}

// TestKeptRunes: Normalize keeps at least as many runes as
// keptRunesExceed counts, on texts that mix what NFKC composes, drops and
// folds with ASCII letters and Han.
func TestKeptRunes(t *testing.T) {
	samples := []string{"", "abc", "a\u0301b\u0308", "Ａｂｃ１", "ﬁ ﬂ", "中\u0301文\u3099字", "\u200b\u200ba\u00ADb", "①②③ ㍻ ㈱",
		"ｶﾞｷﾞ\uFF9E", "\u1100\u1161가", "  \n\t x \u3000 y", "e\u0301\u0301\u0301\u0301", "“中”—文…", "\uFB01\u2474\u33C4"}
	for _, a := range samples {
		for _, b := range samples {
			s := a + b
			n := utf8.RuneCountInString(Normalize(s))
			if keptRunesExceed(s, n) {
				t.Errorf("Normalize(%q) has %d runes, fewer than the ones kept", s, n)
			}
		}
	}
}

func FuzzKeptRunes(f *testing.F) {
	f.Add("a\u0301中\u3099ｶﾞ")
	f.Fuzz(func(t *testing.T, s string) {
		if n := utf8.RuneCountInString(Normalize(s)); keptRunesExceed(s, n) {
			t.Errorf("Normalize(%q) has %d runes, fewer than the ones kept", s, n)
		}
	})
}

func TestFormatLead(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isFormat(r) && !formatLead[string(r)[0]] {
			t.Fatalf("%U is Cf, its first byte %#x is not in formatLead", r, string(r)[0])
		}
	}
	for _, s := range []string{"", "abc", "中\u200b文", "\u00ADx", "x\uFEFF", "\xe2\x80", "\xe2\xe2\x80\x8b", "a\U000E0001", "\u061C"} {
		if got, want := indexFormat(s), strings.IndexFunc(s, isFormat); got != want {
			t.Errorf("indexFormat(%q) = %d, want %d", s, got, want)
		}
	}
}

// indexWide finds exactly the runes foldWide replaces, checked over every
// rune.
func TestIndexWide(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		want := r >= 0xFF01 && r <= 0xFF5E || r == 0x3000
		if got := indexWide("ab"+string(r)) == 2; got != want {
			t.Errorf("indexWide finds U+%04X: %v, want %v", r, got, want)
		}
	}
}

// NFKC after foldWide is NFKC: every fullwidth form before, after and
// between combining marks, Chinese and ASCII.
func TestFoldWideKeepsNFKC(t *testing.T) {
	for r := rune(0xFF01); r <= 0xFF5E; r++ {
		for _, s := range []string{string(r), "中" + string(r) + "\u0301文", "e\u0301" + string(r) + "\u0327\u0301",
			string(r) + string(r) + "\u3000x", "\u3000\u0301" + string(r)} {
			if got, want := norm.NFKC.String(foldWide(s)), norm.NFKC.String(s); got != want {
				t.Errorf("NFKC(foldWide(%q)) = %q, want %q", s, got, want)
			}
		}
	}
	if s := "no wide forms, 中文。"; foldWide(s) != s {
		t.Errorf("foldWide changed %q", s)
	}
}

// FuzzFoldWide: NFKC after foldWide is NFKC, on any valid text.
func FuzzFoldWide(f *testing.F) {
	f.Add("你好，世界！\u3000第二段：ＡＢＣ（１２３）")
	f.Add("Ｅ\u0301\uFF5E\uFF01")
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		if got, want := norm.NFKC.String(foldWide(s)), norm.NFKC.String(s); got != want {
			t.Fatalf("NFKC(foldWide(%q)) = %q, want %q", s, got, want)
		}
	})
}
