package search

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The tokenizer as it was at the start of its CPU work (commit 05a6d0b:
// the unicode tables searched for every character above ASCII, each CJK
// character decoded twice), with its own copies of isCJK and isWord: the
// oracle the tokenizer must agree with, token for token, on any bytes.

func refIsCJK(r rune) bool {
	return r >= firstCJK && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func refIsWord(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !refIsCJK(r)
}

var refASCIIWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = refIsWord(rune(c))
	}
	return t
}()

func refTokens(text string) []string {
	var out []string
	var lower []byte
	refEachToken([]byte(text), &lower, func(t []byte) { out = append(out, string(t)) })
	return out
}

func refEachToken(text []byte, lower *[]byte, fn func([]byte)) {
	refEachSpan(text, func(run []byte, cjk bool) {
		if !cjk {
			fn(refLowerWord(run, lower))
			return
		}
		for i := 0; i < len(run); {
			_, w := utf8.DecodeRune(run[i:])
			fn(run[i : i+w])
			if j := i + w; j < len(run) {
				_, w2 := utf8.DecodeRune(run[j:])
				fn(run[i : j+w2])
			}
			i += w
		}
	})
}

func refLowerWord(word []byte, buf *[]byte) []byte {
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

func refEachSpan(text []byte, fn func(run []byte, cjk bool)) {
	start, cjkRun := -1, false
	for i := 0; i < len(text); {
		word, cjk, w := false, false, 1
		if c := text[i]; c < utf8.RuneSelf {
			word = refASCIIWord[c]
		} else {
			var r rune
			r, w = utf8.DecodeRune(text[i:])
			cjk = refIsCJK(r)
			word = cjk || refIsWord(r)
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

// eachTokenList is eachToken's tokens of text, copied.
func eachTokenList(text []byte) []string {
	var out []string
	var lower []byte
	eachToken(text, &lower, func(t []byte) { out = append(out, string(t)) })
	return out
}

// checkSameTokens fails t when the tokenizer and the oracle differ on
// text, showing the first token where they part.
func checkSameTokens(t *testing.T, name string, text []byte) {
	t.Helper()
	got, want := eachTokenList(text), refTokens(string(text))
	if !slices.Equal(got, want) {
		i := firstDiff(got, want)
		t.Fatalf("%s: %d tokens, the oracle %d; first difference at %d: %q, the oracle %q",
			name, len(got), len(want), i, at(got, i), at(want, i))
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}

// repoTestdata is every file under a testdata folder of the module (the
// search package's parent), the first 256 KB of each: pages in many
// encodings, cleaned texts, goldens, fuzz inputs.
func repoTestdata(t *testing.T) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "bench" || strings.HasPrefix(d.Name(), ".") && path != "..") {
			return filepath.SkipDir // another module; hidden folders
		}
		if d.IsDir() || !slices.Contains(strings.Split(filepath.ToSlash(path), "/"), "testdata") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[path] = b[:min(len(b), 256<<10)]
		return nil
	})
	if err != nil {
		t.Fatalf("read the module's testdata: %v", err)
	}
	return files
}

// TestTokensSameAsOracle: over the module's testdata and, when they are
// beside the checkout, the eval texts, pages and seeds, the tokenizer
// gives what the oracle gives, token for token.
func TestTokensSameAsOracle(t *testing.T) {
	files := repoTestdata(t)
	if len(files) < 20 {
		t.Fatalf("only %d testdata files found under the module: the walk is wrong", len(files))
	}
	eval := sameTexts(t)
	if len(eval) == 0 {
		t.Log("no eval texts beside the checkout (../../shared/eval): the module's testdata only")
	}
	for name, text := range eval {
		files[name] = []byte(text)
	}
	for name, text := range files {
		checkSameTokens(t, name, text)
	}
}

// FuzzTokensSameAsOracle: on any bytes, the tokenizer gives what the
// oracle gives, and Tokens what eachToken gives.
func FuzzTokensSameAsOracle(f *testing.F) {
	for _, s := range []string{
		"", "Word ВОДА Straße ÉTÉ 網絡 ひらがな 한국어 42", "ＡＢＣ１２３ fullwidth ｶﾀｶﾅ", "e\u0301 combining n\u0303o",
		"\xff\xfe broken \xe7\xbd truncated \xed\xa0\x80 surrogate \xc0\x80 overlong \xf4\x90\x80\x80",
		"mixed中文English한국어123日本語カタカナ", "𠀀𠀁 supplementary Han 𝟘𝟙 math digits", "ǅ İ K ß ſ Σ ς",
		"٣٤ Arabic-Indic, १२ Devanagari, ๑๒ Thai", "\u3000ideographic space\u3001comma\uff0c", "ᄀᄁ jamo 가각",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkSameTokens(t, "fuzzed", text)
		if got, want := Tokens(string(text)), eachTokenList(text); !slices.Equal(got, want) {
			t.Fatalf("Tokens %q, eachToken %q", got, want)
		}
	})
}

// TestRuneClassesEveryRune: bmpClasses' answer for every rune (and some
// beyond the last) is what isWord and isCJK's oracles answer.
func TestRuneClassesEveryRune(t *testing.T) {
	c := bmpClasses()
	for r := rune(0); r <= unicode.MaxRune+2; r++ {
		word, cjk := c.of(r)
		wantCJK := refIsCJK(r)
		if wantWord := wantCJK || refIsWord(r); word != wantWord || cjk != wantCJK {
			t.Fatalf("%U: token %v, CJK %v; want %v, %v", r, word, cjk, wantWord, wantCJK)
		}
	}
}

// TestDecodeRuneEveryPrefix: decodeRune decodes every sequence of up to
// three bytes, cut short or followed by more, as utf8.DecodeRune does.
func TestDecodeRuneEveryPrefix(t *testing.T) {
	check := func(p []byte) {
		r, n := decodeRune(p)
		if wr, wn := utf8.DecodeRune(p); r != wr || n != wn {
			t.Fatalf("% x: %U, %d; utf8 says %U, %d", p, r, n, wr, wn)
		}
	}
	for b0 := 0x80; b0 < 0x100; b0++ {
		check([]byte{byte(b0)})
		for b1 := range 0x100 {
			check([]byte{byte(b0), byte(b1)})
			for b2 := range 0x100 {
				check([]byte{byte(b0), byte(b1), byte(b2)})
				check([]byte{byte(b0), byte(b1), byte(b2), 0x80})
			}
		}
	}
}
