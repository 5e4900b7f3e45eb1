package charset

import (
	"strings"
	"testing"
)

// asciiPunct writes the typographic quotes and dashes that some charsets
// lack in ASCII, as a page in those charsets writes them.
var asciiPunct = strings.NewReplacer("„", `"`, "“", `"`, "”", `"`, "«", `"`, "»", `"`, "‘", "'", "’", "'", "–", "-", "—", "-")

// cedilla reads Romanian's comma letters as the cedilla letters that
// windows-1250 and iso-8859-2 write at the same bytes as iso-8859-16
// writes them: a text in those letters alone cannot tell the three apart,
// and doc.go's fixed preference picks windows-1250.
var cedilla = strings.NewReplacer("ș", "ş", "ț", "ţ", "Ș", "Ş", "Ț", "Ţ")

// TestShortWindows: every window of 100 and of 200 characters of
// shortTexts, in every charset of its language, without a declaration,
// as plain text and in a bare HTML page, decodes to its text; Romanian's
// comma letters may come back as the cedilla ones. Such windows hold a
// handful of accented letters or fewer, and a few function words.
func TestShortWindows(t *testing.T) {
	n, wrong := 0, 0
	var perText [2][2]int // per paragraph: windows, wrong
	for lang, texts := range shortTexts {
		for i, text := range texts {
			for _, name := range shortCharsets[lang] {
				for _, w := range windows(text) {
					body, ok := encodeIn(w, name)
					if !ok {
						continue
					}
					for _, page := range [][]byte{body, []byte("<html><head><title>t</title></head><body><p>" + string(body) + "</p></body></html>")} {
						n++
						perText[i][0]++
						d := Decide(page, "", "")
						if got, want := Decode(page, d), Decode(page, Decision{Name: name}); cedilla.Replace(got) != cedilla.Replace(want) {
							wrong++
							perText[i][1]++
							t.Logf("%s in %s read as %s (%s): %.80q", lang, name, d.Name, d.Evidence, got)
						}
					}
				}
			}
		}
	}
	if n < 2000 {
		t.Fatalf("only %d windows decided", n)
	}
	if wrong*200 > n {
		t.Errorf("%d of %d windows read wrong, more than 0.5%%", wrong, n)
	}
	t.Logf("%d of %d windows read wrong (school %d of %d, inflation %d of %d)", wrong, n, perText[0][1], perText[0][0], perText[1][1], perText[1][0])
}

// windows returns text's windows of 100 and 200 runes, every 50 runes.
func windows(text string) []string {
	r := []rune(text)
	var out []string
	for start := 0; start+100 <= len(r); start += 50 {
		for _, size := range []int{100, 200} {
			if start+size <= len(r) {
				out = append(out, string(r[start:start+size]))
			}
		}
	}
	return out
}

// encodeIn encodes s in the charset name, with asciiPunct where the
// charset lacks a quote or dash; false when it still cannot, or when the
// result is ASCII (nothing to decide).
func encodeIn(s, name string) ([]byte, bool) {
	b, err := encodeAs(s, name)
	if err != nil {
		if b, err = encodeAs(asciiPunct.Replace(s), name); err != nil {
			return nil, false
		}
	}
	return b, hasHigh(b)
}
