package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The tokenizer's oracle is stringTokens (tokens_same_test.go), the
// tokenizer the tokens of every index ever written were made by: the
// tokenizer must agree with it, token for token, on any bytes.

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
	got, want := eachTokenList(text), stringTokens(string(text))
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
// beyond the last) is what isWord and isCJK answer.
func TestRuneClassesEveryRune(t *testing.T) {
	c := bmpClasses()
	for r := rune(0); r <= unicode.MaxRune+2; r++ {
		word, cjk := c.of(r)
		wantCJK := isCJK(r)
		if wantWord := wantCJK || isWord(r); word != wantWord || cjk != wantCJK {
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
