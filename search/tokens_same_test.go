package search

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// stringTokens is eachToken as it was before its ASCII fast path (a
// range over the string's runes, strings.ToLower on every word): the
// reference the tokens of every index ever written were made by.
func stringTokens(text string) []string {
	var out []string
	start, cjkRun := -1, false
	emit := func(run string, cjk bool) {
		if !cjk {
			out = append(out, strings.ToLower(run))
			return
		}
		for i := 0; i < len(run); {
			_, w := utf8.DecodeRuneInString(run[i:])
			out = append(out, run[i:i+w])
			if j := i + w; j < len(run) {
				_, w2 := utf8.DecodeRuneInString(run[j:])
				out = append(out, run[i:j+w2])
			}
			i += w
		}
	}
	for i, r := range text {
		cjk := isCJK(r)
		switch {
		case cjk || isWord(r):
			if start >= 0 && cjk != cjkRun {
				emit(text[start:i], cjkRun)
				start = -1
			}
			if start < 0 {
				start = i
			}
			cjkRun = cjk
		case start >= 0:
			emit(text[start:i], cjkRun)
			start = -1
		}
	}
	if start >= 0 {
		emit(text[start:], cjkRun)
	}
	return out
}

// sameTexts are the eval set's true texts, one page in eight of its HTML
// (whatever its encoding, bytes that are not UTF-8 included; the first
// 64 KB, to keep the test quick under -race) and the seeds, from the
// shared folder beside the checkout; absent, the test says so.
func sameTexts(t *testing.T) map[string]string {
	texts := map[string]string{}
	for _, pattern := range []string{"../../shared/eval/extraction/*/*", "../../shared/seeds/*"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range files {
			html := strings.HasSuffix(f, ".html")
			if html && i%8 != 0 {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if html && len(b) > 64<<10 {
				b = b[:64<<10]
			}
			texts[f] = string(b)
		}
	}
	return texts
}

// TestTokensSameAsBefore: the fast tokenizer, by Tokens and by
// eachToken, gives token for token what the one before it gave, over the
// module's testdata, the eval texts and pages, the seeds, and random
// mixes of scripts, capitals and broken UTF-8.
func TestTokensSameAsBefore(t *testing.T) {
	texts := sameTexts(t)
	if len(texts) == 0 {
		t.Log("no eval data or seeds beside the checkout: testdata and random texts only")
	}
	testdata := repoTestdata(t)
	if len(testdata) < 20 {
		t.Fatalf("only %d testdata files found under the module: the walk is wrong", len(testdata))
	}
	for name, b := range testdata {
		texts[name] = string(b)
	}
	parts := []string{"Word", "ВОДА", "Straße", "ÉTÉ", "網絡", "ひらがな", "한국어", "42", " ", "，", "-", "\xff", "\xe7\xbd", "ǅ", "İ", "K", "x", "\n", "_"}
	rng := rand.New(rand.NewSource(16))
	for i := range 3000 {
		var b strings.Builder
		for range rng.Intn(16) {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		texts["random "+string(rune('a'+i%26))+b.String()] = b.String()
	}
	for name, text := range texts {
		if got, want := Tokens(text), stringTokens(text); !slices.Equal(got, want) {
			t.Fatalf("%s: %d tokens, want %d; first difference at %d", name, len(got), len(want), firstDiff(got, want))
		}
		checkSameTokens(t, name, []byte(text))
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
